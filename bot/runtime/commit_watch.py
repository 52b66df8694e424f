"""Whether anyone has committed to the database since the last look, asked in-process.

The catalog's staleness check is a query through aiosqlite's thread; this answers the
common case ("nothing changed") from the event loop itself. Wired in by the app as the
catalog's ``may_have_changed`` hint.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path


class CommitWatch:
    """``PRAGMA data_version`` on a read-only connection of its own: microseconds, no thread.

    Its ``data_version`` moves when any other connection commits. It holds no transaction
    between looks and never waits for a lock (``timeout=0``): when SQLite is busy the
    answer is "maybe changed", and the catalog does its full check.
    """

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA query_only = ON")
        self._version = self._read()

    def _read(self) -> int | None:
        try:
            rows = self._db.execute("PRAGMA data_version").fetchall()  # all: ends the statement
        except sqlite3.Error:
            return None
        return int(rows[0][0]) if rows else None

    def changed(self) -> bool:
        version = self._read()
        if version is not None and version == self._version:
            return False
        self._version = version
        return True

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
