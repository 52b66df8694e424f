"""Chats and what they follow.

A subscription belongs to a chat (a person's private chat or a group). Every change is
one short autocommitted statement, except dropping a gone chat, which is one transaction.
"""

from __future__ import annotations

import aiosqlite

from bot.store.records import ALL, Totals
from bot.store.sql import transaction, utc_timestamp


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
        found = await self._db.execute_fetchall("SELECT chat_id FROM chats WHERE active = 0")
        return {row[0] for row in found}

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
        found = await self._db.execute_fetchall(
            "SELECT agency FROM subscriptions WHERE chat_id = ? "
            f"ORDER BY agency != '{ALL}', created_at, agency",
            (chat_id,),
        )
        return [row[0] for row in found]

    async def deactivate(self, chat_id: int, reason: str) -> None:
        """The chat blocked the bot or is gone: stop writing to it, in one transaction."""
        async with transaction(self._db):
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

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup (a new chat id): its subscriptions and pending
        deliveries move to the new id, in one transaction; the old id is inactive."""
        now = utc_timestamp()
        async with transaction(self._db):
            await self._db.execute(
                "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
                "SELECT ?, 'supergroup', language, created_at, ? FROM chats WHERE chat_id = ? "
                "ON CONFLICT(chat_id) DO UPDATE SET active = 1, inactive_reason = NULL",
                (new_id, now, old_id),
            )
            await self._db.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, agency, created_at) "
                "SELECT ?, agency, created_at FROM subscriptions WHERE chat_id = ?",
                (new_id, old_id),
            )
            await self._db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (old_id,))
            await self._db.execute(
                "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'pending'",
                (new_id, old_id),
            )
            await self._db.execute(  # the new id already had these: nothing left to send to the old
                "UPDATE outbox SET status = 'dropped', last_error = ? "
                "WHERE chat_id = ? AND status = 'pending'",
                (f"migrated to {new_id}", old_id),
            )
            await self._db.execute(
                "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?",
                (f"migrated to {new_id}", now, old_id),
            )

    async def totals(self) -> Totals:
        found = await self._db.execute_fetchall(
            "SELECT (SELECT count(*) FROM users), "
            "(SELECT count(*) FROM chats WHERE active = 1), "
            "(SELECT count(*) FROM chats WHERE active = 0), "
            f"(SELECT count(*) FROM subscriptions WHERE agency = '{ALL}'), "
            f"(SELECT count(*) FROM subscriptions WHERE agency != '{ALL}')"
        )
        row = next(iter(found), None)
        assert row is not None
        return Totals(*row)
