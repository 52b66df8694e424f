"""Answers worked out once per catalog snapshot: the page and the API read nothing but the
snapshot and the request, so the same request gets the same bytes until the next import.

Without it every request formats the whole table anew (``bench/web.py`` measured the page
at 30-45 times the cost of sending the same bytes). Bounded: a filter text is free input,
so the least recently used answer goes first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from bot.domain.snapshot import Snapshot

T = TypeVar("T")

#: Answers kept per server: every year x language x history page is ~400; a page is ~30 KB.
DEFAULT_SIZE = 512


class AnswerCache(Generic[T]):
    """A bounded LRU of answers by request key, emptied when the snapshot changes."""

    __slots__ = ("_answers", "_size", "_snapshot")

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self._size = size
        self._snapshot: Snapshot | None = None
        self._answers: OrderedDict[Hashable, T] = OrderedDict()

    def get(self, snapshot: Snapshot, key: Hashable, make: Callable[[], T]) -> T:
        """The answer to ``key`` for ``snapshot``: remembered, or ``make()`` and remember it."""
        if snapshot is not self._snapshot:  # a commit: every answer may have changed
            self._answers.clear()
            self._snapshot = snapshot
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key]
        answer = make()
        self._answers[key] = answer
        if len(self._answers) > self._size:
            self._answers.popitem(last=False)
        return answer

    def __len__(self) -> int:
        return len(self._answers)
