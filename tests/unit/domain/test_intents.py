"""The intent table (tests/unit/domain/intents.csv): each question's understanding, and its
answer's numbers against the bundled data, worked out here from data/ratings/*.csv with
plain ``csv`` (not the bot's ranking), in the language the question is written in.

A row with no intent is a plain name: it must not be read as a question.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from statistics import fmean

import pytest
from aiogram.utils.i18n import I18n

from bot.domain.bodies import load_agencies
from bot.domain.intents.parse import Intent, looks_like_question, parse
from bot.domain.ratings import RatingBook
from bot.domain.search import AgencyIndex
from bot.domain.snapshot import Snapshot
from bot.runtime.i18n import make_i18n
from bot.store.records import Rating, Source, YearInfo
from bot.views.formatting import plain
from bot.views.question_help import examples
from bot.views.questions import answer
from tests.unit.conftest import DATA

TABLE = Path(__file__).with_name("intents.csv")
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8")))
QUESTIONS = [row for row in ROWS if row["intent"]]
NAMES = [row for row in ROWS if not row["intent"]]
AGENCIES = {agency.slug: agency for agency in load_agencies()}
SLUG_BY_NAME = {agency.names["ru"]: agency.slug for agency in AGENCIES.values()}
INDEX = AgencyIndex(list(AGENCIES.values()))
LATEST, BEFORE = 2025, 2024
PARTIAL = {2020}


def _read(year: int) -> dict[str, tuple[float, float]]:
    """slug -> (score, satisfaction), read as an operator would read the file."""
    with (DATA / "ratings" / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        return {
            SLUG_BY_NAME[r["agency"]]: (float(r["score"]), float(r["satisfaction"]))
            for r in csv.DictReader(handle)
        }


FIGURES = {year: _read(year) for year in (2020, 2024, 2025)}


def _provenance(year: int) -> list[Rating]:
    with (DATA / "ratings" / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Rating(year, SLUG_BY_NAME[r["agency"]], float(r["score"]), float(r["satisfaction"]),
                   r["score_provenance"], r["satisfaction_provenance"])
            for r in csv.DictReader(handle)
        ]  # fmt: skip


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    years = [
        YearInfo(year, year in PARTIAL, Source("test"), number) for number, year in enumerate(FIGURES, 1)
    ]
    ratings = [rating for year in FIGURES for rating in _provenance(year)]
    return Snapshot.build(RatingBook.build(years, ratings), list(AGENCIES.values()))


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return make_i18n("ru")


def _speak(i18n: I18n, language: str, snapshot: Snapshot, intent: Intent) -> str:
    with i18n.context(), i18n.use_locale(language):
        return plain(answer(snapshot, intent).text)


def _expected(row: dict[str, str], names: tuple[str, ...]) -> Intent:
    slugs = tuple(row["slugs"].split("|")) if row["slugs"] else ()
    return Intent(
        row["intent"], n=int(row["n"]), year=int(row["year"]), group=row["group"], measure=row["measure"],
        value=float(row["value"] or 0), slugs=slugs, names=names,
    )  # fmt: skip


def _score(value: float, language: str) -> str:
    text = str(Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))
    return text if language == "en" else text.replace(".", ",")


def _percent(value: float, language: str) -> str:
    text = str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    return text if language == "en" else text.replace(".", ",")


def _of_group(year: int, group: str) -> dict[str, tuple[float, float]]:
    return {slug: f for slug, f in FIGURES[year].items() if not group or AGENCIES[slug].kind == group}


def _place(slug: str, year: int) -> int:
    """Competition ranking by (score, satisfaction): 1 + how many stand strictly above."""
    mine = FIGURES[year][slug]
    return 1 + sum(1 for other in FIGURES[year].values() if other > mine)


def _appear_in_order(text: str, parts: list[str]) -> Iterator[int]:
    at = 0
    for part in parts:
        at = text.index(part, at)
        yield at


def test_the_table_has_thirty_questions_per_language() -> None:
    for language in ("ru", "kk", "en"):
        assert sum(1 for row in QUESTIONS if row["language"] == language) >= 30


@pytest.mark.parametrize("row", QUESTIONS, ids=[row["question"] for row in QUESTIONS])
def test_each_question_is_understood(row: dict[str, str]) -> None:
    intent = parse(row["question"], INDEX)
    assert intent is not None
    assert intent.intent == row["intent"]
    assert (intent.n, intent.year, intent.group, intent.measure, intent.value, intent.slugs) == (
        int(row["n"]), int(row["year"]), row["group"], row["measure"], float(row["value"] or 0),
        tuple(row["slugs"].split("|")) if row["slugs"] else (),
    )  # fmt: skip


@pytest.mark.parametrize("row", NAMES, ids=[row["question"] for row in NAMES])
def test_a_plain_name_is_not_taken_for_a_question(row: dict[str, str]) -> None:
    assert parse(row["question"], INDEX) is None


@pytest.mark.parametrize("row", QUESTIONS, ids=[row["question"] for row in QUESTIONS])
def test_each_answer_says_what_was_understood_and_gives_the_bundled_figures(
    row: dict[str, str], snapshot: Snapshot, i18n: I18n
) -> None:
    language, intent = row["language"], parse(row["question"], INDEX)
    assert intent == _expected(row, intent.names if intent else ())
    text = _speak(i18n, language, snapshot, intent)
    year = intent.year or LATEST
    header = text.split("\n")[0]
    if intent.intent != "compare":
        assert str(year) in header
    short = {slug: AGENCIES[slug].short_name(language) for slug in AGENCIES}
    figures = _of_group(year, intent.group)
    by_satisfaction = intent.measure == "satisfaction"
    if intent.intent in {"top", "bottom"}:
        order = sorted(figures, key=lambda s: (-figures[s][1], -figures[s][0]) if by_satisfaction else
                       (-figures[s][0], -figures[s][1]))  # fmt: skip
        chosen = order[: intent.n] if intent.intent == "top" else order[::-1][: intent.n]
        list(_appear_in_order(text, [f"{short[s]} — {_score(figures[s][0], language)}" for s in chosen]))
        assert text.count("\n") == 1 + len(chosen) + (2 if "*" in text else 0)
    elif intent.intent in {"rise", "fall"}:
        before, now = FIGURES[BEFORE], FIGURES[LATEST]
        measure = intent.measure or "satisfaction"
        delta = {
            slug: (_place(slug, BEFORE) - _place(slug, LATEST)) if measure == "places"
            else now[slug][0 if measure == "score" else 1] - before[slug][0 if measure == "score" else 1]
            for slug in now if slug in before
        }  # fmt: skip
        best = max(delta, key=delta.get) if intent.intent == "rise" else min(delta, key=delta.get)  # type: ignore[arg-type]
        assert text.split("\n")[2].startswith(f"1. {short[best]}: ")
        if measure == "satisfaction":
            assert _percent(abs(delta[best]), language) in text.split("\n")[2]
    elif intent.intent == "average":
        mean = fmean(f[1 if by_satisfaction else 0] for f in figures.values())
        shown = _percent(mean, language) if by_satisfaction else _score(mean, language)
        assert shown in text.split("\n")[2]
        assert str(len(figures)) in text.split("\n")[2]
    elif intent.intent == "above":
        count = sum(1 for f in figures.values() if f[1 if by_satisfaction else 0] > intent.value)
        assert text.split("\n")[2].startswith(f"{count}* ") or text.split("\n")[2].startswith(f"{count} ")
        assert f" {len(figures)}" in text.split("\n")[2]
    elif intent.intent == "rank":
        (slug,) = intent.slugs
        assert str(_place(slug, year)) in text.split("\n")[2]
        assert _score(FIGURES[year][slug][0], language) in text.split("\n")[2]
    elif intent.intent == "better":
        first, second = intent.slugs
        key = 1 if by_satisfaction else slice(0, 2)
        winner = first if FIGURES[year][first][key] > FIGURES[year][second][key] else second
        assert short[winner] in text.split("\n")[5]
    else:  # compare: /compare's figures for each body, 2025 and 2024
        for slug in intent.slugs:
            assert AGENCIES[slug].name(language) in text
            assert f"{LATEST}: {_score(FIGURES[LATEST][slug][0], language)}" in text


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_example_questions_offered_are_understood(language: str, i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale(language):
        offered = examples()
    assert len(offered) == 3
    for question in offered:
        assert parse(question, INDEX) is not None, question


@pytest.mark.parametrize(
    "text", ["кто самый честный министр?", "what is the weather?", "ең әдемі министр кім?", "топ сто"]
)
def test_a_question_the_grammar_cannot_read_still_looks_like_one(text: str) -> None:
    assert parse(text, INDEX) is None
    assert looks_like_question(text)
