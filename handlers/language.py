"""/language: the user's choice of language, remembered across restarts."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import BotCommandScopeChat, CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.domain.languages import LANGUAGES
from bot.domain.preferences import LanguagePreferences
from bot.views import common, language
from bot.views.callbacks import LanguageChoice, MenuAction
from bot.views.commands import menu
from handlers.replies import answer_below, edit_or_answer


async def language_command(message: Message) -> None:
    screen = language.menu()
    await message.answer(screen.text, reply_markup=screen.markup)


async def language_button(query: CallbackQuery) -> None:
    await answer_below(query, language.menu())


async def language_chosen(
    query: CallbackQuery,
    callback_data: LanguageChoice,
    bot: Bot,
    preferences: LanguagePreferences,
    i18n: I18n,
) -> None:
    if callback_data.code not in LANGUAGES:
        await query.answer(common.stale_button(), show_alert=True)
        return
    saved = await preferences.set(query.from_user.id, callback_data.code)
    with i18n.use_locale(callback_data.code):
        screen = language.chosen() if saved else language.not_saved()
        commands = menu()
    await edit_or_answer(query, screen)
    chat = query.message.chat if query.message else None
    if chat is not None and chat.type == ChatType.PRIVATE:
        # The menu beside the text field, in the new language too (a group's is everyone's).
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=chat.id))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(language_command, Command("language", ignore_case=True))
    routes.callback_query.register(language_button, MenuAction.filter(F.action == "language"))
    routes.callback_query.register(language_chosen, LanguageChoice.filter())
    return routes
