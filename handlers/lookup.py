"""Any plain text in a private chat is a name to look up."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.domain.snapshot import Snapshot
from bot.views.lookup import lookup
from bot.views.screen import Draw
from handlers.filters import PlainTextInPrivate


async def lookup_text(message: Message, snapshot: Snapshot, draw: Draw) -> None:
    screen = draw(lookup, snapshot, message.text or "")
    await message.answer(screen.text, reply_markup=screen.markup)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(lookup_text, PlainTextInPrivate())
    return routes
