"""Plain text is a name to look up (in a group: when it mentions the bot or replies to it);
a greeting, thanks or a call for help is answered as such."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.domain import smalltalk
from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.views import start
from bot.views.lookup import lookup
from bot.views.screen import Draw
from handlers.filters import NameToLookUp


async def lookup_text(
    message: Message, query: str, snapshot: Snapshot, draw: Draw, recent: RecentQueries
) -> None:
    talk = smalltalk.kind_of(query)
    if talk is not None:
        name = message.from_user.first_name if message.from_user else ""
        screen = start.small_talk(snapshot, talk, name)
    else:
        recent.remember(query)  # for the "More" button of a list of choices
        screen = draw(lookup, snapshot, query)
    await message.answer(screen.text, reply_markup=screen.markup)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(lookup_text, NameToLookUp())
    return routes
