"""Subscriptions, the outbox and the delivery worker's rules, against a real SQLite file.

The worker is given a scripted stand-in for aiogram's ``Bot`` (it answers each send as
told: accepted, or one of aiogram's errors), so the rules (back off, give up, drop a
chat that blocked the bot, keep a 429 pending) are checked without a network.
"""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any, cast

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.catalog import RatingCatalog
from bot.i18n import make_i18n
from bot.notify.limits import Limits
from bot.notify.worker import DeliveryWorker, Pacer
from bot.rating import Rating
from bot.store import ImportOutcome, Store
from tests.unit.conftest import open_with_agencies, query, release

EVERYTHING = "*"


def ratings(year: int = 2026, **changed: float) -> list[Rating]:
    """Three bodies' figures; ``changed`` gives another score for some of them."""
    base = {"moh": 4.86, "mod": 4.97, "mes": 4.74}
    return [
        Rating(year=year, agency=s, score=changed.get(s, score), satisfaction=90.0)
        for s, score in base.items()
    ]


@pytest.fixture
async def store(database: Path) -> AsyncIterator[Store]:
    """The bundled database (2020, 2024, 2025) opened by the project's store."""
    store = await open_with_agencies(database)
    try:
        yield store
    finally:
        await store.close()


async def follow(store: Store, chat_id: int, *topics: str, language: str = "ru") -> None:
    await store.subscriptions.remember_chat(chat_id, "private" if chat_id > 0 else "group", language)
    for topic in topics:
        await store.subscriptions.add(chat_id, topic)


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
    return [(c, k, tuple(sorted(t.split("|"))), lang, s) for c, k, t, lang, s in rows]


async def publish(store: Store, **changed: float) -> ImportOutcome:
    outcome = await store.apply_release(release(), ratings(**changed))
    assert outcome.status in ("new", "corrected")
    return outcome


# -- enqueueing ---------------------------------------------------------------------------


async def test_a_chat_following_everything_and_bodies_gets_one_row(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING, "moh", "mfa")  # mfa is not in this release
    await follow(store, 2, "moh", language="kk")
    await follow(store, 3, "mfa")
    outcome = await publish(store)
    assert outcome.queued == 2
    assert outbox_rows(database) == [
        (1, "new", ("*", "moh"), "ru", "pending"),
        (2, "new", ("moh",), "kk", "pending"),
    ]


async def test_subscribing_twice_is_one_subscription(store: Store) -> None:
    await follow(store, 1, EVERYTHING)
    assert await store.subscriptions.add(1, EVERYTHING) is False
    assert await store.subscriptions.topics(1) == ["*"]


async def test_a_correction_reaches_only_the_changed_bodies_followers(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING, "moh")
    await follow(store, 2, "moh")
    await follow(store, 3, "mod")
    first = await publish(store)
    assert first.queued == 3

    corrected = await publish(store, mod=4.95)
    assert corrected.status == "corrected"
    assert corrected.queued == 2
    assert outbox_rows(database, corrected.release_id) == [
        (1, "corrected", ("*",), "ru", "pending"),  # moh did not change
        (3, "corrected", ("mod",), "ru", "pending"),
    ]


