"""Spacing of sends: an overall rate and a minimum gap per chat, on an injectable clock."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    """Spaces sends to keep under an overall rate and one message a second per chat."""

    def __init__(
        self,
        rate: float,
        per_chat_interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._interval = 1.0 / rate
        self._per_chat = per_chat_interval
        self._clock = clock  # injectable, so the schedule is tested without real time
        self._sleep = sleep
        self._next_slot = 0.0
        self._last_by_chat: dict[int, float] = {}

    def pause(self, seconds: float) -> None:
        """Telegram asked to wait (a 429's retry_after): no send starts before that is over."""
        self._next_slot = max(self._next_slot, self._clock() + seconds)

    async def wait(self, chat_id: int) -> None:
        """Until this chat's next send may start; then that slot is taken."""
        now = self._clock()
        ready = max(self._next_slot, self._last_by_chat.get(chat_id, -1e9) + self._per_chat)
        while ready > now:  # a pause asked for while this one slept moves the slot again
            await self._sleep(ready - now)
            now = self._clock()
            ready = max(self._next_slot, self._last_by_chat.get(chat_id, -1e9) + self._per_chat)
        # Schedule from the planned slot, not from when the sleep happened to end, so
        # small oversleeps do not add up; a longer pause restarts the schedule from now.
        on_schedule = now - self._next_slot < self._interval
        self._next_slot = (self._next_slot if on_schedule else now) + self._interval
        self._last_by_chat[chat_id] = now
        if len(self._last_by_chat) > 10_000:  # forget chats long past their interval
            cutoff = now - self._per_chat
            self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > cutoff}
