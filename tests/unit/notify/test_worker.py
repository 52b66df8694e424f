"""The delivery worker's rules, against a real SQLite file.

The worker is given a scripted stand-in for aiogram's ``Bot`` (it answers each send as
told: accepted, or one of aiogram's errors), so the rules (back off, give up, drop a
chat that blocked the bot, keep a 429 pending) are checked without a network. Where
sends overlap, the stand-in answers a little later (an asyncio sleep, as a Bot API at
network distance) and counts how many are in flight at once.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog, always
from bot.notify.limits import Limits
from bot.notify.pacer import Pacer
from bot.notify.worker import DeliveryWorker
from bot.runtime.i18n import make_i18n
from bot.store import Store
from tests.unit.conftest import open_with_agencies, query
from tests.unit.helpers import EVERYTHING, FakeClock, execute, follow, publish


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


async def make_worker(
    store: Store, bot: object, *, still: bool = False, **limits: Any
) -> tuple[DeliveryWorker, list[int]]:
    """``still``: nothing is committed meanwhile, so drawing a message reads no store and a
    send reaches the Bot API the first time its task runs."""
    gone: list[int] = []
    settings = {"rate": 1000.0, "per_chat_interval": 0.0, "max_attempts": 3, "backoff_base": 10.0, **limits}
    worker = DeliveryWorker(
        cast(Bot, bot),
        await Catalog.load(store, load_agencies(), may_have_changed=(lambda: False) if still else always),
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
    # One send in flight at a time, so chat 2's send starts after the 429 came back (with a
    # wider window it may already be on its way; what starts after the 429 waits).
    worker, _ = await make_worker(store, bot, window=1)
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


# -- sends in flight together ---------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One send_message as the Bot API got it: to whom, what, its other arguments, when."""

    chat_id: int
    text: str
    options: dict[str, Any]
    at: float


