"""Outer middlewares: what every update gets before a handler sees it.

* :class:`SnapshotMiddleware` hands the handler one :class:`Snapshot` (``snapshot``) for
  the whole update;
* :class:`InactiveChats` reactivates a chat that writes again after the worker found it gone
  (when the database takes no writes, on a later message: the answer never waits on it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject

from bot.domain.catalog import Catalog
from bot.store import Store
from bot.store.failures import WriteRefusedError

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class SnapshotMiddleware(BaseMiddleware):
    """One snapshot per update: nothing re-reads the catalog while a handler works."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["snapshot"] = await self.catalog.snapshot()
        return await handler(event, data)


class InactiveChats(BaseMiddleware):
    """On messages and button presses; the set is in memory, so an active chat costs no query."""

    def __init__(self, store: Store, inactive: set[int]) -> None:
        self.store = store
        self.inactive = inactive

    def mark(self, chat_id: int) -> None:
        """Called by the worker when a chat turns out to be gone."""
        self.inactive.add(chat_id)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.id in self.inactive:
            try:
                with self.store.writes.watch("marking a chat active again"):
                    await self.store.subscriptions.reactivate(chat.id)
            except WriteRefusedError:
                pass  # still marked inactive here: its next message tries again
            else:
                self.inactive.discard(chat.id)
        return await handler(event, data)
