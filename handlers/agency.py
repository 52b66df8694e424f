"""The agency card: from /agency NAME and from the buttons that pick one of several matches."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import AgencyCard
from bot.views.cards import card
from bot.views.lookup import agency_prompt, lookup
from bot.views.screen import Draw
from handlers.replies import edit_or_answer


async def agency_command(message: Message, command: CommandObject, snapshot: Snapshot, draw: Draw) -> None:
    query = command.args or ""
    screen = draw(lookup, snapshot, query) if query.strip() else agency_prompt()
    await message.answer(screen.text, reply_markup=screen.markup)


async def agency_button(
    query: CallbackQuery, callback_data: AgencyCard, snapshot: Snapshot, draw: Draw
) -> None:
    if snapshot.body(callback_data.slug) is None:
        await query.answer(common.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, draw(card, snapshot, callback_data.slug))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(agency_command, Command("agency"))
    routes.callback_query.register(agency_button, AgencyCard.filter())
    return routes
