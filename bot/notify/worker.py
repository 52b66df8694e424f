"""The delivery worker: drains the outbox while the bot runs, within Telegram's limits.

Deliveries are sent one at a time and marked sent right after Telegram accepts them, so
a crash loses nothing and can repeat at most the single message in flight (sent, not
yet recorded) — at most one duplicate per crash, never a loss.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.utils.i18n import I18n

from bot.domain.catalog import Catalog
from bot.notify.limits import Limits
from bot.notify.pacer import Pacer
from bot.store.records import Delivery
from bot.views.notifications import notification

log = logging.getLogger(__name__)
GONE = ("chat not found", "user is deactivated", "bot was kicked", "have no rights to send")


class DeliveryWorker:
    def __init__(
        self,
        bot: Bot,
        catalog: Catalog,
        i18n: I18n,
        limits: Limits | None = None,
        on_inactive: Callable[[int], None] | None = None,
    ) -> None:
        self.bot = bot
        self.catalog = catalog
        self.i18n = i18n
        self.limits = limits or Limits()
        self.outbox = catalog.store.outbox
        self.subscriptions = catalog.store.subscriptions
        self.pacer = Pacer(self.limits.rate, self.limits.per_chat_interval)
        self.on_inactive = on_inactive

    async def run(self) -> None:
        """Forever: deliver what is due, then sleep until more is due or may have been queued."""
        while True:
            try:
                if await self.drain_once():
                    continue
                due_in = await self.outbox.next_due_in()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery worker: unexpected error; retrying shortly")
                due_in = None
            idle = self.limits.idle_poll
            await asyncio.sleep(idle if due_in is None else min(idle, max(due_in, 0.05)))

    async def drain_once(self, batch: int = 100) -> int:
        deliveries = await self.outbox.due(batch)
        for delivery in deliveries:
            try:
                await self.deliver(delivery)
            except Exception as error:
                # Left pending, it would come first again at every pass and hold up every
                # delivery after it; backed off, it fails after max_attempts instead.
                log.exception("delivery %s: unexpected error", delivery.id)
                await self._later(delivery, f"{type(error).__name__}: {error}")
        return len(deliveries)

    async def deliver(self, delivery: Delivery) -> None:
        await self.pacer.wait(delivery.chat_id)
        snapshot = await self.catalog.snapshot()
        with self.i18n.context(), self.i18n.use_locale(delivery.language):
            screen = notification(snapshot, delivery)
        try:
            await self.bot.send_message(delivery.chat_id, screen.text, reply_markup=screen.markup)
        except TelegramRetryAfter as error:
            # The session middleware already waited and resent; still refused: keep it
            # pending (no attempt counted) and pause the whole worker as asked.
            await asyncio.sleep(error.retry_after)
        except TelegramForbiddenError as error:
            await self._chat_gone(delivery, error.message)
        except TelegramBadRequest as error:
            if any(marker in error.message.lower() for marker in GONE):
                await self._chat_gone(delivery, error.message)
            else:
                log.warning("delivery %s refused: %s", delivery.id, error.message)
                await self.outbox.mark_failed(delivery.id, error.message)
        except (TelegramNetworkError, TelegramServerError) as error:
            await self._later(delivery, str(error))
        except TelegramAPIError as error:
            # Any other refusal (404, 409, a group migrated to a supergroup...) will not
            # change by itself: fail this delivery and go on with the others.
            log.warning("delivery %s refused: %s", delivery.id, error)
            await self.outbox.mark_failed(delivery.id, str(error))
        else:
            await self.outbox.mark_sent(delivery.id)

    async def _chat_gone(self, delivery: Delivery, reason: str) -> None:
        log.info("chat %s is gone (%s): no more deliveries to it", delivery.chat_id, reason)
        await self.subscriptions.deactivate(delivery.chat_id, reason)
        if self.on_inactive is not None:
            self.on_inactive(delivery.chat_id)

    async def _later(self, delivery: Delivery, error: str) -> None:
        attempts = delivery.attempts + 1
        if attempts >= self.limits.max_attempts:
            log.warning("delivery %s failed after %s attempts: %s", delivery.id, attempts, error)
            await self.outbox.mark_failed(delivery.id, error)
            return
        delay = min(self.limits.backoff_base * 2 ** (attempts - 1), self.limits.backoff_cap)
        await self.outbox.retry_later(delivery.id, delay, error)
