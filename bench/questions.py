"""Question parsing plus search per message, as a ratio to today's search alone, in process.

The query mix: ``bench/queries.py``'s 600 distinct look-ups (names, case forms, typos,
misses) and the 96 questions of tests/unit/domain/intents.csv. "search alone" is what a
text cost before questions: ``index.resolve`` then ``index.search``; "with questions" adds
``parse`` first (and skips the search when the text is a question, as the handler does).
The grammar is compiled once at import and the index built once, as at start-up; no
database is touched. Run: ``python bench/questions.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.queries import probes  # noqa: E402
from bot.domain.bodies import load_agencies  # noqa: E402
from bot.domain.intents.parse import parse  # noqa: E402
from bot.domain.search import AgencyIndex  # noqa: E402

QUESTIONS = ROOT / "tests" / "unit" / "domain" / "intents.csv"
LIMIT = 40


def mix() -> list[str]:
    with QUESTIONS.open(encoding="utf-8", newline="") as handle:
        questions = [row["question"] for row in csv.DictReader(handle)]
    return [probe.text for probe in probes()] + questions


def search_alone(index: AgencyIndex, text: str) -> None:
    if index.resolve(text) is None:
        index.search(text, limit=LIMIT)


def with_questions(index: AgencyIndex, text: str) -> None:
    if parse(text, index) is None:
        search_alone(index, text)


def timed(step: object, index: AgencyIndex, texts: list[str], rounds: int) -> float:
    """Microseconds per message, the best of ``rounds`` passes over the mix, each on a fresh
    index (the index memoizes searches, which would hide their cost after one pass)."""
    best = float("inf")
    for _ in range(rounds):
        fresh = AgencyIndex(load_agencies())
        start = time.perf_counter()
        for text in texts:
            step(fresh, text)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    index = AgencyIndex(load_agencies())
    names = [probe.text for probe in probes()]
    for label, texts in (("names and questions", mix()), ("names only", names)):
        alone = timed(search_alone, index, texts, rounds)
        both = timed(with_questions, index, texts, rounds)
        print(f"{label}: {len(texts)} messages, best of {rounds} rounds")
        print(f"  search alone {alone:7.1f} µs, questions + search {both:7.1f} µs, ratio {both / alone:.2f}x")


if __name__ == "__main__":
    main()
