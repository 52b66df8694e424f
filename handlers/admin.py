"""/stats, for the operators listed in ADMIN_IDS only."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot import subscribing
from bot.config import Settings
from bot.store import Store

router = Router(name=__name__)


async def is_admin(message: Message, settings: Settings) -> bool:
    """A filter: for anyone else /stats is an unknown command, like any other.

    A coroutine, so aiogram does not run it in a thread (see handlers/filters.py).
    """
    return message.from_user is not None and message.from_user.id in settings.admin_ids


@router.message(Command("stats"), is_admin)
async def stats(message: Message, store: Store) -> None:
    text = subscribing.stats(await store.subscriptions.totals(), await store.outbox.progress(1))
    await message.answer(text)
