"""/rank: a complete year's list ten a page, ties sharing a place, the source under it,
the footnote when the year holds an illustrative value, and buttons to page and to the
other complete years."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.views.callbacks import ExportFile, RankPage
from bot.views.formatting import illustrative_footnote
from bot.views.ranking import PAGE_SIZE, page_count, page_exists, rank
from tests.unit.views.conftest import LANGUAGES, NBSP, Speaker, buttons, labels

NNBSP = "\u202f"

HEADER = {
    "ru": [
        "<b>Рейтинг государственных органов по качеству оказания государственных услуг, {year}</b>",
        "Балл из 5 · доля удовлетворённых услугополучателей",
    ],
    "kk": [
        "<b>Мемлекеттік қызметтер көрсету сапасы бойынша мемлекеттік органдардың рейтингі, {year}</b>",
        "5 балдық шкала бойынша балл · қанағаттанған қызмет алушылардың үлесі",
    ],
    "en": [
        "<b>Rating of state bodies by the quality of public services, {year}</b>",
        "Score out of 5 · share of satisfied service recipients",
    ],
}
PAGE = {
    "ru": "Страница {page} из {pages}",
    "kk": "{pages} беттің {page}-беті",
    "en": "Page {page} of {pages}",
}
SOURCE = {"ru": "Источник: {source}", "kk": "Дереккөз: {source}", "en": "Source: {source}"}
#: The 2025 source, written by the bot from its parts (publisher, date, kind) in each language;
#: babel writes a narrow no-break space before "г." and "ж.".
SOURCE_2025 = {
    "ru": f"Источник: Kazinform, 29 января 2026{NNBSP}г. (публикация о рейтинге в СМИ)",
    "kk": f"Дереккөз: Kazinform, 2026{NNBSP}ж. 29 қаңтар (рейтинг туралы БАҚ хабары)",
    "en": "Source: Kazinform, January 29, 2026 (a news report of the rating)",
}
FOOTNOTE = {
    "ru": "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
BACK = {"ru": "‹ Назад", "kk": "‹ Артқа", "en": "‹ Back"}
NEXT = {"ru": "Далее ›", "kk": "Келесі ›", "en": "Next ›"}
#: The last rows under every list: its chart (bot/views/charts) and its table as a file (/export).
TOOLS = {
    "ru": [["📈 График"], ["⬇️ Скачать таблицу"]],
    "kk": [["📈 График"], ["⬇️ Кестені жүктеп алу"]],
    "en": [["📈 Chart"], ["⬇️ Export"]],
}


def header(language: str, year: int) -> list[str]:
    return [line.format(year=year) for line in HEADER[language]]


def pages_of(screen_buttons: list[str]) -> list[RankPage]:
    return [RankPage.unpack(data) for data in screen_buttons]


def entries(text: str) -> list[str]:
    """The list's lines: between the header and the blank line before the page line."""
    lines = text.split("\n")
    return lines[3 : lines.index("", 3)]


