"""The two checks before the bot serves: a database to read, and a Bot API that knows the token.

Both end in one line for the operator, never a traceback. A first run loads the bundled
data into a new (or zero-length) database. The Bot API is asked ``getMe`` until it
answers: the bot may start before the network does (a container on boot, a proxy still
starting), so a refused connection, a page that is not JSON or a 5xx is one line per
attempt and a wait that doubles up to a minute; a token Telegram rejects stops at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import User
from aiohttp import ClientConnectorDNSError, ClientConnectorError, ServerDisconnectedError

from bot.config import ConfigError, Settings
from bot.runtime.logs import excerpt, one_line
from bot.store.files import holds_database

log = logging.getLogger(__name__)

#: Telegram's own Bot API, when ``TELEGRAM_API_URL`` names no other.
TELEGRAM_API = "https://api.telegram.org"
#: The wait after the first failed attempt to reach the Bot API; it doubles up to the longest.
FIRST_WAIT_SECONDS = 1.0
LONGEST_WAIT_SECONDS = 60.0

#: What a Bot API that cannot be reached yet looks like: worth another try.
UNREACHABLE = (TelegramNetworkError, ClientDecodeError, TelegramServerError, TelegramRetryAfter)


def ensure_database(settings: Settings) -> None:
    """A first run creates the database and loads the bundled data.

    The importer runs as its own process, so the bot never loads pandas. A zero-length
    file is a first run too (a ``touch``, a volume prepared by hand): SQLite would take it
    for an empty database and the bot would know no ratings.
    """
    path = settings.database_path
    if holds_database(path):
        return
    if path.exists():
        log.info("The database %s is an empty file: loading the bundled data", path)
    else:
        log.info("No database at %s: loading the bundled data", path)
    result = subprocess.run(
        [sys.executable, "-m", "bot.importer", "--bundled", "--create", "--database", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise ConfigError(f"Could not load the bundled data into {path}: {last}")


async def check_token(
    bot: Bot,
    api_url: str | None,
    *,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> User:
    """Who the bot is, once the Bot API answers; a rejected token stops the process with
    one line naming BOT_TOKEN. Retries for as long as it takes: SIGTERM stops it (see
    ``bot.__main__``)."""
    where = api_url or TELEGRAM_API
    wait = FIRST_WAIT_SECONDS
    while True:
        try:
            return await bot.get_me()
        except TelegramUnauthorizedError:
            raise ConfigError(
                "BOT_TOKEN was rejected by Telegram (Unauthorized): copy the token from @BotFather again"
            ) from None
        except TelegramNotFound:
            raise ConfigError(
                f"The Bot API at {where} answered getMe with 404 Not Found: "
                "check TELEGRAM_API_URL and BOT_TOKEN"
            ) from None
        except UNREACHABLE as error:
            if isinstance(error, TelegramRetryAfter):
                wait = max(wait, float(error.retry_after))
            log.warning("Cannot reach the Bot API at %s (%s); retrying in %g s", where, why(error), wait)
        await sleep(wait)
        wait = min(wait * 2, LONGEST_WAIT_SECONDS)


def why(error: Exception) -> str:
    """A few words on why the Bot API could not be used; never the answer's body, which
    may be a whole page (and may echo the request's path, token included)."""
    if isinstance(error, ClientDecodeError):
        return "its answer is not JSON: a proxy's or web server's page?"
    if isinstance(error, TelegramRetryAfter):
        return f"flood control: retry after {error.retry_after} s"
    if isinstance(error, TelegramServerError):
        return f"server error: {excerpt(error.message, 100)}"
    return network_failure(error.__cause__ or error)


def network_failure(cause: BaseException) -> str:
    """What aiohttp met on the way, in words: aiogram wraps it in its TelegramNetworkError."""
    if isinstance(cause, ClientConnectorDNSError):
        return "its host name does not resolve"
    if isinstance(cause, ClientConnectorError) and cause.os_error.errno:
        return os.strerror(cause.os_error.errno).lower()  # "connection refused"
    if isinstance(cause, ServerDisconnectedError):
        return "it closed the connection"
    if isinstance(cause, TimeoutError):
        return "no answer in time"
    return one_line(cause)
