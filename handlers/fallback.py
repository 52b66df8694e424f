"""What nothing else handled: unknown commands, stickers and photos, stale buttons.

In groups the bot answers only what is addressed to it (a command written to it, a
mention, a reply), so it never answers other people's conversation.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.views import common
from handlers.filters import InPrivate, UnknownCommand


async def unknown_command(message: Message) -> None:
    await message.answer(common.unknown_command())


async def not_text(message: Message) -> None:
    await message.answer(common.not_text())


async def stale_button(query: CallbackQuery) -> None:
    await query.answer(common.stale_button(), show_alert=True)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(unknown_command, UnknownCommand())
    routes.message.register(not_text, InPrivate())
    routes.callback_query.register(stale_button)
    return routes
