"""The source line under a year's list: written by the bot from the release's parts (who
published it, when, where, what kind of source) in the reader's language, so a Russian or
Kazakh reader never gets an English sentence from the data."""

from __future__ import annotations

import html

import pytest

from bot.store.records import Source
from bot.views.formatting import PUBLISHER_LIMIT
from bot.views.sources import URL_LIMIT, kind_text, publication_date, source_line
from tests.unit.views.conftest import LANGUAGES, Speaker

#: babel writes a narrow no-break space before "г." and "ж.".
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", f"Источник: Kazinform / finprom.kz, 29 января 2026{NNBSP}г. (публикация о рейтинге в СМИ)"),
        ("kk", f"Дереккөз: Kazinform / finprom.kz, 2026{NNBSP}ж. 29 қаңтар (рейтинг туралы БАҚ хабары)"),
        ("en", "Source: Kazinform / finprom.kz, January 29, 2026 (a news report of the rating)"),
    ],
)
def test_a_full_source_is_written_in_the_readers_language(
    speak: Speaker, language: str, expected: str
) -> None:
    source = Source("Kazinform / finprom.kz", "2026-01-29", kind="report")

    assert speak(language, source_line, source) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", f"апрель 2021{NNBSP}г."),
        ("kk", f"2021{NNBSP}ж. сәуір"),
        ("en", "April 2021"),
    ],
)
def test_a_month_without_a_day_is_written_as_the_month(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, publication_date, "2021-04") == expected


def test_no_date_is_written_as_nothing(speak: Speaker) -> None:
    assert speak("ru", publication_date, "") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "официальная таблица",
                "публикация о рейтинге в СМИ",
                "условная реконструкция, а не опубликованная таблица",
            ],
        ),
        (
            "kk",
            [
                "ресми кесте",
                "рейтинг туралы БАҚ хабары",
                "шартты түрде қалпына келтірілген деректер, жарияланған кесте емес",
            ],
        ),
        (
            "en",
            [
                "the official table",
                "a news report of the rating",
                "an illustrative reconstruction, not a published table",
            ],
        ),
    ],
)
def test_each_kind_of_source_has_its_words(speak: Speaker, language: str, expected: list[str]) -> None:
    assert [speak(language, kind_text, kind) for kind in ("official", "report", "reconstruction")] == expected
    assert speak(language, kind_text, "") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Источник: условная реконструкция, а не опубликованная таблица"),
        ("kk", "Дереккөз: шартты түрде қалпына келтірілген деректер, жарияланған кесте емес"),
        ("en", "Source: an illustrative reconstruction, not a published table"),
    ],
)
def test_a_source_of_only_a_kind_says_what_kind(speak: Speaker, language: str, expected: str) -> None:
    """The bundled 2024: a reconstruction, with no publisher of its own."""
    assert speak(language, source_line, Source(kind="reconstruction")) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "Источник: не указан"), ("kk", "Дереккөз: көрсетілмеген"), ("en", "Source: not given")],
)
def test_a_source_with_no_parts_says_it_is_not_given(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, source_line, Source()) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_url_makes_the_publisher_a_link_and_both_are_escaped(speak: Speaker, language: str) -> None:
    source = Source("A & <B>", url='https://example.kz/r?a=1&b="2"')

    line = speak(language, source_line, source)

    assert line.endswith('<a href="https://example.kz/r?a=1&amp;b=&quot;2&quot;">A &amp; &lt;B&gt;</a>')
    assert "<B>" not in line


def test_a_url_without_a_publisher_is_not_shown_as_an_empty_link(speak: Speaker) -> None:
    line = speak("en", source_line, Source(url="https://example.kz", kind="official"))

    assert line == "Source: the official table"


# -- the operator's parts, bounded ------------------------------------------------------------


def test_a_4000_character_publisher_is_cut_with_an_ellipsis_and_escaped(speak: Speaker) -> None:
    line = speak("en", source_line, Source("A&B " * 1000, kind="report"))

    assert line.startswith("Source: A&amp;B A&amp;B")
    assert "…" in line
    assert len(html.unescape(line)) < PUBLISHER_LIMIT + 50


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/" + "a" * URL_LIMIT,  # too long: a cut address leads nowhere
        "javascript:alert(1)",
        "ftp://example.org/rating.xlsx",
        "https://example.org/a b",
    ],
)
def test_an_address_too_long_or_not_of_the_web_is_not_linked(speak: Speaker, url: str) -> None:
    line = speak("en", source_line, Source("Kazinform", url=url))

    assert line == "Source: Kazinform"


def test_a_web_address_within_the_limit_is_linked(speak: Speaker) -> None:
    line = speak("en", source_line, Source("Kazinform", url='https://example.org/?a=1&b="2"'))

    assert line == 'Source: <a href="https://example.org/?a=1&amp;b=&quot;2&quot;">Kazinform</a>'


def test_a_date_that_is_no_date_is_shown_as_written_not_a_crash(speak: Speaker) -> None:
    """The importer checks dates; a database edited by hand may hold anything."""
    assert speak("en", publication_date, "2026-13-45") == "2026-13-45"
    assert speak("en", publication_date, "<b>" * 50) == html.escape("<b>" * 6 + "<…")
