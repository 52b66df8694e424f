"""How a button's answer is shown: under the menu, or in place of the message."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from bot.views.screen import Screen


async def answer_below(query: CallbackQuery, screen: Screen) -> None:
    """A menu button opens a new message under the menu, which stays usable."""
    await query.answer()
    if query.message is not None:
        await query.message.answer(screen.text, reply_markup=screen.markup)


async def edit_or_answer(query: CallbackQuery, screen: Screen) -> None:
    """Edit the button's message; send a new one if it is too old or inaccessible.

    "message is not modified" (a double tap) is not an error to the user.
    """
    await query.answer()
    message = query.message
    if query.bot is None:
        return
    if message is None:  # a button under a message sent inline: only the presser can be answered
        await query.bot.send_message(query.from_user.id, screen.text, reply_markup=screen.markup)
        return
    if not isinstance(message, Message):  # too old to edit: a new message in the same chat
        await query.bot.send_message(message.chat.id, screen.text, reply_markup=screen.markup)
        return
    try:
        await message.edit_text(screen.text, reply_markup=screen.markup)
    except TelegramBadRequest as error:
        if "not modified" in error.message:
            return
        await message.answer(screen.text, reply_markup=screen.markup)
