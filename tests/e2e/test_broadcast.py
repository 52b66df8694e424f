"""End to end: broadcasts as they meet the real Bot API: far away, rate-limited, shared.

Each test starts the real bot (or two) against the fake Bot API and imports a release;
subscribed chats are written straight into SQLite. The assertions are on the calls the
fake server recorded: who got what, when, and what it refused.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

from .fake_telegram import FakeTelegram
from .harness import BotProcess, copy_rating_db, wait_until
from .releases import db_rows, run_importer, subscribe_directly, write_release

FREE = {"NOTIFY_POLL_SECONDS": "0.2", "NOTIFY_LEASE_SECONDS": "2"}


def delivered(fake: FakeTelegram, chats: set[int]) -> Counter[int]:
    """How many notifications each chat got (accepted sends only)."""
    return Counter(call.chat_id for call in fake.calls("sendMessage") if call.chat_id in chats)


async def import_2026(database: Path, tmp_path: Path, queued: int) -> None:
    run = await run_importer(
        database, write_release(tmp_path / "2026.csv", {"moh": (4.88, 91.0)}), "--year", "2026"
    )
    assert run.code == 0, run.err
    assert f"2026: {queued} notification(s) queued." in run.out


async def test_far_away_and_rate_limited_every_chat_gets_one_message_and_no_limit_is_broken(
    tmp_path: Path, rating_db_template: Path
) -> None:
    """150 ms a call, Telegram's 30 a second and one a second per chat: with sends in
    flight together the bot keeps to its 29 a second without a single 429."""
    database = copy_rating_db(rating_db_template, tmp_path)
    chats = set(subscribe_directly(database, 90, first_chat=700_001))
    async with FakeTelegram() as fake:
        fake.set_latency(0.15)
        fake.limit_rate(30, per_chat_per_second=1)
        bot = BotProcess(fake, tmp_path, database_path=database, env={**FREE, "NOTIFY_RATE": "29"})
        try:
            await bot.start()
            await import_2026(database, tmp_path, len(chats))
            await wait_until(lambda: len(delivered(fake, chats)) == len(chats), 30, failure=fake.report)
            await fake.wait_idle(0.5)
        finally:
            await bot.stop()

    assert delivered(fake, chats) == Counter(dict.fromkeys(chats, 1))
    # The fake counts sends against Telegram's limits as they arrive (30 a second, a
    # second's burst, one a second per chat) and answers 429 to any beyond them.
    assert fake.rate_limited == 0, "no send went over Telegram's limits"


async def test_two_bots_on_one_database_send_every_chat_exactly_once(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    chats = set(subscribe_directly(database, 200, first_chat=710_001))
    env = {**FREE, "NOTIFY_RATE": "100", "NOTIFY_PAID_BROADCAST": "true"}
    async with FakeTelegram() as fake:
        first = BotProcess(fake, tmp_path / "first", database_path=database, env=env)
        second = BotProcess(fake, tmp_path / "second", database_path=database, env=env)
        try:
            await first.start()
            await second.start()
            await import_2026(database, tmp_path, len(chats))
            await wait_until(lambda: len(delivered(fake, chats)) == len(chats), 30, failure=fake.report)
            await fake.wait_idle(0.5)
        finally:
            await first.stop()
            await second.stop()

    assert delivered(fake, chats) == Counter(dict.fromkeys(chats, 1))
    assert db_rows(database, "SELECT status, count(*) FROM outbox GROUP BY status") == [("sent", len(chats))]
    sent_with_paid_broadcast = {call.params.get("allow_paid_broadcast") for call in fake.calls("sendMessage")}
    assert sent_with_paid_broadcast == {True}


async def test_a_group_that_became_a_supergroup_gets_its_message_at_the_new_id(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    old, new = -4001, -1004001
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(
            "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
            "VALUES (?, 'group', 'ru', ?, ?)",
            (old, now, now),
        )
        connection.execute(
            "INSERT INTO subscriptions (chat_id, agency, created_at) VALUES (?, '*', ?)", (old, now)
        )
    async with FakeTelegram() as fake:
        fake.migrate_chat(old, new)
        bot = BotProcess(fake, tmp_path, database_path=database, env=FREE)
        try:
            await bot.start()
            await import_2026(database, tmp_path, 1)
            [message] = await bot.wait_for("sendMessage", chat_id=new, timeout=20)
        finally:
            await bot.stop()

    assert (message.text or "").startswith("<b>🔔 Опубликован рейтинг за 2026 год")
    assert db_rows(
        database, "SELECT chat_id, agency FROM subscriptions WHERE chat_id IN (?, ?)", old, new
    ) == [(new, "*")]
    assert db_rows(database, "SELECT chat_id, status FROM outbox") == [(new, "sent")]


async def test_the_admin_watches_one_message_move_to_the_summary(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    admin = 42
    chats = set(subscribe_directly(database, 60, first_chat=720_001))
    env = {**FREE, "NOTIFY_RATE": "20", "NOTIFY_PROGRESS_SECONDS": "0.5"}
    async with FakeTelegram() as fake:
        bot = BotProcess(fake, tmp_path, database_path=database, env=env, admin_ids=[admin])
        try:
            await bot.start()
            await import_2026(database, tmp_path, len(chats))
            await wait_until(lambda: len(delivered(fake, chats)) == len(chats), 30, failure=fake.report)
            await wait_until(
                lambda: any(
                    "разослан" in (c.text or "") for c in fake.calls("editMessageText", chat_id=admin)
                ),
                10,
                failure=fake.report,
            )
        finally:
            await bot.stop()

    [started] = fake.calls("sendMessage", chat_id=admin)
    assert "Рассылка рейтинга за 2026 год" in (started.text or "")
    edits = fake.calls("editMessageText", chat_id=admin)
    assert edits, "the message was edited as the delivery went"
    assert {call.params["message_id"] for call in edits} == {started.result["message_id"]}
    assert "Отправлено: 60 · с ошибкой: 0 · отменено (бот заблокирован): 0" in (edits[-1].text or "")
