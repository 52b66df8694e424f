"""/rank [year]: the whole list, ten a page, paged in place by inline buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Chat, Message

from bot.config import Settings
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import MenuAction, RankPage
from bot.views.ranking import page_exists, rank
from bot.views.screen import Draw
from bot.views.web_page import WebPage
from handlers.replies import answer_below, edit_or_answer


def web_page(settings: Settings, chat: Chat | None) -> WebPage | None:
    """The page's button for this chat, when WEB_APP_URL is set: a Mini App only in a private
    chat (Telegram refuses ``web_app`` buttons elsewhere), a link in groups and channels. No
    chat (a message sent inline) is answered in the presser's private chat, but a link is
    right wherever the message ends up."""
    if settings.web_app_url is None:
        return None
    return WebPage(settings.web_app_url, in_app=chat is not None and chat.type == ChatType.PRIVATE)


async def rank_command(
    message: Message, command: CommandObject, snapshot: Snapshot, draw: Draw, settings: Settings
) -> None:
    page = web_page(settings, message.chat)
    screen = common.for_year_argument("rank", command.args, lambda year: draw(rank, snapshot, year, 0, page))
    await message.answer(screen.text, reply_markup=screen.markup)


async def rank_button(query: CallbackQuery, snapshot: Snapshot, draw: Draw, settings: Settings) -> None:
    page = web_page(settings, query.message.chat if query.message else None)
    await answer_below(query, draw(rank, snapshot, None, 0, page))


async def rank_page(
    query: CallbackQuery, callback_data: RankPage, snapshot: Snapshot, draw: Draw, settings: Settings
) -> None:
    if not page_exists(snapshot, callback_data.year, callback_data.page):
        await query.answer(common.stale_button(), show_alert=True)
        return
    page = web_page(settings, query.message.chat if query.message else None)
    screen = draw(rank, snapshot, callback_data.year, callback_data.page, page)
    if callback_data.fresh:  # under a card or a notification, which stay as they are
        await answer_below(query, screen)
    else:
        await edit_or_answer(query, screen)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(rank_command, Command("rank", ignore_case=True))
    routes.callback_query.register(rank_button, MenuAction.filter(F.action == "rank"))
    routes.callback_query.register(rank_page, RankPage.filter())
    return routes
