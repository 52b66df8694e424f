"""Helpers for the notification tests: rating files, the operator's commands, the database.

The import script and ``python -m bot.notify`` run as separate processes, as the operator
runs them next to the bot; they are started with asyncio so the fake Telegram server,
which lives in the test's event loop, keeps answering the bot meanwhile. The database is
read with plain ``sqlite3``, independent of the project's store.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import sqlite3
import sys
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .harness import REPO_ROOT, clean_env

__all__ = [
    "AGENCY",
    "Run",
    "db_rows",
    "db_value",
    "notify_status",
    "run_importer",
    "subscribe_directly",
    "write_release",
]

#: Slug -> the name the bundled CSV files use, for the agencies the tests change.
AGENCY = {
    "moh": "Министерство здравоохранения",
    "mes": "Министерство по чрезвычайным ситуациям",
    "mfa": "Министерство иностранных дел",
}

_BASE = REPO_ROOT / "data" / "ratings" / "2025.csv"


def write_release(path: Path, changes: Mapping[str, tuple[float, float]] | None = None) -> Path:
    """The 2025 figures (header agency,score,satisfaction), with ``changes`` applied:
    slug -> (score, satisfaction)."""
    by_name = {AGENCY[slug]: figures for slug, figures in (changes or {}).items()}
    with _BASE.open(encoding="utf-8", newline="") as handle:
        rows = [(r["agency"], r["score"], r["satisfaction"]) for r in csv.DictReader(handle)]
    missing = set(by_name) - {name for name, _, _ in rows}
    assert not missing, f"not in 2025.csv: {missing}"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("agency", "score", "satisfaction"))
        for name, score, satisfaction in rows:
            figures = (f"{v:g}" for v in by_name[name]) if name in by_name else (score, satisfaction)
            writer.writerow((name, *figures))
    return path


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


async def _python(*args: str) -> Run:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        cwd=str(REPO_ROOT),
        env=clean_env("DATABASE_", "BOT_", "NOTIFY_"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return Run(process.returncode, out.decode(), err.decode())


async def run_importer(database: Path, *args: str | Path) -> Run:
    """``python -m bot.importer ARGS --database DB`` as a separate process. Its first line
    names the database, as an absolute path: checked here and left out of ``Run.out``."""
    header = f"Database: {database.resolve()}\n"  # noqa: ASYNC240 - a temp path: a stat or two
    run = await _python("-m", "bot.importer", *(str(a) for a in args), "--database", str(database))
    assert run.out.startswith(header), f"the importer did not name its database first:\n{run.out}{run.err}"
    return replace(run, out=run.out.removeprefix(header))


async def notify_status(database: Path) -> Run:
    """``python -m bot.notify status --database DB``."""
    return await _python("-m", "bot.notify", "status", "--database", str(database))


def subscribe_directly(database: Path, count: int, *, first_chat: int) -> list[int]:
    """``count`` private chats from ``first_chat`` on, following every rating, the
    languages rotating ru, kk, en: written straight into SQLite, as the bot writes them,
    because hundreds of conversations through the fake server would take minutes."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    chats = list(range(first_chat, first_chat + count))
    languages = ("ru", "kk", "en")
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.executemany(
            "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
            "VALUES (?, 'private', ?, ?, ?)",
            [(chat, languages[chat % 3], now, now) for chat in chats],
        )
        connection.executemany(
            "INSERT INTO subscriptions (chat_id, agency, created_at) VALUES (?, '*', ?)",
            [(chat, now) for chat in chats],
        )
    return chats


def db_rows(database: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(database, timeout=10)) as connection:
        return connection.execute(sql, params).fetchall()


def db_value(database: Path, sql: str, *params: object) -> Any:
    [(value,)] = db_rows(database, sql, *params)
    return value
