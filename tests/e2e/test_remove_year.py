"""End to end: ``python -m bot.importer --remove YEAR`` while the bot runs.

An operator imports 2026 by mistake with five chats subscribed; the bot shows 2026 at
once and starts delivering. The worker is slowed to one send in flight, and the first
chat's message is held by the fake Telegram, so when the operator removes the year the
rest are still queued. After the removal the same user sees 2025 again on /rank and on a
card, and the queued notifications never go out: a release imported afterwards (2023)
reaches every chat, and the removed one reached at most those the removal said were
already on their way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .dialog import UserChat, plain, running_bot
from .fake_telegram import Call
from .harness import wait_until
from .releases import run_importer, subscribe_directly, write_release

USER = 5301
SUBSCRIBERS = 5
FIRST_CHAT = 5401
HEADING = "Рейтинг государственных органов по качеству оказания государственных услуг"
#: One send in flight and a batch of two: the removal finds most deliveries still queued.
ENV = {"NOTIFY_RATE": "1", "NOTIFY_WINDOW": "1", "NOTIFY_POLL_SECONDS": "0.2"}


def about(year: int, chats: list[int]) -> Callable[[Call], bool]:
    """A notification of ``year`` to one of ``chats`` (its first line names the year)."""
    return lambda call: call.chat_id in chats and str(year) in plain(call).split("\n", 1)[0]


def notified(fake_calls: list[Call], year: int, chats: list[int]) -> list[int]:
    return [call.chat_id for call in fake_calls if about(year, chats)(call)]


async def test_a_removed_year_disappears_and_its_queued_notifications_never_arrive(
    tmp_path: Path, rating_db_template: Path
) -> None:
    async with running_bot(tmp_path / "bot", rating_db_template, env=ENV) as bot:
        chats = subscribe_directly(bot.database_path, SUBSCRIBERS, first_chat=FIRST_CHAT)
        user = UserChat(bot, USER, "ru")
        fake = bot.fake
        fake.hold(chats[0])  # its notification stays on its way until released

        imported = await run_importer(
            bot.database_path, write_release(tmp_path / "2026.csv", {"moh": (4.98, 98.5)}), "--year", "2026"
        )
        assert imported.code == 0, imported.err
        assert f"2026: {SUBSCRIBERS} notification(s) queued." in imported.out
        await fake.wait_for("sendMessage", chat_id=chats[0], include_failed=True, since=0, timeout=20)
        assert plain(await user.send("/rank")).splitlines()[0] == f"{HEADING}, 2026"

        removed = await run_importer(bot.database_path, "--remove", "2026")

        assert removed.code == 0, removed.err
        lines = removed.out.splitlines()
        assert lines[:2] == [
            "2026: removed the release (32 bodies).",
            f"2026: {SUBSCRIBERS} queued notification(s) cancelled.",
        ]
        in_flight = int(lines[2].split()[1]) if len(lines) > 2 else 0  # "2026: N of them were being sent..."
        assert 1 <= in_flight <= 2, removed.out  # the held one, and the next one claimed with it
        assert "already sent" not in removed.out

        rank = await user.send("/rank")
        card = plain(await user.send("минздрав")).splitlines()
        assert plain(rank).splitlines()[0] == f"{HEADING}, 2025"
        assert not [label for label in rank.button_texts if "2026" in label], rank.button_texts
        assert card[2] == "2025: 20*-е место из 32"
        assert not any(line.startswith("2026") for line in card)

        fake.release(chats[0])
        control = await run_importer(
            bot.database_path, write_release(tmp_path / "2023.csv"), "--year", "2023"
        )
        assert control.code == 0, control.err
        # The worker sends in queue order: once 2023 reached everyone, 2026 would have too.
        await wait_until(
            lambda: sorted(notified(fake.calls("sendMessage"), 2023, chats)) == chats, 30, failure=fake.report
        )

        reached = notified(fake.calls("sendMessage", include_failed=True), 2026, chats)
        assert len(reached) <= in_flight, reached
        assert set(reached) <= set(chats[:2]), "only the deliveries already claimed may have gone out"
