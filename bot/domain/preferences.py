"""The language each user chose, read through a bounded in-memory cache.

The choice is asked for on every update, so after a user's first message it costs no
database round trip.
"""

from __future__ import annotations

from collections import OrderedDict

from bot.domain.languages import LANGUAGES
from bot.store import Store


class LanguagePreferences:
    """Saved language choices, read through a bounded in-memory cache."""

    def __init__(self, store: Store, cache_size: int = 100_000) -> None:
        self._store = store
        self._cache: OrderedDict[int, str | None] = OrderedDict()
        self._cache_size = cache_size

    async def get(self, user_id: int) -> str | None:
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            return self._cache[user_id]
        language = await self._store.register_user(user_id)
        self._remember(user_id, language)
        return language

    async def set(self, user_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language: {language}")
        await self._store.set_user_language(user_id, language)
        self._remember(user_id, language)

    def _remember(self, user_id: int, language: str | None) -> None:
        self._cache[user_id] = language
        self._cache.move_to_end(user_id)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
