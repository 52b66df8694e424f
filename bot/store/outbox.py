"""The outbox: one row per chat per release, queued with the release, drained by the worker.

A row's status moves pending -> sent | failed | dropped, so what was delivered survives
any restart and nothing is queued twice for one release.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import aiosqlite

from bot.store.records import ALL, Delivery, Progress
from bot.store.sql import utc_timestamp


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


async def drop_year(db: aiosqlite.Connection, year: int) -> tuple[int, int, int]:
    """Delete every delivery of the year's releases (and the admins' progress messages
    about them); returns (pending, of those claimed by a worker right now, sent).

    Runs inside the importer's transaction that removes the year: a release row cannot
    go while deliveries refer to it.
    """
    releases = "SELECT id FROM releases WHERE year = ?"
    found = await db.execute_fetchall(
        "SELECT count(CASE WHEN status = 'pending' THEN 1 END), "
        "count(CASE WHEN status = 'pending' AND lease_until > ? THEN 1 END), "
        "count(CASE WHEN status = 'sent' THEN 1 END) "
        f"FROM outbox WHERE release_id IN ({releases})",
        (time.time(), year),
    )
    pending, in_flight, sent = next(iter(found))
    await db.execute(f"DELETE FROM progress_messages WHERE release_id IN ({releases})", (year,))
    await db.execute(f"DELETE FROM outbox WHERE release_id IN ({releases})", (year,))
    return int(pending), int(in_flight), int(sent)


class Outbox:
    """The delivery worker's queue."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def claim(self, owner: str, limit: int, lease: float) -> list[Delivery]:
        """Take up to ``limit`` due deliveries no other worker holds, for ``lease`` seconds.

        One UPDATE: SQLite runs it under its write lock, so two workers never claim one row.
        A lease that ran out (its worker crashed) is free again.
        """
        now = time.time()
        rows = await self._db.execute_fetchall(
            "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN ("
            "SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ? AND lease_until <= ? "
            "ORDER BY id LIMIT ?) RETURNING id",
            (owner, now + lease, now, now, limit),
        )
        ids = sorted(row[0] for row in rows)
        return await self._deliveries(ids)

    async def due(self, limit: int = 100) -> list[Delivery]:
        """Due deliveries, claimed or not (for the operator's view and tests)."""
        found = await self._db.execute_fetchall(
            "SELECT id FROM outbox WHERE status = 'pending' AND not_before <= ? ORDER BY id LIMIT ?",
            (time.time(), limit),
        )
        ids = [row[0] for row in found]
        return await self._deliveries(ids)

    async def _deliveries(self, ids: list[int]) -> list[Delivery]:
        if not ids:
            return []
        placeholders = ", ".join("?" for _ in ids)
        rows = await self._db.execute_fetchall(
            # The chat's language now, not when queued: a user may switch in between.
            "SELECT o.id, o.release_id, r.year, o.chat_id, o.kind, o.topics, "
            "coalesce(nullif(c.language, ''), o.language), o.attempts "
            "FROM outbox o JOIN releases r ON r.id = o.release_id "
            "LEFT JOIN chats c ON c.chat_id = o.chat_id "
            f"WHERE o.id IN ({placeholders}) ORDER BY o.id",
            ids,
        )
        return [Delivery(r[0], r[1], r[2], r[3], r[4], tuple(r[5].split("|")), r[6], r[7]) for r in rows]

    async def renew(self, owner: str, ids: list[int], lease: float) -> set[int]:
        """Keep holding deliveries that take longer than planned; returns the ones still held
        (a lease that ran out may have been claimed by another worker since)."""
        if not ids:
            return set()
        placeholders = ", ".join("?" for _ in ids)
        rows = await self._db.execute_fetchall(
            f"UPDATE outbox SET lease_until = ? WHERE lease_owner = ? AND status = 'pending' "
            f"AND id IN ({placeholders}) RETURNING id",
            (time.time() + lease, owner, *ids),
        )
        return {row[0] for row in rows}

    async def pending_count(self) -> int:
        """Deliveries not yet sent, of every release (the metrics' gauge): read on the status index."""
        found = await self._db.execute_fetchall("SELECT count(*) FROM outbox WHERE status = 'pending'")
        return int(next(iter(found))[0])

    async def is_pending(self, delivery_id: int) -> bool:
        found = await self._db.execute_fetchall("SELECT status FROM outbox WHERE id = ?", (delivery_id,))
        row = next(iter(found), None)
        return row is not None and row[0] == "pending"

    async def release(self, delivery_id: int) -> None:
        """Give a delivery back untried (Telegram asked to wait): due again at once."""
        await self._db.execute(
            "UPDATE outbox SET lease_owner = NULL, lease_until = 0 WHERE id = ?", (delivery_id,)
        )

    async def next_due_in(self) -> float | None:
        """Seconds until the next pending delivery is due; None when none is pending."""
        found = await self._db.execute_fetchall(
            "SELECT min(max(not_before, lease_until)) FROM outbox WHERE status = 'pending'"
        )
        row = next(iter(found), None)
        if row is None or row[0] is None:
            return None
        return max(0.0, float(row[0]) - time.time())

    async def mark_sent(self, delivery_id: int) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, "
            "lease_owner = NULL, lease_until = 0 WHERE id = ?",
            (utc_timestamp(precise=True), delivery_id),
        )

    async def retry_later(self, delivery_id: int, delay: float, error: str) -> None:
        await self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?, last_error = ?, "
            "lease_owner = NULL, lease_until = 0 WHERE id = ?",
            (time.time() + delay, error[:200], delivery_id),
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, "
            "lease_owner = NULL, lease_until = 0 WHERE id = ?",
            (error[:200], delivery_id),
        )

    async def progress(self, limit: int = 20) -> list[Progress]:
        """Delivery counts per release, newest first."""
        found = await self._db.execute_fetchall(
            "SELECT r.id, r.year, r.imported_at, "
            "count(CASE WHEN o.status = 'pending' THEN 1 END), "
            "count(CASE WHEN o.status = 'sent' THEN 1 END), "
            "count(CASE WHEN o.status = 'failed' THEN 1 END), "
            "count(CASE WHEN o.status = 'dropped' THEN 1 END), "
            "min(o.sent_at), max(o.sent_at) "
            "FROM releases r LEFT JOIN outbox o ON o.release_id = r.id "
            "GROUP BY r.id ORDER BY r.id DESC LIMIT ?",
            (limit,),
        )
        return [Progress(*row) for row in found]

    # -- the admins' progress message, one per release and admin --------------------------

    async def progress_message(self, release_id: int, admin_id: int) -> tuple[int, bool] | None:
        """(message id, done) of the admin's message about this release, None if none yet."""
        found = await self._db.execute_fetchall(
            "SELECT message_id, done FROM progress_messages WHERE release_id = ? AND admin_id = ?",
            (release_id, admin_id),
        )
        row = next(iter(found), None)
        return (int(row[0]), bool(row[1])) if row else None

    async def claim_progress_message(self, release_id: int, admin_id: int) -> bool:
        """True for the one worker that is to send the message (two bots share a database)."""
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO progress_messages (release_id, admin_id) VALUES (?, ?)",
            (release_id, admin_id),
        )
        return cursor.rowcount > 0

    async def update_progress_message(
        self, release_id: int, admin_id: int, *, message_id: int | None = None, done: bool = False
    ) -> None:
        await self._db.execute(
            "UPDATE progress_messages SET message_id = coalesce(?, message_id), done = ? "
            "WHERE release_id = ? AND admin_id = ?",
            (message_id, int(done), release_id, admin_id),
        )
