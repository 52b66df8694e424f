"""End to end: the bot is killed in the middle of a broadcast and started again.

Subscribed chats are written straight into SQLite, a release is imported while the bot
runs, and the bot gets SIGKILL (no shutdown code runs) mid-broadcast. Started again on
the same database, it must finish the broadcast once the dead worker's leases run out:
every chat gets its message, at most a window's worth (the sends in flight at the kill)
get it twice, and the outbox ends all 'sent'.

One test kills the bot whenever about a third of several hundred messages are out; the
other puts the kill exactly inside the window between a send and its record: the fake
server holds one chat's message unanswered, and the bot is killed while it waits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .fake_telegram import FakeTelegram
from .harness import BotProcess, copy_rating_db, wait_until
from .releases import db_rows, run_importer, subscribe_directly, write_release

CHATS = 300
FIRST_CHAT = 500_001
RATE = 100  # messages a second: the broadcast takes about three seconds
WINDOW = 10  # sends in flight at once: the most that can be sent twice after a kill
ENV = {
    "NOTIFY_RATE": str(RATE),
    "NOTIFY_PAID_BROADCAST": "true",  # above 30 a second; the fake charges nothing
    "NOTIFY_WINDOW": str(WINDOW),
    "NOTIFY_POLL_SECONDS": "0.2",
    "NOTIFY_LEASE_SECONDS": "2",  # a killed worker's deliveries are free again after 2 s
}
FEW_CHATS = 12
FIRST_FEW = 600_001
HELD = FIRST_FEW + 5  # some chats are queued before it, some after


def delivered(fake: FakeTelegram, chats: set[int]) -> Counter[int]:
    """How many notifications each chat got (accepted sends only)."""
    return Counter(call.chat_id for call in fake.calls("sendMessage") if call.chat_id in chats)


def timed_out(what: str, bot: BotProcess) -> Callable[[], str]:
    """A :func:`wait_until` failure naming what was awaited, with the calls and the log."""
    return lambda: f"timed out waiting until {what}\n{bot.fake.report()}\n{bot.log()}"


async def test_a_broadcast_survives_a_kill_with_at_most_a_window_of_duplicates(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    chats = set(subscribe_directly(database, CHATS, first_chat=FIRST_CHAT))
    release = write_release(tmp_path / "2026.csv", {"moh": (4.88, 91.0)})

    async with FakeTelegram() as fake:
        bot = BotProcess(
            fake,
            tmp_path,
            database_path=database,
            env=ENV,
        )
        try:
            await bot.start()
            run = await run_importer(database, release, "--year", "2026")
            assert run.code == 0, run.err
            assert f"2026: {CHATS} notification(s) queued." in run.out

            await wait_until(
                lambda: len(delivered(fake, chats)) >= CHATS // 3,
                20,
                failure=timed_out("a third is delivered", bot),
            )
            bot.kill()
            assert await bot.wait() < 0  # killed by the signal
            before_restart = delivered(fake, chats)
            assert CHATS // 3 <= len(before_restart) < CHATS, "the kill came too late to test anything"

            await bot.start()
            await wait_until(
                lambda: len(delivered(fake, chats)) == CHATS,
                30,
                failure=timed_out("every chat is delivered", bot),
            )
            await fake.wait_idle(0.5)
        finally:
            await bot.stop()

    got = delivered(fake, chats)
    assert set(got) == chats
    twice = [chat for chat, count in got.items() if count > 1]
    assert len(twice) <= WINDOW, f"more chats got the message twice than were in flight: {twice}"
    assert max(got.values()) <= 2
    statuses = db_rows(database, "SELECT status, count(*) FROM outbox GROUP BY status")
    assert statuses == [("sent", CHATS)]
    # Each language got its own text.
    texts = {call.chat_id: call.text or "" for call in fake.calls("sendMessage") if call.chat_id in chats}
    assert texts[FIRST_CHAT + (-FIRST_CHAT % 3)].startswith("<b>🔔 Опубликован рейтинг за 2026 год")  # ru
    assert texts[FIRST_CHAT + (2 - FIRST_CHAT % 3) % 3].startswith("<b>🔔 The 2026 rating is out")  # en


async def test_a_kill_while_telegram_has_not_answered_resends_that_message_and_no_other(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    chats = set(subscribe_directly(database, FEW_CHATS, first_chat=FIRST_FEW))
    release = write_release(tmp_path / "2026.csv", {"moh": (4.88, 91.0)})

    async with FakeTelegram() as fake:
        fake.hold(HELD)
        bot = BotProcess(
            fake,
            tmp_path,
            database_path=database,
            # One send in flight: while the held one waits, nothing else is on its way.
            env={**ENV, "NOTIFY_WINDOW": "1"},
        )
        try:
            await bot.start()
            run = await run_importer(database, release, "--year", "2026")
            assert run.code == 0, run.err
            assert f"2026: {FEW_CHATS} notification(s) queued." in run.out

            [held] = await bot.wait_for("sendMessage", chat_id=HELD, include_failed=True, timeout=20)
            # The bot is waiting for Telegram's answer: nothing may say it was sent yet.
            assert db_rows(database, "SELECT status FROM outbox WHERE chat_id = ?", HELD) == [("pending",)]
            bot.kill()
            assert await bot.wait() < 0  # killed by the signal
            await fake.wait_for(
                chat_id=HELD, predicate=lambda call: call.dropped, include_failed=True, since=held.index
            )
            fake.release(HELD)  # the kill dropped the request unanswered: nothing was delivered

            await bot.start()
            await wait_until(
                lambda: len(delivered(fake, chats)) == FEW_CHATS,
                30,
                failure=timed_out("every chat is delivered", bot),
            )
            await fake.wait_idle(0.5)
        finally:
            await bot.stop()

    # Every chat got its message exactly once; the held one was sent again after the restart
    # (Telegram may have delivered the dropped request too: twice at most, never lost).
    assert delivered(fake, chats) == Counter(dict.fromkeys(chats, 1))
    attempts = fake.calls("sendMessage", chat_id=HELD, include_failed=True)
    assert [(call.dropped, call.ok) for call in attempts] == [(True, False), (False, True)]
    assert attempts[1].text == held.text
    statuses = db_rows(database, "SELECT status, count(*) FROM outbox GROUP BY status")
    assert statuses == [("sent", FEW_CHATS)]
