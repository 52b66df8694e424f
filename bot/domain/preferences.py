"""The language each user chose, read through a bounded in-memory cache.

The choice is asked for on every update, so after a user's first message it costs no
database round trip. A user's first message also records them (for /stats); when the
database takes no writes (a full disk), that record is kept in memory and written later,
so the answer never waits on a write that cannot happen.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from bot.domain.languages import LANGUAGES
from bot.store import Store
from bot.store.failures import WRITE_ERRORS, WriteRefusedError
from bot.store.sql import utc_timestamp

log = logging.getLogger(__name__)

#: First contacts kept while writes fail; beyond it the oldest are forgotten (/stats
#: undercounts them; nothing else reads the record).
PENDING_LIMIT = 10_000
#: How long after a refused write the next one is tried, by the next update or a timer:
#: often enough to notice freed space soon, seldom enough that a locked database (each
#: try waits out the busy timeout) does not slow every answer.
RETRY_SECONDS = 5.0


class LanguagePreferences:
    """Saved language choices, read through a bounded in-memory cache."""

    def __init__(
        self,
        store: Store,
        cache_size: int = 100_000,
        *,
        pending_limit: int = PENDING_LIMIT,
        retry_seconds: float = RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._cache: OrderedDict[int, str | None] = OrderedDict()
        self._cache_size = cache_size
        #: user id -> when first seen (UTC ISO), for first contacts not written yet.
        self._pending: OrderedDict[int, str] = OrderedDict()
        self._pending_limit = pending_limit
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._next_try = 0.0
        self._flushing = False
        self._timer: asyncio.TimerHandle | None = None
        self._retry_task: asyncio.Task[None] | None = None

    @property
    def pending(self) -> list[int]:
        """The users whose first contact is not written yet, oldest first."""
        return list(self._pending)

    async def get(self, user_id: int) -> str | None:
        """The user's saved language (None: never chose); records a new user."""
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            language = self._cache[user_id]
            await self._retry_when_due()
            return language
        if self._store.writes.failing and not self._due():
            return await self._without_writing(user_id)
        try:
            with self._store.writes.watch("recording a new user"):
                language = await self._store.register_user(user_id)
        except WriteRefusedError:
            return await self._without_writing(user_id)
        self._remember(user_id, language)
        await self._retry_when_due()
        return language

    async def set(self, user_id: int, language: str) -> bool:
        """Save a user's choice. False when the database refused it: the choice then holds
        in memory only, until the bot restarts (the user is told to choose again later)."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language: {language}")
        self._remember(user_id, language)
        try:
            with self._store.writes.watch("saving a user's language"):
                await self._store.set_user_language(user_id, language)
        except WriteRefusedError:
            return False
        self._pending.pop(user_id, None)  # the choice recorded the user too
        return True

    async def flush(self) -> None:
        """Write the first contacts kept while writes failed; on another refusal they stay
        kept, and a timer tries again."""
        if not self._pending or self._flushing:
            return
        self._flushing = True
        self._next_try = self._clock() + self._retry_seconds
        batch = list(self._pending.items())
        try:
            with self._store.writes.watch(f"writing {len(batch)} new user(s) kept while writes failed"):
                await self._store.register_users(batch)
        except WriteRefusedError:
            self._start_timer()
            return
        finally:
            self._flushing = False
        for user_id, _ in batch:
            self._pending.pop(user_id, None)

    async def _without_writing(self, user_id: int) -> str | None:
        """Answer a first contact from a read, and keep the record to write later."""
        self._keep(user_id)
        self._start_timer()
        try:
            language = await self._store.user_language(user_id)
        except WRITE_ERRORS:  # not even a read works: answer in the app's language, uncached
            return None
        self._remember(user_id, language)
        return language

    def _due(self) -> bool:
        return self._clock() >= self._next_try

    async def _retry_when_due(self) -> None:
        """Kept records are written as soon as another write has worked, or when due."""
        if self._pending and (not self._store.writes.failing or self._due()):
            await self.flush()

    def _keep(self, user_id: int) -> None:
        if user_id not in self._pending:
            self._pending[user_id] = utc_timestamp()
        if len(self._pending) > self._pending_limit:
            self._pending.popitem(last=False)
        if self._next_try <= self._clock():  # the refusal just now: the next try waits
            self._next_try = self._clock() + self._retry_seconds

    def _start_timer(self) -> None:
        """Retry on a timer too, for when no update comes to trigger it."""
        if self._timer is not None or self._retry_task is not None:
            return
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self._retry_seconds, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._retry_task = asyncio.get_running_loop().create_task(self._timed_flush())

    async def _timed_flush(self) -> None:
        try:
            await self.flush()
        except Exception as error:  # a background retry must not end in "never retrieved"
            log.warning("Could not write the kept first contacts: %s", error)
        finally:
            self._retry_task = None
        if self._pending and self._store.writes.failing:
            self._start_timer()

    def _remember(self, user_id: int, language: str | None) -> None:
        self._cache[user_id] = language
        self._cache.move_to_end(user_id)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
