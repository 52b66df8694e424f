"""``python -m bot.notify status``: what the outbox holds, per release, for the operator."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from pathlib import Path

from bot.config import DeliverySettings, StorageSettings
from bot.store import Store


async def status(database: Path) -> int:
    if not database.exists():  # noqa: ASYNC240 - one stat before anything runs
        print(f"No database at {database}: run the bot or the importer first.")
        return 2
    store = await Store.open(database)
    try:
        progress = await store.outbox.progress()
    finally:
        await store.close()
    limits = DeliverySettings()
    mode = "paid broadcast (Telegram charges Stars above 30/s)" if limits.notify_paid_broadcast else "free"
    print(f"NOTIFY_RATE {limits.notify_rate:g}/s, {mode}")
    header = ("release", "year", "imported", "queued", "sent", "failed", "dropped", "rate/s", "left")
    print("{:>7}  {:>4}  {:<25} {:>7} {:>7} {:>7} {:>7} {:>7} {:>8}".format(*header))
    for row in progress:
        rate = row.rate()
        left = row.seconds_left() if row.pending else None
        print(
            f"{row.release_id:>7}  {row.year:>4}  {row.imported_at:<25} "
            f"{row.pending:>7} {row.sent:>7} {row.failed:>7} {row.dropped:>7} "
            f"{f'{rate:.1f}' if rate else '-':>7} {f'{left:.0f} s' if left is not None else '-':>8}"
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.notify", description=__doc__)
    parser.add_argument("command", choices=["status"])
    parser.add_argument("--database", type=Path, help="SQLite file (default: DATABASE_PATH)")
    args = parser.parse_args(argv)
    return asyncio.run(status(args.database or StorageSettings().database_path))


if __name__ == "__main__":
    raise SystemExit(main())
