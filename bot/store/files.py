"""The database file itself: whether there is one, and opening it without writing a byte.

Kept apart from the queries: these are questions about a file on disk (empty? damaged?
on a read-only volume?), asked before or instead of the store's ordinary open.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import aiosqlite

#: What SQLite says of a file that is not a database ("file is not a database") or a
#: damaged one ("database disk image is malformed"): nothing the bot can repair.
BROKEN = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


def holds_database(path: Path) -> bool:
    """Whether ``path`` is a database already. A zero-length file is not: SQLite would take
    it as an empty database, and the bundled data would never be loaded into it."""
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


def is_broken(error: sqlite3.Error) -> bool:
    """Whether the error says the file is no (sound) SQLite database, whatever query met it."""
    return getattr(error, "sqlite_errorname", "") in BROKEN


async def connect_read_only(path: Path) -> aiosqlite.Connection:
    """A connection that cannot write: SQLite's ``mode=ro``, so no migration, no WAL switch.

    A WAL database also needs its ``-shm`` file: SQLite creates it beside the database, or,
    in a directory this user cannot write, uses it only if a running bot made one. With
    none there and no way to make it, nobody is writing the file (a writer would have
    made one), so it is read as ``immutable``, which needs no ``-shm``.
    """
    connection = await _connect(path, immutable=False)
    try:
        await connection.execute_fetchall("PRAGMA user_version")
    except BaseException as error:
        await connection.close()  # its thread would keep the process from exiting
        cannot_open = getattr(error, "sqlite_errorname", "") == "SQLITE_CANTOPEN"
        if not cannot_open or os.access(path.parent, os.W_OK):
            raise
        connection = await _connect(path, immutable=True)
    return connection


async def _connect(path: Path, *, immutable: bool) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(
        read_only_uri(path, immutable=immutable), uri=True, isolation_level=None
    )
    connection.row_factory = aiosqlite.Row
    return connection


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """SQLite's URI for ``path`` opened read-only; any character of the path is escaped."""
    return f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
