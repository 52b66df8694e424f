"""The command menu beside the text field, in the language of the context: what /language
sets for a private chat, and what the app sets for each app language at start."""

from __future__ import annotations

import pytest

from bot.views.commands import menu
from tests.unit.views.conftest import Speaker

COMMANDS = [
    "rank",
    "changes",
    "chart",
    "export",
    "agency",
    "compare",
    "subscribe",
    "subscriptions",
    "unsubscribe",
    "language",
    "help",
    "start",
]


#: The menu's descriptions, in each language (the e2e test of start-up reads these too).
MENU_DESCRIPTIONS: dict[str, list[str]] = {
    "ru": [
        "Весь рейтинг",
        "Главные взлёты и падения",
        "График госоргана или всего списка",
        "Таблица файлом (XLSX или CSV)",
        "Карточка госоргана",
        "Сравнить два или три госоргана",
        "Узнавать о каждом новом рейтинге",
        "Подписки в этом чате",
        "Отменить подписку",
        "Язык",
        "Что я умею",
        "Начать",
    ],
    "kk": [
        "Толық рейтинг",
        "Ең көп өскендер мен түскендер",
        "Мемлекеттік органның немесе толық тізімнің графигі",
        "Кестені файл түрінде алу (XLSX не CSV)",
        "Мемлекеттік органның карточкасы",
        "Екі не үш мемлекеттік органды салыстыру",
        "Әр жаңа рейтинг туралы хабарлама алу",
        "Осы чаттың жазылымдары",
        "Жазылымнан шығу",
        "Тіл",
        "Мен не істей аламын",
        "Бастау",
    ],
    "en": [
        "The whole rating",
        "Biggest risers and fallers",
        "A chart of a body or of the whole list",
        "The table as a file (XLSX or CSV)",
        "One body's card",
        "Compare two or three bodies",
        "Get notified of each new rating",
        "This chat's subscriptions",
        "Cancel notifications",
        "Language",
        "What I can do",
        "Start",
    ],
}


@pytest.mark.parametrize(("language", "descriptions"), list(MENU_DESCRIPTIONS.items()))
def test_the_menu_describes_every_command_in_the_language_of_the_context(
    speak: Speaker, language: str, descriptions: list[str]
) -> None:
    commands = speak(language, menu)

    assert [command.command for command in commands] == COMMANDS
    assert [command.description for command in commands] == descriptions
