"""Search per message with any script and keyboard, as a ratio to today's search.

The mix is the query table ``tests/unit/domain/queries.csv`` (Cyrillic, English, Kazakh
Latin in three alphabets, Russian in Latin letters, the wrong keyboard layout both ways,
misses and choices). "Today's search" is the same ``AgencyIndex`` built with
``latin=False``: the names as written only, no skeleton index and no layout retry, which
is the search before issue 11. Each round builds fresh indexes (outside the timing), so
every query is analysed from scratch: no memo hit. Both are built once, at start-up, from
the reference list in memory: no database round trip.

    python bench/search.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.domain.bodies import Agency, load_agencies  # noqa: E402
from bot.domain.scripts import has_cyrillic, has_latin  # noqa: E402
from bot.domain.search import AgencyIndex  # noqa: E402

TABLE = REPO / "tests" / "unit" / "domain" / "queries.csv"


def mix() -> dict[str, list[str]]:
    """The table's queries, whole and by the kind of writing."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        queries = [row["query"] for row in csv.DictReader(handle)]
    return {
        "all": queries,
        "Cyrillic only": [q for q in queries if has_cyrillic(q) and not has_latin(q)],
        "with Latin letters": [q for q in queries if has_latin(q)],
    }


def per_query_us(build: Callable[[], AgencyIndex], queries: Sequence[str], rounds: int) -> float:
    """Median over rounds of the mean time of one search (resolve + the candidates), µs."""
    times = []
    for _ in range(rounds):
        index = build()
        start = time.perf_counter()
        for query in queries:
            if index.resolve(query) is None:
                index.search(query, limit=40)
        times.append((time.perf_counter() - start) / len(queries) * 1e6)
    return statistics.median(times)


def build_ms(build: Callable[[], AgencyIndex], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        build()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = max(1, min(parser.parse_args().rounds, 1000))
    agencies: list[Agency] = load_agencies()

    def today() -> AgencyIndex:
        return AgencyIndex(agencies, latin=False)

    def now() -> AgencyIndex:
        return AgencyIndex(agencies)

    print("| queries | count | today, µs | any script, µs | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, queries in mix().items():
        before = per_query_us(today, queries, rounds)
        after = per_query_us(now, queries, rounds)
        print(f"| {name} | {len(queries)} | {before:.0f} | {after:.0f} | {after / before:.2f} |")
    print()
    print(f"index build, ms: today {build_ms(today, rounds):.1f}, any script {build_ms(now, rounds):.1f}")


if __name__ == "__main__":
    main()
