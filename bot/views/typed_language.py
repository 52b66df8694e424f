"""The language a piece of typed text is written in, told by its letters alone.

An inline answer is cached by Telegram per query text and shared by every user who types
that text, so its language must follow from the text, never from who asked
(bot/views/inline.py); the Share button picks a name that reads as the sharer's language
(bot/views/sharing.py).
"""

from __future__ import annotations

import unicodedata

#: Letters Kazakh writes and Russian does not; one of them makes the text Kazakh.
KAZAKH_LETTERS = frozenset("әғқңөұүһі")


def language_of(text: str, default: str) -> str:
    """A Kazakh-only letter makes it "kk", else any Cyrillic "ru", else Latin letters "en";
    ``default`` when no letter tells (nothing, a year, punctuation, emoji)."""
    scripts = {_script(char) for char in text.lower() if char.isalpha()}
    if "kazakh" in scripts:
        return "kk"
    if "cyrillic" in scripts:
        return "ru"
    if "latin" in scripts:
        return "en"
    return default


def _script(letter: str) -> str:
    if letter in KAZAKH_LETTERS:
        return "kazakh"
    name = unicodedata.name(letter, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"
