"""The delivery worker's rules, against a real SQLite file.

The worker is given a scripted stand-in for aiogram's ``Bot`` (it answers each send as
told: accepted, or one of aiogram's errors), so the rules (back off, give up, drop a
chat that blocked the bot, keep a 429 pending) are checked without a network.
"""

from __future__ import annotations

import asyncio
import time
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

from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.notify.limits import Limits
from bot.notify.worker import DeliveryWorker
from bot.runtime.i18n import make_i18n
from bot.store import Store
from tests.unit.conftest import query
from tests.unit.helpers import EVERYTHING, execute, follow, publish


def _method() -> SendMessage:
    return SendMessage(chat_id=1, text="x")


class ScriptedBot:
    """Answers each ``send_message`` with the next scripted outcome (None: accepted) and
    records when each send was made (``time.monotonic()``)."""

    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)
        self.sent: list[tuple[int, str]] = []
        self.sent_at: list[float] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.sent.append((chat_id, text))
        self.sent_at.append(time.monotonic())
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome


class DiskReadingBot(ScriptedBot):
    """A :class:`ScriptedBot` that, inside each send, before Telegram has answered, reads
    the chat's outbox row from disk with plain ``sqlite3``: what a crash there would leave.
    It records what it read rather than asserting there: the worker catches what a send raises."""

    def __init__(self, database: Path, *outcomes: BaseException | None) -> None:
        super().__init__(*outcomes)
        self.database = database
        self.on_disk: list[tuple[int, str, int]] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        status, attempts, _ = state(self.database, chat_id)
        self.on_disk.append((chat_id, status, attempts))
        await super().send_message(chat_id, text, **kwargs)


async def make_worker(store: Store, bot: ScriptedBot, **limits: Any) -> tuple[DeliveryWorker, list[int]]:
    gone: list[int] = []
    settings = {"rate": 1000.0, "per_chat_interval": 0.0, "max_attempts": 3, "backoff_base": 10.0, **limits}
    worker = DeliveryWorker(
        cast(Bot, bot),
        await Catalog.load(store, load_agencies()),
        make_i18n("ru"),
        Limits(**settings),
        gone.append,
    )
    return worker, gone


def state(database: Path, chat_id: int) -> tuple[str, int, float]:
    [row] = query(database, "SELECT status, attempts, not_before FROM outbox WHERE chat_id = ?", chat_id)
    return cast(tuple[str, int, float], row)


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


async def test_a_delivery_is_still_pending_on_disk_until_telegram_accepts_it(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    bot = DiskReadingBot(database)
    worker, _ = await make_worker(store, bot)
    assert await worker.drain_once() == 2
    # A crash inside either send would leave the delivery pending, to be sent again.
    assert bot.on_disk == [(1, "pending", 0), (2, "pending", 0)]
    assert state(database, 1)[:2] == ("sent", 1)
    assert state(database, 2)[:2] == ("sent", 1)


async def test_a_429_pauses_the_worker_for_retry_after_and_keeps_the_delivery_pending(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    retry_after = 1  # the pacing gaps are 1 ms (rate 1000/s) and 0 per chat: only the 429 explains a wait
    flood = TelegramRetryAfter(
        method=_method(), message=f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
    )
    bot = ScriptedBot(flood)
    worker, _ = await make_worker(store, bot)
    assert await worker.drain_once() == 2
    assert state(database, 1)[:2] == ("pending", 0)  # no attempt counted
    assert state(database, 2)[:2] == ("sent", 1)
    await worker.drain_once()
    assert state(database, 1)[:2] == ("sent", 1)

    assert [chat for chat, _ in bot.sent] == [1, 2, 1]
    refused, next_send, resent = bot.sent_at
    assert next_send - refused >= retry_after  # the whole worker waited, not just that chat
    assert resent - refused >= retry_after


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
