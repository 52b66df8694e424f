"""The ratings as the bot answers from them: in memory, refreshed when the importer writes.

The whole data set is a few hundred rows, so it is read once into a :class:`RatingBook`
and kept. The importer is another process; SQLite's ``data_version`` tells, in one cheap
query, whether it has committed since, and only then is the book read again.

Even that one query was a quarter of the bot's own time per reply (``bench/replies.py``):
not the query, which takes microseconds, but the round trip through aiosqlite's thread.
So a second, plain ``sqlite3`` connection that never writes asks first, in the event
loop itself: its ``data_version`` moves when *any* connection commits (the bot's own
included), so while it stands still nothing changed anywhere and the book is current;
when it moves, the real check runs as before. Same answers, same moment of seeing a new
release, no thread hop on the common path.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

from bot.agencies import Agency
from bot.rating import RatingBook
from bot.search import AgencyIndex, Match
from bot.store import Store


class CommitWatch:
    """Whether anyone has committed to the database since the last look, asked in-process.

    ``PRAGMA data_version`` on a connection of its own: a few microseconds, no thread.
    The connection only reads (``query_only``), holds no transaction between looks, and
    never waits for a lock (``timeout=0``): if SQLite is busy (recovering a WAL after a
    crash, say) the answer is "maybe changed", and the caller does the full check.
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
        self._db.close()


class RatingCatalog:
    """Agencies, their search index and the current ratings, for handlers and the worker."""

    def __init__(
        self,
        store: Store,
        agencies: list[Agency],
        book: RatingBook,
        version: int,
        watch: CommitWatch | None = None,
    ) -> None:
        self.store = store
        self.agencies = {a.slug: a for a in agencies}
        self.index = AgencyIndex(agencies)
        self._book = book
        self._version = version
        self._watch = watch
        self._lock = asyncio.Lock()

    @classmethod
    async def load(cls, store: Store) -> RatingCatalog:
        path = await store.file()
        # Opened before the first read: a commit in between is seen as a change, not missed.
        watch = CommitWatch(path) if path is not None else None
        version = await store.data_version()
        return cls(store, await store.agencies(), await store.rating_book(), version, watch)

    async def book(self) -> RatingBook:
        """The current ratings; re-read only when another process has committed."""
        if self._watch is not None and not self._watch.changed():
            return self._book
        version = await self.store.data_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._book = await self.store.rating_book()
                    self._version = version
        return self._book

    def close(self) -> None:
        """Close the watch's connection (the store is closed by its owner)."""
        if self._watch is not None:
            with contextlib.suppress(sqlite3.Error):
                self._watch.close()

    def agency(self, slug: str) -> Agency | None:
        return self.agencies.get(slug)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        return self.index.search(query, limit=limit)
