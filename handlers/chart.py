"""/chart and every 📈 button: the picture, drawn in the chart worker once, then re-sent by file_id."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.chat_action import ChatActionSender

from bot.domain.chart_files import ChartDrawingError, ChartFiles, Renderer
from bot.domain.snapshot import Snapshot
from bot.store import Store
from bot.views.callbacks import Chart
from bot.views.charts.buttons import retry
from bot.views.charts.common import drawing_failed
from bot.views.charts.request import ChartView, chart_request, chart_view
from bot.views.formatting import plain

log = logging.getLogger(__name__)


async def followed(store: Store, chat_id: int, data: Chart) -> list[str]:
    """The bodies the chat follows: outlined on the year's list (the only chart that shows them)."""
    if data.kind != "year":
        return []
    return await store.subscriptions.topics(chat_id)


async def send_chart(bot: Bot, chat_id: int, view: ChartView, files: ChartFiles, pool: Renderer) -> None:
    """By file_id when uploaded before; else drawn off the event loop, uploaded and remembered."""
    async with files.drawing(view.key):
        file_id = files.file_id(view.key)
        if file_id is None:
            # "sending a photo…" at once, and again every 5 s while a slow first chart is drawn
            await bot.send_chat_action(chat_id, ChatAction.UPLOAD_PHOTO)
            async with ChatActionSender.upload_photo(bot=bot, chat_id=chat_id, initial_sleep=5):
                png = await pool.render(view.spec)
            photo = BufferedInputFile(png, filename="chart.png")
            sent = await bot.send_photo(chat_id, photo, caption=view.caption, reply_markup=view.markup)
            if sent.photo:
                files.remember(view.key, sent.photo[-1].file_id)
            return
    await bot.send_photo(chat_id, file_id, caption=view.caption, reply_markup=view.markup)


async def show(
    bot: Bot, chat_id: int, data: Chart, snapshot: Snapshot, store: Store, files: ChartFiles, pool: Renderer
) -> str | None:
    """Sends the chart (or its figures as text); returns why not, when it cannot."""
    view = chart_view(snapshot, data, await followed(store, chat_id, data))
    if not isinstance(view, ChartView):
        return view.text
    if data.text:
        await bot.send_message(chat_id, view.text)
        return None
    try:
        await send_chart(bot, chat_id, view, files, pool)
    except ChartDrawingError as error:
        log.warning("Chart not drawn: %s", error)
        await bot.send_message(chat_id, drawing_failed(), reply_markup=retry(data))
    return None


async def chart_command(
    message: Message,
    command: CommandObject,
    bot: Bot,
    snapshot: Snapshot,
    store: Store,
    chart_files: ChartFiles,
    chart_pool: Renderer,
) -> None:
    request = chart_request(snapshot, command.args)
    if not isinstance(request, Chart):
        await message.answer(request.text, reply_markup=request.markup)
        return
    refusal = await show(bot, message.chat.id, request, snapshot, store, chart_files, chart_pool)
    if refusal is not None:
        await message.answer(refusal)


async def chart_button(
    query: CallbackQuery,
    callback_data: Chart,
    bot: Bot,
    snapshot: Snapshot,
    store: Store,
    chart_files: ChartFiles,
    chart_pool: Renderer,
) -> None:
    # Under a message sent inline there is no chat to answer in: the presser's own chat.
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    view = chart_view(snapshot, callback_data)  # checked first: a stale button changes nothing
    if not isinstance(view, ChartView):
        await query.answer(plain(view.text), show_alert=True)
        return
    await query.answer()
    refusal = await show(bot, chat_id, callback_data, snapshot, store, chart_files, chart_pool)
    if refusal is not None:
        await bot.send_message(chat_id, refusal)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(chart_command, Command("chart", ignore_case=True))
    routes.callback_query.register(chart_button, Chart.filter())
    return routes
