"""How fast and how persistently the worker delivers; set from the environment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings


@dataclass(frozen=True)
class Limits:
    rate: float = 25.0  # messages a second, overall
    per_chat_interval: float = 1.0  # seconds between two messages to one chat
    max_attempts: int = 5  # for network errors and 5xx
    backoff_base: float = 2.0  # seconds; doubles per attempt
    backoff_cap: float = 600.0
    idle_poll: float = 2.0  # how often an idle worker looks for new deliveries
    window: int = 10  # sends in flight at once: at most this many duplicates after a crash
    lease: float = 30.0  # seconds a claimed delivery is this worker's alone
    paid_broadcast: bool = False  # allow_paid_broadcast: above 30 a second, for Stars

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            rate=settings.notify_rate,
            max_attempts=settings.notify_max_attempts,
            backoff_base=settings.notify_backoff_seconds,
            idle_poll=settings.notify_poll_seconds,
            window=settings.notify_window,
            lease=settings.notify_lease_seconds,
            paid_broadcast=settings.notify_paid_broadcast,
        )
