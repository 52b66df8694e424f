"""/changes [year]: the biggest risers and fallers against the previous year."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import render, screens
from bot.callbacks import ChangesView, MenuAction
from bot.catalog import RatingCatalog
from handlers.replies import answer_below, edit_or_answer

router = Router(name=__name__)


@router.message(Command("changes"))
async def changes_command(
    message: Message, command: CommandObject, catalog: RatingCatalog, language: str
) -> None:
    book = await catalog.book()
    screen = screens.for_year_argument(
        command.args, lambda year: screens.changes(catalog, book, year, language)
    )
    await message.answer(screen.text, reply_markup=screen.markup)


@router.callback_query(MenuAction.filter(F.action == "changes"))
async def changes_button(query: CallbackQuery, catalog: RatingCatalog, language: str) -> None:
    screen = screens.changes(catalog, await catalog.book(), None, language)
    await answer_below(query, screen)


@router.callback_query(ChangesView.filter())
async def changes_year(
    query: CallbackQuery, callback_data: ChangesView, catalog: RatingCatalog, language: str
) -> None:
    book = await catalog.book()
    if callback_data.year not in book.ranked_years():
        await query.answer(render.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, screens.changes(catalog, book, callback_data.year, language))
