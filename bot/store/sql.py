"""What every query module shares: one way to run a transaction, one way to write a time."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiosqlite


def utc_timestamp(*, precise: bool = False) -> str:
    """Now, as the store writes every *_at column: UTC ISO 8601, to the second (to the
    millisecond where a rate is worked out from it, as for deliveries)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds" if precise else "seconds")


@dataclass
class Transaction:
    """An open write transaction; set ``keep = False`` to roll it back at the end."""

    keep: bool = True


@contextlib.asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[Transaction]:
    """``BEGIN IMMEDIATE`` (the write lock up front, so it never fails half-way for a lock),
    then COMMIT, or ROLLBACK on any error or when the body asked for it."""
    await db.execute("BEGIN IMMEDIATE")
    state = Transaction()
    try:
        yield state
        await db.execute("COMMIT" if state.keep else "ROLLBACK")
    except BaseException:
        await rollback_if_open(db)
        raise


async def rollback_if_open(db: aiosqlite.Connection) -> None:
    """Roll back what is still open after an error. SQLite has already rolled back by
    itself after some (a full disk: SQLITE_FULL), and a second ROLLBACK would raise
    "cannot rollback - no transaction is active" over the error that explains it."""
    if db.in_transaction:
        await db.execute("ROLLBACK")
