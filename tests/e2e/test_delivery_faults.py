"""End to end: what the delivery worker does when Telegram refuses a notification.

A few people subscribe through the bot; the fake server is told how to fail for each
of them (429, 403, 500 twice, 500 for ever, "chat not found", an unexpected 404); a
release is imported by the import script while the bot runs; the tests then check what
reached Telegram and what the outbox and the chats table say, with plain ``sqlite3``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, plain, running_bot
from .fake_telegram import Call
from .harness import BotProcess, wait_until
from .releases import db_rows, db_value, run_importer, write_release

pytestmark = pytest.mark.asyncio(loop_scope="module")

UNEXPECTED, FLOOD, BLOCKED, FLAKY, BROKEN, GONE, FINE = 4000, 4001, 4002, 4003, 4004, 4005, 4006
CHATS = (UNEXPECTED, FLOOD, BLOCKED, FLAKY, BROKEN, GONE, FINE)
# The worker spaces two messages to one chat by 1 s and, at this rate, any two by 10 ms.
# The waits asked for below are longer, so only they can explain the gaps the tests measure.
RATE = 100
RETRY_AFTER = 2
BACKOFF = 1.5  # then 3 s: the wait doubles
MAX_ATTEMPTS = 3
ENV = {
    "NOTIFY_RATE": str(RATE),
    "NOTIFY_PAID_BROADCAST": "true",  # above 30 a second; the fake charges nothing
    "NOTIFY_POLL_SECONDS": "0.2",
    "NOTIFY_BACKOFF_SECONDS": str(BACKOFF),
    "NOTIFY_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("faults"), rating_db_template, env=ENV) as process:
        yield process


def outbox(bot: BotProcess, chat_id: int) -> tuple[str, int, str | None]:
    """(status, attempts, last_error) of the chat's delivery of the release."""
    [row] = db_rows(
        bot.database_path, "SELECT status, attempts, last_error FROM outbox WHERE chat_id = ?", chat_id
    )
    return row


def sends(bot: BotProcess, chat_id: int, since: int) -> list[Call]:
    return bot.fake.calls("sendMessage", chat_id=chat_id, include_failed=True, since=since)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def delivered(bot: BotProcess, tmp_path_factory: pytest.TempPathFactory) -> int:
    """Subscribe every chat, arm the faults, import 2026 and wait until nothing is pending.
    Returns the call index the import started at."""
    for chat_id in CHATS:
        await UserChat(bot, chat_id).send("/subscribe")
    fake = bot.fake
    fake.fail_next("sendMessage", count=100, error_code=404, description="Not Found", chat_id=UNEXPECTED)
    flood = f"Too Many Requests: retry after {RETRY_AFTER}"
    fake.fail_next("sendMessage", description=flood, retry_after=RETRY_AFTER, chat_id=FLOOD)
    fake.block_chat(BLOCKED)
    fake.fail_next("sendMessage", count=2, error_code=500, description="Internal Server Error", chat_id=FLAKY)
    fake.fail_next(
        "sendMessage", count=100, error_code=500, description="Internal Server Error", chat_id=BROKEN
    )
    fake.fail_next("sendMessage", error_code=400, description="Bad Request: chat not found", chat_id=GONE)

    path = write_release(tmp_path_factory.mktemp("files") / "2026.csv", {"moh": (4.88, 91.0)})
    since = fake.mark()
    run = await run_importer(bot.database_path, path, "--year", "2026")
    assert run.code == 0, run.err
    assert f"2026: {len(CHATS)} notification(s) queued." in run.out

    def still_pending() -> str:
        statuses = db_rows(bot.database_path, "SELECT chat_id, status, attempts, last_error FROM outbox")
        return f"deliveries still pending: {statuses}\n{fake.report(since=since)}\n{bot.log()}"

    await wait_until(
        lambda: not db_value(bot.database_path, "SELECT count(*) FROM outbox WHERE status = 'pending'"),
        20,
        interval=0.1,
        failure=still_pending,
    )
    await fake.wait_idle(0.5)
    return since


async def test_a_healthy_chat_gets_its_message(bot: BotProcess, delivered: int) -> None:
    [call] = sends(bot, FINE, delivered)
    assert call.ok
    assert plain(call).startswith("🔔 Опубликован рейтинг за 2026 год")
    assert outbox(bot, FINE) == ("sent", 1, None)


