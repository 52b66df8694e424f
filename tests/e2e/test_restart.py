"""End to end: the bot is killed in the middle of a broadcast and started again.

Several hundred subscribed chats are written straight into SQLite, a release is
imported while the bot runs, and the bot gets SIGKILL (no shutdown code runs) when about
a third of the messages are out. Started again on the same database, it must finish the
broadcast: every chat gets its message, at most one (the one in flight at the kill)
gets it twice, and the outbox ends all 'sent'.
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


def delivered(fake: FakeTelegram, chats: set[int]) -> Counter[int]:
    """How many notifications each chat got (accepted sends only)."""
    return Counter(call.chat_id for call in fake.calls("sendMessage") if call.chat_id in chats)


def timed_out(what: str, bot: BotProcess) -> Callable[[], str]:
    """A :func:`wait_until` failure naming what was awaited, with the calls and the log."""
    return lambda: f"timed out waiting until {what}\n{bot.fake.report()}\n{bot.log()}"


async def test_a_broadcast_survives_a_kill_with_at_most_one_duplicate(
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
            env={"NOTIFY_RATE": str(RATE), "NOTIFY_POLL_SECONDS": "0.2"},
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
    assert len(twice) <= 1, f"more than one chat got the message twice: {twice}"
    assert max(got.values()) <= 2
    statuses = db_rows(database, "SELECT status, count(*) FROM outbox GROUP BY status")
    assert statuses == [("sent", CHATS)]
    # Each language got its own text.
    texts = {call.chat_id: call.text or "" for call in fake.calls("sendMessage") if call.chat_id in chats}
    assert texts[FIRST_CHAT + (-FIRST_CHAT % 3)].startswith("<b>🔔 Опубликован рейтинг за 2026 год")  # ru
    assert texts[FIRST_CHAT + (2 - FIRST_CHAT % 3) % 3].startswith("<b>🔔 The 2026 rating is out")  # en
