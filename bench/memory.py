"""Resident memory of the running bot beside a bare aiogram bot's (the floor), same run.

Each contender runs in long-polling mode against its own fake Bot API server on
127.0.0.1 and answers the same 200 messages (agency look-ups and /rank from 20 users);
then VmRSS (resident now) and VmHWM (the peak) are read from /proc/PID/status. The two
run one after the other, so neither's memory pressure touches the other's figures.

    python bench/memory.py
    python bench/memory.py --messages 1000
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from common import KINDS, LOOKUPS, Contender, closed_loop, make_database, rss_kib, table

#: The issue's target: the bot within 25 MB of the floor.
TARGET_MB = 25.0
USERS = 20


async def measure(kind: str, messages: int, workdir: Path, template: Path) -> dict[str, int]:
    async with Contender(kind, "polling", workdir, template if kind == "bot" else None) as contender:
        traffic = await closed_loop(
            contender.fake, (*LOOKUPS, "/rank"), users=USERS, messages=messages // USERS, first_user=1
        )
        if traffic.failures:
            raise SystemExit(f"{kind}: {traffic.failures} message(s) got no reply\n{contender.log()[-3000:]}")
        await asyncio.sleep(0.5)  # let the replies' buffers go
        return rss_kib(contender.pid)


async def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    found: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        template = make_database(Path(tmp))
        for kind in KINDS:
            found[kind] = await measure(kind, args.messages, Path(tmp) / kind, template)

    def mb(kib: int) -> str:
        return f"{kib / 1024:.1f}"

    floor, bot = found["floor"], found["bot"]
    rows = [
        [key, mb(floor[key]), mb(bot[key]), f"{(bot[key] - floor[key]) / 1024:+.1f}"]
        for key in ("VmRSS", "VmHWM")
    ]
    print(f"Memory after {args.messages} messages (long polling), MB")
    print()
    print(table(["", "floor", "bot", "bot - floor"], rows))
    print()
    difference = (bot["VmRSS"] - floor["VmRSS"]) / 1024
    verdict = "met" if difference <= TARGET_MB else "NOT met"
    print(f"- resident memory {difference:.1f} MB above the floor (target <= {TARGET_MB:.0f} MB): {verdict}")
    print(f"\n({time.monotonic() - began:.0f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--messages", type=int, default=200, help="messages each contender answers (default 200)"
    )
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
