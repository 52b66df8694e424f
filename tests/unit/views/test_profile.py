"""The bot's profile in each language: within Telegram's limits, translated, plain text,
and saying what an empty chat needs to say (what to ask, where the figures come from)."""

from __future__ import annotations

import pytest

from bot.views.formatting import ILLUSTRATIVE_MARK
from bot.views.profile import LIMITS, Profile, profile
from tests.unit.views.conftest import LANGUAGES, Speaker

NAMES = {
    "ru": "Рейтинг госорганов Казахстана",
    "kk": "Қазақстан мемлекеттік органдарының рейтингі",
    "en": "Kazakhstan State Bodies Rating",
}
#: A phrase of each language's description, so a text left in English shows.
SAYS = {
    "ru": "Пришлите название министерства или агентства",
    "kk": "Министрліктің не агенттіктің атауын жіберіңіз",
    "en": "Send the name of a ministry or agency",
}


def utf16_length(text: str) -> int:
    """The length Telegram counts, in UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_fits_telegrams_limit(speak: Speaker, language: str) -> None:
    texts = speak(language, profile)

    for key, limit in LIMITS.items():
        value = getattr(texts, key)
        assert 0 < utf16_length(value) <= limit, (key, utf16_length(value), value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_profile_is_in_the_language_asked_for(speak: Speaker, language: str) -> None:
    texts = speak(language, profile)

    assert texts.name == NAMES[language]
    assert SAYS[language] in texts.description
    others = [speak(other, profile) for other in LANGUAGES if other != language]
    for other in others:
        assert texts.short_description != other.short_description
        assert texts.description != other.description


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_description_says_what_to_ask_and_that_illustrative_values_are_marked(
    speak: Speaker, language: str
) -> None:
    description = speak(language, profile).description

    for command in ("/rank", "/changes", "/compare", "/chart", "/export", "/subscribe"):
        assert command in description
    last = description.split("\n\n")[-1]
    assert f"{ILLUSTRATIVE_MARK}" in last


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_texts_are_plain_text(speak: Speaker, language: str) -> None:
    """Telegram shows a profile as written: a tag or an entity would show as it is."""
    texts: Profile = speak(language, profile)

    for key in LIMITS:
        value = getattr(texts, key)
        assert "<" not in value
        assert "&" not in value
        assert value == value.strip()
    assert "\n" not in texts.name + texts.short_description
