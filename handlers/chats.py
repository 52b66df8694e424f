"""What Telegram says about a chat itself: a group that became a supergroup moves what it
follows to its new id (the service message comes from the old group)."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.filters import Filter
from aiogram.types import Message

from bot.store import Store


class Migrated(Filter):
    """The service message of a group that became a supergroup; hands on ``new_id``."""

    async def __call__(self, message: Message) -> bool | dict[str, Any]:
        if message.migrate_to_chat_id is None:
            return False
        return {"new_id": message.migrate_to_chat_id}


async def chat_migrated(message: Message, new_id: int, store: Store) -> None:
    await store.subscriptions.migrate(message.chat.id, new_id)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(chat_migrated, Migrated())
    return routes
