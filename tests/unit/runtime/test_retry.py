"""The session's answer to a 429: wait as Telegram asks, resend, and tell the listeners
(the delivery worker's pacer, the metrics) of every wait, the last one given up on too."""

from __future__ import annotations

from typing import Any, cast

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import GetMe, TelegramMethod

from bot.runtime.retry import RetryAfter


class Refusals:
    """A request that Telegram refuses with 429 ``times`` times, then answers "ok"."""

    def __init__(self, times: int, retry_after: int = 0) -> None:
        self.left = times
        self.retry_after = retry_after
        self.calls = 0

    async def __call__(self, bot: Bot, method: TelegramMethod[Any]) -> str:
        self.calls += 1
        if self.left:
            self.left -= 1
            raise TelegramRetryAfter(method, "Too Many Requests", retry_after=self.retry_after)
        return "ok"


async def test_a_429_is_waited_out_and_the_request_sent_again() -> None:
    middleware, told = RetryAfter(max_retries=3), []
    middleware.listeners.append(told.append)
    request = Refusals(times=2)

    assert await middleware(request, cast(Bot, None), GetMe()) == "ok"

    assert request.calls == 3
    assert told == [0, 0]


async def test_the_429_given_up_on_is_still_told_to_the_listeners() -> None:
    """Was: only the 429s waited out were told, so the metrics missed the last one."""
    middleware, told = RetryAfter(max_retries=1), []
    middleware.listeners.append(told.append)
    request = Refusals(times=5)

    with pytest.raises(TelegramRetryAfter):
        await middleware(request, cast(Bot, None), GetMe())

    assert request.calls == 2
    assert told == [0, 0]


async def test_a_wait_longer_than_allowed_is_given_up_at_once_and_told() -> None:
    middleware, told = RetryAfter(max_wait=60), []
    middleware.listeners.append(told.append)
    request = Refusals(times=1, retry_after=3600)

    with pytest.raises(TelegramRetryAfter):
        await middleware(request, cast(Bot, None), GetMe())

    assert request.calls == 1
    assert told == [3600]
