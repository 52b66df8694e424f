"""/language: the user's choice of ru, kk or en, remembered across restarts."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot import keyboards, render, screens
from bot.agencies import LANGUAGES
from bot.callbacks import LanguageChoice, MenuAction
from bot.i18n import LanguagePreferences
from bot.screens import Screen
from handlers.replies import answer_below, edit_or_answer

router = Router(name=__name__)


@router.message(Command("language"))
async def language_command(message: Message, language: str) -> None:
    screen = screens.language_menu(language)
    await message.answer(screen.text, reply_markup=screen.markup)


@router.callback_query(MenuAction.filter(F.action == "language"))
async def language_button(query: CallbackQuery, language: str) -> None:
    screen = screens.language_menu(language)
    await answer_below(query, screen)


@router.callback_query(LanguageChoice.filter())
async def language_chosen(
    query: CallbackQuery, callback_data: LanguageChoice, preferences: LanguagePreferences, i18n: I18n
) -> None:
    if callback_data.code not in LANGUAGES:
        await query.answer(render.stale_button(), show_alert=True)
        return
    await preferences.set(query.from_user.id, callback_data.code)
    with i18n.use_locale(callback_data.code):
        # The menu becomes the confirmation, its tick on the new choice, in the new language.
        screen = Screen(render.language_set(), keyboards.languages(callback_data.code))
    await edit_or_answer(query, screen)
