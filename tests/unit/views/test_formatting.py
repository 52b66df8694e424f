"""Numbers, marks and echoes in the reader's own notation: 4,86 in Russian and Kazakh,
4.86 in English, a real minus sign for a fall, and a user's text never breaking the HTML."""

from __future__ import annotations

import html

import pytest

from bot.views.formatting import (
    ILLUSTRATIVE_MARK,
    NAME_LIMIT,
    QUERY_ECHO_LIMIT,
    body_name,
    clip,
    echo,
    fmt_percent,
    fmt_score,
    fmt_signed,
    illustrative_footnote,
    locale,
    mark,
    with_footnote,
)
from tests.unit.views.conftest import LANGUAGES, MINUS, NBSP, Speaker


@pytest.mark.parametrize("language", LANGUAGES)
def test_locale_is_the_language_of_the_current_context(speak: Speaker, language: str) -> None:
    assert speak(language, locale) == language


# -- scores -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("ru", "4,86"), ("kk", "4,86"), ("en", "4.86")])
def test_a_score_uses_the_languages_decimal_separator(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, fmt_score, 4.86) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [("ru", 5, "5,00"), ("kk", 4.7, "4,70"), ("en", 4.7, "4.70"), ("en", 4.004, "4.00")],
)
def test_a_score_always_has_two_decimals(speak: Speaker, language: str, value: float, expected: str) -> None:
    assert speak(language, fmt_score, value) == expected


# -- percentages ------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "expected"), [("ru", f"97,5{NBSP}%"), ("kk", "97,5%"), ("en", "97.5%")])
def test_a_share_is_written_as_each_language_writes_percent(
    speak: Speaker, language: str, expected: str
) -> None:
    assert speak(language, fmt_percent, 97.5) == expected


@pytest.mark.parametrize(("language", "expected"), [("ru", f"95,0{NBSP}%"), ("kk", "95,0%"), ("en", "95.0%")])
def test_a_whole_share_keeps_its_decimal_so_shares_read_alike(
    speak: Speaker, language: str, expected: str
) -> None:
    """ "92,0 %" beside "89,9 %", never "92 %": one format per measure."""
    assert speak(language, fmt_percent, 95.0) == expected


@pytest.mark.parametrize(("value", "expected"), [(100.0, "100.0%"), (0.0, "0.0%"), (89.95, "90.0%")])
def test_a_share_at_the_ends_or_rounded_up_keeps_one_decimal(
    speak: Speaker, value: float, expected: str
) -> None:
    assert speak("en", fmt_percent, value) == expected


@pytest.mark.parametrize(("language", "expected"), [("ru", f"91,3{NBSP}%"), ("en", "91.3%")])
def test_a_share_is_rounded_to_one_decimal(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, fmt_percent, 91.34) == expected


# -- signed changes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "rise", "fall"),
    [
        ("ru", "+0,06", f"{MINUS}9,2"),
        ("kk", "+0,06", f"{MINUS}9,2"),
        ("en", "+0.06", f"{MINUS}9.2"),
    ],
)
def test_a_change_carries_its_sign_and_a_fall_a_real_minus(
    speak: Speaker, language: str, rise: str, fall: str
) -> None:
    assert speak(language, fmt_signed, 0.06, 2) == rise
    assert speak(language, fmt_signed, -9.2, 1) == fall


@pytest.mark.parametrize(
    ("language", "value", "decimals", "expected"),
    [
        ("ru", 0.0, 1, "0,0"),
        ("kk", 0.0, 2, "0,00"),
        ("en", 0.0, 1, "0.0"),
        ("ru", 0.004, 2, "0,00"),
        ("en", -0.004, 2, "0.00"),
        ("en", -0.04, 1, "0.0"),
    ],
)
def test_no_change_has_no_sign_even_when_it_is_a_rounded_trifle(
    speak: Speaker, language: str, value: float, decimals: int, expected: str
) -> None:
    assert speak(language, fmt_signed, value, decimals) == expected


