"""The ratings as the bot answers from them: in memory, refreshed when the importer writes.

The whole data set is a few hundred rows, so it is read once into a :class:`RatingBook`
and kept. The importer is another process; SQLite's ``data_version`` tells, in one cheap
query, whether it has committed since, and only then is the book read again.
"""

from __future__ import annotations

import asyncio

from bot.agencies import Agency
from bot.rating import RatingBook
from bot.search import AgencyIndex, Match
from bot.store import Store


class RatingCatalog:
    """Agencies, their search index and the current ratings, for handlers and the worker."""

    def __init__(self, store: Store, agencies: list[Agency], book: RatingBook, version: int) -> None:
        self.store = store
        self.agencies = {a.slug: a for a in agencies}
        self.index = AgencyIndex(agencies)
        self._book = book
        self._version = version
        self._lock = asyncio.Lock()

    @classmethod
    async def load(cls, store: Store) -> RatingCatalog:
        version = await store.data_version()
        return cls(store, await store.agencies(), await store.rating_book(), version)

    async def book(self) -> RatingBook:
        """The current ratings; re-read only when another process has committed."""
        version = await self.store.data_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._book = await self.store.rating_book()
                    self._version = version
        return self._book

    def agency(self, slug: str) -> Agency | None:
        return self.agencies.get(slug)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        return self.index.search(query, limit=limit)
