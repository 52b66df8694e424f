"""/changes: the biggest risers and fallers in satisfaction against the year before, by
short name, with buttons to the other years that have changes to show. Changes are only
claimed between two complete lists of consecutive years."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, Source, YearInfo
from bot.views.callbacks import ChangesView
from bot.views.changes import MOVERS, changes
from bot.views.screen import Screen
from tests.unit.views.conftest import AGENCIES, LANGUAGES, MINUS, Speaker, buttons, labels, make_snapshot

RISERS = {"ru": "<b>Выросли</b>", "kk": "<b>Өскендер</b>", "en": "<b>Risers</b>"}
FALLERS = {"ru": "<b>Снизились</b>", "kk": "<b>Түскендер</b>", "en": "<b>Fallers</b>"}
FOOTNOTE = {
    "ru": "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
NOTHING_TO_COMPARE = {
    "ru": "Изменений за {year} год нет: их считают между полными списками двух соседних лет, "
    "а полного списка за {previous} год здесь нет.",
    "kk": "{year} жыл бойынша өзгерістер жоқ: өзгерістер қатарынан келген екі жылдың толық "
    "тізімдерін салыстыру арқылы есептеледі, ал {previous} жылғы толық тізім мұнда жоқ.",
    "en": "There are no changes for {year}: changes compare two complete lists of consecutive "
    "years, and {previous} has no complete list here.",
}


def years_of(screen: Screen) -> list[int]:
    """The years the buttons open (the 📈 chart button aside)."""
    data = [b.callback_data or "" for row in buttons(screen) for b in row]
    return [ChangesView.unpack(d).year for d in data if d.startswith("ch:")]


def complete(*years: int) -> list[YearInfo]:
    return [YearInfo(year, False, Source(f"test {year}"), n) for n, year in enumerate(years, start=1)]


def three_years() -> Snapshot:
    """2023, 2024 and 2025 complete, all published: 2025 and 2024 have changes."""
    ratings = [
        Rating(year, slug, 4.0 + step / 10, 90.0 + step)
        for year, steps in ((2023, (0, 1)), (2024, (1, 0)), (2025, (0, 1)))
        for slug, step in zip(("moh", "mes"), steps, strict=True)
    ]
    return make_snapshot(complete(2023, 2024, 2025), ratings)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>",
                "",
                "<b>Выросли</b>",
                "1. Минобороны: +3,7* п. п. (балл +0,30, вверх на 2 места*)",
                "2. Минздрав: +1,5 п. п. (балл +0,06, вверх на 1 место*)",
                "",
                "<b>Снизились</b>",
                "1. МЧС: {minus}3,0 п. п. (балл {minus}0,20*, вниз на 1 место*)",
                "",
                FOOTNOTE["ru"],
            ],
        ),
        (
            "kk",
            [
                "<b>Қанағаттанғандар үлесінің ең үлкен өзгерістері: 2025 жыл 2024 жылмен салыстырғанда</b>",
                "",
                "<b>Өскендер</b>",
                "1. Қорғаныс: +3,7* п.т. (балл +0,30, 2 орынға көтерілді*)",
                "2. Денсаулық сақтау: +1,5 п.т. (балл +0,06, 1 орынға көтерілді*)",
                "",
                "<b>Түскендер</b>",
                "1. Төтенше жағдайлар: {minus}3,0 п.т. (балл {minus}0,20*, 1 орынға төмендеді*)",
                "",
                FOOTNOTE["kk"],
            ],
        ),
        (
            "en",
            [
                "<b>Biggest changes in the share of satisfied people, 2025 vs 2024</b>",
                "",
                "<b>Risers</b>",
                "1. Defence: +3.7* p.p. (score +0.30, up 2 places*)",
                "2. Health: +1.5 p.p. (score +0.06, up 1 place*)",
                "",
                "<b>Fallers</b>",
                "1. Emergency Situations: {minus}3.0 p.p. (score {minus}0.20*, down 1 place*)",
                "",
                FOOTNOTE["en"],
            ],
        ),
    ],
)
@pytest.mark.parametrize("year", [None, 2025])
def test_the_latest_year_lists_risers_then_fallers_each_difference_marked_where_illustrative(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str], year: int | None
) -> None:
    """mod's 2025 share and mes's 2025 score are illustrative, so are the p.p. and the score
    change worked out from them; every move is between places of a 2025 list that holds
    illustrative values. The footnote is there because marks are."""
    screen = speak(language, changes, snapshot, year)

    assert screen.text.split("\n") == [line.format(minus=MINUS) for line in expected]


def test_with_one_year_of_changes_there_is_no_other_year_to_offer(speak: Speaker, snapshot: Snapshot) -> None:
    """2024 comes after the partial 2020, not after a complete 2023: only 2025 has changes.
    The one button is the chart of these changes."""
    assert labels(speak("ru", changes, snapshot, None)) == [["📈 График"]]


def test_the_latest_year_offers_the_other_years_with_changes(speak: Speaker) -> None:
    screen = speak("ru", changes, three_years(), None)

    assert screen.text.split("\n")[0] == "<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>"
    assert labels(screen) == [["2024"], ["📈 График"]]
    assert years_of(screen) == [2024]


def test_an_earlier_year_with_changes_compares_it_with_its_own_year_before(speak: Speaker) -> None:
    screen = speak("en", changes, three_years(), 2024)

    assert (
        screen.text.split("\n")[0] == "<b>Biggest changes in the share of satisfied people, 2024 vs 2023</b>"
    )
    assert years_of(screen) == [2025]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>", "", RISERS["ru"]]),
        (
            "kk",
            [
                "<b>Қанағаттанғандар үлесінің ең үлкен өзгерістері: 2025 жыл 2024 жылмен салыстырғанда</b>",
                "",
                RISERS["kk"],
            ],
        ),
        ("en", ["<b>Biggest changes in the share of satisfied people, 2025 vs 2024</b>", "", RISERS["en"]]),
    ],
)
def test_a_year_with_only_risers_has_no_fallers_heading_and_no_footnote_when_all_is_published(
    speak: Speaker, language: str, expected: list[str]
) -> None:
    ratings = [
        Rating(2024, "moh", 4.0, 90.0),
        Rating(2024, "mes", 4.5, 95.0),
        Rating(2025, "moh", 4.2, 92.0),
        Rating(2025, "mes", 4.5, 95.5),
    ]
    screen = speak(language, changes, make_snapshot(complete(2024, 2025), ratings), 2025)

    lines = screen.text.split("\n")
    assert lines[:3] == expected
    assert len(lines) == 5
    assert FALLERS[language] not in screen.text
    assert "*" not in screen.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("year", "previous"), [(2024, 2023), (2020, 2019)])
def test_a_year_after_no_complete_list_says_there_are_no_changes_and_offers_the_years_that_have_them(
    speak: Speaker, snapshot: Snapshot, language: str, year: int, previous: int
) -> None:
    """2024 follows only the partial 2020 (a different set of bodies), and 2020 is partial
    itself: neither is compared with anything."""
    screen = speak(language, changes, snapshot, year)

    assert screen.text == NOTHING_TO_COMPARE[language].format(year=year, previous=previous)
    assert years_of(screen) == [2025]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Полного рейтинга за 2019 год нет. Есть данные за: 2025."),
        ("kk", "2019 жылғы толық рейтинг жоқ. Қолжетімді жылдар: 2025."),
        ("en", "There is no complete rating for 2019. Available: 2025."),
    ],
)
def test_a_year_with_no_data_lists_the_available_ones_and_offers_the_years_with_changes(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, changes, snapshot, 2019)

    assert screen.text == expected
    assert years_of(screen) == [2025]


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


def test_with_complete_years_far_apart_the_latest_has_nothing_to_compare(speak: Speaker) -> None:
    """2020 and 2024 both complete, nothing between: no change is claimed across the gap."""
    ratings = [Rating(2020, "moh", 4.0, 90.0), Rating(2024, "moh", 4.5, 95.0)]

    screen = speak("en", changes, make_snapshot(complete(2020, 2024), ratings), None)

    assert screen.text == NOTHING_TO_COMPARE["en"].format(year=2024, previous=2023)
    assert screen.markup is None


def test_a_single_year_with_changes_offers_no_buttons(speak: Speaker) -> None:
    ratings = [Rating(2024, "moh", 4.0, 90.0), Rating(2025, "moh", 4.1, 91.0)]

    screen = speak("en", changes, make_snapshot(complete(2024, 2025), ratings), None)

    assert screen.text.split("\n")[3] == "1. Health: +1.0 p.p. (score +0.10, same place)"
    assert labels(screen) == [["📈 Chart"]]  # no other year: only the chart of these changes


def test_only_the_five_biggest_risers_are_listed_biggest_first(speak: Speaker) -> None:
    slugs = list(AGENCIES)[:7]
    ratings = [
        *(Rating(2024, slug, 4.0, 80.0) for slug in slugs),
        *(Rating(2025, slug, 4.0, 80.0 + i + 1) for i, slug in enumerate(slugs)),
    ]
    snapshot = make_snapshot(complete(2024, 2025), ratings, slugs)

    lines = speak("en", changes, snapshot, 2025).text.split("\n")

    listed = lines[3:]
    assert len(listed) == MOVERS == 5
    assert [line.split(": ")[1].split(" ")[0] for line in listed] == ["+7.0", "+6.0", "+5.0", "+4.0", "+3.0"]
    assert lines[2] == RISERS["en"]