# -- the small book ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "1. Минздрав — 4,86 · 97,5{nbsp}%",
                "2. МЧС — 4,70* · 95,0{nbsp}%",
                "2. Минобороны — 4,70 · 95,0{nbsp}%*",
            ],
        ),
        (
            "kk",
            [
                "1. Денсаулық сақтау — 4,86 · 97,5%",
                "2. Төтенше жағдайлар — 4,70* · 95,0%",
                "2. Қорғаныс — 4,70 · 95,0%*",
            ],
        ),
        (
            "en",
            [
                "1. Health — 4.86 · 97.5%",
                "2. Emergency Situations — 4.70* · 95.0%",
                "2. Defence — 4.70 · 95.0%*",
            ],
        ),
    ],
)
def test_the_latest_year_is_listed_by_short_name_and_tied_bodies_share_a_place(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, rank, snapshot, None, 0)

    assert screen.text.split("\n") == [
        *header(language, 2025),
        "",
        *(line.format(nbsp=NBSP) for line in expected),
        "",
        PAGE[language].format(page=1, pages=1),
        SOURCE_2025[language],
        "",
        FOOTNOTE[language],
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "1. МЧС — 4,90 · 98,0{nbsp}%",
                "2. Минздрав — 4,80 · 96,0{nbsp}%",
                "3. Академия правосудия — 4,50 · 90,0{nbsp}%",
                "4. Минобороны — 4,40 · 91,3{nbsp}%",
            ],
        ),
        (
            "kk",
            [
                "1. Төтенше жағдайлар — 4,90 · 98,0%",
                "2. Денсаулық сақтау — 4,80 · 96,0%",
                "3. Сот төрелігі академиясы — 4,50 · 90,0%",
                "4. Қорғаныс — 4,40 · 91,3%",
            ],
        ),
        (
            "en",
            [
                "1. Emergency Situations — 4.90 · 98.0%",
                "2. Health — 4.80 · 96.0%",
                "3. Academy of Justice — 4.50 · 90.0%",
                "4. Defence — 4.40 · 91.3%",
            ],
        ),
    ],
)
def test_an_earlier_year_is_listed_when_asked_for(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, rank, snapshot, 2024, 0)

    assert screen.text.split("\n")[:2] == header(language, 2024)
    assert entries(screen.text) == [line.format(nbsp=NBSP) for line in expected]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_source_line_escapes_the_source(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    screen = speak(language, rank, snapshot, 2024, 0)

    assert screen.text.split("\n")[-1] == SOURCE[language].format(source="АДГС &amp; &lt;b&gt;ЦЭФ&lt;/b&gt;")
    assert "<b>ЦЭФ</b>" not in screen.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_year_without_an_illustrative_value_has_no_footnote(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, rank, snapshot, 2024, 0)

    assert FOOTNOTE[language] not in screen.text
    assert "*" not in screen.text


@pytest.mark.parametrize(("year", "other"), [(2025, 2024), (2024, 2025)])
def test_a_single_page_has_no_paging_only_buttons_to_the_other_complete_years(
    speak: Speaker, snapshot: Snapshot, year: int, other: int
) -> None:
    screen = speak("ru", rank, snapshot, year, 0)

    assert labels(screen) == [[str(other)], *TOOLS["ru"]]
    assert pages_of([b.callback_data or "" for b in buttons(screen)[0]]) == [RankPage(year=other, page=0)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Полного рейтинга за {year} год нет. Есть данные за: 2025, 2024."),
        ("kk", "{year} жылғы толық рейтинг жоқ. Қолжетімді жылдар: 2025, 2024."),
        ("en", "There is no complete rating for {year}. Available: 2025, 2024."),
    ],
)
@pytest.mark.parametrize("year", [2020, 2019, 2030])
def test_a_partial_or_unknown_year_lists_the_available_ones_with_a_button_for_each(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str, year: int
) -> None:
    """/rank 2020 (partial) or /rank 2030 (not on record) is no dead end: each complete year
    is a button away."""
    screen = speak(language, rank, snapshot, year, 0)

    assert screen.text == expected.format(year=year)
    assert labels(screen) == [["2025", "2024"]]
    assert pages_of([b.callback_data or "" for b in buttons(screen)[0]]) == [
        RankPage(year=2025, page=0),
        RankPage(year=2024, page=0),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Рейтинг ещё не загружен. Пожалуйста, попробуйте позже."),
        ("kk", "Рейтинг әлі жүктелмеген. Кейінірек қайталап көріңіз."),
        ("en", "No rating has been loaded yet. Please try again later."),
    ],
)
def test_before_any_rating_it_says_none_is_loaded(
    speak: Speaker, empty_snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, rank, empty_snapshot, None, 0)

    assert screen.text == expected
    assert screen.markup is None


# -- paging a long year -----------------------------------------------------------------------


