"""The language of an inline query, told by its letters alone: Telegram shares one cached
answer per query text among all users, so nothing about the asker may choose it."""

from __future__ import annotations

import pytest

from bot.views.typed_language import KAZAKH_LETTERS, language_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Денсаулық", "kk"),
        ("ДЕНСАУЛЫҚ САҚТАУ", "kk"),  # capitals too
        ("минздрав", "ru"),
        ("Минздрав 2024", "ru"),
        ("KNB", "en"),
        ("health ministry 2025", "en"),
        ("Résumé", "en"),  # Latin with accents is still Latin
        ("минздрав KNB", "ru"),  # Cyrillic outweighs Latin
        ("KNB Денсаулық", "kk"),  # one Kazakh letter outweighs both
        ("Минздрав і", "kk"),
        ("Энергетика министрлігі", "kk"),
    ],
)
def test_the_letters_tell_the_language(text: str, language: str) -> None:
    assert language_of(text, "ru") == language


@pytest.mark.parametrize("text", ["", "   ", "2024", "2024, 2025!", "№ 1 — ?", "🙂", "中文"])
@pytest.mark.parametrize("default", ["ru", "kk", "en"])
def test_nothing_telling_gives_the_bots_default_language(text: str, default: str) -> None:
    assert language_of(text, default) == default


@pytest.mark.parametrize("letter", sorted(KAZAKH_LETTERS | {c.upper() for c in KAZAKH_LETTERS}))
def test_each_kazakh_only_letter_in_either_case_makes_it_kazakh(letter: str) -> None:
    assert language_of(f"бас{letter}", "en") == "kk"