async def test_429_the_same_message_arrives_after_retry_after_exactly_once(
    bot: BotProcess, delivered: int
) -> None:
    refused, accepted = sends(bot, FLOOD, delivered)
    assert refused.failed_with == 429
    assert accepted.ok
    assert accepted.at - refused.at >= RETRY_AFTER
    assert accepted.text == refused.text
    assert outbox(bot, FLOOD)[0] == "sent"


async def test_403_marks_the_chat_inactive_and_drops_its_delivery(bot: BotProcess, delivered: int) -> None:
    [call] = sends(bot, BLOCKED, delivered)
    assert call.failed_with == 403
    [(active, reason)] = db_rows(
        bot.database_path, "SELECT active, inactive_reason FROM chats WHERE chat_id = ?", BLOCKED
    )
    assert active == 0
    assert "blocked" in reason
    assert db_rows(bot.database_path, "SELECT * FROM subscriptions WHERE chat_id = ?", BLOCKED) == []
    assert outbox(bot, BLOCKED)[0] == "dropped"


async def test_500_is_retried_with_backoff_and_delivered_once(bot: BotProcess, delivered: int) -> None:
    calls = sends(bot, FLAKY, delivered)
    assert [c.failed_with for c in calls] == [500, 500, None]
    first, second, third = (c.at for c in calls)
    assert second - first >= BACKOFF
    assert third - second >= 2 * BACKOFF  # the wait doubles
    assert outbox(bot, FLAKY)[:2] == ("sent", 3)


async def test_a_persistent_500_fails_after_max_attempts(bot: BotProcess, delivered: int) -> None:
    calls = sends(bot, BROKEN, delivered)
    assert [c.failed_with for c in calls] == [500] * MAX_ATTEMPTS
    status, attempts, error = outbox(bot, BROKEN)
    assert (status, attempts) == ("failed", MAX_ATTEMPTS)
    assert error is not None
    assert "Internal Server Error" in error
    # It stays subscribed: a server error says nothing about the chat.
    assert db_rows(bot.database_path, "SELECT active FROM chats WHERE chat_id = ?", BROKEN) == [(1,)]


async def test_chat_not_found_marks_the_chat_inactive(bot: BotProcess, delivered: int) -> None:
    [call] = sends(bot, GONE, delivered)
    assert call.failed_with == 400
    [(active, reason)] = db_rows(
        bot.database_path, "SELECT active, inactive_reason FROM chats WHERE chat_id = ?", GONE
    )
    assert (active, reason) == (0, "Bad Request: chat not found")
    assert db_rows(bot.database_path, "SELECT * FROM subscriptions WHERE chat_id = ?", GONE) == []
    assert outbox(bot, GONE)[0] == "dropped"


async def test_an_unexpected_error_fails_one_delivery_without_holding_up_the_rest(
    bot: BotProcess, delivered: int
) -> None:
    [call] = sends(bot, UNEXPECTED, delivered)
    assert call.failed_with == 404
    status, _, error = outbox(bot, UNEXPECTED)
    assert status == "failed"
    assert error is not None
    assert "Not Found" in error
    assert db_value(bot.database_path, "SELECT count(*) FROM outbox WHERE status = 'pending'") == 0


async def test_a_blocked_user_who_writes_again_is_active_again(bot: BotProcess, delivered: int) -> None:
    bot.fake.unblock_chat(BLOCKED)
    reply = await UserChat(bot, BLOCKED).send("/start")
    assert reply.ok
    assert db_rows(
        bot.database_path, "SELECT active, inactive_reason FROM chats WHERE chat_id = ?", BLOCKED
    ) == [(1, None)]


# ---------------------------------------------------------------------- replies under load


async def test_a_reply_refused_with_429_still_arrives_once_late(bot: BotProcess) -> None:
    chat = UserChat(bot, 4100)
    bot.fake.fail_next("sendMessage", retry_after=1, chat_id=4100)
    since = bot.fake.mark()
    chat.push("/help")
    await bot.wait_for("sendMessage", chat_id=4100, since=since, timeout=10)
    await bot.fake.wait_idle(0.5)
    refused, answered = sends(bot, 4100, since)
    assert refused.failed_with == 429
    assert answered.ok
    assert plain(answered).startswith("Что я умею")
    assert answered.at - refused.at >= 1.0
