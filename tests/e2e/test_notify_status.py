"""End to end: ``python -m bot.notify status`` only looks (issue 14, part 7).

It opens the database read-only: it works on a read-only volume, migrates nothing,
switches nothing to WAL, counts a zero-length file as no database, and says in one line,
exit code 2, when the file is not a database or is of an older schema.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.store.schema import MIGRATIONS, SCHEMA_VERSION

from .releases import notify_status


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(path: Path, name: str) -> object:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]


def checkpointed_copy(template: Path, target: Path) -> Path:
    """A copy of the loaded database with everything in the file itself (no -wal)."""
    shutil.copyfile(template, target)
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return target


@contextlib.contextmanager
def read_only_directory(directory: Path) -> Iterator[None]:
    """``directory`` read-only for this process: a read-only tmpfs as root (root passes
    every permission check, so a chmod would prove nothing), a chmod otherwise."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(0o755)
        return
    mount = subprocess.run(["mount", "-o", "remount,ro", str(directory)], capture_output=True, check=False)
    if mount.returncode != 0:
        pytest.skip(f"cannot remount {directory} read-only: {mount.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(directory)], check=False)


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path]:
    """A directory on a filesystem of its own, which :func:`read_only_directory` can make
    read-only without touching anything else (as root: a tmpfs; otherwise a plain one)."""
    directory = tmp_path / "volume"
    directory.mkdir()
    if os.geteuid() != 0:
        yield directory
        return
    mount = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(directory)], capture_output=True, check=False
    )
    if mount.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs as root here: {mount.stderr.decode().strip()}")
    try:
        yield directory
    finally:
        subprocess.run(["umount", str(directory)], check=False)


async def test_status_reads_a_database_on_a_read_only_volume(
    small_volume: Path, rating_db_template: Path
) -> None:
    """Before: it opened the database read-write and switched it to WAL: a traceback."""
    database = checkpointed_copy(rating_db_template, small_volume / "rating.db")
    with read_only_directory(small_volume):
        with pytest.raises(OSError, match=r"Read-only file system|Permission denied"):
            (small_volume / "probe").write_text("")  # the volume really is read-only
        run = await notify_status(database)
    assert run.code == 0, run.err
    assert [row.split()[1] for row in run.out.splitlines()[2:]] == ["2025", "2024", "2020"]
    assert run.err == ""


async def test_status_changes_nothing_in_the_file(tmp_path: Path, rating_db_template: Path) -> None:
    """Before: opening it switched a rollback-journal database to WAL (and migrated it)."""
    database = checkpointed_copy(rating_db_template, tmp_path / "rating.db")
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    before = digest(database)
    run = await notify_status(database)
    assert run.code == 0, run.err
    assert digest(database) == before
    assert pragma(database, "journal_mode") == "delete"


async def test_status_on_an_older_schema_says_to_run_the_bot(tmp_path: Path) -> None:
    """Before: it migrated the database to show figures."""
    database = tmp_path / "old.db"
    with closing(sqlite3.connect(database)) as connection:
        connection.executescript(f"{MIGRATIONS[0]}\nPRAGMA user_version = 1;")
    run = await notify_status(database)
    assert run.code == 2
    assert run.out == ""
    assert run.err.strip() == (
        f"{database} has schema version 1, older than this bot's {SCHEMA_VERSION}: "
        "run the bot once to upgrade it"
    )
    assert pragma(database, "user_version") == 1, "not migrated"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (random.Random(14).randbytes(8192), "file is not a database"),
        (b"SQLite format 3\x00" + bytes(84), "file is not a database"),
    ],
    ids=["random bytes", "a bare header"],
)
async def test_status_on_a_file_that_is_not_a_database_is_one_line(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    """Before: a raw sqlite3.DatabaseError traceback, exit code 1."""
    database = tmp_path / "broken.db"
    database.write_bytes(content)
    run = await notify_status(database)
    assert run.code == 2
    assert run.out == ""
    assert run.err.strip() == (
        f"{database} is not an SQLite database ({reason}): restore a backup or move it away"
    )
    assert database.read_bytes() == content


async def test_status_on_a_truncated_database_is_one_line(tmp_path: Path, rating_db_template: Path) -> None:
    database = checkpointed_copy(rating_db_template, tmp_path / "rating.db")
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])
    run = await notify_status(database)
    assert run.code == 2
    assert run.err.strip() == (
        f"{database} is not an SQLite database (database disk image is malformed): "
        "restore a backup or move it away"
    )


async def test_status_on_a_zero_length_file_says_there_is_no_database(tmp_path: Path) -> None:
    """Before: it made a new, empty database in the file and showed an empty table."""
    database = tmp_path / "empty.db"
    database.touch()
    run = await notify_status(database)
    assert run.code == 2
    assert run.out.strip() == f"No database at {database}: run the bot or the importer first."
    assert database.stat().st_size == 0