class NetworkBot:
    """Answers each ``send_message`` after ``delay`` seconds; ``script`` gives some chats'
    outcomes in order (None: accepted). Counts the sends in flight at once."""

    def __init__(
        self,
        delay: float = 0.0,
        script: dict[int, list[BaseException | None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.delay = delay
        self.script = script or {}
        self.clock = clock
        self.calls: list[Call] = []
        self.in_flight = 0
        self.most_in_flight = 0

    async def send_message(self, chat_id: int, text: str, **options: Any) -> None:
        self.calls.append(Call(chat_id, text, options, self.clock()))
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            outcomes = self.script.get(chat_id)
            outcome = outcomes.pop(0) if outcomes else None
            if outcome is not None:
                raise outcome
        finally:
            self.in_flight -= 1

    @property
    def chats(self) -> list[int]:
        return [call.chat_id for call in self.calls]


def paced_by(worker: DeliveryWorker, clock: FakeClock) -> None:
    """The worker's pacer on a fake clock: its waits are exact and take no real time."""
    worker.pacer = Pacer(worker.limits.rate, worker.limits.per_chat_interval, clock=clock, sleep=clock.sleep)


def statuses(database: Path) -> list[tuple[int, str, int]]:
    rows = query(database, "SELECT chat_id, status, attempts FROM outbox ORDER BY chat_id")
    return cast(list[tuple[int, str, int]], rows)


async def test_sends_overlap_up_to_the_window_and_never_beyond(store: Store, database: Path) -> None:
    chats = list(range(1, 25))
    for chat in chats:
        await follow(store, chat, EVERYTHING)
    await publish(store)
    bot = NetworkBot(delay=0.02)
    worker, _ = await make_worker(store, bot, window=4)
    assert await worker.drain_once() == len(chats)
    assert bot.most_in_flight == 4
    assert sorted(bot.chats) == chats
    assert statuses(database) == [(chat, "sent", 1) for chat in chats]


async def test_a_window_of_one_sends_one_at_a_time(store: Store, database: Path) -> None:
    for chat in (1, 2, 3, 4):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    bot = NetworkBot(delay=0.01)
    worker, _ = await make_worker(store, bot, window=1)
    assert await worker.drain_once() == 4
    assert bot.most_in_flight == 1
    assert [status for _, status, _ in statuses(database)] == ["sent"] * 4


# -- a 429 pauses every sender ----------------------------------------------------------------


def flood(seconds: int) -> TelegramRetryAfter:
    return TelegramRetryAfter(
        method=_method(), message=f"Too Many Requests: retry after {seconds}", retry_after=seconds
    )


async def test_a_429_holds_back_every_send_after_it_for_its_retry_after(store: Store, database: Path) -> None:
    for chat in (1, 2, 3):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    clock = FakeClock()
    bot = NetworkBot(script={1: [flood(5)]}, clock=clock)
    worker, _ = await make_worker(store, bot, window=3)
    paced_by(worker, clock)
    assert await worker.drain_once(batch=1) == 1
    assert statuses(database)[0] == (1, "pending", 0)  # given back untried
    assert await worker.drain_once() == 3
    refused, *after = bot.calls
    assert [call.chat_id for call in after] == [1, 2, 3]
    assert all(call.at - refused.at >= 5 for call in after)
    assert statuses(database) == [(1, "sent", 1), (2, "sent", 1), (3, "sent", 1)]


class TakingTurns(FakeClock):
    """A fake clock whose sleep first lets every send already started reach the Bot API,
    as real time would, and only then moves on."""

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)
        await super().sleep(seconds)


async def test_a_429_from_one_send_pauses_the_sends_of_every_other_chat(store: Store, database: Path) -> None:
    for chat in (1, 2, 3, 4):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    clock = TakingTurns()
    bot = NetworkBot(script={2: [flood(5)]}, clock=clock)
    worker, _ = await make_worker(store, bot, still=True, window=1)
    paced_by(worker, clock)
    await worker.drain_once()
    refused = next(call for call in bot.calls if call.chat_id == 2)
    later = bot.calls[bot.calls.index(refused) + 1 :]
    assert [call.chat_id for call in later] == [3, 4]
    assert [round(call.at - refused.at, 3) for call in later] == [5.0, 5.001]
    assert statuses(database) == [(1, "sent", 1), (2, "pending", 0), (3, "sent", 1), (4, "sent", 1)]


# -- paid broadcast ---------------------------------------------------------------------------


@pytest.mark.parametrize(("paid", "sent_with"), [(True, True), (False, None)])
async def test_paid_broadcast_is_asked_for_only_when_the_operator_chose_it(
    store: Store, paid: bool, sent_with: bool | None
) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, "moh")
    await publish(store)
    bot = NetworkBot()
    worker, _ = await make_worker(store, bot, paid_broadcast=paid)
    await worker.drain_once()
    assert [call.options["allow_paid_broadcast"] for call in bot.calls] == [sent_with, sent_with]


# -- a group that became a supergroup ---------------------------------------------------------

OLD_GROUP = -5
SUPERGROUP = -1_000_000_000_005


def migrated(new_id: int) -> TelegramMigrateToChat:
    return TelegramMigrateToChat(
        method=_method(),
        message="Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=new_id,
    )


async def test_a_group_that_became_a_supergroup_gets_the_delivery_at_its_new_id(
    store: Store, database: Path
) -> None:
    await follow(store, OLD_GROUP, EVERYTHING, "moh")
    await follow(store, 2, EVERYTHING)
    await publish(store)
    bot = NetworkBot(script={OLD_GROUP: [migrated(SUPERGROUP)]})
    worker, gone = await make_worker(store, bot)
    assert await worker.drain_once() == 2
    to_group = [call for call in bot.calls if call.chat_id in (OLD_GROUP, SUPERGROUP)]
    assert [call.chat_id for call in to_group] == [OLD_GROUP, SUPERGROUP]
    assert to_group[0].text == to_group[1].text
    assert query(database, "SELECT chat_id, status, attempts FROM outbox ORDER BY chat_id") == [
        (SUPERGROUP, "sent", 1),
        (2, "sent", 1),
    ]
    assert await store.subscriptions.topics(SUPERGROUP) == ["*", "moh"]
    assert await store.subscriptions.topics(OLD_GROUP) == []
    assert gone == []


async def test_a_migrated_group_that_already_had_the_release_at_its_new_id_gets_it_once(
    store: Store, database: Path
) -> None:
    await follow(store, OLD_GROUP, EVERYTHING)
    await follow(store, SUPERGROUP, EVERYTHING)  # the supergroup was subscribed before the release too
    await publish(store)
    bot = NetworkBot(script={OLD_GROUP: [migrated(SUPERGROUP)]})
    worker, _ = await make_worker(store, bot)
    await worker.drain_once()
    assert bot.chats.count(SUPERGROUP) == 1, bot.chats
    assert query(database, "SELECT chat_id, status FROM outbox ORDER BY chat_id") == [
        (SUPERGROUP, "sent"),
        (OLD_GROUP, "dropped"),
    ]


# -- two workers, one outbox -------------------------------------------------------------------


async def test_two_workers_on_one_database_send_every_chat_exactly_once(store: Store, database: Path) -> None:
    chats = list(range(1, 41))
    for chat in chats:
        await follow(store, chat, EVERYTHING)
    await publish(store)
    other_store = await open_with_agencies(database)
    try:
        bots = (NetworkBot(delay=0.005), NetworkBot(delay=0.005))
        workers = [
            DeliveryWorker(
                cast(Bot, bot),
                await Catalog.load(on, load_agencies()),
                make_i18n("ru"),
                Limits(rate=1000.0, per_chat_interval=0.0, window=3),
                name=name,
            )
            for bot, on, name in zip(bots, (store, other_store), ("bot-a", "bot-b"), strict=True)
        ]

        async def drain(worker: DeliveryWorker) -> None:
            while await worker.drain_once(batch=4):
                pass

        await asyncio.gather(*(drain(worker) for worker in workers))
    finally:
        await other_store.close()
    unsent = query(
        database, "SELECT chat_id, status, attempts, last_error FROM outbox WHERE status != 'sent'"
    )
    assert unsent == [], "every row recorded sent (last_error says why not)"
    sends = Counter(chat for bot in bots for chat in bot.chats)
    assert sends == Counter(chats)  # every chat, once
    assert all(bot.calls for bot in bots), "the two shared the work"
    assert statuses(database) == [(chat, "sent", 1) for chat in chats]


async def test_a_delivery_whose_release_was_removed_after_its_claim_is_not_sent(
    store: Store, database: Path
) -> None:
    """``python -m bot.importer --remove YEAR`` deletes the year's deliveries, even those a
    worker has claimed: the claim must not send a notification about a year that is gone,
    nor mark the next release's delivery to that chat as sent in its place."""
    await follow(store, 1, EVERYTHING)
    await publish(store)
    bot = ScriptedBot()
    worker, _ = await make_worker(store, bot)
    [claimed] = await worker.outbox.claim(worker.name, 10, 60.0)
    await store.remove_year(2026, dry_run=False)
    await publish(store)

    await worker.deliver(claimed)

    assert bot.sent == []
    assert state(database, 1)[:2] == ("pending", 0)
