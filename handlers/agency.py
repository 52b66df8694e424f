"""The agency card: from /agency TEXT, from any plain text in a private chat, and from
the buttons that pick one of several matches."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot import render, screens
from bot.callbacks import AgencyCard
from bot.catalog import RatingCatalog
from handlers.filters import PlainTextInPrivate
from handlers.replies import edit_or_answer

router = Router(name=__name__)


# First: most messages are plain text, and this filter is cheaper than parsing a command.
@router.message(PlainTextInPrivate())
async def agency_by_text(message: Message, catalog: RatingCatalog, language: str) -> None:
    screen = screens.search(catalog, await catalog.book(), message.text or "", language)
    await message.answer(screen.text, reply_markup=screen.markup)


@router.message(Command("agency"))
async def agency_command(
    message: Message, command: CommandObject, catalog: RatingCatalog, language: str
) -> None:
    if not command.args or not command.args.strip():
        await message.answer(render.agency_prompt())
        return
    screen = screens.search(catalog, await catalog.book(), command.args, language)
    await message.answer(screen.text, reply_markup=screen.markup)


@router.callback_query(AgencyCard.filter())
async def agency_button(
    query: CallbackQuery, callback_data: AgencyCard, catalog: RatingCatalog, language: str
) -> None:
    screen = screens.agency(catalog, await catalog.book(), callback_data.slug, language)
    if screen is None:
        await query.answer(render.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, screen)