@pytest.mark.parametrize(("language", "value", "expected"), [("ru", 3.2, "+3"), ("en", -2.8, f"{MINUS}3")])
def test_a_change_with_no_decimals_is_a_whole_number(
    speak: Speaker, language: str, value: float, expected: str
) -> None:
    assert speak(language, fmt_signed, value, 0) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0.05, 1, "+0,1"),
        (-0.05, 1, MINUS + "0,1"),
        (0.005, 2, "+0,01"),
        (0.04, 1, "0,0"),
        (-0.004, 2, "0,00"),
    ],
)
def test_a_change_is_rounded_half_up_once_and_a_zero_never_carries_a_sign(
    speak: Speaker, value: float, decimals: int, expected: str
) -> None:
    assert speak("ru", fmt_signed, value, decimals) == expected


# -- marks and the footnote -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provenance", "expected"), [("illustrative", "*"), ("published", ""), ("article", "")]
)
def test_only_an_illustrative_value_is_marked(provenance: str, expected: str) -> None:
    assert mark(provenance) == expected


@pytest.mark.parametrize(("illustrative", "expected"), [(True, "*"), (False, "")])
def test_a_worked_out_value_is_marked_by_its_flag(illustrative: bool, expected: str) -> None:
    """A difference or a place is illustrative when any value it comes from is."""
    assert mark(illustrative) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footnote_follows_lines_that_show_the_mark(speak: Speaker, language: str) -> None:
    lines = ["<b>2025</b>", "4,70* · 95,0 %"]

    assert speak(language, with_footnote, lines) == [*lines, "", speak(language, illustrative_footnote)]


def test_lines_without_the_mark_get_no_footnote(speak: Speaker) -> None:
    lines = ["<b>2024</b>", "4,80 · 96,0 %", ""]

    assert speak("ru", with_footnote, lines) == lines


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра"),
        ("kk", "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес"),
        ("en", "* an illustrative value that fits the published report, not an official figure"),
    ],
)
def test_the_footnote_explains_the_mark_in_each_language(
    speak: Speaker, language: str, expected: str
) -> None:
    assert speak(language, illustrative_footnote) == expected
    assert expected.startswith(ILLUSTRATIVE_MARK + " ")


# -- echoes of a user's text ------------------------------------------------------------------


def test_an_echo_escapes_html() -> None:
    assert echo("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_an_echo_collapses_runs_of_spaces_and_line_breaks() -> None:
    assert echo("  Мин \n\t здрав  ") == "Мин здрав"


def test_an_echo_of_the_limit_is_kept_whole() -> None:
    text = "я" * QUERY_ECHO_LIMIT

    assert echo(text) == text


def test_a_longer_echo_is_cut_to_the_limit_with_an_ellipsis() -> None:
    shown = echo("я" * (QUERY_ECHO_LIMIT + 20))

    assert shown == "я" * (QUERY_ECHO_LIMIT - 1) + "…"
    assert len(shown) == QUERY_ECHO_LIMIT


def test_an_echo_is_cut_before_it_is_escaped_so_no_entity_is_broken() -> None:
    shown = echo("<" * 200)

    assert shown == "&lt;" * (QUERY_ECHO_LIMIT - 1) + "…"


# -- bounds on any text from outside --------------------------------------------------------


def test_a_cut_never_parts_a_letter_from_its_marks_nor_ends_in_a_joiner() -> None:
    """A family emoji is joined by ZWJs; an accented letter carries a combining mark."""
    assert clip("ab" + "\u200d" * 5, 4) == "ab…"
    assert clip("abc\u0301def", 5) == "abc\u0301…"
    assert clip("abcd\u0301ef", 5) == "abc…"


def test_a_clip_of_the_limit_is_kept_whole_and_a_longer_one_is_exactly_the_limit() -> None:
    assert clip("x" * 10, 10) == "x" * 10
    assert clip("x" * 4000, 10) == "x" * 9 + "…"


def test_a_body_name_is_bounded_and_escaped() -> None:
    shown = body_name("Министерство & " * 400)

    assert len(html.unescape(shown)) == NAME_LIMIT
    assert shown.endswith("…")
    assert "& " not in shown
