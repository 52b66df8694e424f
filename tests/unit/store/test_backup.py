"""``python -m bot.store backup FILE``: a consistent copy while the database is written to,
never over an existing file unless asked, and one line for every way it cannot be done."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest

from bot.config import StorageSettings
from bot.store.__main__ import DatabaseSetting, main
from bot.store.backup import BackupError, back_up
from bot.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[3]
#: The writer's inserts at most: the loop is bounded whatever the backup does.
WRITES = 5000


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


class Writer(threading.Thread):
    """Another connection (the bot) inserting users one commit at a time, as fast as it can."""

    def __init__(self, database: Path) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.written = 0
        self.started_writing = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        with closing(sqlite3.connect(self.database, isolation_level=None, timeout=10)) as connection:
            for user_id in range(1, WRITES + 1):
                if self.stop.is_set():
                    return
                connection.execute(
                    "INSERT INTO users (user_id, language, created_at, updated_at) "
                    "VALUES (?, 'ru', 'now', 'now')",
                    (10_000_000 + user_id,),
                )
                self.written = user_id
                if user_id == 100:
                    self.started_writing.set()


def test_a_backup_taken_while_another_connection_writes_is_whole_and_consistent(
    database: Path, tmp_path: Path
) -> None:
    before = rows(database, "SELECT COUNT(*) FROM ratings")[0][0]
    writer = Writer(database)
    writer.start()
    try:
        assert writer.started_writing.wait(30)
        done = back_up(database, tmp_path / "copy.db")
        written_by_then = writer.written
    finally:
        writer.stop.set()
        writer.join(30)

    copy = tmp_path / "copy.db"
    assert done.path == copy
    assert done.size == copy.stat().st_size
    assert done.schema_version == SCHEMA_VERSION
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    assert rows(copy, "PRAGMA journal_mode") == [("delete",)]  # one file: no -wal to carry
    assert rows(copy, "SELECT COUNT(*) FROM ratings") == [(before,)]
    users = [user_id for (user_id,) in rows(copy, "SELECT user_id FROM users WHERE user_id > 10000000")]
    # One moment of the database: every insert up to some point, none after it.
    assert users == list(range(10_000_001, 10_000_001 + len(users)))
    assert 100 <= len(users) <= written_by_then
    assert not list(tmp_path.glob(".copy.db.partial-*"))


def test_an_existing_file_is_kept_unless_forced(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    target.write_bytes(b"yesterday's backup")

    with pytest.raises(BackupError, match=r"already exists: give --force to overwrite it"):
        back_up(database, target)
    assert target.read_bytes() == b"yesterday's backup"

    back_up(database, target, force=True)
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]


def test_the_command_prints_one_line_with_path_size_and_schema_version(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backup.db"

    assert main(["backup", str(target), "--database", str(database)]) == 0

    out = capsys.readouterr().out
    assert out == (
        f"Backed up {database} to {target}: {target.stat().st_size:,} bytes, "
        f"schema version {SCHEMA_VERSION}\n"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\x00garbage, not sqlite" * 300,
            "is not an SQLite database (file is not a database): nothing was backed up",
        ),
        (b"", "No database at"),  # zero length: SQLite would call it an empty database
        (None, "No database at"),
    ],
    ids=["random-bytes", "empty", "missing"],
)
def test_a_broken_or_missing_source_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    source = tmp_path / "rating.db"
    if content is not None:
        source.write_bytes(content)
    target = tmp_path / "backup.db"

    assert main(["backup", str(target), "--database", str(source)]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err
    assert captured.err.count("\n") == 1
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == (["rating.db"] if content is not None else [])


def test_the_database_itself_and_a_missing_directory_are_refused(database: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="is the database itself"):
        back_up(database, database, force=True)
    with pytest.raises(BackupError, match="No directory"):
        back_up(database, tmp_path / "no" / "such" / "dir" / "backup.db")


def test_python_m_bot_store_backup_runs_as_a_command(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    env = {**os.environ, "DATABASE_PATH": str(database)}

    result = subprocess.run(
        [sys.executable, "-m", "bot.store", "backup", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Backed up {database} to {target}: ")
    assert result.stderr == ""


def test_the_default_database_is_the_bots(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no developer's .env
    monkeypatch.delenv("DATABASE_PATH", raising=False)
    assert DatabaseSetting().database_path == StorageSettings().database_path
    monkeypatch.setenv("DATABASE_PATH", "/srv/bot/rating.db")
    assert DatabaseSetting().database_path == StorageSettings().database_path == Path("/srv/bot/rating.db")
