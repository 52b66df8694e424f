"""/changes [year]: the biggest risers and fallers against the previous year."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import ChangesView, MenuAction
from bot.views.changes import changes
from bot.views.screen import Draw
from handlers.replies import answer_below, edit_or_answer


async def changes_command(message: Message, command: CommandObject, snapshot: Snapshot, draw: Draw) -> None:
    screen = common.for_year_argument("changes", command.args, lambda year: draw(changes, snapshot, year))
    await message.answer(screen.text, reply_markup=screen.markup)


async def changes_button(query: CallbackQuery, snapshot: Snapshot, draw: Draw) -> None:
    await answer_below(query, draw(changes, snapshot, None))


async def changes_year(
    query: CallbackQuery, callback_data: ChangesView, snapshot: Snapshot, draw: Draw
) -> None:
    if not snapshot.book.comparable(callback_data.year):
        await query.answer(common.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, draw(changes, snapshot, callback_data.year))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(changes_command, Command("changes", ignore_case=True))
    routes.callback_query.register(changes_button, MenuAction.filter(F.action == "changes"))
    routes.callback_query.register(changes_year, ChangesView.filter())
    return routes
