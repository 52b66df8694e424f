"""The Share button under every card: it types a name after @bot in the chat the user
picks, and that name must bring the same body's card back first."""

from __future__ import annotations

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.views.cards import card
from bot.views.inline import inline_answer
from bot.views.sharing import share_query
from bot.views.typed_language import language_of
from tests.unit.views.conftest import LANGUAGES, Speaker, buttons

SHARE = {"ru": "↗️ Поделиться", "kk": "↗️ Бөлісу", "en": "↗️ Share"}
EVERY_BODY = Snapshot.build(RatingBook.build([], []), load_agencies())


@pytest.mark.parametrize(
    ("language", "query"), [("ru", "Минздрав"), ("kk", "Денсаулық сақтау"), ("en", "Health")]
)
def test_a_card_ends_with_a_share_button_that_types_the_bodys_short_name(
    speak: Speaker, snapshot: Snapshot, language: str, query: str
) -> None:
    *_, last = buttons(speak(language, card, snapshot, "moh"))

    [share] = last
    assert (share.text, share.switch_inline_query) == (SHARE[language], query)
    assert share.callback_data is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_share_types_brings_back_that_bodys_card_first_for_every_body(
    speak: Speaker, language: str
) -> None:
    """A short name that finds another body too is replaced by the full name; English
    "Education" finds "Science and Higher Education" either way, and comes first of the two."""
    for slug in EVERY_BODY.bodies:
        [[share]] = speak(language, card, EVERY_BODY, slug).markup.inline_keyboard[-1:]  # type: ignore[union-attr]
        assert share.switch_inline_query is not None
        answer = speak(language, inline_answer, EVERY_BODY, share.switch_inline_query, "bot")
        assert answer.results[0].id == f"card-{slug}-0", (slug, share.switch_inline_query)


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_share_types_reads_as_the_sharers_language(speak: Speaker, language: str) -> None:
    """The inline answer comes in the language the typed text reads as: Kazakh "Энергетика"
    (no Kazakh-only letter) brought a Kazakh-speaking sharer a Russian card, so the full
    "Энергетика министрлігі" is typed instead. "Бас прокуратура" is Kazakh with no Kazakh
    letter in either name: the one body whose Kazakh share still reads as Russian."""
    misread = {}
    for slug, body in EVERY_BODY.bodies.items():
        query = speak(language, share_query, EVERY_BODY, body)
        if language_of(query, "none") != language:
            misread[slug] = query

    assert misread == ({"pgo": "Бас прокуратура"} if language == "kk" else {})
