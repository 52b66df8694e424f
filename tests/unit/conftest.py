"""Shared fixtures for the importer, store and rating tests.

The importer is driven the way the operator drives it: ``bot.importer.cli.main(argv)``
against a real SQLite file. What it wrote is read back with the standard ``sqlite3``
module, independent of the project's store, so "nothing changed" is checked on the
database itself and not on what the code under test says about it.
"""

from __future__ import annotations

import csv
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.bodies import load_agencies
from bot.importer.cli import main
from bot.store import NewRelease, Store
from bot.store.records import Source

DATA = Path(__file__).resolve().parents[2] / "data"
RATINGS = DATA / "ratings"

Snapshot = dict[str, list[tuple[object, ...]]]

#: Tables a snapshot leaves out. None today: the schema has no import log; a table that
#: grows on every run by design (such a log) would be named here, and nothing else.
NOT_COMPARED: frozenset[str] = frozenset()


def snapshot(database: Path) -> Snapshot:
    """Every row of every table, each table's rows in a stable order.

    The tables are read from ``sqlite_master``, not listed here, so "nothing was written"
    covers the whole database (the outbox, the chats, the bodies as much as the ratings)
    and any table a later migration adds.
    """
    with closing(sqlite3.connect(database)) as connection:
        tables = [
            str(name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
            if not str(name).startswith("sqlite_") and name not in NOT_COMPARED
        ]
        return {table: _rows(connection, table) for table in tables}


def _rows(connection: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """All rows of ``table`` ordered by every column, first to last: stable whatever its key."""
    width = len(connection.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
    order = ", ".join(str(column) for column in range(1, width + 1))
    return connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()


def query(database: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql, params).fetchall()


def write_csv(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = ("agency", "score", "satisfaction"),
    sep: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """A rating file as an office would save it: any encoding, any separator."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def release(year: int = 2026, *, partial: bool = False, source: str = "test") -> NewRelease:
    """A release record of ``year`` as the importer would pass it to the store."""
    return NewRelease(
        year=year,
        source=Source(publisher=source),
        file_name=f"{year}.csv",
        checksum="0" * 64,
        partial=partial,
    )


async def open_with_agencies(path: Path) -> Store:
    """The store at ``path`` with the reference list of bodies loaded, as the bot opens
    it: ratings refer to the bodies, so nothing can be written before this."""
    store = await Store.open(path)
    await store.sync_agencies(load_agencies())
    return store


def read_bundled(year: int) -> list[dict[str, str]]:
    with (RATINGS / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Run:
    """One run of the import script: its exit code and what it printed."""

    code: int
    out: str
    err: str


class Importer:
    """Runs ``python -m bot.importer ... --database DB`` in-process, capturing its output.

    Every run that gets to the database first names it, as an absolute path: that line
    is checked here, once for all tests, and left out of ``Run.out`` (the report).
    """

    def __init__(self, database: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.database = database
        self._capsys = capsys

    def __call__(self, *args: str | Path) -> Run:
        self._capsys.readouterr()
        code = main([*(str(a) for a in args), "--database", str(self.database)])
        captured = self._capsys.readouterr()
        header = f"Database: {self.database.resolve()}\n"
        assert captured.out.startswith(header), f"the run did not name its database first:\n{captured.out}"
        return Run(code, captured.out.removeprefix(header), captured.err)


@pytest.fixture
def run_import(database: Path, capsys: pytest.CaptureFixture[str]) -> Importer:
    return Importer(database, capsys)


@pytest.fixture
async def store(database: Path) -> AsyncIterator[Store]:
    """This test's bundled database (2020, 2024, 2025) opened by the project's store."""
    store = await open_with_agencies(database)
    try:
        yield store
    finally:
        await store.close()


#: A token of the right shape, for settings tests (never a real one).
SETTINGS_TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
#: The operator's settings a developer may have exported: cleared for settings tests.
SETTINGS_PREFIXES = (
    "BOT_", "TELEGRAM_", "WEBHOOK_", "WEB_", "DATABASE_", "ADMIN_", "THROTTLE_", "METRICS_",
    "NOTIFY_", "LOG_", "DEFAULT_LANGUAGE",
)  # fmt: skip


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A clean environment with a valid token and a database in ``tmp_path``; no .env read."""
    for name in list(os.environ):
        if name.upper().startswith(SETTINGS_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", SETTINGS_TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "rating.db"))
    return monkeypatch
