"""Things outside this rating (bot/domain/elsewhere.py): every topic named in Russian, Kazakh
and English (Latin spellings too), and no rated body's own name ever read as a topic."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.elsewhere import TOPICS, topic_of
from bot.domain.search import AgencyIndex

TABLE = Path(__file__).with_name("elsewhere.csv")
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8")))
BODIES = load_agencies()


@pytest.mark.parametrize(("query", "topic"), [(row["query"], row["topic"]) for row in ROWS])
def test_the_table(query: str, topic: str) -> None:
    found = topic_of(query)
    assert (found.key if found else "") == topic


@pytest.mark.parametrize("topic", [topic.key for topic in TOPICS])
def test_every_topic_is_asked_about_in_each_language(topic: str) -> None:
    languages = {row["language"] for row in ROWS if row["topic"] == topic}
    assert languages == {"ru", "kk", "en"}


def test_every_topic_names_rated_bodies_only() -> None:
    slugs = {body.slug for body in BODIES}
    for topic in TOPICS:
        assert set(topic.related) <= slugs, topic.key


def official_names() -> list[str]:
    names = []
    for body in BODIES:
        for language in ("ru", "kk", "en"):
            names += [body.name(language), body.short_name(language)]
    return [name for name in names if name]


@pytest.mark.parametrize("name", official_names())
def test_a_rated_bodys_own_name_is_never_a_topic(name: str) -> None:
    assert topic_of(name) is None


def test_an_alias_read_as_a_topic_still_finds_its_body_exactly() -> None:
    """Aliases such as "полиция", "police", "школы" name a body in data/agencies.csv: the card wins there
    (bot/views/elsewhere.py answers a topic only when no name is an exact match)."""
    index = AgencyIndex(BODIES)
    for body in BODIES:
        for alias in body.aliases:
            if topic_of(alias) is not None:
                best = index.search(alias, limit=1)
                assert best, alias
                assert best[0].exact, alias
