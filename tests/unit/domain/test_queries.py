"""The query table: what people type, in every script and keyboard, and what it must find.

Each row of ``queries.csv`` is a query, the language it is written in, and the expected
answer: a slug (the one body ``resolve`` answers with), ``none`` (the search finds nothing)
or ``choose:a|b`` (no sure answer; exactly these bodies are offered to choose from).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.lineage import load_lineage
from bot.domain.search import AgencyIndex

TABLE = Path(__file__).with_name("queries.csv")
LANGUAGES = ("ru", "kk", "en")
#: As many candidates as the lookup reply considers (bot/views/lookup.py).
MAX_CANDIDATES = 40


def _rows() -> list[tuple[str, str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return [(row["query"], row["language"], row["expect"]) for row in csv.DictReader(handle)]


ROWS = _rows()


@pytest.fixture(scope="module")
def index() -> AgencyIndex:
    """As the bot builds it: today's names, and the old ones from data/lineage.csv."""
    agencies = load_agencies()
    return AgencyIndex(agencies, load_lineage(agencies).old_names())


def test_the_table_covers_every_language() -> None:
    counts = Counter(language for _, language, _ in ROWS)
    assert len(ROWS) >= 300
    assert set(counts) == set(LANGUAGES)
    assert all(counts[language] >= 80 for language in LANGUAGES), counts
    assert len({query for query, _, _ in ROWS}) == len(ROWS), "a query is in the table twice"


def test_every_expected_slug_exists() -> None:
    slugs = {agency.slug for agency in load_agencies()}
    for _, _, expect in ROWS:
        if expect == "none":
            continue
        expected = expect.removeprefix("choose:").split("|")
        assert set(expected) <= slugs, expect


@pytest.mark.parametrize(("query", "language", "expect"), ROWS, ids=[row[0] for row in ROWS])
def test_query(index: AgencyIndex, query: str, language: str, expect: str) -> None:
    found = [match.agency.slug for match in index.search(query, limit=MAX_CANDIDATES)]
    resolved = index.resolve(query)
    if expect == "none":
        assert found == []
    elif expect.startswith("choose:"):
        assert resolved is None, f"{query!r} ({language}) guessed {resolved and resolved.slug}"
        assert set(found) == set(expect.removeprefix("choose:").split("|"))
    else:
        assert resolved is not None, f"{query!r} ({language}): {found}"
        assert resolved.slug == expect
        assert found[0] == expect
