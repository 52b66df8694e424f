"""The profile set at start: read first, set only what differs, and nothing Telegram answers
(a 429 of an hour, a 400, a network error) stops the bot or waits."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, Callable
from typing import Any, cast

import pytest
from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter
from aiogram.methods import (
    GetMyDescription,
    GetMyName,
    GetMyShortDescription,
    SetMyDescription,
    SetMyName,
    SetMyShortDescription,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import BotDescription, BotName, BotShortDescription
from aiogram.utils.i18n import I18n

from bot.runtime.i18n import make_i18n
from bot.runtime.profile import update_profile, wanted_profiles
from bot.runtime.retry import RetryAfter

GETS: dict[type[TelegramMethod[Any]], tuple[str, Callable[[str], Any]]] = {
    GetMyDescription: ("description", lambda text: BotDescription(description=text)),
    GetMyShortDescription: ("short_description", lambda text: BotShortDescription(short_description=text)),
    GetMyName: ("name", lambda text: BotName(name=text)),
}
SETS: dict[type[TelegramMethod[Any]], str] = {
    SetMyDescription: "description",
    SetMyShortDescription: "short_description",
    SetMyName: "name",
}
EVERY_CODE = [None, "ru", "kk", "en"]


class ProfileServer(BaseSession):
    """Telegram's side of the profile methods, in memory: each value by (field, language).

    ``fallback``: a language with no text of its own is answered with the default's, as
    Telegram may do. The session's RetryAfter middleware is installed, as in the bot, with
    a listener that records every wait it would be told of.
    """

    def __init__(self, *, fallback: bool = False) -> None:
        super().__init__()
        self.fallback = fallback
        self.texts: dict[tuple[str, str | None], str] = {}
        self.requests: list[TelegramMethod[Any]] = []
        self.failures: dict[type[TelegramMethod[Any]], Callable[[TelegramMethod[Any]], Exception]] = {}
        self.told: list[float] = []
        flood = RetryAfter()
        flood.listeners.append(self.told.append)
        self.middleware(flood)

    def sets(self) -> list[tuple[str, str | None]]:
        """(field, language) of every set request, in order."""
        return [(SETS[type(m)], getattr(m, "language_code", None)) for m in self.requests if type(m) in SETS]

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - BaseSession's signature
    ) -> TelegramType:
        self.requests.append(method)
        failure = self.failures.get(type(method))
        if failure is not None:
            raise failure(method)
        language = getattr(method, "language_code", None) or None
        if type(method) in GETS:
            key, answer = GETS[type(method)]
            text = self.texts.get((key, language))
            if text is None and self.fallback:
                text = self.texts.get((key, None))
            return cast(TelegramType, answer(text or ""))
        key = SETS[type(method)]
        self.texts[(key, language)] = getattr(method, key)
        return cast(TelegramType, True)

    async def close(self) -> None:
        """No connection to close."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        for chunk in ():
            yield chunk


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return make_i18n("ru")


def make_bot(server: ProfileServer) -> Bot:
    return Bot("1000:AAFakeTokenForTests_0123456789abcde", session=server)


async def test_a_new_bot_gets_every_text_in_every_language_and_the_default(i18n: I18n) -> None:
    server = ProfileServer()

    await update_profile(make_bot(server), i18n, "kk")

    wanted = wanted_profiles(i18n, "kk")
    for code in EVERY_CODE:
        assert server.texts[("description", code)] == wanted[code].description
        assert server.texts[("short_description", code)] == wanted[code].short_description
    # The default is the DEFAULT_LANGUAGE's text; the name for everyone else stays @BotFather's.
    assert server.texts[("description", None)] == wanted["kk"].description
    assert [code for key, code in server.sets() if key == "name"] == ["ru", "kk", "en"]
    assert server.texts[("name", "kk")] == "Қазақстан мемлекеттік органдарының рейтингі"


