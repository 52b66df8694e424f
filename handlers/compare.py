"""/compare A, B[, C], and the buttons that choose a body for a name that could be several."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import ComparePick
from bot.views.compare import MAX_BODIES, compare, unpack_picks
from bot.views.screen import Draw
from handlers.replies import edit_or_answer


async def compare_command(
    message: Message, command: CommandObject, snapshot: Snapshot, draw: Draw, recent: RecentQueries
) -> None:
    text = command.args or ""
    if text.strip():
        recent.remember(text)  # for the buttons that choose among several bodies
    screen = draw(compare, snapshot, text)
    await message.answer(screen.text, reply_markup=screen.markup)


async def compare_pick(
    query: CallbackQuery, callback_data: ComparePick, snapshot: Snapshot, draw: Draw, recent: RecentQueries
) -> None:
    text = recent.find(callback_data.key)
    picks = unpack_picks(callback_data.picks)
    known = all(not slug or snapshot.body(slug) is not None for slug in picks)
    if text is None or not known or len(picks) > MAX_BODIES:
        await query.answer(common.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, draw(compare, snapshot, text, picks, callback_data.page))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(compare_command, Command("compare", ignore_case=True))
    routes.callback_query.register(compare_pick, ComparePick.filter())
    return routes
