"""/start, /help and the main-menu buttons."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, Message

from bot import render, screens
from bot.callbacks import MenuAction
from bot.catalog import RatingCatalog
from bot.screens import Screen
from handlers.replies import answer_below

router = Router(name=__name__)


@router.message(CommandStart())
async def start(message: Message, catalog: RatingCatalog) -> None:
    name = message.from_user.first_name if message.from_user else ""
    screen = screens.greeting(await catalog.book(), name)
    await message.answer(screen.text, reply_markup=screen.markup)


@router.message(Command("help"))
async def help_command(message: Message) -> None:
    await message.answer(render.help_text())


@router.callback_query(MenuAction.filter(F.action == "help"))
async def help_button(query: CallbackQuery) -> None:
    await answer_below(query, Screen(render.help_text()))
