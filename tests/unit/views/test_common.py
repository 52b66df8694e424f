"""The short replies any feature gives, and reading a command's optional year: none, a
four-digit year, or something that is not a year and gets told how to write one."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.domain.snapshot import Snapshot
from bot.views.common import (
    for_year_argument,
    no_data,
    not_text,
    parse_year,
    stale_button,
    unknown_command,
    unknown_year,
)
from bot.views.ranking import rank
from bot.views.screen import Screen
from tests.unit.views.conftest import Speaker

NOT_A_YEAR = {
    "ru": "«{argument}» — это не год. Укажите год четырьмя цифрами, например: /{command} 2024",
    "kk": "«{argument}» — жыл емес. Жылды төрт цифрмен жазыңыз, мысалы: /{command} 2024",
    "en": "«{argument}» is not a year. Write it with four digits, e.g. /{command} 2024",
}


# -- parse_year -------------------------------------------------------------------------------


@pytest.mark.parametrize("argument", [None, "", "   ", "\n"])
def test_no_argument_names_no_year(argument: str | None) -> None:
    assert parse_year(argument) is None


@pytest.mark.parametrize(("argument", "year"), [("2024", 2024), ("  2025 ", 2025), ("1999", 1999)])
def test_four_digits_are_a_year(argument: str, year: int) -> None:
    assert parse_year(argument) == year


@pytest.mark.parametrize("argument", ["24", "20245", "abc", "2024a", "-2024", "2024.0", "20 24", "2024 2025"])
def test_anything_else_is_not_a_year(argument: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_year(argument)


# -- for_year_argument ------------------------------------------------------------------------


class Recorder:
    """A stand-in screen that remembers which year it was asked for."""

    def __init__(self) -> None:
        self.asked: list[int | None] = []

    def __call__(self, year: int | None) -> Screen:
        self.asked.append(year)
        return Screen(f"year {year}")


@pytest.mark.parametrize(("argument", "year"), [(None, None), ("", None), ("2024", 2024), (" 2020 ", 2020)])
def test_a_year_or_none_is_handed_to_the_screen(argument: str | None, year: int | None) -> None:
    show = Recorder()

    assert for_year_argument("rank", argument, show) == Screen(f"year {year}")
    assert show.asked == [year]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_bad_year_gets_how_to_write_one_and_the_screen_is_not_drawn(speak: Speaker, language: str) -> None:
    show = Recorder()

    screen = speak(language, for_year_argument, "rank", "двадцать", show)

    assert screen == Screen(NOT_A_YEAR[language].format(argument="двадцать", command="rank"))
    assert show.asked == []


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
@pytest.mark.parametrize("command", ["rank", "changes"])
def test_the_example_of_a_year_names_the_command_that_was_sent(
    speak: Speaker, language: str, command: str
) -> None:
    """/changes abc is shown "/changes 2024", not /rank's example."""
    screen = speak(language, for_year_argument, command, "abc", Recorder())

    assert screen.text == NOT_A_YEAR[language].format(argument="abc", command=command)
    assert screen.text.endswith(f"/{command} 2024")


def test_a_bad_year_is_echoed_escaped_and_shortened(speak: Speaker) -> None:
    screen = speak("en", for_year_argument, "rank", "<b>" + "9" * 100, Recorder())

    assert screen.text == NOT_A_YEAR["en"].format(argument="&lt;b&gt;" + "9" * 76 + "…", command="rank")


def test_the_year_argument_reaches_a_real_view(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("kk", for_year_argument, "rank", "2024", lambda year: rank(snapshot, year, 0))

    assert screen == speak("kk", rank, snapshot, 2024, 0)


# -- short replies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Полного рейтинга за 2030 год нет. Есть данные за: 2025, 2024."),
        ("kk", "2030 жылғы толық рейтинг жоқ. Қолжетімді жылдар: 2025, 2024."),
        ("en", "There is no complete rating for 2030. Available: 2025, 2024."),
    ],
)
def test_an_unknown_year_lists_the_available_ones(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, unknown_year, 2030, [2025, 2024]) == expected


def test_with_no_year_available_a_dash_stands_for_the_list(speak: Speaker) -> None:
    assert speak("en", unknown_year, 2030, []) == "There is no complete rating for 2030. Available: —."


@pytest.mark.parametrize(
    ("language", "view", "expected"),
    [
        ("ru", no_data, "Рейтинг ещё не загружен. Пожалуйста, попробуйте позже."),
        ("kk", no_data, "Рейтинг әлі жүктелмеген. Кейінірек қайталап көріңіз."),
        ("en", no_data, "No rating has been loaded yet. Please try again later."),
        (
            "ru",
            not_text,
            "Я понимаю только текстовые сообщения. Пришлите название министерства или агентства либо /help.",
        ),
        (
            "kk",
            not_text,
            "Мен тек мәтіндік хабарламаларды түсінемін. Министрліктің немесе агенттіктің атауын жіберіңіз не "
            "/help командасын пайдаланыңыз.",
        ),
        ("en", not_text, "I understand text messages only. Send the name of a ministry or agency, or /help."),
        ("ru", unknown_command, "Такой команды я не знаю. Что я умею — смотрите в /help."),
        (
            "kk",
            unknown_command,
            "Мұндай команданы білмеймін. Не істей алатынымды /help командасынан көріңіз.",
        ),
        ("en", unknown_command, "I don't know that command. /help lists what I can do."),
        ("ru", stale_button, "Эта кнопка устарела. Отправьте команду ещё раз."),
        ("kk", stale_button, "Бұл батырма ескірген. Команданы қайта жіберіңіз."),
        ("en", stale_button, "This button is out of date. Send the command again."),
    ],
)
def test_the_short_replies_are_translated(
    speak: Speaker, language: str, view: Callable[[], str], expected: str
) -> None:
    assert speak(language, view) == expected
