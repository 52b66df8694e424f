"""``excerpt``: how the importer quotes a file's content back: short, and nothing a terminal acts on."""

from __future__ import annotations

import pytest

from bot.importer.excerpt import excerpt
from bot.importer.limits import EXCERPT_CHARS


def test_short_text_is_quoted_as_it_is() -> None:
    assert excerpt("Министерство юстиции") == "Министерство юстиции"


def test_long_text_is_cut_to_the_limit_and_marked() -> None:
    assert excerpt("я" * 10_000_000) == "я" * EXCERPT_CHARS + "…"
    assert excerpt("я" * EXCERPT_CHARS) == "я" * EXCERPT_CHARS


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mМИД\x1b[0m", "\\x1b[31mМИД\\x1b[0m"),  # ESC [ ... m: colours
        ("МИД\rМЮ", "МИД\\rМЮ"),  # a carriage return overwrites the line
        ("a\tb\nc", "a\\tb\\nc"),
        ("\x9b2J", "\\x9b2J"),  # CSI, the C1 form of ESC [
        ("\x7f\x00", "\\x7f\\x00"),
        ("\u202eДИМ", "\\u202eДИМ"),  # right-to-left override: shows the name backwards
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),  # bidi isolates
        ("\u200bМИД\ufeff", "\\u200bМИД\\ufeff"),  # zero-width space, BOM
        ("a\u2028b", "a\\u2028b"),  # line separator
        ("\U000e0041", "\\U000e0041"),  # a tag character
    ],
)
def test_invisible_and_control_characters_are_written_as_escapes(text: str, shown: str) -> None:
    assert excerpt(text) == shown


def test_escapes_count_toward_the_limit() -> None:
    shown = excerpt("\x1b" * 100)

    assert shown == "\\x1b" * (EXCERPT_CHARS // 4) + "…"
    assert len(shown) <= EXCERPT_CHARS + 1


def test_kazakh_letters_and_emoji_are_left_alone() -> None:
    assert excerpt("Қазақстан Әділет 👍") == "Қазақстан Әділет 👍"
