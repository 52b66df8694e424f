"""The database file: what counts as one, the read-only open, and a file that is no database.

Issue 14, part 7. Each "before" names what the code did before the fix, on the same input.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.store.files import holds_database, read_only_uri
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION
from bot.store.store import BrokenDatabaseError, Store, StoreError

RANDOM_BYTES = random.Random(14).randbytes(8192)


def pragma(path: Path, name: str) -> object:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


async def current_database(path: Path) -> Path:
    """A database at the current schema, as the bot leaves it (closed, so in the file)."""
    store = await Store.open(path)
    await store.close()
    return path


def test_a_zero_length_file_holds_no_database(tmp_path: Path) -> None:
    """Before: ``exists()`` was the test, so a ``touch``-ed file skipped the bundled data."""
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not holds_database(empty)
    assert not holds_database(tmp_path / "missing.db")
    assert not holds_database(tmp_path)  # a directory
    empty.write_bytes(b"x")
    assert holds_database(empty)


async def test_read_only_open_reads_and_cannot_write(tmp_path: Path) -> None:
    database = await current_database(tmp_path / "rating.db")
    store = await Store.open_read_only(database)
    try:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.outbox.progress() == []
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await store.register_user(42)
    finally:
        await store.close()


async def test_read_only_open_switches_nothing(tmp_path: Path) -> None:
    """Before there was only the ordinary open, which switches the file to WAL."""
    database = await current_database(tmp_path / "rating.db")
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    before = database.read_bytes()
    store = await Store.open_read_only(database)
    await store.close()
    assert pragma(database, "journal_mode") == "delete"
    assert database.read_bytes() == before


async def test_read_only_open_of_an_older_schema_says_to_run_the_bot(tmp_path: Path) -> None:
    database = tmp_path / "old.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.executescript(f"{MIGRATIONS[0]}\nPRAGMA user_version = 1;")
    with pytest.raises(StoreError) as raised:
        await Store.open_read_only(database)
    assert str(raised.value) == (
        f"{database} has schema version 1, older than this bot's {SCHEMA_VERSION}: "
        "run the bot once to upgrade it"
    )
    assert pragma(database, "user_version") == 1, "nothing migrated"


async def test_read_only_open_of_a_newer_schema_refuses_it(tmp_path: Path) -> None:
    database = await current_database(tmp_path / "rating.db")
    with closing(sqlite3.connect(database)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this bot's"):
        await Store.open_read_only(database)


async def test_read_only_open_takes_any_file_name(tmp_path: Path) -> None:
    """The path goes into a URI: a "?", "#" or "%" in it must not be read as URI syntax."""
    database = await current_database(tmp_path / "a?b#c%20d rating.db")
    assert "?mode=ro" in read_only_uri(database)
    store = await Store.open_read_only(database)
    await store.close()
    assert not (tmp_path / "a").exists(), "no other file was made"


@pytest.mark.parametrize("read_only", [False, True], ids=["open", "open_read_only"])
async def test_a_file_that_is_not_a_database_is_one_sentence(tmp_path: Path, read_only: bool) -> None:
    """Before: sqlite3.DatabaseError("file is not a database") from the first PRAGMA."""
    database = tmp_path / "broken.db"
    database.write_bytes(RANDOM_BYTES)
    with pytest.raises(BrokenDatabaseError) as raised:
        await (Store.open_read_only(database) if read_only else Store.open(database))
    assert str(raised.value) == (
        f"{database} is not an SQLite database (file is not a database): restore a backup or move it away"
    )
    assert database.read_bytes() == RANDOM_BYTES


async def test_a_truncated_database_is_one_sentence(tmp_path: Path) -> None:
    database = await current_database(tmp_path / "rating.db")
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])
    with pytest.raises(BrokenDatabaseError, match=r"\(database disk image is malformed\): restore a backup"):
        await Store.open(database)


def test_only_a_damaged_file_is_called_broken(tmp_path: Path) -> None:
    """A locked or unreadable database is another problem, with its own message."""
    with pytest.raises(sqlite3.OperationalError), BrokenDatabaseError.raised_for(tmp_path):
        raise sqlite3.OperationalError("database is locked")
