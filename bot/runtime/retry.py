"""One session-level answer to Telegram's flood control: wait ``retry_after`` and resend.

Installed as an aiogram request middleware, so every request the bot makes — replies
to people and the worker's notifications alike — is late under a burst, never lost.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)


class RetryAfter(BaseRequestMiddleware):
    """Resend a request refused with 429, after the wait Telegram asks for.

    Gives up (re-raises) after ``max_retries`` or when Telegram asks for longer than
    ``max_wait`` seconds, so a caller is never stuck for an unbounded time.
    """

    def __init__(self, max_retries: int = 5, max_wait: float = 120.0) -> None:
        self.max_retries = max_retries
        self.max_wait = max_wait
        #: Told of every wait Telegram asks for: the delivery worker pauses all its senders.
        self.listeners: list[Callable[[float], None]] = []

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Any:
        for attempt in range(self.max_retries + 1):
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                # Told even of the 429 given up on: every sender still has to wait it out.
                for listener in self.listeners:
                    listener(error.retry_after)
                if attempt == self.max_retries or error.retry_after > self.max_wait:
                    raise
                log.info("429 on %s: waiting %s s", type(method).__name__, error.retry_after)
                await asyncio.sleep(error.retry_after)
        raise AssertionError("unreachable")
