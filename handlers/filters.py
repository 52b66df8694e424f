"""Message filters as async ``Filter`` classes, not magic ``F`` expressions.

aiogram runs any filter that is not a coroutine (``F.text`` included) in a worker
thread; these sit on the path of every message, so they are coroutines.

In a group the bot (with privacy mode on) sees commands, messages that mention it and
replies to it; it answers those addressed to it and stays out of everything else.
"""

from __future__ import annotations

import re
from typing import Any

from aiogram import Bot
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Message

GROUPS = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})


def sent_as_the_group(message: Message) -> bool:
    """A message an anonymous admin sent on behalf of the group itself: Telegram names the
    group as its ``sender_chat`` and a placeholder (GroupAnonymousBot) as its ``from_user``.
    Only a group's admins can write as the group, so this is an admin's message."""
    sender = message.sender_chat
    return sender is not None and sender.id == message.chat.id and message.chat.type in GROUPS


class IsCommand(Filter):
    """A message whose text starts with "/": something for the command routers."""

    async def __call__(self, message: Message) -> bool:
        return (message.text or "").startswith("/")


class InPrivate(Filter):
    """A message in a private chat: in groups the bot speaks only when addressed."""

    async def __call__(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE


class NameToLookUp(Filter):
    """Text that is not a command: in private any; in a group, when it mentions the bot
    or replies to it. Hands the handler the text without the mention as ``query``."""

    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        text = message.text or ""
        if not text or text.startswith("/"):
            return False
        if message.chat.type == ChatType.PRIVATE:
            return {"query": text}
        if message.chat.type not in GROUPS:
            return False
        me = await bot.me()
        # Searched in the text itself: a casefolded copy can be longer ("ß" -> "ss"), and
        # its offsets would cut the name the user wrote after the mention.
        found = re.search(re.escape(f"@{me.username}"), text, re.IGNORECASE) if me.username else None
        if found is not None:
            return {"query": (text[: found.start()] + text[found.end() :]).strip()}
        reply = message.reply_to_message
        if reply is not None and reply.from_user is not None and reply.from_user.id == me.id:
            return {"query": text}
        return False


class UnknownCommand(Filter):
    """A command no router took: in private any; in a group, one written to this bot (/foo@bot)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text or ""
        if not text.startswith("/"):
            return False
        if message.chat.type == ChatType.PRIVATE:
            return True
        command = text.split(maxsplit=1)[0]
        me = await bot.me()
        return "@" in command and command.rsplit("@", 1)[1].casefold() == (me.username or "").casefold()
