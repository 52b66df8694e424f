"""Plain helpers for the store's outbox and the delivery worker tests: one place, imported by both.

They set the scene through the project's store (a chat follows topics, a release is
published) and read the outcome with plain ``sqlite3``, so what is checked is what is on
disk, not what the code under test reports.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from bot.store import ImportOutcome, Store
from bot.store.records import ALL, Rating
from tests.unit.conftest import query, release

#: The topic "every body".
EVERYTHING = ALL


def ratings(year: int = 2026, **changed: float) -> list[Rating]:
    """Three bodies' figures; ``changed`` gives another score for some of them."""
    base = {"moh": 4.86, "mod": 4.97, "mes": 4.74}
    return [
        Rating(year=year, agency=s, score=changed.get(s, score), satisfaction=90.0)
        for s, score in base.items()
    ]


async def follow(store: Store, chat_id: int, *topics: str, language: str = "ru") -> None:
    """The chat (private if the id is positive, else a group) follows ``topics``."""
    await store.subscriptions.remember_chat(chat_id, "private" if chat_id > 0 else "group", language)
    for topic in topics:
        await store.subscriptions.add(chat_id, topic)


async def publish(store: Store, **changed: float) -> ImportOutcome:
    """Apply a 2026 release of ``ratings(**changed)``; it must be new or a correction."""
    outcome = await store.apply_release(release(), ratings(2026, **changed))
    assert outcome.status in ("new", "corrected")
    return outcome


def execute(database: Path, sql: str) -> None:
    """A change made behind the store's back, committed."""
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(sql)


def outbox_rows(database: Path, release_id: int | None = None) -> list[tuple[Any, ...]]:
    """(chat_id, kind, sorted topics, language, status) of every queued delivery."""
    rows = query(
        database,
        "SELECT chat_id, kind, topics, language, status FROM outbox "
        "WHERE ? IS NULL OR release_id = ? ORDER BY chat_id",
        release_id,
        release_id,
    )
    return [(c, k, tuple(sorted(str(t).split("|"))), lang, s) for c, k, t, lang, s in rows]


class FakeClock:
    """Time that moves only when the pacer sleeps (plus any oversleep we ask for), so a
    schedule is checked exactly and without waiting."""

    def __init__(self, oversleep: float = 0.0) -> None:
        self.now = 1000.0
        self.oversleep = oversleep

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.oversleep
