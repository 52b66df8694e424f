"""/changes: the biggest risers and fallers in satisfaction against the year before, by
short name, with buttons to the other years that have changes to show."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, YearInfo
from bot.views.callbacks import ChangesView
from bot.views.changes import MOVERS, changes
from tests.unit.views.conftest import AGENCIES, LANGUAGES, MINUS, Speaker, buttons, labels, make_snapshot

RISERS = {"ru": "<b>Выросли</b>", "kk": "<b>Өскендер</b>", "en": "<b>Risers</b>"}
FALLERS = {"ru": "<b>Снизились</b>", "kk": "<b>Түскендер</b>", "en": "<b>Fallers</b>"}


def years_of(screen_buttons: list[str]) -> list[int]:
    return [ChangesView.unpack(data).year for data in screen_buttons]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Наибольшие изменения удовлетворённости: 2025 год по сравнению с 2024</b>",
                "",
                "<b>Выросли</b>",
                "1. Минобороны: +3,7 п. п. (балл +0,30, вверх на 2 места)",
                "2. Минздрав: +1,5 п. п. (балл +0,06, вверх на 1 место)",
                "",
                "<b>Снизились</b>",
                "1. МЧС: {minus}3,0 п. п. (балл {minus}0,20, вниз на 1 место)",
                "",
                "* иллюстративное значение, согласующееся с опубликованным отчётом, а не официальная цифра",
            ],
        ),
        (
            "kk",
            [
                "<b>Қанағаттану деңгейінің ең үлкен өзгерістері: 2025 жыл 2024 жылмен салыстырғанда</b>",
                "",
                "<b>Өскендер</b>",
                "1. Қорғаныс: +3,7 п.т. (балл +0,30, 2 орынға жоғары)",
                "2. Денсаулық сақтау: +1,5 п.т. (балл +0,06, 1 орынға жоғары)",
                "",
                "<b>Түскендер</b>",
                "1. Төтенше жағдайлар: {minus}3,0 п.т. (балл {minus}0,20, 1 орынға төмен)",
                "",
                "* жарияланған есепке сәйкес келетін иллюстративтік мән, ресми көрсеткіш емес",
            ],
        ),
        (
            "en",
            [
                "<b>Biggest changes in satisfaction, 2025 against 2024</b>",
                "",
                "<b>Risers</b>",
                "1. Defence: +3.7 p.p. (score +0.30, up 2 places)",
                "2. Health: +1.5 p.p. (score +0.06, up 1 place)",
                "",
                "<b>Fallers</b>",
                "1. Emergency Situations: {minus}3.0 p.p. (score {minus}0.20, down 1 place)",
                "",
                "* an illustrative value that fits the published report, not an official figure",
            ],
        ),
    ],
)
@pytest.mark.parametrize("year", [None, 2025])
def test_the_latest_year_lists_risers_then_fallers_with_the_footnote(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str], year: int | None
) -> None:
    screen = speak(language, changes, snapshot, year)

    assert screen.text.split("\n") == [line.format(minus=MINUS) for line in expected]


def test_the_latest_year_offers_the_other_year_with_changes(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("ru", changes, snapshot, None)

    assert labels(screen) == [["2024"]]
    assert years_of([b.callback_data or "" for row in buttons(screen) for b in row]) == [2024]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Наибольшие изменения удовлетворённости: 2024 год по сравнению с 2020</b>",
                "",
                "<b>Выросли</b>",
                "1. Минздрав: +11,0 п. п. (балл +0,70)",
                "2. МЧС: +10,0 п. п. (балл +0,70)",
            ],
        ),
        (
            "kk",
            [
                "<b>Қанағаттану деңгейінің ең үлкен өзгерістері: 2024 жыл 2020 жылмен салыстырғанда</b>",
                "",
                "<b>Өскендер</b>",
                "1. Денсаулық сақтау: +11,0 п.т. (балл +0,70)",
                "2. Төтенше жағдайлар: +10,0 п.т. (балл +0,70)",
            ],
        ),
        (
            "en",
            [
                "<b>Biggest changes in satisfaction, 2024 against 2020</b>",
                "",
                "<b>Risers</b>",
                "1. Health: +11.0 p.p. (score +0.70)",
                "2. Emergency Situations: +10.0 p.p. (score +0.70)",
            ],
        ),
    ],
)
def test_a_year_with_only_risers_has_no_fallers_heading_and_no_footnote_when_all_is_published(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """2024 against the partial 2020: no ranks to move, so the details stop at the score."""
    screen = speak(language, changes, snapshot, 2024)

    assert screen.text.split("\n") == expected
    assert FALLERS[language] not in screen.text
    assert years_of([b.callback_data or "" for row in buttons(screen) for b in row]) == [2025]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "2020 год не с чем сравнить."),
        ("kk", "2020 жылды салыстыратын дерек жоқ."),
        ("en", "There is nothing to compare 2020 with."),
    ],
)
def test_the_earliest_year_has_nothing_to_compare_with_but_offers_the_others(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, changes, snapshot, 2020)

    assert screen.text == expected
    assert years_of([b.callback_data or "" for row in buttons(screen) for b in row]) == [2025, 2024]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Полного рейтинга за 2019 год нет. Есть данные за: 2025, 2024."),
        ("kk", "2019 жылға толық рейтинг жоқ. Қолжетімді жылдар: 2025, 2024."),
        ("en", "There is no complete rating for 2019. Available: 2025, 2024."),
    ],
)
def test_a_year_with_no_data_lists_the_available_ones(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, changes, snapshot, 2019)

    assert screen.text == expected
    assert screen.markup is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_before_any_rating_there_are_no_changes(
    speak: Speaker, empty_snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, changes, empty_snapshot, None)

    assert (
        screen.text
        == {
            "ru": "Рейтинг ещё не загружен. Пожалуйста, попробуйте позже.",
            "kk": "Рейтинг әлі жүктелмеген. Кейінірек қайталап көріңіз.",
            "en": "No rating has been loaded yet. Please try again later.",
        }[language]
    )
    assert screen.markup is None


def test_a_single_year_with_changes_offers_no_buttons(speak: Speaker) -> None:
    years = [YearInfo(2024, False, "a", 1), YearInfo(2025, False, "b", 2)]
    ratings = [Rating(2024, "moh", 4.0, 90.0), Rating(2025, "moh", 4.1, 91.0)]

    screen = speak("en", changes, make_snapshot(years, ratings), None)

    assert screen.text.split("\n")[3] == "1. Health: +1.0 p.p. (score +0.10, same place)"
    assert screen.markup is None


def test_only_the_five_biggest_risers_are_listed_biggest_first(speak: Speaker) -> None:
    slugs = list(AGENCIES)[:7]
    years = [YearInfo(2024, False, "a", 1), YearInfo(2025, False, "b", 2)]
    ratings = [
        *(Rating(2024, slug, 4.0, 80.0) for slug in slugs),
        *(Rating(2025, slug, 4.0, 80.0 + i + 1) for i, slug in enumerate(slugs)),
    ]
    snapshot = make_snapshot(years, ratings, slugs)

    lines = speak("en", changes, snapshot, 2025).text.split("\n")

    listed = lines[3:]
    assert len(listed) == MOVERS == 5
    assert [line.split(": ")[1].split(" ")[0] for line in listed] == ["+7.0", "+6.0", "+5.0", "+4.0", "+3.0"]
    assert lines[2] == RISERS["en"]
