"""Reply latency and throughput of the bot beside two floors measured in the same run.

The floors: a bare aiogram bot (``bench/floor_bot.py``, the "aiogram floor": what aiogram
itself costs, with its stock session) and a bot with no framework at all
(``bench/bare_floor_bot.py``, the "bare floor": aiohttp only, replies of the bot's average
size sent as JSON bodies; the least any Python bot can cost). For each round, each mode
(long polling, webhook) and each of the three contenders (the two floors and the bot,
``python -m bot`` on a copy of the bundled database), a fresh fake Bot API server is
started on 127.0.0.1 and the process under test pointed at it over HTTP. After a warm-up,
``--users`` simulated users at once each send ``--messages`` messages, each after the
reply to the one before (a closed loop), for each workload:

* ``lookup``: agency names, rotating: минздрав, МЧС, KNB, health ministry,
  Денсаулық сақтау and a typo (минздарв);
* ``rank``: ``/rank``;
* ``distinct``: ``--queries`` different look-ups (600; 300 with ``--quick``) in three
  languages, made from ``data/agencies.csv`` with a fixed seed by ``bench/queries.py``:
  names, abbreviations, case forms, typos, Latin-script and mixed-layout names, names
  with a year, ambiguous names and misses. Each is sent once to each process, so neither
  the search memo nor the screen cache can answer it (the first two workloads, after the
  warm-up, are all cache hits); they are shared among about ``--users`` users, whose
  languages follow the queries', each sending its share in a closed loop. Every reply of
  the bot is checked: a card must name the expected body in the user's language on its
  first line, a miss must be the no-match reply, an ambiguous query must offer choices.
  Mismatches are listed and fail the run; the floors' fixed replies are not checked.

Latency is from the update being queued at the fake server to the reply's
``sendMessage`` request arriving there; throughput is replies per second of the whole
closed-loop run. Each workload uses user ids the process has not seen, so a user's first
contact is counted as it happens in life. The order of the contenders (aiogram floor, bare
floor, bot) is reversed every other round; the figures are the medians over the rounds,
and the ratios are bot / aiogram floor (the targets are set against it) and bot / bare
floor (no target: the limit).

    python bench/replies.py                 # 5 rounds, 50 users x 20 messages, both modes
    python bench/replies.py --quick         # 1 round, 20 users x 10 messages, 300 distinct
    python bench/replies.py --modes polling --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import queries
from common import (
    LOOKUPS,
    MODES,
    WORKLOADS,
    Contender,
    Script,
    TimedTelegram,
    Traffic,
    closed_loop,
    make_database,
    median,
    percentile,
    plain,
    scripted_loop,
    table,
)

#: The issue's targets, against the aiogram floor: look-up p50 within 1.3x, throughput at
#: least 0.8x. The bare floor has none: it is the limit, shown for scale.
P50_TARGET = 1.3
THROUGHPUT_TARGET = 0.8

#: Every run's contenders, in the order of the even rounds (odd rounds reverse it): the
#: aiogram floor, the bare floor (no framework), the bot.
CONTENDERS = ("floor", "bare", "bot")
#: The workload of different queries, each checked (``bench/queries.py``); the others
#: (``common.WORKLOADS``) repeat a few texts, answered from the caches after the warm-up.
DISTINCT = "distinct"
ALL_WORKLOADS = (*WORKLOADS, DISTINCT)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="simulated users at once (default 50)")
    parser.add_argument("--messages", type=int, default=20, help="messages per user (default 20)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; medians are reported (default 5)")
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated: polling,webhook (default both)"
    )
    parser.add_argument(
        "--workloads",
        default=",".join(ALL_WORKLOADS),
        help="comma-separated: lookup,rank,distinct (default all three)",
    )
    parser.add_argument(
        "--queries", type=int, default=600, help="different queries of the distinct workload (default 600)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1 round of 20 users x 10 messages; 300 distinct queries"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.users, args.messages, args.rounds, args.queries = 20, 10, 1, 300
    args.modes = [m for m in args.modes.split(",") if m]
    args.workloads = [w for w in args.workloads.split(",") if w]
    if unknown := set(args.modes) - set(MODES) or set(args.workloads) - set(ALL_WORKLOADS):
        parser.error(f"unknown mode or workload: {', '.join(sorted(unknown))}")
    if DISTINCT in args.workloads and args.users < len(queries.LANGUAGES):
        parser.error(
            f"--users: at least {len(queries.LANGUAGES)} for the distinct workload (one per language)"
        )
    # Never a text the cached workloads send: it would be a memo hit.
    args.probes = queries.probes(args.queries, exclude=(*LOOKUPS, "/rank"))
    return args


def distinct_scripts(probes: Sequence[queries.Probe], users: int) -> list[Script]:
    """The probes dealt to about ``users`` users, each user's client in one language: the
    users of each language in proportion to its queries, each sending an equal share."""
    scripts: list[Script] = []
    for language in queries.LANGUAGES:
        texts = [p.text for p in probes if p.language == language]
        if texts:
            count = max(1, round(users * len(texts) / len(probes)))
            scripts += [Script(language, texts[number::count]) for number in range(count)]
    return scripts


def mismatches(probes: Sequence[queries.Probe], traffic: Traffic) -> list[str]:
    """The replies that are not what their query must get, one line each."""
    by_text = {probe.text: probe for probe in probes}
    found: list[str] = []
    for reply in traffic.replies:
        probe = by_text[reply.sent]
        text = plain(reply.call)
        if (problem := queries.check(probe, text, reply.call.callback_data)) is not None:
            found.append(queries.describe(probe, text, problem))
    return found


async def warm_up(fake: TimedTelegram) -> None:
    """Every text of the cached workloads once per language, from users not measured later
    (never a query of the distinct workload)."""
    texts = tuple(text for texts in WORKLOADS.values() for text in texts)
    await closed_loop(fake, texts, users=6, messages=len(texts), first_user=1)
    await asyncio.sleep(0.3)


async def measure(
    kind: str, mode: str, args: argparse.Namespace, *, workdir: Path, template: Path
) -> dict[str, Traffic]:
    results: dict[str, Traffic] = {}
    async with Contender(kind, mode, workdir, template if kind == "bot" else None) as contender:
        await warm_up(contender.fake)
        for number, workload in enumerate(args.workloads, start=1):
            if workload == DISTINCT:
                traffic = await scripted_loop(
                    contender.fake,
                    distinct_scripts(args.probes, args.users),
                    first_user=number * 1_000_000,
                    pid=contender.pid,
                    keep_replies=kind == "bot",
                )
            else:
                traffic = await closed_loop(
                    contender.fake,
                    WORKLOADS[workload],
                    users=args.users,
                    messages=args.messages,
                    first_user=number * 1_000_000,
                    pid=contender.pid,
                )
            if traffic.failures:
                print(
                    f"  ! {kind}/{mode}/{workload}: {traffic.failures} message(s) got no reply in time\n"
                    + contender.log()[-3000:],
                    file=sys.stderr,
                )
            results[workload] = traffic
    return results


def summarize(runs: list[Traffic]) -> dict[str, float]:
    return {
        "p50": median([percentile(t.latencies, 0.50) for t in runs]) * 1000,
        "p95": median([percentile(t.latencies, 0.95) for t in runs]) * 1000,
        "p99": median([percentile(t.latencies, 0.99) for t in runs]) * 1000,
        "rate": median([t.rate for t in runs]),
        "cpu": median([t.cpu_per_reply for t in runs]),
        "failures": sum(t.failures for t in runs),
    }


async def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    collected: dict[tuple[str, str, str], list[Traffic]] = defaultdict(list)
    wrong: Counter[str] = Counter()  # mismatch line -> in how many of the bot's runs
    with tempfile.TemporaryDirectory(prefix="bench-replies-") as tmp:
        tmp_path = Path(tmp)
        template = make_database(tmp_path)
        for round_number in range(args.rounds):
            order = CONTENDERS if round_number % 2 == 0 else tuple(reversed(CONTENDERS))
            for mode in args.modes:
                for kind in order:
                    workdir = tmp_path / f"r{round_number}-{mode}-{kind}"
                    results = await measure(kind, mode, args, workdir=workdir, template=template)
                    for workload, traffic in results.items():
                        collected[(mode, workload, kind)].append(traffic)
                        if workload == DISTINCT and kind == "bot":
                            wrong.update(f"{mode}: {line}" for line in mismatches(args.probes, traffic))
                        print(
                            f"  round {round_number + 1} {mode:8} {workload:8} {kind:5}: "
                            f"p50 {percentile(traffic.latencies, 0.5) * 1000:6.1f} ms, "
                            f"{traffic.rate:6.0f} replies/s, {traffic.cpu_per_reply:5.2f} CPU ms/reply",
                            file=sys.stderr,
                        )

    rows: list[list[str]] = []
    verdicts: list[str] = []
    for mode in args.modes:
        for workload in args.workloads:
            floor, bare, bot = (summarize(collected[(mode, workload, kind)]) for kind in CONTENDERS)
            p50_ratio, bare_p50_ratio = bot["p50"] / floor["p50"], bot["p50"] / bare["p50"]
            rate_ratio, bare_rate_ratio = bot["rate"] / floor["rate"], bot["rate"] / bare["rate"]
            # The targets were set for the cached workloads; the distinct run is read against them.
            target = "the look-ups' " if workload == DISTINCT else ""
            rows.append(
                [
                    mode,
                    workload,
                    *(f"{s['p50']:.1f} / {s['p95']:.1f} / {s['p99']:.1f}" for s in (floor, bare, bot)),
                    f"{p50_ratio:.2f}x",
                    f"{bare_p50_ratio:.2f}x",
                    " / ".join(f"{s['rate']:.0f}" for s in (floor, bare, bot)),
                    f"{rate_ratio:.2f}x",
                    f"{bare_rate_ratio:.2f}x",
                    " / ".join(f"{s['cpu']:.2f}" for s in (floor, bare, bot)),
                ]
            )
            if workload in ("lookup", DISTINCT):
                verdicts.append(
                    f"{mode} {workload} p50 {p50_ratio:.2f}x the aiogram floor "
                    f"({target}target <= {P50_TARGET}x): " + ("met" if p50_ratio <= P50_TARGET else "NOT met")
                )
            verdicts.append(
                f"{mode} {workload} throughput {rate_ratio:.2f}x the aiogram floor "
                f"({target}target >= {THROUGHPUT_TARGET}x): "
                + ("met" if rate_ratio >= THROUGHPUT_TARGET else "NOT met")
            )
            verdicts.append(
                f"{mode} {workload} against the bare floor (no target): p50 {bare_p50_ratio:.2f}x, "
                f"throughput {bare_rate_ratio:.2f}x, CPU per reply {bot['cpu'] / bare['cpu']:.2f}x"
            )
            if floor["failures"] or bare["failures"] or bot["failures"]:
                verdicts.append(
                    f"{mode} {workload}: unanswered messages: aiogram floor {floor['failures']:.0f}, "
                    f"bare floor {bare['failures']:.0f}, bot {bot['failures']:.0f}"
                )

    distinct = (
        f"; distinct: {len(args.probes)} different queries once each, "
        f"{len(distinct_scripts(args.probes, args.users))} users"
        if DISTINCT in args.workloads
        else ""
    )
    print(
        f"Replies: lookup and rank: {args.users} users x {args.messages} messages each{distinct} "
        f"(closed loops), {args.rounds} round(s), medians; latency in ms. Floors: aiogram = a bare "
        "aiogram bot (bench/floor_bot.py), bare = no framework (bench/bare_floor_bot.py)"
    )
    print()
    print(
        table(
            [
                "mode",
                "workload",
                "aiogram floor p50 / p95 / p99",
                "bare floor p50 / p95 / p99",
                "bot p50 / p95 / p99",
                "p50 bot/aiogram",
                "p50 bot/bare",
                "replies/s aiogram / bare / bot",
                "throughput bot/aiogram",
                "throughput bot/bare",
                "CPU ms/reply aiogram / bare / bot",
            ],
            rows,
        )
    )
    print()
    for verdict in verdicts:
        print(f"- {verdict}")
    if DISTINCT in args.workloads:
        runs = len(collected[(args.modes[0], DISTINCT, "bot")])
        print(
            f"\nDistinct queries checked: {len(args.probes)} per bot run, "
            + ", ".join(f"{n} {c}" for c, n in sorted(Counter(p.category for p in args.probes).items()))
            + f"; replies not as expected: {sum(wrong.values())}"
        )
        for line, count in sorted(wrong.items()):
            print(f"  ! {line} (in {count} of {runs} run(s) per mode)")
    print(f"\n({time.monotonic() - began:.0f} s)")
    # Targets missed are a finding, not an error; unanswered messages and wrong replies are errors.
    return 1 if wrong or any("unanswered" in v for v in verdicts) else 0


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
