"""The admins' progress message: one per release and admin, edited as the delivery goes,
ending as a summary; and one only, even with two bots on one database.

Against a real SQLite file; the Bot API is a stand-in that records what was sent and
edited and answers a send with a message id, as Telegram does.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import SendMessage

from bot.domain.preferences import LanguagePreferences
from bot.notify.progress import ProgressReporter
from bot.runtime.i18n import make_i18n
from bot.store import Store
from tests.unit.conftest import open_with_agencies, query
from tests.unit.helpers import EVERYTHING, follow, publish

ADMIN_RU = 1001  # has not chosen a language: the bot's default, Russian
ADMIN_EN = 1002
ADMINS = (ADMIN_RU, ADMIN_EN)


@dataclass(frozen=True)
class Sent:
    """What Telegram answers a sendMessage with, as far as the reporter reads it."""

    message_id: int


@dataclass(frozen=True)
class Edit:
    chat_id: int
    message_id: int
    text: str


class AdminsBot:
    """Records sends and edits; ``refuse`` makes sends to some chats fail as Telegram would."""

    message_ids = itertools.count(500)

    def __init__(self, refuse: Iterable[int] = (), edits_fail: bool = False) -> None:
        self.refuse = set(refuse)
        self.edits_fail = edits_fail
        self.sent: list[tuple[int, int, str]] = []  # (chat, message id, text)
        self.edits: list[Edit] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Sent:
        if chat_id in self.refuse:
            raise TelegramForbiddenError(
                method=SendMessage(chat_id=chat_id, text=text),
                message="Forbidden: bot can't initiate conversation",
            )
        message_id = next(self.message_ids)
        self.sent.append((chat_id, message_id, text))
        return Sent(message_id)

    async def edit_message_text(self, text: str, *, chat_id: int, message_id: int, **_: Any) -> None:
        self.edits.append(Edit(chat_id, message_id, text))
        if self.edits_fail:
            raise TelegramBadRequest(
                method=SendMessage(chat_id=chat_id, text=text), message="Bad Request: message is not modified"
            )

    def message_of(self, chat_id: int) -> int:
        [message_id] = [m for c, m, _ in self.sent if c == chat_id]
        return message_id

    def last_edit(self, chat_id: int) -> Edit:
        return [edit for edit in self.edits if edit.chat_id == chat_id][-1]


async def reporter(store: Store, bot: AdminsBot) -> ProgressReporter:
    preferences = LanguagePreferences(store)
    await preferences.set(ADMIN_EN, "en")
    return ProgressReporter(cast(Bot, bot), store, make_i18n("ru"), preferences, admin_ids=set(ADMINS))


async def queue_release(store: Store, chats: int = 4) -> int:
    for chat in range(1, chats + 1):
        await follow(store, chat, EVERYTHING)
    return (await publish(store)).release_id


async def send_some(store: Store, count: int) -> None:
    for delivery in await store.outbox.claim("worker", count, 30.0):
        await store.outbox.mark_sent(delivery.id)


def progress_rows(database: Path) -> list[tuple[object, ...]]:
    return query(
        database, "SELECT release_id, admin_id, message_id, done FROM progress_messages ORDER BY admin_id"
    )


async def test_each_admin_gets_one_message_for_a_release_being_delivered(
    store: Store, database: Path
) -> None:
    release_id = await queue_release(store)
    bot = AdminsBot()
    await (await reporter(store, bot)).report_once()
    assert [(chat, text.split("\n")) for chat, _, text in bot.sent] == [
        (
            ADMIN_RU,
            [
                "📬 <b>Рассылка рейтинга за 2026 год</b>",
                "░░░░░░░░░░ 0\u00a0%",
                "Отправлено: 0 · в очереди: 4 · с ошибкой: 0",
            ],
        ),
        (
            ADMIN_EN,
            ["📬 <b>Delivering the 2026 rating</b>", "░░░░░░░░░░ 0%", "Sent 0 · queued 4 · failed 0"],
        ),
    ]
    assert bot.edits == []
    assert progress_rows(database) == [
        (release_id, ADMIN_RU, bot.message_of(ADMIN_RU), 0),
        (release_id, ADMIN_EN, bot.message_of(ADMIN_EN), 0),
    ]


async def test_later_looks_edit_that_message_and_the_last_edit_is_the_summary(
    store: Store, database: Path
) -> None:
    await queue_release(store)
    bot = AdminsBot()
    progress = await reporter(store, bot)
    await progress.report_once()

    await send_some(store, 2)
    await progress.report_once()
    assert len(bot.sent) == 2, "no second message"
    assert [(e.chat_id, e.message_id) for e in bot.edits] == [
        (ADMIN_RU, bot.message_of(ADMIN_RU)),
        (ADMIN_EN, bot.message_of(ADMIN_EN)),
    ]
    assert bot.last_edit(ADMIN_EN).text.split("\n")[1:3] == [
        "▓▓▓▓▓░░░░░ 50%",
        "Sent 2 · queued 2 · failed 0",
    ]

    [left, failing] = await store.outbox.claim("worker", 2, 30.0)
    await store.outbox.mark_sent(left.id)
    await store.outbox.mark_failed(failing.id, "Bad Request: message is too long")
    await progress.report_once()
    assert len(bot.sent) == 2
    assert bot.last_edit(ADMIN_RU).text.split("\n")[:2] == [
        "✅ <b>Рейтинг за 2026 год разослан</b>",
        "Отправлено: 3 · с ошибкой: 1 · отменено (бот заблокирован): 0",
    ]
    assert bot.last_edit(ADMIN_EN).text.split("\n")[:2] == [
        "✅ <b>The 2026 rating was delivered</b>",
        "Sent 3 · failed 1 · dropped (blocked the bot) 0",
    ]
    assert [row[3] for row in progress_rows(database)] == [1, 1]

    edits = len(bot.edits)
    await progress.report_once()
    assert (len(bot.sent), len(bot.edits)) == (2, edits), "a summed-up message is left alone"


async def test_a_release_delivered_before_the_reporter_looked_gets_no_message(
    store: Store, database: Path
) -> None:
    await queue_release(store)
    await send_some(store, 4)
    bot = AdminsBot()
    await (await reporter(store, bot)).report_once()
    assert (bot.sent, bot.edits) == ([], [])
    assert progress_rows(database) == []


async def test_two_reporters_on_one_database_send_each_admin_one_message(
    store: Store, database: Path
) -> None:
    release_id = await queue_release(store)
    other_store = await open_with_agencies(database)
    try:
        bots = (AdminsBot(), AdminsBot())
        reporters = [await reporter(on, bot) for on, bot in zip((store, other_store), bots, strict=True)]
        await asyncio.gather(*(r.report_once() for r in reporters))
        sent = [(chat, message_id) for bot in bots for chat, message_id, _ in bot.sent]
        assert sorted(chat for chat, _ in sent) == sorted(ADMINS)
        assert sorted(progress_rows(database)) == sorted((release_id, chat, m, 0) for chat, m in sent)

        await send_some(store, 4)
        await asyncio.gather(*(r.report_once() for r in reporters))
    finally:
        await other_store.close()
    assert sum(len(bot.sent) for bot in bots) == 2
    edited = {(e.chat_id, e.message_id) for bot in bots for e in bot.edits}
    assert edited == set(sent), "the summary goes to the one message each admin has"
    assert [row[3] for row in progress_rows(database)] == [1, 1]


async def test_an_admin_the_bot_cannot_write_to_holds_up_no_one(store: Store, database: Path) -> None:
    await queue_release(store)
    bot = AdminsBot(refuse=[ADMIN_EN])
    progress = await reporter(store, bot)
    await progress.report_once()
    await send_some(store, 1)
    await progress.report_once()
    assert [chat for chat, _, _ in bot.sent] == [ADMIN_RU]
    assert [e.chat_id for e in bot.edits] == [ADMIN_RU]
    assert [row[1:3] for row in progress_rows(database)] == [
        (ADMIN_RU, bot.message_of(ADMIN_RU)),
        (ADMIN_EN, 0),  # not tried again at every look
    ]


async def test_an_edit_telegram_refuses_does_not_stop_the_report(store: Store, database: Path) -> None:
    await queue_release(store)
    bot = AdminsBot(edits_fail=True)
    progress = await reporter(store, bot)
    await progress.report_once()
    await send_some(store, 1)
    await progress.report_once()  # "message is not modified": no error
    assert [e.chat_id for e in bot.edits] == list(ADMINS)
