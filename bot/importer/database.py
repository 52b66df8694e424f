"""Which database the importer works on, and what to tell the operator when it cannot.

The default DATABASE_PATH (var/rating.db) is relative to the working directory, so run
from elsewhere, or with a mistyped ``--database``, the importer used to make a new file
the bot never reads and load into it. It now names the database it uses, as an absolute
path, and makes one only when asked (``--create``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pydantic import ValidationError

from bot.config import StorageSettings

#: What a failed write says, by SQLite's primary result code.
WRITE_FAILURES = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the database is read-only",
    sqlite3.SQLITE_IOERR: "the disk cannot be written",
}


class SettingError(ValueError):
    """DATABASE_PATH, read from the environment, is not a usable setting."""


def database_path(given: Path | None) -> Path:
    """``--database``, else DATABASE_PATH, as an absolute path (symlinks resolved)."""
    if given is None:
        try:
            given = StorageSettings().database_path
        except ValidationError as error:
            reason = error.errors()[0]["msg"].removeprefix("Value error, ")
            raise SettingError(f"DATABASE_PATH: {reason}") from None
    return given.expanduser().resolve()


def is_missing(path: Path) -> bool:
    """No file, or an empty one: SQLite would treat either as a new, empty database."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:  # not a directory, no permission: let SQLite say what is wrong
        return False


def missing_line(path: Path) -> str:
    return f"No database at {path}: give --create to make a new one, or --database PATH of the bot's database"


def failure_line(path: Path, error: sqlite3.Error, written: list[int]) -> str:
    """One line for an error SQLite raised while the importer worked on ``path``.

    A failed release is rolled back, so only the years this run wrote before it (one
    transaction each, with ``--bundled``) are in the database.
    """
    code = getattr(error, "sqlite_errorcode", None)
    reason = WRITE_FAILURES.get(code & 0xFF) if isinstance(code, int) else None
    kept = "nothing was written" if not written else f"only {', '.join(map(str, written))} written before it"
    if reason is None:
        return f"{path}: {error}; {kept}"
    return f"Cannot write to {path}: {reason} ({error}); {kept}"
