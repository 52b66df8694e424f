"""A full disk in the log: one WARNING when writes start failing, one INFO when they work again;
and the store's writes and reads for first contacts kept while writes failed."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.failures import WriteHealth, WriteRefusedError
from tests.unit.conftest import query

FULL = sqlite3.OperationalError("database or disk is full")


def refuse(health: WriteHealth, what: str = "recording a new user") -> None:
    with pytest.raises(WriteRefusedError), health.watch(what):
        raise FULL


def succeed(health: WriteHealth, what: str = "recording a new user") -> None:
    with health.watch(what):
        pass


def test_forty_refused_writes_are_one_warning_and_the_recovery_one_info(
    caplog: pytest.LogCaptureFixture,
) -> None:
    health = WriteHealth()
    with caplog.at_level(logging.INFO, logger="bot.store.failures"):
        for _ in range(40):
            refuse(health)
        assert health.failing
        for _ in range(3):
            succeed(health, "writing 40 new user(s) kept while writes failed")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            "Database writes fail (database or disk is full, while recording a new user): "
            "answering from what can be read; writes are kept and retried",
        ),
        ("INFO", "Database writes work again (writing 40 new user(s) kept while writes failed)"),
    ]
    assert not health.failing


def test_a_refusal_keeps_sqlites_error_as_its_cause() -> None:
    health = WriteHealth()
    with pytest.raises(WriteRefusedError) as refused, health.watch("saving a subscription"):
        raise FULL
    assert refused.value.__cause__ is FULL
    assert str(refused.value) == "saving a subscription"


def test_an_error_that_is_no_refusal_passes_unchanged() -> None:
    """A constraint broken is a bug to see, not a full disk to wait out."""
    health = WriteHealth()
    with pytest.raises(sqlite3.IntegrityError), health.watch("saving a subscription"):
        raise sqlite3.IntegrityError("UNIQUE constraint failed")
    assert not health.failing


async def test_kept_first_contacts_are_written_with_the_time_they_were_seen(
    store: Store, database: Path
) -> None:
    await store.register_user(5)  # already known: left as it is
    await store.set_user_language(5, "kk")
    kept = [(user_id, "2026-01-02T03:04:05+00:00") for user_id in range(1, 701)]  # three statements

    await store.register_users(kept)
    await store.register_users(kept)  # a retry after a half-done try repeats nothing

    rows = query(
        database, "SELECT user_id, language, created_at FROM users WHERE user_id <= 700 ORDER BY user_id"
    )
    assert len(rows) == 700
    assert rows[0] == (1, None, "2026-01-02T03:04:05+00:00")
    assert rows[4][:2] == (5, "kk")
    assert rows[4][2] != "2026-01-02T03:04:05+00:00"


async def test_a_users_saved_language_is_read_without_writing(store: Store) -> None:
    await store.set_user_language(7, "en")
    await store.register_user(8)

    assert await store.user_language(7) == "en"
    assert await store.user_language(8) is None
    assert await store.user_language(9) is None  # never seen
