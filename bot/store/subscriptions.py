"""Chats, what they follow, and the outbox of notifications.

A subscription belongs to a chat (a person's private chat or a group). The outbox holds
one row per chat per release; its status moves pending -> sent | failed | dropped, so
what was delivered survives any restart and nothing is queued twice for one release.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

ALL = "*"  # the topic of a subscription to every new rating


def utc_timestamp() -> str:
    """Now, as the store writes every *_at column: UTC ISO 8601, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Delivery:
    """One pending message: which release, to whom, about what, in which language."""

    id: int
    release_id: int
    year: int
    chat_id: int
    kind: str  # "new" or "corrected"
    topics: tuple[str, ...]
    language: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Progress:
    release_id: int
    year: int
    imported_at: str
    pending: int
    sent: int
    failed: int
    dropped: int


@dataclass(frozen=True, slots=True)
class Totals:
    users: int
    active_chats: int
    inactive_chats: int
    subscriptions_all: int
    subscriptions_agency: int


async def enqueue_release(
    db: aiosqlite.Connection, release_id: int, kind: str, agencies: Iterable[str]
) -> int:
    """Queue one delivery per active chat that follows this release; returns how many.

    Runs inside the importer's transaction. A chat following every rating and some
    agencies gets one row whose topics list them all, so it gets one message.
    """
    slugs = sorted(set(agencies))
    placeholders = ", ".join("?" for _ in slugs) or "NULL"
    cursor = await db.execute(
        "INSERT OR IGNORE INTO outbox (release_id, chat_id, kind, topics, language, created_at) "
        "SELECT ?, s.chat_id, ?, group_concat(s.agency, '|'), c.language, ? "
        "FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
        f"WHERE c.active = 1 AND (s.agency = '{ALL}' OR s.agency IN ({placeholders})) "
        "GROUP BY s.chat_id",
        (release_id, kind, utc_timestamp(), *slugs),
    )
    return cursor.rowcount


class Subscriptions:
    """Who follows what; every change is one short autocommitted statement."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def remember_chat(self, chat_id: int, kind: str, language: str) -> None:
        """Record a chat (or its new language); a chat that writes again is active again."""
        now = utc_timestamp()
        await self._db.execute(
            "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(chat_id) DO UPDATE SET kind = excluded.kind, "
            "language = excluded.language, active = 1, inactive_reason = NULL, "
            "updated_at = excluded.updated_at",
            (chat_id, kind, language, now, now),
        )

    async def set_language(self, chat_id: int, language: str) -> None:
        await self._db.execute(
            "UPDATE chats SET language = ?, updated_at = ? WHERE chat_id = ?",
            (language, utc_timestamp(), chat_id),
        )

    async def reactivate(self, chat_id: int) -> bool:
        cursor = await self._db.execute(
            "UPDATE chats SET active = 1, inactive_reason = NULL, updated_at = ? "
            "WHERE chat_id = ? AND active = 0",
            (utc_timestamp(), chat_id),
        )
        return cursor.rowcount > 0

    async def inactive_chats(self) -> set[int]:
        async with self._db.execute("SELECT chat_id FROM chats WHERE active = 0") as cursor:
            return {row[0] for row in await cursor.fetchall()}

    async def add(self, chat_id: int, topic: str) -> bool:
        """Follow a topic; False when the chat already did (subscribing twice is once)."""
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO subscriptions (chat_id, agency, created_at) VALUES (?, ?, ?)",
            (chat_id, topic, utc_timestamp()),
        )
        return cursor.rowcount > 0

    async def remove(self, chat_id: int, topic: str) -> bool:
        cursor = await self._db.execute(
            "DELETE FROM subscriptions WHERE chat_id = ? AND agency = ?", (chat_id, topic)
        )
        return cursor.rowcount > 0

    async def remove_all(self, chat_id: int) -> int:
        cursor = await self._db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
        return cursor.rowcount

    async def topics(self, chat_id: int) -> list[str]:
        """What a chat follows: '*' first, then agencies in the order they were added."""
        async with self._db.execute(
            "SELECT agency FROM subscriptions WHERE chat_id = ? "
            f"ORDER BY agency != '{ALL}', created_at, agency",
            (chat_id,),
        ) as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def deactivate(self, chat_id: int, reason: str) -> None:
        """The chat blocked the bot or is gone: stop writing to it, in one transaction."""
        await self._db.execute("BEGIN IMMEDIATE")
        try:
            await self._db.execute(
                "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?",
                (reason[:200], utc_timestamp(), chat_id),
            )
            await self._db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            await self._db.execute(
                "UPDATE outbox SET status = 'dropped', last_error = ? "
                "WHERE chat_id = ? AND status = 'pending'",
                (reason[:200], chat_id),
            )
            await self._db.execute("COMMIT")
        except BaseException:
            await self._db.execute("ROLLBACK")
            raise

    async def totals(self) -> Totals:
        async with self._db.execute(
            "SELECT (SELECT count(*) FROM users), "
            "(SELECT count(*) FROM chats WHERE active = 1), "
            "(SELECT count(*) FROM chats WHERE active = 0), "
            f"(SELECT count(*) FROM subscriptions WHERE agency = '{ALL}'), "
            f"(SELECT count(*) FROM subscriptions WHERE agency != '{ALL}')"
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return Totals(*row)


class Outbox:
    """The delivery worker's queue."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def due(self, limit: int = 100) -> list[Delivery]:
        async with self._db.execute(
            # The chat's language now, not when queued: a user may switch in between.
            "SELECT o.id, o.release_id, r.year, o.chat_id, o.kind, o.topics, "
            "coalesce(c.language, o.language), o.attempts "
            "FROM outbox o JOIN releases r ON r.id = o.release_id "
            "LEFT JOIN chats c ON c.chat_id = o.chat_id "
            "WHERE o.status = 'pending' AND o.not_before <= ? ORDER BY o.id LIMIT ?",
            (time.time(), limit),
        ) as cursor:
            rows = await cursor.fetchall()
        return [Delivery(r[0], r[1], r[2], r[3], r[4], tuple(r[5].split("|")), r[6], r[7]) for r in rows]

    async def next_due_in(self) -> float | None:
        """Seconds until the next pending delivery is due; None when none is pending."""
        async with self._db.execute("SELECT min(not_before) FROM outbox WHERE status = 'pending'") as cursor:
            row = await cursor.fetchone()
        if row is None or row[0] is None:
            return None
        return max(0.0, float(row[0]) - time.time())

    async def mark_sent(self, delivery_id: int) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?",
            (utc_timestamp(), delivery_id),
        )

    async def retry_later(self, delivery_id: int, delay: float, error: str) -> None:
        await self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ? WHERE id = ?",
            (time.time() + delay, error[:200], delivery_id),
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
            (error[:200], delivery_id),
        )

    async def progress(self, limit: int = 20) -> list[Progress]:
        """Delivery counts per release, newest first."""
        async with self._db.execute(
            "SELECT r.id, r.year, r.imported_at, "
            "count(CASE WHEN o.status = 'pending' THEN 1 END), "
            "count(CASE WHEN o.status = 'sent' THEN 1 END), "
            "count(CASE WHEN o.status = 'failed' THEN 1 END), "
            "count(CASE WHEN o.status = 'dropped' THEN 1 END) "
            "FROM releases r LEFT JOIN outbox o ON o.release_id = r.id "
            "GROUP BY r.id ORDER BY r.id DESC LIMIT ?",
            (limit,),
        ) as cursor:
            return [Progress(*row) for row in await cursor.fetchall()]
