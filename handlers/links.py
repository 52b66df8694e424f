"""The bot's own username, which every card's deep link (t.me/<bot>?start=<slug>) needs."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError


async def username(bot: Bot) -> str:
    """Asked once, then remembered by aiogram; "" when Telegram cannot say: a card without its
    link beats no card."""
    try:
        me = await bot.me()
    except TelegramAPIError:
        return ""
    return me.username or ""
