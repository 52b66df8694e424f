"""/start, /help and the main-menu help button."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.domain.snapshot import Snapshot
from bot.views.callbacks import MenuAction
from bot.views.cards import card
from bot.views.screen import Draw
from bot.views.start import greeting, help_screen
from handlers.filters import GROUPS
from handlers.replies import answer_below


async def start(message: Message, command: CommandObject, bot: Bot, snapshot: Snapshot, draw: Draw) -> None:
    """/start; /start <slug> (the "Open in the bot" link under a card sent inline): that card."""
    if command.args and snapshot.body(command.args) is not None:
        screen = draw(card, snapshot, command.args)
        await message.answer(screen.text, reply_markup=screen.markup)
        return
    mention = ""
    if message.chat.type in GROUPS:
        me = await bot.me()
        mention = f"@{me.username}" if me.username else ""
    screen = greeting(snapshot, message.from_user.first_name if message.from_user else "", mention)
    await message.answer(screen.text, reply_markup=screen.markup)


async def help_command(message: Message) -> None:
    await message.answer(help_screen().text)


async def help_button(query: CallbackQuery) -> None:
    await answer_below(query, help_screen())


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(start, CommandStart(ignore_case=True))
    routes.message.register(help_command, Command("help", ignore_case=True))
    routes.callback_query.register(help_button, MenuAction.filter(F.action == "help"))
    return routes
