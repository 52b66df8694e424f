"""The delivery worker: drains the outbox while the bot runs, within Telegram's limits.

The real Bot API answers 50-200 ms later, so sends go out concurrently: a window of at
most ``Limits.window`` requests in flight, started no faster than the pacer allows (the
overall rate, one message a second per chat, every sender paused by a 429).

A delivery is claimed (leased) before it is sent and marked sent right after Telegram
accepts it, so two workers on one database never send the same row, and a crash loses
nothing: what was in flight (sent, not yet recorded) is sent again once its lease runs
out, at most ``window`` duplicates per crash, never a loss.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import replace

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.utils.i18n import I18n

from bot.domain.catalog import Catalog
from bot.notify.limits import Limits
from bot.notify.pacer import Pacer
from bot.store.records import Delivery
from bot.views.notifications import release_message
from bot.views.screen import Draw
from bot.views.screen import draw as draw_directly

log = logging.getLogger(__name__)
#: How long a stopping worker waits for its sends in flight (a request takes under a second).
SETTLE_SECONDS = 5.0
GONE = ("chat not found", "user is deactivated", "bot was kicked", "have no rights to send")


def worker_name() -> str:
    """Who holds a lease: this host and process, and a nonce (a pid is reused after a restart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class DeliveryWorker:
    def __init__(
        self,
        bot: Bot,
        catalog: Catalog,
        i18n: I18n,
        limits: Limits | None = None,
        on_inactive: Callable[[int], None] | None = None,
        *,
        name: str | None = None,
        draw: Draw = draw_directly,
        on_end: Callable[[str], None] | None = None,
    ) -> None:
        self.bot = bot
        self.catalog = catalog
        self.i18n = i18n
        self.limits = limits or Limits()
        self.outbox = catalog.store.outbox
        self.subscriptions = catalog.store.subscriptions
        self.pacer = Pacer(self.limits.rate, self.limits.per_chat_interval)
        self.on_inactive = on_inactive
        self.name = name or worker_name()
        self.draw = draw  # the app wires in a cache: one text per release, language and topics
        #: Told how each delivery ended ("sent", "failed", "dropped"): the runtime counts them.
        self.on_end = on_end
        self._window = asyncio.Semaphore(self.limits.window)
        self._in_flight: set[asyncio.Task[None]] = set()
        self._held: set[int] = set()  # claimed by this worker, not yet recorded

    async def run(self) -> None:
        """Forever: deliver what is due, then sleep until more is due or may have been queued."""
        keeper = asyncio.create_task(self.keep_leases(), name="delivery-leases")
        try:
            while True:
                try:
                    if await self.start_batch():
                        continue
                    due_in = await self.outbox.next_due_in()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("delivery worker: unexpected error; retrying shortly")
                    due_in = None
                idle = self.limits.idle_poll
                await asyncio.sleep(idle if due_in is None else min(idle, max(due_in, 0.05)))
        finally:
            await self.settle()
            keeper.cancel()

    def batch_size(self) -> int:
        """About two seconds of sends: long enough to keep the window full, short next to a lease."""
        return max(2 * self.limits.window, int(2 * self.limits.rate))

    async def drain_once(self, batch: int | None = None) -> int:
        """One batch, sent and recorded: how many deliveries it held."""
        claimed = await self.start_batch(batch)
        await self.settle()
        return claimed

    async def start_batch(self, batch: int | None = None) -> int:
        """Claim a batch and start each of its sends as the pacer and the window allow.

        Returns how many were claimed; the last of them may still be in flight while the
        next batch is claimed, so the window never runs dry between batches.
        """
        deliveries = await self.outbox.claim(self.name, batch or self.batch_size(), self.limits.lease)
        self._held.update(d.id for d in deliveries)
        for delivery in deliveries:
            # The window first, then the pacer: a send that waited for the window must
            # still wait out a pause that a 429 meanwhile asked for.
            await self._window.acquire()
            await self.pacer.wait(delivery.chat_id)
            if delivery.id not in self._held:  # the lease was lost (a long stall): another has it
                self._window.release()
                continue
            task = asyncio.create_task(self._send_then_free(delivery), name=f"delivery-{delivery.id}")
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        return len(deliveries)

    async def keep_leases(self) -> None:
        """Forever: renew the leases of every delivery claimed and not yet recorded, so a
        send held up (a 429 waited out, a slow answer) is never taken over by another worker."""
        while True:
            await asyncio.sleep(self.limits.lease / 3)
            if self._held:
                kept = await self.outbox.renew(self.name, sorted(self._held), self.limits.lease)
                self._held.intersection_update(kept)

    async def settle(self) -> None:
        """Let the sends in flight finish (a batch, or on shutdown); what does not finish in
        time is left to its lease."""
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=SETTLE_SECONDS)

    async def _send_then_free(self, delivery: Delivery) -> None:
        try:
            await self.deliver(delivery)
        except Exception as error:
            # Left pending, it would come first again at every pass and hold up every
            # delivery after it; backed off, it fails after max_attempts instead.
            log.exception("delivery %s: unexpected error", delivery.id)
            with contextlib.suppress(Exception):
                await self._later(delivery, f"{type(error).__name__}: {error}")
        finally:
            self._held.discard(delivery.id)
            self._window.release()

    async def deliver(self, delivery: Delivery) -> None:
        """Send one delivery (already paced) and record what Telegram said."""
        if not await self.outbox.is_pending(delivery.id):  # its release was removed meanwhile
            return
        snapshot = await self.catalog.snapshot()
        with self.i18n.context(), self.i18n.use_locale(delivery.language):
            screen = self.draw(release_message, snapshot, delivery.year, delivery.kind, delivery.topics)
        paid = True if self.limits.paid_broadcast else None
        try:
            await self.bot.send_message(
                delivery.chat_id, screen.text, reply_markup=screen.markup, allow_paid_broadcast=paid
            )
        except TelegramRetryAfter as error:
            # The session middleware already waited and resent; still refused: give the
            # row back untried (no attempt counted) and pause every sender as asked.
            self.pacer.pause(error.retry_after)
            await self.outbox.release(delivery.id)
        except TelegramMigrateToChat as error:
            await self._migrated(delivery, error.migrate_to_chat_id)
        except TelegramForbiddenError as error:
            await self._chat_gone(delivery, error.message)
        except TelegramBadRequest as error:
            if any(marker in error.message.lower() for marker in GONE):
                await self._chat_gone(delivery, error.message)
            else:
                log.warning("delivery %s refused: %s", delivery.id, error.message)
                await self.outbox.mark_failed(delivery.id, error.message)
                self._ended("failed")
        except (TelegramNetworkError, TelegramServerError) as error:
            await self._later(delivery, str(error))
        except TelegramAPIError as error:
            # Any other refusal (404, 409...) will not change by itself: fail this delivery
            # and go on with the others.
            log.warning("delivery %s refused: %s", delivery.id, error)
            await self.outbox.mark_failed(delivery.id, str(error))
            self._ended("failed")
        else:
            await self.outbox.mark_sent(delivery.id)
            self._ended("sent")

    def _ended(self, outcome: str) -> None:
        if self.on_end is not None:
            self.on_end(outcome)

    async def _migrated(self, delivery: Delivery, new_id: int) -> None:
        """The group became a supergroup: move what it follows, then send there at once."""
        log.info("chat %s is now %s: moving its subscriptions and deliveries", delivery.chat_id, new_id)
        await self.subscriptions.migrate(delivery.chat_id, new_id)
        if not await self.outbox.is_pending(delivery.id):  # the new id had this release already
            return
        moved = replace(delivery, chat_id=new_id)
        await self.pacer.wait(new_id)
        await self.deliver(moved)

    async def _chat_gone(self, delivery: Delivery, reason: str) -> None:
        log.info("chat %s is gone (%s): no more deliveries to it", delivery.chat_id, reason)
        await self.subscriptions.deactivate(delivery.chat_id, reason)
        self._ended("dropped")
        if self.on_inactive is not None:
            self.on_inactive(delivery.chat_id)

    async def _later(self, delivery: Delivery, error: str) -> None:
        attempts = delivery.attempts + 1
        if attempts >= self.limits.max_attempts:
            log.warning("delivery %s failed after %s attempts: %s", delivery.id, attempts, error)
            await self.outbox.mark_failed(delivery.id, error)
            self._ended("failed")
            return
        delay = min(self.limits.backoff_base * 2 ** (attempts - 1), self.limits.backoff_cap)
        await self.outbox.retry_later(delivery.id, delay, error)
