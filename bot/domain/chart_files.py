"""The Telegram file_id of every chart already uploaded, so each is drawn and sent once.

After the first upload Telegram keeps the picture; sending its file_id again costs no
drawing and no upload. Keys come from :mod:`bot.views.charts.keys`: they hold the releases
in force, so new figures make new keys and an old picture is never sent for them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable
from typing import Any, Protocol


class Renderer(Protocol):
    """Draws a chart's spec into PNG bytes off the event loop (the runtime runs a process)."""

    async def render(self, spec: Any) -> bytes: ...


class ChartDrawingError(RuntimeError):
    """The drawing failed for a reason outside the spec (its process died): try again later."""


class ChartFiles:
    """Bounded (LRU) in memory; a lock per key makes two askers of one new chart draw it once."""

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._files: OrderedDict[Hashable, str] = OrderedDict()
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    def file_id(self, key: Hashable) -> str | None:
        """The picture's file_id when it has been uploaded: a dict look-up, no I/O."""
        found = self._files.get(key)
        if found is not None:
            self._files.move_to_end(key)
        return found

    def remember(self, key: Hashable, file_id: str) -> None:
        self._files[key] = file_id
        self._files.move_to_end(key)
        while len(self._files) > self._size:
            self._files.popitem(last=False)

    def __len__(self) -> int:
        return len(self._files)

    @contextlib.asynccontextmanager
    async def drawing(self, key: Hashable) -> AsyncIterator[None]:
        """Held while one chart is drawn and uploaded; whoever waits finds its file_id after."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
