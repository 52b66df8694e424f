"""/stats, for the operators listed in ADMIN_IDS only, and only in a private chat.

Sent in a group, the figures go to the admin privately: a group's members are not all
operators. When the bot cannot write to the admin (they never started it), the group is
told where to ask, without the figures.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import Message

from bot.config import Settings
from bot.store import Store
from bot.views.admin import stats, stats_in_private, stats_sent_privately

log = logging.getLogger(__name__)


async def is_admin(message: Message, settings: Settings) -> bool:
    """A filter: for anyone else /stats is an unknown command, like any other.

    The refusal is logged with the user's id: how an operator finds their own for ADMIN_IDS.
    """
    user = message.from_user
    if user is not None and user.id in settings.admin_ids:
        return True
    log.info("/stats from user %s, who is not in ADMIN_IDS", user.id if user else "unknown")
    return False


async def stats_command(message: Message, bot: Bot, store: Store, settings: Settings) -> None:
    progress = await store.outbox.progress(1)
    text = stats(
        await store.subscriptions.totals(),
        progress,
        rate=settings.notify_rate,
        paid=settings.notify_paid_broadcast,
    )
    if message.chat.type == ChatType.PRIVATE:
        await message.answer(text)
        return
    user = message.from_user
    if user is None:  # is_admin let it through, so an admin sent it: never the case
        return
    try:
        await bot.send_message(user.id, text)
    except TelegramAPIError as error:  # most often: the admin never started a chat with the bot
        log.info("/stats in chat %s: could not answer user %s privately: %s", message.chat.id, user.id, error)
        await message.answer(stats_in_private())
        return
    await message.answer(stats_sent_privately())


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(stats_command, Command("stats", ignore_case=True), is_admin)
    return routes
