"""Queries recently answered with a list of choices, by a key short enough for a button.

Telegram allows 64 bytes of callback data, too few for what people type; a "More" button
carries this key instead, and the query is found again here. Bounded (LRU): after a
restart or a long while the key is gone, and the button says it is out of date.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict


def query_key(query: str) -> str:
    """12 hex characters that stand for ``query`` (its normalized spacing and case)."""
    normalized = " ".join(query.casefold().split())
    return hashlib.blake2b(normalized.encode(), digest_size=6).hexdigest()


class RecentQueries:
    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._queries: OrderedDict[str, str] = OrderedDict()

    def remember(self, query: str) -> str:
        key = query_key(query)
        self._queries[key] = query
        self._queries.move_to_end(key)
        if len(self._queries) > self._size:
            self._queries.popitem(last=False)
        return key

    def find(self, key: str) -> str | None:
        return self._queries.get(key)