def test_a_page_holds_ten_bodies_numbered_by_their_place(
    speak: Speaker, long_book_snapshot: Snapshot
) -> None:
    first = entries(speak("en", rank, long_book_snapshot, 2025, 0).text)
    second = entries(speak("en", rank, long_book_snapshot, 2025, 1).text)

    assert len(first) == len(second) == PAGE_SIZE
    assert [line.split(".")[0] for line in first] == [str(n) for n in range(1, 11)]
    assert [line.split(".")[0] for line in second] == [str(n) for n in range(11, 21)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_last_page_holds_the_rest_and_says_which_page_it_is(
    speak: Speaker, long_book_snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, rank, long_book_snapshot, 2025, 2)

    assert [line.split(".")[0] for line in entries(screen.text)] == ["21", "22", "23", "24", "25"]
    assert PAGE[language].format(page=3, pages=3) in screen.text.split("\n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_page_goes_forward_and_to_the_other_year(
    speak: Speaker, long_book_snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, rank, long_book_snapshot, 2025, 0)

    assert labels(screen) == [[NEXT[language]], ["2024"], *TOOLS[language]]
    assert [RankPage.unpack(b.callback_data or "") for row in buttons(screen)[:2] for b in row] == [
        RankPage(year=2025, page=1),
        RankPage(year=2024, page=0),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_middle_page_goes_back_and_forward(
    speak: Speaker, long_book_snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, rank, long_book_snapshot, 2025, 1)

    assert labels(screen)[0] == [BACK[language], NEXT[language]]
    assert [RankPage.unpack(b.callback_data or "") for b in buttons(screen)[0]] == [
        RankPage(year=2025, page=0),
        RankPage(year=2025, page=2),
    ]


def test_the_last_page_only_goes_back(speak: Speaker, long_book_snapshot: Snapshot) -> None:
    screen = speak("kk", rank, long_book_snapshot, 2025, 2)

    assert labels(screen) == [["‹ Артқа"], ["2024"], *TOOLS["kk"]]
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(year=2025, page=1)


@pytest.mark.parametrize("page", [0, 2])
def test_every_page_offers_the_years_table_as_a_file(
    speak: Speaker, long_book_snapshot: Snapshot, page: int
) -> None:
    screen = speak("ru", rank, long_book_snapshot, 2025, page)

    assert buttons(screen)[-1][0].callback_data == ExportFile(year=2025).pack()


@pytest.mark.parametrize(("asked", "shown"), [(99, 2), (3, 2), (-1, 0), (-50, 0)])
def test_a_page_out_of_range_is_clamped_to_the_nearest_one(
    speak: Speaker, long_book_snapshot: Snapshot, asked: int, shown: int
) -> None:
    assert speak("ru", rank, long_book_snapshot, 2025, asked) == speak(
        "ru", rank, long_book_snapshot, 2025, shown
    )


def test_the_footnote_is_on_the_page_that_shows_a_mark(speak: Speaker, long_book_snapshot: Snapshot) -> None:
    """Only the 25th body's score is illustrative: the last page shows it marked and explains it."""
    screen = speak("en", rank, long_book_snapshot, 2025, 2)

    assert entries(screen.text)[-1].endswith("3.70* · 75.0%")
    assert screen.text.split("\n")[-2:] == ["", speak("en", illustrative_footnote)]


@pytest.mark.parametrize("page", [0, 1])
def test_a_page_that_shows_no_mark_has_no_footnote(
    speak: Speaker, long_book_snapshot: Snapshot, page: int
) -> None:
    """The footnote appears exactly when a mark is shown: not on pages of published values."""
    screen = speak("en", rank, long_book_snapshot, 2025, page)

    assert "*" not in screen.text
    assert screen.text.split("\n")[-1] == "Source: test 2025"


def test_a_year_of_published_values_has_no_footnote_on_any_page(
    speak: Speaker, long_book_snapshot: Snapshot
) -> None:
    for page in range(3):
        screen = speak("en", rank, long_book_snapshot, 2024, page)

        assert screen.text.split("\n")[-1] == "Source: test 2024"
        assert "*" not in screen.text


# -- page arithmetic --------------------------------------------------------------------------


@pytest.mark.parametrize(("items", "pages"), [(0, 1), (1, 1), (10, 1), (11, 2), (20, 2), (25, 3)])
def test_page_count_rounds_up_and_is_never_zero(items: int, pages: int) -> None:
    assert page_count(items) == pages


@pytest.mark.parametrize(
    ("year", "page", "exists"),
    [
        (2025, 0, True),
        (2025, 2, True),
        (2025, 3, False),
        (2025, -1, False),
        (2024, 1, True),
        (2023, 0, False),
    ],
)
def test_a_buttons_page_must_still_exist(
    long_book_snapshot: Snapshot, year: int, page: int, exists: bool
) -> None:
    assert page_exists(long_book_snapshot, year, page) is exists


def test_a_partial_year_has_no_pages(snapshot: Snapshot) -> None:
    assert page_exists(snapshot, 2020, 0) is False
    assert page_exists(snapshot, 2025, 0) is True
    assert page_exists(snapshot, 2025, 1) is False
