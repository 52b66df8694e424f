"""Start-up: the Bot API is waited for with a capped back-off, one line per attempt, and a
first run (or a zero-length file) gets the bundled data. Issue 14, parts 4 and 7.

The waits are recorded by a stand-in for ``asyncio.sleep``: what is checked is the
sequence the bot would wait, never how long anything took.
"""

from __future__ import annotations

import logging
import socket
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import pytest
from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import GetMe
from aiogram.types import User

from bot.config import ConfigError, Settings
from bot.runtime import startup
from bot.runtime.session import JsonBodySession
from bot.runtime.startup import check_token, ensure_database

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
ME = User(id=123456789, is_bot=True, first_name="GosRating", username="gosrating_bot")
PAGE = f"<html><body><p>The requested URL /bot{TOKEN}/getMe was not found on this server.</p></body></html>"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class StopRetryingError(Exception):
    """Raised by the recorded sleep to end a test's endless retrying."""


class Answers:
    """A bot whose ``getMe`` raises the given errors in turn, then answers."""

    def __init__(self, errors: Sequence[Exception]) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def get_me(self) -> User:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return ME


def recorder(waits: list[float], *, stop_after: int | None = None) -> Callable[[float], Any]:
    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if stop_after is not None and len(waits) >= stop_after:
            raise StopRetryingError

    return sleep


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "bot.runtime.startup"]


async def test_waits_double_up_to_a_minute_then_it_gets_through(caplog: pytest.LogCaptureFixture) -> None:
    answers = Answers([TelegramServerError(GetMe(), "Bad Gateway")] * 9)
    waits: list[float] = []
    me = await check_token(cast(Bot, answers), "http://api.example", sleep=recorder(waits))
    assert me == ME
    assert answers.calls == 10
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert lines(caplog)[:2] == [
        "Cannot reach the Bot API at http://api.example (server error: Bad Gateway); retrying in 1 s",
        "Cannot reach the Bot API at http://api.example (server error: Bad Gateway); retrying in 2 s",
    ]
    assert len(lines(caplog)) == 9, "one line per attempt"


async def test_an_error_page_is_retried_and_never_quoted(caplog: pytest.LogCaptureFixture) -> None:
    """Before: ClientDecodeError ended start-up, its message carrying the page, token and all."""
    error = ClientDecodeError("Failed to decode object", ValueError("Expecting value"), PAGE)
    assert TOKEN in str(error), "the page does echo the token"
    waits: list[float] = []
    await check_token(cast(Bot, Answers([error])), None, sleep=recorder(waits))
    assert lines(caplog) == [
        "Cannot reach the Bot API at https://api.telegram.org (its answer is not JSON: a proxy's "
        "or web server's page?); retrying in 1 s"
    ]
    assert "secretPart" not in caplog.text


async def test_a_closed_port_is_connection_refused(caplog: pytest.LogCaptureFixture) -> None:
    """The real session against a port nothing listens on: aiogram's TelegramNetworkError,
    its cause aiohttp's ClientConnectorError, said in two words."""
    url = f"http://127.0.0.1:{free_port()}"
    bot = Bot(TOKEN, session=JsonBodySession(api=TelegramAPIServer.from_base(url)))
    waits: list[float] = []
    try:
        with pytest.raises(StopRetryingError):
            await check_token(bot, url, sleep=recorder(waits, stop_after=2))
    finally:
        await bot.session.close()
    assert lines(caplog) == [
        f"Cannot reach the Bot API at {url} (connection refused); retrying in 1 s",
        f"Cannot reach the Bot API at {url} (connection refused); retrying in 2 s",
    ]


async def test_flood_control_waits_at_least_as_long_as_asked(caplog: pytest.LogCaptureFixture) -> None:
    waits: list[float] = []
    flood = TelegramRetryAfter(GetMe(), "Too Many Requests: retry after 30", retry_after=30)
    await check_token(cast(Bot, Answers([flood])), None, sleep=recorder(waits))
    assert waits == [30]
    assert "(flood control: retry after 30 s); retrying in 30 s" in lines(caplog)[0]


async def test_a_rejected_token_stops_at_once() -> None:
    waits: list[float] = []
    answers = Answers([TelegramUnauthorizedError(GetMe(), "Unauthorized")])
    with pytest.raises(ConfigError) as raised:
        await check_token(cast(Bot, answers), None, sleep=recorder(waits))
    assert str(raised.value.code) == (
        "BOT_TOKEN was rejected by Telegram (Unauthorized): copy the token from @BotFather again"
    )
    assert waits == []


async def test_a_bot_api_that_does_not_know_get_me_stops_at_once() -> None:
    """A JSON 404: a server that answers, but is no Bot API (or not for this token)."""
    waits: list[float] = []
    with pytest.raises(ConfigError) as raised:
        await check_token(
            cast(Bot, Answers([TelegramNotFound(GetMe(), "Not Found")])),
            "http://x.example",
            sleep=recorder(waits),
        )
    assert str(raised.value.code) == (
        "The Bot API at http://x.example answered getMe with 404 Not Found: "
        "check TELEGRAM_API_URL and BOT_TOKEN"
    )
    assert waits == []


# ---------------------------------------------------------------------- the first database


def settings_for(database: Path) -> Settings:
    return Settings(bot_token=TOKEN, database_path=database)  # type: ignore[arg-type]


@pytest.fixture
def importer_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The importer command lines ensure_database would run (none is run)."""
    runs: list[list[str]] = []

    def run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        runs.append(argv)
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(startup.subprocess, "run", run)
    return runs


def test_a_zero_length_file_gets_the_bundled_data(
    tmp_path: Path, importer_runs: list[list[str]], caplog: pytest.LogCaptureFixture
) -> None:
    """Before: the empty file "existed", so nothing was loaded into it."""
    caplog.set_level(logging.INFO)
    database = tmp_path / "rating.db"
    database.touch()
    ensure_database(settings_for(database))
    [argv] = importer_runs
    assert argv[1:] == ["-m", "bot.importer", "--bundled", "--create", "--database", str(database)]
    assert f"The database {database} is an empty file: loading the bundled data" in caplog.text


def test_a_missing_database_is_created_and_an_existing_one_left_alone(
    tmp_path: Path, importer_runs: list[list[str]]
) -> None:
    database = tmp_path / "rating.db"
    ensure_database(settings_for(database))
    assert "--create" in importer_runs[0], "the importer makes a new database only when told to"
    database.write_bytes(b"SQLite format 3\x00")
    ensure_database(settings_for(database))
    assert len(importer_runs) == 1
