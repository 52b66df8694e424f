"""The agency card: from /agency NAME, from the buttons that pick one of several matches,
and from the buttons that page through those matches."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import AgencyCard, ChoicePage
from bot.views.cards import card
from bot.views.lookup import agency_prompt, lookup
from bot.views.screen import Draw
from handlers import links
from handlers.replies import edit_or_answer


async def agency_command(
    message: Message, command: CommandObject, bot: Bot, snapshot: Snapshot, draw: Draw, recent: RecentQueries
) -> None:
    query = command.args or ""
    if not query.strip():
        screen = agency_prompt()
    else:
        recent.remember(query)
        screen = draw(lookup, snapshot, query, 0, await links.username(bot))
    await message.answer(screen.text, reply_markup=screen.markup)


async def agency_button(
    query: CallbackQuery, callback_data: AgencyCard, bot: Bot, snapshot: Snapshot, draw: Draw
) -> None:
    if snapshot.body(callback_data.slug) is None or not 0 <= callback_data.year <= 9999:
        await query.answer(common.stale_button(), show_alert=True)
        return
    username = await links.username(bot)
    await edit_or_answer(query, draw(card, snapshot, callback_data.slug, callback_data.year, username))


async def choices_page(
    query: CallbackQuery,
    callback_data: ChoicePage,
    bot: Bot,
    snapshot: Snapshot,
    draw: Draw,
    recent: RecentQueries,
) -> None:
    text = recent.find(callback_data.key)
    if text is None:  # remembered no longer (a restart, or long ago)
        await query.answer(common.stale_button(), show_alert=True)
        return
    username = await links.username(bot)
    await edit_or_answer(query, draw(lookup, snapshot, text, callback_data.page, username))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(agency_command, Command("agency", ignore_case=True))
    routes.callback_query.register(agency_button, AgencyCard.filter())
    routes.callback_query.register(choices_page, ChoicePage.filter())
    return routes
