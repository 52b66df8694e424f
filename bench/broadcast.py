"""How fast the bot delivers a new-rating notification to many subscribers, and how well.

``--subscribers`` chats (default 5,000; languages rotate ru, kk, en) following every
rating are written straight into a database loaded with the bundled data. The fake Bot API server
(``tests/e2e/fake_telegram.py``) runs in this process with Telegram's limits switched on
(``limit_rate``: 30 messages a second overall, 1 a second per chat, answering 429 with
``retry_after`` beyond them); the real bot (``python -m bot``) is started against it with
``NOTIFY_RATE=--rate`` (default 25). A 2026 release is then imported by the import script,
as the operator does, and the run lasts until every chat has its message and the outbox
has nothing pending, or ``--timeout``.

Printed: messages per second achieved (from the first notification to the last), the
time from the import to the last delivery, lost chats (no message) and duplicates
(messages beyond one per chat), the 429s the fake answered, the outbox's final counts,
and the bot's peak memory (VmHWM from /proc/<pid>/status).

The floor. The other benchmarks compare the bot with a bare aiogram bot measured in the
same run. A broadcast has no such floor: the worker is *meant* to go no faster than the
rate it is configured with, under Telegram's limit, so the floor here is the configured
rate itself and the ratio printed is achieved / configured (1.00 is the ceiling; well
below it means the worker cannot keep up with its own pace). 429s should stay at 0 while
``--rate`` is under the fake's 30 a second.

A real Bot API answers 50-200 ms late; ``--latency`` makes the fake answer that late
(the call is counted against the limits on arrival), so sends in flight together are
what keeps the rate up. ``--national`` runs the two runs the README reports: 1,000
subscribers at Telegram's free limit (30 a second, ``NOTIFY_RATE`` 29) 150 ms away and
on loopback, and 100,000 in paid broadcast (the fake allowing 1000 a second, no delay):
the worker's own ceiling.

    python bench/broadcast.py                      # 5,000 subscribers at 25 a second
    python bench/broadcast.py --subscribers 500    # a quick check
    python bench/broadcast.py --rate 40 --paid --limit 30   # above the fake's limit: 429s appear
    python bench/broadcast.py --national           # the README's figures (~5 minutes)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import rss_kib, table

from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.harness import BotProcess, load_bundled_database
from tests.e2e.releases import run_importer, subscribe_directly, write_release

FIRST_CHAT = 10_000_001
TELEGRAM_RATE = 30.0  # messages a second, overall
TELEGRAM_PER_CHAT = 1.0  # messages a second, per chat


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=5_000, help="subscribed chats (default 5000)")
    parser.add_argument("--rate", type=float, default=25.0, help="the bot's NOTIFY_RATE (default 25)")
    parser.add_argument("--limit", type=float, default=TELEGRAM_RATE, help="the fake's limit a second (30)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds every answer takes (0)")
    parser.add_argument("--paid", action="store_true", help="NOTIFY_PAID_BROADCAST=true (rate above 30)")
    parser.add_argument("--window", type=int, default=10, help="the bot's NOTIFY_WINDOW (default 10)")
    parser.add_argument("--national", action="store_true", help="the README's runs, one after another")
    parser.add_argument(
        "--timeout", type=float, help="seconds to wait for every delivery (default: 2x the ideal time + 60)"
    )
    args = parser.parse_args(argv)
    if args.subscribers < 1 or args.rate <= 0:
        parser.error("--subscribers and --rate must be positive")
    if args.timeout is None:
        args.timeout = 2 * args.subscribers / args.rate + 60
    return args


async def import_release(database: Path, path: Path) -> str:
    """Import ``path`` as 2026, as the operator does; stop the benchmark if that fails."""
    run = await run_importer(database, path, "--year", "2026")
    if run.code != 0:
        raise SystemExit(f"the importer failed:\n{run.out}{run.err}")
    return run.out.strip()


def database_size(database: Path) -> int:
    """Bytes on disk: the file and its write-ahead log."""
    wal = database.with_name(database.name + "-wal")
    return database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def outbox_counts(database: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(database, timeout=10)) as connection:
        return dict(connection.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())


def deliveries(fake: FakeTelegram, chats: set[int]) -> tuple[Counter[int], list[float]]:
    """Accepted notifications per chat, and their arrival times."""
    counts: Counter[int] = Counter()
    times: list[float] = []
    for call in fake.calls("sendMessage"):
        if call.chat_id in chats:
            counts[call.chat_id] += 1
            times.append(call.at)
    return counts, times


async def run(args: argparse.Namespace, workdir: Path) -> int:
    database = workdir / "bot.sqlite3"
    load_bundled_database(database)
    chats = set(subscribe_directly(database, args.subscribers, first_chat=FIRST_CHAT))
    release = write_release(workdir / "2026.csv", {"moh": (4.88, 91.0)})  # a riser for the summary
    size_before = database_size(database)

    async with FakeTelegram() as fake:
        fake.limit_rate(args.limit, TELEGRAM_PER_CHAT)
        fake.set_latency(args.latency)
        env: dict[str, str | None] = {
            "NOTIFY_RATE": f"{args.rate:g}",
            "NOTIFY_PAID_BROADCAST": "true" if args.paid else "false",
            "NOTIFY_WINDOW": str(args.window),
            "NOTIFY_POLL_SECONDS": "0.5",
            "LOG_LEVEL": "WARNING",
        }
        bot = BotProcess(fake, workdir, database_path=database, env=env)
        await bot.start(timeout=60)
        try:
            print(
                f"{args.subscribers} subscribers; NOTIFY_RATE={args.rate:g}"
                f"{' (paid broadcast)' if args.paid else ''}, window {args.window}; the fake: "
                f"{args.limit:g}/s overall, {TELEGRAM_PER_CHAT:g}/s per chat, "
                f"{args.latency * 1000:g} ms a call",
                flush=True,
            )
            imported_at = time.monotonic()
            print(await import_release(database, release), flush=True)
            queued_in = time.monotonic() - imported_at
            deadline = imported_at + args.timeout
            while True:
                counts, _ = deliveries(fake, chats)
                if len(counts) == len(chats) and not outbox_counts(database).get("pending"):
                    break
                if time.monotonic() > deadline:
                    print(f"timed out after {args.timeout:g} s", flush=True)
                    break
                await asyncio.sleep(0.25)
            await fake.wait_idle(1.0, timeout=5)  # let a late duplicate show up
            memory = rss_kib(bot.pid) if bot.pid is not None and bot.running else {}
        finally:
            await bot.stop()
    size_after = database_size(database)

    counts, times = deliveries(fake, chats)
    statuses = outbox_counts(database)
    sent = sum(counts.values())
    span = max(times) - min(times) if len(times) > 1 else float("nan")
    achieved = (sent - 1) / span if len(times) > 1 else float("nan")
    lost = len(chats) - len(counts)
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    ideal = args.subscribers / args.rate
    rows = [
        ("messages per second achieved", f"{achieved:.2f}"),
        ("floor: the configured NOTIFY_RATE", f"{args.rate:g}"),
        ("ratio achieved / configured", f"{achieved / args.rate:.2f}"),
        ("ratio achieved / the fake's limit", f"{achieved / args.limit:.2f}"),
        ("import, queueing included (s)", f"{queued_in:.2f}"),
        ("import -> last delivery (s)", f"{max(times) - imported_at:.1f}" if times else "-"),
        ("first -> last delivery (s)", f"{span:.1f}"),
        ("ideal: subscribers / rate (s)", f"{ideal:.1f}"),
        ("messages accepted", str(sent)),
        ("lost (chats without a message)", str(lost)),
        ("duplicates", str(duplicates)),
        ("429s answered by the fake", str(fake.rate_limited)),
        ("outbox", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))),
        ("bot peak memory, VmHWM (MiB)", f"{memory['VmHWM'] / 1024:.1f}" if memory else "-"),
        ("database growth in the run (MiB)", f"{(size_after - size_before) / 2**20:.1f}"),
    ]
    print()
    print(table(("broadcast", "value"), rows))
    return 0 if lost == 0 and duplicates == 0 else 1


#: --national: (subscribers, NOTIFY_RATE, the fake's limit, latency, paid broadcast)
NATIONAL = (
    (1_000, 29.0, 30.0, 0.15, False),
    (1_000, 29.0, 30.0, 0.0, False),
    (100_000, 1000.0, 1000.0, 0.0, True),
)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runs = [args]
    if args.national:
        runs = [
            argparse.Namespace(
                **{
                    **vars(args),
                    "subscribers": n,
                    "rate": rate,
                    "limit": limit,
                    "latency": latency,
                    "paid": paid,
                }
            )
            for n, rate, limit, latency, paid in NATIONAL
        ]
    worst = 0
    for one in runs:
        one.timeout = 2 * one.subscribers / one.rate + 120
        with tempfile.TemporaryDirectory(prefix="bench-broadcast-") as tmp:
            worst = max(worst, asyncio.run(run(one, Path(tmp))))
        print()
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
