"""A name a user types: one body meant gets its card, several get buttons to choose, none
gets the query echoed back (escaped) with how to ask, and a blank message gets the hint."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.views.callbacks import AgencyCard
from bot.views.cards import card
from bot.views.lookup import agency_prompt, lookup
from tests.unit.views.conftest import LANGUAGES, Speaker, buttons, labels


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("МЧС", "mes"),
        ("минздрава", "moh"),
        ("Денсаулық сақтау", "moh"),
        ("defense ministry", "mod"),
        ("justice", "acj"),
    ],
)
def test_a_name_that_means_one_body_opens_its_card(
    speak: Speaker, snapshot: Snapshot, language: str, query: str, slug: str
) -> None:
    assert speak(language, lookup, snapshot, query) == speak(language, card, snapshot, slug)


def test_a_single_search_match_opens_its_card_even_when_not_resolved_outright(
    speak: Speaker, snapshot: Snapshot
) -> None:
    """«минздрав минфин»: the Ministry of Finance is not in the small book, so half the query
    matches one body only; too weak to resolve, yet the one search result is its card."""
    assert snapshot.index.resolve("минздрав минфин") is None

    assert speak("en", lookup, snapshot, "минздрав минфин") == speak("en", card, snapshot, "moh")


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        (
            "ru",
            "Под запрос «министерство» подходят несколько госорганов. Какой из них вы имеете в виду?",
            [
                "Министерство здравоохранения",
                "Министерство обороны",
                "Министерство по чрезвычайным ситуациям",
            ],
        ),
        (
            "kk",
            "«министерство» сұрауына бірнеше мемлекеттік орган сәйкес келеді. Сізге қайсысы керек?",
            ["Денсаулық сақтау министрлігі", "Қорғаныс министрлігі", "Төтенше жағдайлар министрлігі"],
        ),
        (
            "en",
            "Several bodies match «министерство». Which one do you mean?",
            ["Ministry of Health", "Ministry of Defence", "Ministry of Emergency Situations"],
        ),
    ],
)
def test_an_ambiguous_name_offers_one_button_per_body_in_the_readers_language(
    speak: Speaker, snapshot: Snapshot, language: str, text: str, names: list[str]
) -> None:
    screen = speak(language, lookup, snapshot, "министерство")

    assert screen.text == text
    assert labels(screen) == [[name] for name in names]
    assert [AgencyCard.unpack(row[0].callback_data or "").slug for row in buttons(screen)] == [
        "moh",
        "mod",
        "mes",
    ]


def test_the_ambiguous_query_is_echoed_escaped(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", lookup, snapshot, "ministry <i>")

    assert screen.text == "Several bodies match «ministry &lt;i&gt;». Which one do you mean?"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "По запросу «&lt;b&gt;x&lt;/b&gt;» госорган не найден. Попробуйте короткое название или "
            "аббревиатуру — например, <i>Минфин</i>, <i>МЧС</i>, <i>KNB</i> — или посмотрите весь "
            "список: /rank",
        ),
        (
            "kk",
            "«&lt;b&gt;x&lt;/b&gt;» сұрауы бойынша мемлекеттік орган табылмады. Қысқа атауын немесе "
            "аббревиатурасын жазып көріңіз — мысалы, <i>Минфин</i>, <i>МЧС</i>, <i>KNB</i> — немесе толық "
            "тізімді қараңыз: /rank",
        ),
        (
            "en",
            "I found no state body for «&lt;b&gt;x&lt;/b&gt;». Try a short name or an abbreviation — for "
            "example <i>Минфин</i>, <i>МЧС</i>, <i>KNB</i> — or see the whole list: /rank",
        ),
    ],
)
def test_no_match_echoes_the_query_escaped_and_says_how_to_ask(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, lookup, snapshot, "<b>x</b>")

    assert screen.text == expected
    assert "<b>x</b>" not in screen.text
    assert screen.markup is None


def test_a_long_miss_is_echoed_shortened(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", lookup, snapshot, "q" * 300)

    assert screen.text.startswith("I found no state body for «" + "q" * 79 + "…». ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "Пришлите название министерства или агентства — например, <i>Минздрав</i>, <i>МЧС</i> или "
            "<i>KNB</i>. Что ещё я умею — смотрите в /help.",
        ),
        (
            "kk",
            "Министрліктің немесе агенттіктің атауын жіберіңіз — мысалы, <i>Минздрав</i>, <i>МЧС</i> "
            "немесе <i>KNB</i>. Тағы не істей алатынымды /help командасынан көріңіз.",
        ),
        (
            "en",
            "Send the name of a ministry or agency — for example <i>Минздрав</i>, <i>МЧС</i> or "
            "<i>KNB</i>. /help lists what else I can do.",
        ),
    ],
)
@pytest.mark.parametrize("query", ["", "   ", "\n\t "])
def test_a_blank_message_gets_the_hint_not_an_empty_echo(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str, query: str
) -> None:
    screen = speak(language, lookup, snapshot, query)

    assert screen.text == expected
    assert "«»" not in screen.text
    assert screen.markup is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Напишите название министерства или агентства после команды, например: /agency Минздрав"),
        ("kk", "Командадан кейін министрліктің немесе агенттіктің атауын жазыңыз, мысалы: /agency Минздрав"),
        ("en", "Send the name of a ministry or agency after the command, e.g. /agency Минздрав"),
    ],
)
def test_agency_without_a_name_asks_for_one(speak: Speaker, language: str, expected: str) -> None:
    screen = speak(language, agency_prompt)

    assert screen.text == expected
    assert screen.markup is None
