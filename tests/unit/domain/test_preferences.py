"""Saved languages when the database takes no writes: the answer never waits on the write.

The store here is a stand-in whose writes raise what sqlite3 raises on a full disk
("database or disk is full") while ``full`` is set, and whose reads keep working: the
state a bot on a full disk is in. Before the fix, a new user's first message raised out
of ``get``, so the update got no answer.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from typing import cast

import pytest

from bot.domain.preferences import LanguagePreferences
from bot.store import Store
from bot.store.failures import WriteHealth


class FullDiskStore:
    """The part of the store LanguagePreferences uses, with a disk that can fill up."""

    def __init__(self) -> None:
        self.writes = WriteHealth()
        self.full = False
        self.unreadable = False
        self.users: dict[int, str | None] = {}
        self.created: dict[int, str] = {}
        self.write_tries = 0

    def _write(self) -> None:
        self.write_tries += 1
        if self.full:
            raise sqlite3.OperationalError("database or disk is full")

    async def register_user(self, user_id: int) -> str | None:
        self._write()
        self.users.setdefault(user_id, None)
        self.created.setdefault(user_id, "now")
        return self.users[user_id]

    async def register_users(self, first_contacts: list[tuple[int, str]]) -> None:
        self._write()
        for user_id, seen in first_contacts:
            self.users.setdefault(user_id, None)
            self.created.setdefault(user_id, seen)

    async def set_user_language(self, user_id: int, language: str) -> None:
        self._write()
        self.users[user_id] = language

    async def user_language(self, user_id: int) -> str | None:
        if self.unreadable:
            raise sqlite3.OperationalError("disk I/O error")
        return self.users.get(user_id)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def disk() -> FullDiskStore:
    return FullDiskStore()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def preferences(disk: FullDiskStore, clock: Clock) -> LanguagePreferences:
    return LanguagePreferences(cast(Store, disk), retry_seconds=5.0, clock=clock)


async def test_a_new_user_on_a_full_disk_is_answered_and_kept_to_write_later(
    disk: FullDiskStore, preferences: LanguagePreferences, caplog: pytest.LogCaptureFixture
) -> None:
    disk.full = True

    with caplog.at_level(logging.INFO):
        assert await preferences.get(1) is None

    assert preferences.pending == [1]
    assert 1 not in disk.users
    assert [r.levelname for r in caplog.records] == ["WARNING"]


async def test_a_known_user_on_a_full_disk_keeps_their_saved_language(
    disk: FullDiskStore, preferences: LanguagePreferences
) -> None:
    disk.users[2] = "kk"  # chose Kazakh before the bot restarted
    disk.full = True

    assert await preferences.get(2) == "kk"


async def test_forty_new_users_are_one_warning_and_one_write_try_per_retry_interval(
    disk: FullDiskStore, preferences: LanguagePreferences, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    disk.full = True
    with caplog.at_level(logging.INFO):
        for user_id in range(100, 140):
            await preferences.get(user_id)

    assert preferences.pending == list(range(100, 140))
    assert disk.write_tries == 1  # the rest waited for the retry
    assert len(caplog.records) == 1

    clock.now += 5.0
    await preferences.get(100)  # a cached user's next message: the retry is due
    assert disk.write_tries == 2
    assert len(preferences.pending) == 40


async def test_kept_users_are_written_when_a_write_works_again(
    disk: FullDiskStore, preferences: LanguagePreferences, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    disk.full = True
    for user_id in (1, 2, 3):
        await preferences.get(user_id)
    seen = {user_id: preferences._pending[user_id] for user_id in (1, 2, 3)}  # when first seen

    disk.full = False
    clock.now += 5.0
    caplog.clear()
    with caplog.at_level(logging.INFO):
        await preferences.get(4)

    assert preferences.pending == []
    assert set(disk.users) == {1, 2, 3, 4}
    assert {user_id: disk.created[user_id] for user_id in (1, 2, 3)} == seen  # when first seen
    assert [r.getMessage() for r in caplog.records] == ["Database writes work again (recording a new user)"]


async def test_kept_users_are_written_as_soon_as_another_write_has_worked(
    disk: FullDiskStore, preferences: LanguagePreferences
) -> None:
    disk.full = True
    await preferences.get(1)
    disk.full = False
    with disk.writes.watch("saving a subscription"):  # /subscribe, say, worked
        pass

    await preferences.get(1)  # the same user again: cached, no retry interval to wait

    assert preferences.pending == []
    assert 1 in disk.users


async def test_kept_users_are_written_by_a_timer_when_no_update_comes(disk: FullDiskStore) -> None:
    preferences = LanguagePreferences(cast(Store, disk), retry_seconds=0.01)
    disk.full = True
    await preferences.get(1)
    disk.full = False

    for _ in range(200):  # bounded: the timer fires after 0.01 s
        if not preferences.pending:
            break
        await asyncio.sleep(0.01)

    assert preferences.pending == []
    assert 1 in disk.users


async def test_the_kept_users_are_bounded_and_the_oldest_go_first(disk: FullDiskStore, clock: Clock) -> None:
    preferences = LanguagePreferences(cast(Store, disk), pending_limit=3, clock=clock)
    disk.full = True
    for user_id in range(1, 6):
        await preferences.get(user_id)

    assert preferences.pending == [3, 4, 5]


async def test_a_database_that_cannot_even_be_read_answers_in_the_apps_language(
    disk: FullDiskStore, preferences: LanguagePreferences
) -> None:
    disk.full = True
    disk.unreadable = True
    assert await preferences.get(6) is None

    disk.unreadable = False
    disk.users[6] = "en"
    assert await preferences.get(6) == "en"  # not cached from the failed read


async def test_a_language_choice_on_a_full_disk_holds_until_a_restart_and_says_it_was_not_saved(
    disk: FullDiskStore, preferences: LanguagePreferences
) -> None:
    disk.users[7] = "ru"
    disk.full = True

    assert await preferences.set(7, "en") is False
    assert await preferences.get(7) == "en"  # this session speaks English
    assert disk.users[7] == "ru"  # nothing saved


async def test_a_saved_choice_says_so(disk: FullDiskStore, preferences: LanguagePreferences) -> None:
    assert await preferences.set(8, "kk") is True
    assert disk.users[8] == "kk"
