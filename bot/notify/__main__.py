"""``python -m bot.notify status``: what the outbox holds, per release, for the operator.

It only looks: the database is opened read-only (no migration, no switch to WAL), so it
works on a read-only volume, beside a running bot, and as a user who cannot write there.
A database it cannot read is one line and exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot.config import DeliverySettings, StorageSettings, describe_settings_error
from bot.store.files import holds_database
from bot.store.store import BrokenDatabaseError, Store, StoreError


async def status(database: Path) -> int:
    database = database.absolute()  # noqa: ASYNC240 - no I/O: named as the operator can find it
    if not holds_database(database):  # an empty file is no database either
        print(f"No database at {database}: run the bot or the importer first.")
        return 2
    try:
        store = await Store.open_read_only(database)
        try:
            with BrokenDatabaseError.raised_for(database):  # a damaged page met by the query
                progress = await store.outbox.progress()
        finally:
            await store.close()
    except StoreError as error:
        print(error, file=sys.stderr)
        return 2
    except sqlite3.Error as error:  # e.g. a file this user may not read
        print(f"Cannot read the database {database} ({error})", file=sys.stderr)
        return 2
    try:
        limits = DeliverySettings()
    except ValidationError as error:
        print(describe_settings_error(error), file=sys.stderr)
        return 2
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