async def test_the_same_figures_again_queue_nothing(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await publish(store)
    again = await store.apply_release(release(), ratings())
    assert (again.status, again.queued) == ("unchanged", 0)
    assert len(outbox_rows(database)) == 1


async def test_without_notify_or_in_a_dry_run_nothing_stays_queued(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    dry = await store.apply_release(release(), ratings(), dry_run=True)
    assert dry.queued == 1  # what it would queue...
    assert outbox_rows(database) == []  # ...but nothing is written
    quiet = await store.apply_release(release(), ratings(), notify=False)
    assert (quiet.status, quiet.queued) == ("new", 0)
    assert outbox_rows(database) == []


async def test_inactive_chats_get_nothing(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    # Inactive but still subscribed (e.g. written by an older version): still skipped.
    execute(database, "UPDATE chats SET active = 0 WHERE chat_id = 2")
    outcome = await publish(store)
    assert outcome.queued == 1
    assert [row[0] for row in outbox_rows(database)] == [1]


async def test_deactivate_drops_pending_deliveries_and_subscriptions_of_that_chat_only(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING, "moh")
    await follow(store, 2, EVERYTHING)
    await publish(store)
    await store.subscriptions.deactivate(1, "Forbidden: bot was blocked by the user")
    assert query(database, "SELECT chat_id, active, inactive_reason FROM chats ORDER BY chat_id") == [
        (1, 0, "Forbidden: bot was blocked by the user"),
        (2, 1, None),
    ]
    assert query(database, "SELECT chat_id, agency FROM subscriptions") == [(2, "*")]
    assert [(row[0], row[4]) for row in outbox_rows(database)] == [(1, "dropped"), (2, "pending")]
    assert await store.subscriptions.inactive_chats() == {1}


async def test_a_chat_that_writes_again_is_active_again(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await store.subscriptions.deactivate(1, "gone")
    assert await store.subscriptions.reactivate(1) is True
    assert await store.subscriptions.reactivate(1) is False  # already active
    assert query(database, "SELECT active, inactive_reason FROM chats") == [(1, None)]


async def test_a_new_language_choice_follows_into_the_chat(store: Store, database: Path) -> None:
    await follow(store, 7, EVERYTHING)
    await store.set_user_language(7, "kk")
    assert query(database, "SELECT language FROM chats WHERE chat_id = 7") == [("kk",)]
    await publish(store)
    assert outbox_rows(database)[0][3] == "kk"


async def test_progress_counts_each_status_per_release_newest_first(store: Store, database: Path) -> None:
    for chat in range(1, 6):
        await follow(store, chat, EVERYTHING)
    outcome = await publish(store)
    ids = [row[0] for row in query(database, "SELECT id FROM outbox ORDER BY id")]
    await store.outbox.mark_sent(ids[0])
    await store.outbox.mark_sent(ids[1])
    await store.outbox.mark_failed(ids[2], "boom")
    await store.subscriptions.deactivate(4, "gone")
    progress = await store.outbox.progress()
    assert progress[0].release_id == outcome.release_id
    assert (progress[0].pending, progress[0].sent, progress[0].failed, progress[0].dropped) == (1, 2, 1, 1)
    assert [p.year for p in progress] == [2026, 2025, 2024, 2020]
    assert all((p.pending, p.sent, p.failed, p.dropped) == (0, 0, 0, 0) for p in progress[1:])
    totals = await store.subscriptions.totals()
    assert (totals.active_chats, totals.inactive_chats, totals.subscriptions_all) == (4, 1, 4)


# -- the pacer ----------------------------------------------------------------------------


class FakeClock:
    """Time that moves only when the pacer sleeps (plus any oversleep we ask for)."""

    def __init__(self, oversleep: float = 0.0) -> None:
        self.now = 1000.0
        self.oversleep = oversleep
        self.sends: list[tuple[int, float]] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.oversleep


async def paced(pacer: Pacer, clock: FakeClock, chats: list[int]) -> list[float]:
    times = []
    for chat in chats:
        await pacer.wait(chat)
        times.append(clock.now)
    return times


async def test_pacer_keeps_the_overall_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=20, per_chat_interval=1.0, clock=clock, sleep=clock.sleep)
    times = await paced(pacer, clock, list(range(6)))  # different chats: only the rate applies
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [0.05] * 5


async def test_pacer_spaces_messages_to_one_chat() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=1000, per_chat_interval=0.3, clock=clock, sleep=clock.sleep)
    first, other, again = await paced(pacer, clock, [1, 2, 1])
    assert round(other - first, 6) == 0.001  # another chat is not held up by chat 1
    assert round(again - first, 6) == 0.3


async def test_pacer_does_not_let_small_oversleeps_add_up() -> None:
    clock = FakeClock(oversleep=0.004)  # every sleep ends 4 ms late
    pacer = Pacer(rate=25, per_chat_interval=1.0, clock=clock, sleep=clock.sleep)
    times = await paced(pacer, clock, list(range(101)))
    assert times[-1] - times[0] < 100 / 25 + 0.01  # 100 intervals of 40 ms, not 44 ms


async def test_a_queued_message_goes_out_in_the_language_chosen_since(store: Store) -> None:
    await follow(store, 8, EVERYTHING, language="ru")
    await publish(store)
    await store.set_user_language(8, "en")
    [delivery] = await store.outbox.due()
    assert delivery.language == "en"


# -- the worker ---------------------------------------------------------------------------


def _method() -> SendMessage:
    return SendMessage(chat_id=1, text="x")


class ScriptedBot:
    """Answers each ``send_message`` with the next scripted outcome (None: accepted)."""

    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.sent.append((chat_id, text))
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome


async def make_worker(store: Store, bot: ScriptedBot, **limits: Any) -> tuple[DeliveryWorker, list[int]]:
    gone: list[int] = []
    settings = {"rate": 1000.0, "per_chat_interval": 0.0, "max_attempts": 3, "backoff_base": 10.0, **limits}
    worker = DeliveryWorker(
        cast(Bot, bot), await RatingCatalog.load(store), make_i18n("ru"), Limits(**settings), gone.append
    )
    return worker, gone


def state(database: Path, chat_id: int) -> tuple[str, int, float]:
    [(status, attempts, not_before)] = query(
        database, "SELECT status, attempts, not_before FROM outbox WHERE chat_id = ?", chat_id
    )
    return status, attempts, not_before


async def test_worker_sends_one_message_covering_everything_and_the_body(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING, "moh")
    await publish(store)
    bot = ScriptedBot()
    worker, _ = await make_worker(store, bot)
    assert await worker.drain_once() == 1
    [(chat, text)] = bot.sent
    assert chat == 1
    assert "Опубликован рейтинг за 2026 год" in text
    assert "Первая тройка" in text
    assert "Министерство здравоохранения" in text
    assert "4,86" in text
    assert state(database, 1)[:2] == ("sent", 1)


async def test_worker_backs_off_on_server_errors_then_gives_up(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await publish(store)
    error = TelegramServerError(method=_method(), message="Internal Server Error")
    worker, gone = await make_worker(store, ScriptedBot(error, error, error))

    before = time.time()
    await worker.drain_once()
    status, attempts, not_before = state(database, 1)
    assert (status, attempts) == ("pending", 1)
    assert 10 <= not_before - before <= 11  # backoff_base
    assert await store.outbox.due() == []  # not due before then

    execute(database, "UPDATE outbox SET not_before = 0")
    before = time.time()
    await worker.drain_once()
    status, attempts, not_before = state(database, 1)
    assert (status, attempts) == ("pending", 2)
    assert 20 <= not_before - before <= 21  # doubled

    execute(database, "UPDATE outbox SET not_before = 0")
    await worker.drain_once()
    assert state(database, 1)[:2] == ("failed", 3)  # max_attempts
    assert gone == []


async def test_worker_stops_writing_to_a_chat_that_blocked_the_bot(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    blocked = TelegramForbiddenError(method=_method(), message="Forbidden: bot was blocked by the user")
    worker, gone = await make_worker(store, ScriptedBot(blocked, None))
    assert await worker.drain_once() == 2
    assert gone == [1]
    assert state(database, 1)[0] == "dropped"
    assert state(database, 2)[0] == "sent"
    assert query(database, "SELECT chat_id FROM subscriptions") == [(2,)]


async def test_worker_treats_chat_not_found_as_gone_and_other_bad_requests_as_failed(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    worker, gone = await make_worker(
        store,
        ScriptedBot(
            TelegramBadRequest(method=_method(), message="Bad Request: chat not found"),
            TelegramBadRequest(method=_method(), message="Bad Request: message is too long"),
        ),
    )
    await worker.drain_once()
    assert gone == [1]
    assert state(database, 1)[0] == "dropped"
    assert state(database, 2)[:2] == ("failed", 1)
    assert query(database, "SELECT active FROM chats ORDER BY chat_id") == [(0,), (1,)]


async def test_worker_keeps_a_429_pending_without_counting_an_attempt(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await publish(store)
    flood = TelegramRetryAfter(method=_method(), message="Too Many Requests: retry after 0", retry_after=0)
    worker, _ = await make_worker(store, ScriptedBot(flood))
    await worker.drain_once()
    assert state(database, 1)[:2] == ("pending", 0)
    await worker.drain_once()
    assert state(database, 1)[:2] == ("sent", 1)


async def test_an_unexpected_error_does_not_hold_up_the_queue(store: Store, database: Path) -> None:
    for chat in (1, 2, 3):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    worker, _ = await make_worker(
        store,
        ScriptedBot(
            TelegramNotFound(method=_method(), message="Not Found"),  # an API error nobody expects
            RuntimeError("a bug"),  # not even an API error
            None,
        ),
    )
    assert await worker.drain_once() == 3
    assert state(database, 1)[:2] == ("failed", 1)
    assert state(database, 2)[:2] == ("pending", 1)  # backed off like a server error
    assert state(database, 3)[:2] == ("sent", 1)


async def test_run_delivers_what_is_queued_while_it_idles(store: Store) -> None:
    bot = ScriptedBot()
    worker, _ = await make_worker(store, bot, idle_poll=0.05)
    task = asyncio.create_task(worker.run())
    try:
        await asyncio.sleep(0.1)
        await follow(store, 1, EVERYTHING)
        await publish(store)
        for _ in range(100):
            if bot.sent:
                break
            await asyncio.sleep(0.02)
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert [chat for chat, _ in bot.sent] == [1]
