"""The real dispatcher, built in-process the way the app builds it, and updates to feed it.

Everything is the project's own wiring (``build_dispatcher`` over a real SQLite file loaded
by the importer); only the Bot API is replaced, by :class:`RecordingSession`. A test feeds
an :class:`Update` and reads the Bot API calls the handlers made while it was handled.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ChatType
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardMarkup,
    Message,
    PhotoSize,
    Sticker,
    Update,
    User,
)

from bot.config import Settings
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.runtime.app import build_dispatcher
from bot.runtime.i18n import make_i18n
from bot.runtime.metrics import Metrics
from bot.runtime.middlewares import InactiveChats
from bot.runtime.screen_cache import ScreenCache
from bot.store import Store

from .recording import BOT_ID, BOT_USER, RecordingSession

TOKEN = f"{BOT_ID}:" + "A" * 35
ADMIN_ID = 1001
USER_ID = 2002
OTHER_USER_ID = 3003
GROUP_ID = -1001234567890

Request = TelegramMethod[Any]


@dataclass
class App:
    """The dispatcher under test, its recording session and the store it writes to."""

    bot: Bot
    dispatcher: Dispatcher
    session: RecordingSession
    store: Store
    inactive: InactiveChats
    settings: Settings
    database: Path

    async def feed(self, update: Update) -> list[Request]:
        """Handle one update as polling would; the Bot API calls made meanwhile, in order."""
        start = len(self.session.requests)
        await self.dispatcher.feed_update(self.bot, update)
        return self.session.requests[start:]


class Updates:
    """Updates as Telegram would send them, each with a fresh update_id."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)

    @staticmethod
    def user(user_id: int = USER_ID, language_code: str | None = "ru", first_name: str = "Айгерим") -> User:
        return User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)

    def message(self, chat: Chat, sender: User, **content: Any) -> Update:
        message = Message(
            message_id=next(self._message_ids),
            date=datetime.now(UTC),
            chat=chat,
            from_user=sender,
            **content,
        )
        return Update(update_id=next(self._update_ids), message=message)

    def private(
        self,
        text: str,
        *,
        user_id: int = USER_ID,
        language_code: str | None = "ru",
        first_name: str = "Айгерим",
    ) -> Update:
        """A text message from a user in their private chat with the bot."""
        sender = self.user(user_id, language_code, first_name)
        chat = Chat(id=user_id, type=ChatType.PRIVATE, first_name=first_name)
        return self.message(chat, sender, text=text)

    def group(
        self, text: str, *, user_id: int = USER_ID, chat_id: int = GROUP_ID, language_code: str | None = "ru"
    ) -> Update:
        """A text message from a user in a supergroup the bot is in."""
        chat = Chat(id=chat_id, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")
        return self.message(chat, self.user(user_id, language_code), text=text)

    def sticker(self, *, user_id: int = USER_ID, language_code: str | None = "ru") -> Update:
        """A sticker in a private chat: a message with no text at all."""
        chat = Chat(id=user_id, type=ChatType.PRIVATE, first_name="Айгерим")
        sticker = Sticker(
            file_id="CAACAgIAAxkBAAE",
            file_unique_id="AgADsticker",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
            emoji="👍",
        )
        return self.message(chat, self.user(user_id, language_code), sticker=sticker)

    def photo(self, *, user_id: int = USER_ID, language_code: str | None = "ru") -> Update:
        """A photo without a caption in a private chat."""
        chat = Chat(id=user_id, type=ChatType.PRIVATE, first_name="Айгерим")
        photo = [PhotoSize(file_id="AgACAgIAAxkBAAE", file_unique_id="AQADphoto", width=640, height=480)]
        return self.message(chat, self.user(user_id, language_code), photo=photo)

    def bot_message(
        self,
        chat_id: int = USER_ID,
        *,
        text: str = "…",
        reply_markup: InlineKeyboardMarkup | None = None,
    ) -> Message:
        """A message the bot sent earlier, whose buttons a user presses."""
        if chat_id > 0:
            chat = Chat(id=chat_id, type=ChatType.PRIVATE, first_name="Айгерим")
        else:
            chat = Chat(id=chat_id, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")
        return Message(
            message_id=next(self._message_ids),
            date=datetime.now(UTC),
            chat=chat,
            from_user=BOT_USER,
            text=text,
            reply_markup=reply_markup,
        )

    def press(
        self,
        data: CallbackData | str,
        *,
        on: Message,
        user_id: int = USER_ID,
        language_code: str | None = "ru",
    ) -> Update:
        """A press of a button carrying ``data`` (a factory, or any raw string) on ``on``."""
        query = CallbackQuery(
            id=str(next(self._query_ids)),
            from_user=self.user(user_id, language_code),
            chat_instance="-4242",
            message=on,
            data=data.pack() if isinstance(data, CallbackData) else data,
        )
        return Update(update_id=next(self._update_ids), callback_query=query)


def query(database: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows read with the standard sqlite3 module, independent of the project's store."""
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql, params).fetchall()


def kinds(requests: Sequence[Request]) -> list[str]:
    """The Bot API methods called, by name: ``["AnswerCallbackQuery", "EditMessageText"]``."""
    return [type(request).__name__ for request in requests]


def only_reply(requests: Sequence[Request]) -> SendMessage:
    """The one message an update was answered with, when it caused nothing else."""
    assert kinds(requests) == ["SendMessage"]
    reply = requests[0]
    assert isinstance(reply, SendMessage)
    return reply


def callback_data(markup: Any) -> list[str]:
    """Every button's callback data in an inline keyboard, row by row."""
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [button.callback_data or "" for row in markup.inline_keyboard for button in row]


@asynccontextmanager
async def running_app(
    database: Path,
    admin_ids: frozenset[int] = frozenset({ADMIN_ID}),
    *,
    metrics: Metrics | None = None,
    **overrides: Any,
) -> AsyncIterator[App]:
    """The app as build_application wires it, on ``database``, talking to no one.

    One wiring for the fixture below and for tests that keep one app across many
    generated examples (tests/property). ``overrides`` are settings (``throttle_rate=...``);
    ``metrics`` counts what the dispatcher handles.
    """
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,  # type: ignore[arg-type]
        database_path=database,
        admin_ids=admin_ids,
        **{"default_language": "ru", **overrides},
    )
    store = await Store.open(database)
    try:
        bodies = load_agencies()
        await store.sync_agencies(bodies)
        catalog = await Catalog.load(store, bodies)
        inactive = InactiveChats(store, set())
        dispatcher = build_dispatcher(
            settings,
            store=store,
            catalog=catalog,
            i18n=make_i18n(settings.default_language),
            inactive=inactive,
            draw=ScreenCache(),
            metrics=metrics,
        )
        session = RecordingSession()
        bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
        await bot.me()  # who the bot is, asked once and remembered, as a running bot has long done
        session.requests.clear()
        yield App(bot, dispatcher, session, store, inactive, settings, database)
        await bot.session.close()
        dispatcher["chart_pool"].close()  # the chart worker, if a test drew a chart
    finally:
        await store.close()


@pytest.fixture
async def app(database: Path) -> AsyncIterator[App]:
    """The app as build_application wires it, on this test's database, talking to no one."""
    async with running_app(database) as running:
        yield running


@pytest.fixture
def updates() -> Updates:
    return Updates()
