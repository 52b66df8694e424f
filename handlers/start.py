"""/start, /help and the main-menu help button."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.config import Settings
from bot.domain.snapshot import Snapshot
from bot.views.callbacks import MenuAction
from bot.views.deep_links import opened
from bot.views.start import greeting, help_screen
from bot.views.web_page import for_chat
from handlers import links
from handlers.filters import GROUPS
from handlers.replies import answer_below


async def start(
    message: Message, command: CommandObject, bot: Bot, snapshot: Snapshot, settings: Settings
) -> None:
    """/start; a deep link's payload (t.me/<bot>?start=moh, ?start=rank_2024): that card, that
    year's list; a payload that names neither gets the greeting."""
    if command.args:  # rare enough to draw afresh: no screen cache
        page = for_chat(settings.web_app_url, message.chat.type)
        link = opened(snapshot, command.args, await links.username(bot), page)
        if link is not None:
            await message.answer(link.text, reply_markup=link.markup)
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
