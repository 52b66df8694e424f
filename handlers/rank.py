"""/rank [year]: the whole list, ten a page, paged in place by inline buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import render, screens
from bot.callbacks import MenuAction, RankPage
from bot.catalog import RatingCatalog
from handlers.replies import answer_below, edit_or_answer

router = Router(name=__name__)


@router.message(Command("rank"))
async def rank_command(
    message: Message, command: CommandObject, catalog: RatingCatalog, language: str
) -> None:
    book = await catalog.book()
    screen = screens.for_year_argument(
        command.args, lambda year: screens.rank(catalog, book, year, 0, language)
    )
    await message.answer(screen.text, reply_markup=screen.markup)


@router.callback_query(MenuAction.filter(F.action == "rank"))
async def rank_button(query: CallbackQuery, catalog: RatingCatalog, language: str) -> None:
    screen = screens.rank(catalog, await catalog.book(), None, 0, language)
    await answer_below(query, screen)


@router.callback_query(RankPage.filter())
async def rank_page(
    query: CallbackQuery, callback_data: RankPage, catalog: RatingCatalog, language: str
) -> None:
    book = await catalog.book()
    if not screens.rank_page_exists(book, callback_data.year, callback_data.page):
        await query.answer(render.stale_button(), show_alert=True)
        return
    screen = screens.rank(catalog, book, callback_data.year, callback_data.page, language)
    await edit_or_answer(query, screen)
