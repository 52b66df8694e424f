"""The worker tells the runtime how each delivery ended (what the metrics count), through a
callback: bot.notify itself knows nothing of Prometheus."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramServerError,
)
from aiogram.methods import SendMessage

from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.notify.limits import Limits
from bot.notify.worker import DeliveryWorker
from bot.runtime.i18n import make_i18n
from bot.store import Store
from tests.unit.helpers import EVERYTHING, execute, follow, publish


class ScriptedBot:
    """Answers each send with the next outcome (None: accepted)."""

    def __init__(self, *outcomes: BaseException | None) -> None:
        self.outcomes = list(outcomes)

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome


def refused(error: type[TelegramAPIError], message: str) -> TelegramAPIError:
    return error(method=SendMessage(chat_id=1, text="x"), message=message)


async def test_each_delivery_that_ends_is_reported_once_with_how_it_ended(
    store: Store, database: Path
) -> None:
    for chat in (1, 2, 3, 4):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    ended: list[str] = []
    bot = ScriptedBot(
        None,  # chat 1: sent
        refused(TelegramForbiddenError, "Forbidden: bot was blocked by the user"),  # 2: dropped
        refused(TelegramBadRequest, "Bad Request: message is too long"),  # 3: failed
        refused(TelegramServerError, "Internal Server Error"),  # 4: retried later, not ended
    )
    limits = Limits(rate=1000.0, per_chat_interval=0.0, max_attempts=2, backoff_base=10.0)
    worker = DeliveryWorker(
        cast(Bot, bot),
        await Catalog.load(store, load_agencies()),
        make_i18n("ru"),
        limits,
        on_end=ended.append,
    )

    await worker.drain_once()
    assert sorted(ended) == ["dropped", "failed", "sent"]

    bot.outcomes = [refused(TelegramServerError, "Internal Server Error")]
    execute(database, "UPDATE outbox SET not_before = 0")
    await worker.drain_once()
    assert sorted(ended) == ["dropped", "failed", "failed", "sent"]  # chat 4 gave up: max_attempts
