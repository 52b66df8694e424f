"""One user flooding the bot: what it does to everyone else's reply latency, with and without
flood control (``THROTTLE_RATE``; ``bot/runtime/throttle.py``).

The bot runs as ``python -m bot`` in long polling against the fake Bot API server, which
answers every call 150 ms late (``--latency``), as the real one across a network. In each
run 20 normal users (``--users``) each send 10 look-ups (``--messages``), each after the
reply to the one before; meanwhile, in the flood runs, one more user sends 2,000 messages
(``--flood``) as fast as the fake server queues them, starting together with the others.
The floor is the same run without the flood, with the same throttling setting: the ratio
says how much slower the normal users are answered because of the flooder.

Four runs per round, each with a fresh fake server and a fresh bot on its own copy of the
bundled database: throttling off (``THROTTLE_RATE=0``) and on (the defaults: a burst of
10, then 1 a second), each without and with the flood.

    python bench/throttle.py
    python bench/throttle.py --flood 5000 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    LOOKUPS,
    BotProcess,
    TimedTelegram,
    Traffic,
    closed_loop,
    copy_rating_db,
    make_database,
    percentile,
    table,
)

FLOODER = 900_000
FIRST_USER = 1_000
SETTINGS = {"off": {"THROTTLE_RATE": "0"}, "on": {}}


@dataclass
class Run:
    traffic: Traffic
    flood_answered: int  # the flooder's messages that got a reply (the slow-down notice included)
    flood_fetched: float  # seconds until the bot had fetched (and confirmed) every update queued


async def flood(fake: TimedTelegram, count: int) -> float:
    """Queue ``count`` messages from one user, as fast as the fake server takes them; return
    how long the bot took to fetch them all: long polling takes 100 updates per getUpdates,
    one round trip each, whatever the bot then does with them."""
    began = time.monotonic()
    for number in range(count):
        fake.push_message(FLOODER, LOOKUPS[number % len(LOOKUPS)], language_code="ru")
        if number % 200 == 199:
            await asyncio.sleep(0)  # let the fake server answer the bot's getUpdates meanwhile
    for _ in range(3000):  # bounded: a minute
        if not fake._updates:  # the queue itself: the public copy costs too much to poll
            break
        await asyncio.sleep(0.02)
    return time.monotonic() - began


async def one_run(
    workdir: Path, template: Path, args: argparse.Namespace, throttle: str, flooded: bool
) -> Run:
    fake = TimedTelegram()
    await fake.start()
    env: dict[str, str | None] = {"LOG_LEVEL": "WARNING", **SETTINGS[throttle]}
    process = BotProcess(fake, workdir, database_path=copy_rating_db(template, workdir), env=env)
    try:
        await process.start(timeout=60)
        # Warm-up: every look-up once, from users not measured, so no run pays a first draw.
        await closed_loop(fake, LOOKUPS, users=len(LOOKUPS), messages=len(LOOKUPS), first_user=500)
        fake.set_latency(args.latency)
        users = closed_loop(
            fake, LOOKUPS, users=args.users, messages=args.messages, first_user=FIRST_USER, timeout=60
        )
        fetched = 0.0
        if flooded:
            traffic, fetched = await asyncio.gather(users, flood(fake, args.flood))
        else:
            traffic = await users
        if traffic.failures:
            raise SystemExit(f"{traffic.failures} normal message(s) got no reply\n{process.log()[-3000:]}")
        await fake.wait_idle(1.0, timeout=300)  # the flood's replies, when nothing holds them back
        return Run(traffic, len(fake.calls("sendMessage", chat_id=FLOODER)), fetched)
    finally:
        await process.stop()
        await fake.stop()


async def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    latencies: dict[tuple[str, bool], list[float]] = {}
    answered: dict[str, list[int]] = {"off": [], "on": []}
    fetched: dict[str, list[float]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory(prefix="bench-throttle-") as tmp:
        template = make_database(Path(tmp))
        for round_number in range(args.rounds):
            order = [(t, f) for t in ("off", "on") for f in (False, True)]
            if round_number % 2:
                order.reverse()
            for throttle, flooded in order:
                name = f"r{round_number}-{throttle}-{'flood' if flooded else 'calm'}"
                result = await one_run(Path(tmp) / name, template, args, throttle, flooded)
                latencies.setdefault((throttle, flooded), []).extend(result.traffic.latencies)
                if flooded:
                    answered[throttle].append(result.flood_answered)
                    fetched[throttle].append(result.flood_fetched)
                print(
                    f"  {name}: p50 {percentile(result.traffic.latencies, 0.5) * 1000:.0f} ms, "
                    f"p99 {percentile(result.traffic.latencies, 0.99) * 1000:.0f} ms"
                    + (
                        f"; flooder answered {result.flood_answered} times; "
                        f"flood fetched in {result.flood_fetched:.1f} s"
                        if flooded
                        else ""
                    ),
                    flush=True,
                )

    def ms(values: list[float], share: float) -> str:
        return f"{percentile(values, share) * 1000:.0f}"

    rows = []
    for throttle in ("off", "on"):
        calm, flooded = latencies[(throttle, False)], latencies[(throttle, True)]
        rows.append(
            [
                f"throttling {throttle}",
                ms(calm, 0.5),
                ms(flooded, 0.5),
                f"{percentile(flooded, 0.5) / percentile(calm, 0.5):.2f}",
                ms(calm, 0.99),
                ms(flooded, 0.99),
                f"{percentile(flooded, 0.99) / percentile(calm, 0.99):.2f}",
                f"{max(answered[throttle])} of {args.flood}",
                f"{max(fetched[throttle]):.1f}",
            ]
        )
    print()
    print(
        f"Normal users' reply latency, ms: {args.users} users x {args.messages} look-ups, "
        f"Bot API {args.latency * 1000:.0f} ms away; the flood: {args.flood} messages from one user"
    )
    print()
    print(
        table(
            [
                "",
                "p50 calm",
                "p50 flood",
                "ratio",
                "p99 calm",
                "p99 flood",
                "ratio",
                "flooder answered",
                "flood fetched, s",
            ],
            rows,
        )
    )
    print(f"\n({time.monotonic() - began:.0f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20, help="normal users (default 20)")
    parser.add_argument("--messages", type=int, default=10, help="look-ups per normal user (default 10)")
    parser.add_argument("--flood", type=int, default=2000, help="messages the flooder sends (default 2000)")
    parser.add_argument("--latency", type=float, default=0.15, help="Bot API latency, s (default 0.15)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the four runs (default 1)")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
