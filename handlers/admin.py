"""/stats, for the operators listed in ADMIN_IDS only."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.config import Settings
from bot.store import Store
from bot.views.admin import stats

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


async def stats_command(message: Message, store: Store, settings: Settings) -> None:
    progress = await store.outbox.progress(1)
    text = stats(
        await store.subscriptions.totals(),
        progress,
        rate=settings.notify_rate,
        paid=settings.notify_paid_broadcast,
    )
    await message.answer(text)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(stats_command, Command("stats", ignore_case=True), is_admin)
    return routes
