"""A chat that wrote to the bot again is reachable again: reactivate it.

The delivery worker marks a chat inactive when Telegram says it blocked the bot; the
set of such chats is kept in memory, so the common case (an active chat) costs no query.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject

from bot.store import Store


class InactiveChats(BaseMiddleware):
    """Outer middleware on messages and button presses."""

    def __init__(self, store: Store, inactive: set[int]) -> None:
        self.store = store
        self.inactive = inactive

    def mark(self, chat_id: int) -> None:
        """Called by the worker when a chat turns out to be gone."""
        self.inactive.add(chat_id)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.id in self.inactive:
            self.inactive.discard(chat.id)
            await self.store.subscriptions.reactivate(chat.id)
        return await handler(event, data)
