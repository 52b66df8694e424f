"""/export [year] [xlsx|csv] and the "⬇️ Export" button: the year's table as a document."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.domain.export import exportable_years
from bot.domain.snapshot import Snapshot
from bot.export.writer import write
from bot.views import common
from bot.views.callbacks import ExportFile
from bot.views.export import FORMATS, ExportRequest, caption, export_table, parse_request
from bot.views.screen import Screen


async def send_table(bot: Bot, chat_id: int, snapshot: Snapshot, request: ExportRequest) -> None:
    """The table is laid out here, in the reader's language; the file is written in a
    thread (an XLSX loads openpyxl the first time and takes tens of milliseconds)."""
    table = export_table(snapshot, request.year)
    data = await asyncio.to_thread(write, table, request.format)
    document = BufferedInputFile(data, filename=request.file_name)
    await bot.send_document(chat_id, document, caption=caption(snapshot, request))


async def export_command(message: Message, command: CommandObject, snapshot: Snapshot, bot: Bot) -> None:
    request = parse_request(snapshot, command.args)
    if isinstance(request, Screen):
        await message.answer(request.text, reply_markup=request.markup)
        return
    await send_table(bot, message.chat.id, snapshot, request)


async def export_button(
    query: CallbackQuery, callback_data: ExportFile, snapshot: Snapshot, bot: Bot
) -> None:
    if callback_data.year not in exportable_years(snapshot.book) or callback_data.format not in FORMATS:
        await query.answer(common.stale_button(), show_alert=True)
        return
    await query.answer()
    chat_id = query.message.chat.id if query.message is not None else query.from_user.id
    await send_table(bot, chat_id, snapshot, ExportRequest(callback_data.year, callback_data.format))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(export_command, Command("export", ignore_case=True))
    routes.callback_query.register(export_button, ExportFile.filter())
    return routes
