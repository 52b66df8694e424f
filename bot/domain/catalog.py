"""The catalog: hands out the current :class:`Snapshot`, read again after the importer writes.

The whole data set is a few hundred rows, so it is read once and kept. The importer is
another process; SQLite's ``data_version`` tells whether anyone has committed since the
last read, and only then is the store read again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from bot.domain.bodies import Agency
from bot.domain.lineage import Lineage, load_lineage
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.store import Store


def always() -> bool:
    """The hint when none is wired in: ask the store every time."""
    return True


class Catalog:
    """The bot's and the worker's one source of ratings, bodies and search."""

    def __init__(
        self,
        store: Store,
        snapshot: Snapshot,
        version: int,
        may_have_changed: Callable[[], bool] = always,
    ) -> None:
        self.store = store
        self._snapshot = snapshot
        self._version = version
        # A cheap hint, wired in by the app: False only when surely nothing was committed.
        self._may_have_changed = may_have_changed
        self._lock = asyncio.Lock()

    @classmethod
    async def load(
        cls,
        store: Store,
        bodies: Sequence[Agency],
        may_have_changed: Callable[[], bool] = always,
        lineage: Lineage | None = None,
    ) -> Catalog:
        """``lineage``: the bundled data/lineage.csv unless given (it goes with the bundled list)."""
        version = await store.data_version()
        if lineage is None:
            lineage = load_lineage(bodies)
        snapshot = Snapshot.build(await read_book(store), bodies, lineage=lineage)
        return cls(store, snapshot, version, may_have_changed)

    async def snapshot(self) -> Snapshot:
        """The current snapshot; the store is read again only after someone has committed."""
        if not self._may_have_changed():
            return self._snapshot
        version = await self.store.data_version()
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    self._snapshot = self._snapshot.with_book(await read_book(self.store))
                    self._version = version
        return self._snapshot


async def read_book(store: Store) -> RatingBook:
    """Every year on record, ranked, in two queries."""
    return RatingBook.build(await store.current_releases(), await store.all_ratings())
