"""The menu button at start: what it should be for WEB_APP_URL, and a refusal from Telegram
is one log line, never an exception that would stop the bot."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetChatMenuButton, SetChatMenuButton, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import MenuButtonCommands, MenuButtonDefault, MenuButtonWebApp, WebAppInfo

from bot.runtime.i18n import make_i18n
from bot.runtime.menu_button import needs_change, update_menu_button, wanted_button

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
URL = "https://rating.example.org/"


class Session(BaseSession):
    """Answers getChatMenuButton with ``current``; setChatMenuButton with True, or a 429."""

    def __init__(self, current: Any, refuse_set: bool = False) -> None:
        super().__init__()
        self.current = current
        self.refuse_set = refuse_set
        self.calls: list[TelegramMethod[Any]] = []

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109
    ) -> Any:
        self.calls.append(method)
        if isinstance(method, GetChatMenuButton):
            return self.current
        if self.refuse_set:
            raise TelegramRetryAfter(
                method=method, message="Too Many Requests: retry after 100", retry_after=100
            )
        return True

    async def close(self) -> None:
        pass

    async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncGenerator[bytes, None]:
        for chunk in ():
            yield chunk


def web_button(text: str = "Рейтинг", url: str = URL) -> MenuButtonWebApp:
    return MenuButtonWebApp(text=text, web_app=WebAppInfo(url=url))


def test_the_wanted_button_is_labelled_in_the_default_language() -> None:
    assert wanted_button(URL, make_i18n("kk"), "kk") == web_button("Рейтинг")
    assert wanted_button(URL, make_i18n("en"), "en") == web_button("Rating")
    assert wanted_button(None, make_i18n("ru"), "ru") is None


@pytest.mark.parametrize(
    ("current", "wanted", "change"),
    [
        (MenuButtonCommands(), web_button(), True),
        (web_button(url="https://old.example.org/"), web_button(), True),
        (web_button(), web_button(), False),
        (MenuButtonCommands(), None, False),  # never set by us: left alone
        (MenuButtonDefault(), None, False),
        (web_button(), None, True),  # a previous run's page, WEB_APP_URL since removed
    ],
)
def test_only_a_different_button_is_replaced(
    current: Any, wanted: MenuButtonWebApp | None, change: bool
) -> None:
    assert needs_change(current, wanted) is change


async def test_a_refused_set_is_one_log_line_and_no_exception(caplog: pytest.LogCaptureFixture) -> None:
    session = Session(MenuButtonCommands(), refuse_set=True)
    bot = Bot(TOKEN, session=session)
    with caplog.at_level(logging.INFO, logger="bot.runtime.menu_button"):
        await update_menu_button(bot, make_i18n("ru"), "ru", URL)
    assert [type(call) for call in session.calls] == [GetChatMenuButton, SetChatMenuButton]
    [line] = caplog.records
    assert line.levelno == logging.WARNING
    assert line.getMessage().startswith("Menu button not set: TelegramRetryAfter")
