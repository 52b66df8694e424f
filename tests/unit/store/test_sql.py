"""The one way the store runs a transaction: commit, or roll back and keep the real error.

SQLite rolls a transaction back by itself after some errors (SQLITE_FULL: a full disk).
The ROLLBACK that followed then raised "cannot rollback - no transaction is active",
and that, not "database or disk is full", was what the operator read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from bot.store.sql import transaction


class RefusedError(Exception):
    """The error the body raised: the one the caller must see."""


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[aiosqlite.Connection]:
    connection = await aiosqlite.connect(tmp_path / "t.db", isolation_level=None)
    await connection.execute("CREATE TABLE t (x INTEGER)")
    try:
        yield connection
    finally:
        await connection.close()


async def rows(db: aiosqlite.Connection) -> list[int]:
    return [row[0] for row in await db.execute_fetchall("SELECT x FROM t ORDER BY x")]


async def test_an_error_after_sqlite_rolled_back_by_itself_is_the_error_raised(
    db: aiosqlite.Connection,
) -> None:
    async def fails_after_sqlite_rolled_back() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO t VALUES (1)")
            await db.execute("ROLLBACK")  # what SQLite does itself on SQLITE_FULL
            raise RefusedError

    with pytest.raises(RefusedError):
        await fails_after_sqlite_rolled_back()

    assert not db.in_transaction
    assert await rows(db) == []


async def test_an_error_in_the_body_rolls_back_what_it_wrote(db: aiosqlite.Connection) -> None:
    async def fails() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO t VALUES (1)")
            raise RefusedError

    with pytest.raises(RefusedError):
        await fails()

    assert not db.in_transaction
    assert await rows(db) == []


async def test_keep_false_rolls_back_and_keep_true_commits(db: aiosqlite.Connection) -> None:
    async with transaction(db) as written:
        await db.execute("INSERT INTO t VALUES (1)")
        written.keep = False
    async with transaction(db):
        await db.execute("INSERT INTO t VALUES (2)")

    assert not db.in_transaction
    assert await rows(db) == [2]