async def test_a_second_start_reads_everything_and_sets_nothing(i18n: I18n) -> None:
    server = ProfileServer()
    await update_profile(make_bot(server), i18n, "ru")
    server.requests.clear()

    await update_profile(make_bot(server), i18n, "ru")

    assert server.sets() == []
    assert len(server.requests) == 4 + 4 + 3


async def test_only_the_values_that_differ_are_set(i18n: I18n) -> None:
    server = ProfileServer()
    wanted = wanted_profiles(i18n, "ru")
    for code in EVERY_CODE:
        server.texts[("description", code)] = wanted[code].description
        server.texts[("short_description", code)] = wanted[code].short_description
    server.texts[("short_description", "kk")] = "an old text"
    server.texts[("name", "ru")] = wanted["ru"].name

    await update_profile(make_bot(server), i18n, "ru")

    assert server.sets() == [("short_description", "kk"), ("name", "kk"), ("name", "en")]


async def test_the_default_is_set_before_the_languages_that_may_fall_back_to_it(i18n: I18n) -> None:
    """With Telegram answering a language that has no text of its own with the default's,
    checking Russian before the default moved from Russian to Kazakh would leave Russian
    readers with the Kazakh text."""
    server = ProfileServer(fallback=True)
    await update_profile(make_bot(server), i18n, "ru")
    assert ("description", "ru") not in server.texts  # it fell back to the default: the same text

    await update_profile(make_bot(server), i18n, "kk")

    wanted = wanted_profiles(i18n, "kk")
    assert server.texts[("description", None)] == wanted["kk"].description
    assert server.texts[("description", "ru")] == wanted["ru"].description


async def test_a_429_on_set_my_name_is_one_line_not_a_wait_nor_a_pause_for_everyone(
    i18n: I18n, caplog: pytest.LogCaptureFixture
) -> None:
    """Sent through the session's RetryAfter, the 429 would be waited out (up to 120 s)
    and told to its listeners, pausing every notification for an hour."""
    server = ProfileServer()
    server.failures[SetMyName] = lambda method: TelegramRetryAfter(
        method, "Too Many Requests: retry after 100", retry_after=100
    )
    caplog.set_level(logging.INFO, logger="bot.runtime.profile")

    await update_profile(make_bot(server), i18n, "ru")

    assert server.told == []
    assert [type(m) for m in server.requests].count(SetMyName) == 1  # not retried
    assert ("description", "en") in server.texts  # the other fields are set all the same
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "Bot profile not set: the name (Telegram asks to wait 100 s); tried again at the next start"
    ]


async def test_failures_of_several_fields_are_one_line_and_the_rest_is_still_set(
    i18n: I18n, caplog: pytest.LogCaptureFixture
) -> None:
    server = ProfileServer()
    server.failures[GetMyDescription] = lambda method: TelegramNetworkError(method, "Request timeout error")
    server.failures[SetMyShortDescription] = lambda method: TelegramBadRequest(
        method, "Bad Request: BOT_DESCRIPTION_INVALID"
    )
    caplog.set_level(logging.INFO, logger="bot.runtime.profile")

    await update_profile(make_bot(server), i18n, "ru")

    assert [key for key, _ in server.sets()] == ["short_description", "name", "name", "name"]
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert lines == [
        ("INFO", "Bot profile set: the name (ru, kk, en)"),
        (
            "WARNING",
            "Bot profile not set: the description (Request timeout error); the short description "
            "(Bad Request: BOT_DESCRIPTION_INVALID); tried again at the next start",
        ),
    ]


async def test_an_unforeseen_error_is_one_line_too(i18n: I18n, caplog: pytest.LogCaptureFixture) -> None:
    """The task runs beside the bot; an exception left in it would surface at shutdown."""
    server = ProfileServer()
    server.failures[GetMyName] = lambda method: ValueError("an answer the bot did not expect")

    await update_profile(make_bot(server), i18n, "ru")

    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "the name (ValueError: an answer the bot did not expect)" in warning
