"""Message filters as async ``Filter`` classes, not magic ``F`` expressions.

aiogram runs any filter that is not a coroutine (``F.text`` included) in a worker
thread; these sit on the path of every message, so they are coroutines.
"""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Message


class IsCommand(Filter):
    """A message whose text starts with "/": something for the command routers."""

    async def __call__(self, message: Message) -> bool:
        return (message.text or "").startswith("/")


class InPrivate(Filter):
    """A message in a private chat: in groups the bot speaks only when commanded."""

    async def __call__(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE


class PlainTextInPrivate(Filter):
    """Text that is not a command, in a private chat: a search for an agency."""

    async def __call__(self, message: Message) -> bool:
        return (
            message.chat.type == ChatType.PRIVATE
            and bool(message.text)
            and not (message.text or "").startswith("/")
        )


class CommandInPrivate(Filter):
    """A command in a private chat (one no other router took: an unknown one)."""

    async def __call__(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE and (message.text or "").startswith("/")
