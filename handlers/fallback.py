"""What nothing else handled: unknown commands, stickers and photos, stale buttons.

In groups the bot stays quiet unless addressed by a command it knows, so it never
answers other people's conversation.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot import render
from handlers.filters import CommandInPrivate, InPrivate

router = Router(name=__name__)


@router.message(CommandInPrivate())
async def unknown_command(message: Message) -> None:
    await message.answer(render.unknown_command())


@router.message(InPrivate())
async def not_text(message: Message) -> None:
    await message.answer(render.not_text())


@router.callback_query()
async def stale_button(query: CallbackQuery) -> None:
    await query.answer(render.stale_button(), show_alert=True)
