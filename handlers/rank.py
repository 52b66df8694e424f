"""/rank [year]: the whole list, ten a page, paged in place by inline buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Chat, Message

from bot.config import Settings
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import MenuAction, RankPage
from bot.views.ranking import page_exists, rank
from bot.views.screen import Draw
from bot.views.web_page import WebPage, for_chat
from handlers.replies import answer_below, edit_or_answer


def web_page(settings: Settings, chat: Chat | None) -> WebPage | None:
    """The page's button for this chat (bot/views/web_page.py): no chat is a message sent
    inline, and a link is right wherever that ends up."""
    return for_chat(settings.web_app_url, chat.type if chat is not None else None)


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
