"""Per-user flood control, before anything that costs: one person cannot slow down the rest.

Each user has a token bucket: ``THROTTLE_BURST`` updates at once (10), then
``THROTTLE_RATE`` a second (1). An update over the limit is held a little
(:data:`MAX_HOLD_SECONDS`) and then answered late, when that is enough; otherwise it is
dropped, and the user is told once, politely, in their language: a private chat gets one
"slow down" message per burst, a button press gets it as the press's answer (so the
button stops spinning). A burst ends when the user has been quiet long enough to refill
the whole bucket, so a flooder is told once, not once per message. In groups nothing is
said: a notice there would be one more message for everyone. An inline query over the
limit is dropped at once and silently: it is typed letter by letter, so by its turn a
newer one has replaced it.

It is an outer middleware on the dispatcher's ``update`` observer, right after aiogram's
own, so a dropped update costs no database read, no snapshot, no search. Operators
(``ADMIN_IDS``) are exempt: they are the people the bot works for, and an admin checking
a broadcast or confirming an upload must never be told to wait. Memory is bounded: the
buckets of the users seen least recently are forgotten beyond :data:`MAX_USERS` (a
forgotten user starts again with a full bucket, which only ever errs on the user's side).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any, cast

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.runtime.update_log import kind_of, mark

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
LocaleOf = Callable[[TelegramObject, dict[str, Any]], Awaitable[str]]
#: The longest an update over the limit waits for its turn before it is dropped instead:
#: short enough that a held update keeps no webhook request or task around for long.
MAX_HOLD_SECONDS = 2.0
#: Users whose buckets are kept (about 100 bytes each); beyond it the least recent go.
MAX_USERS = 50_000
#: What a person can send or press. Service updates (the bot blocked, a member joined)
#: are Telegram's, not the user's, and are never held back.
THROTTLED = frozenset({"message", "edited_message", "callback_query", "inline_query"})
#: Throttled but never held: a held one would be stale (the user has typed on) and would
#: take a token from the query that replaced it.
NEVER_HELD = frozenset({"inline_query"})


@dataclass(slots=True)
class Bucket:
    tokens: float
    at: float  # when ``tokens`` was last brought up to date
    warned: bool = False  # told to slow down in this burst


class TokenBuckets:
    """The accounting alone, on an injectable clock, so tests step time instead of sleeping."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        max_hold: float = MAX_HOLD_SECONDS,
        max_users: int = MAX_USERS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a bucket needs a positive rate and a burst of at least 1")
        self.rate = rate
        self.burst = float(burst)
        self.max_hold = max_hold
        self.max_users = max_users
        self.clock = clock
        self._buckets: OrderedDict[int, Bucket] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, user_id: int, *, hold: bool = True) -> float | None:
        """Seconds this update must wait for its turn (0: at once), or None: drop it
        (``hold=False``: drop whatever would wait at all; a dropped update takes no token).

        A wait is a token taken in advance (the bucket goes below zero), so the updates
        held at once are at most ``max_hold * rate``.
        """
        bucket = self._refilled(user_id)
        wait = max(0.0, (1.0 - bucket.tokens) / self.rate)
        if wait > (self.max_hold if hold else 0.0):
            return None
        bucket.tokens -= 1.0
        return wait

    def first_refusal(self, user_id: int) -> bool:
        """True once per burst: whether to tell this user to slow down now."""
        bucket = self._refilled(user_id)
        if bucket.warned:
            return False
        bucket.warned = True
        return True

    def _refilled(self, user_id: int) -> Bucket:
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = Bucket(self.burst, now)
            if len(self._buckets) > self.max_users:
                self._buckets.popitem(last=False)
            return bucket
        self._buckets.move_to_end(user_id)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= self.burst:
            bucket.warned = False  # quiet long enough to refill: the next burst is a new one
        return bucket


class Throttle(BaseMiddleware):
    """Outer middleware on ``update``: hold, pass or drop each update a user sends."""

    def __init__(
        self,
        buckets: TokenBuckets,
        i18n: I18n,
        locale_of: LocaleOf,
        exempt: Collection[int] = (),
    ) -> None:
        self.buckets = buckets
        self.i18n = i18n
        self.locale_of = locale_of  # the language middleware's choice: one rule for every text
        self.exempt = frozenset(exempt)

    @classmethod
    def from_settings(cls, settings: Settings, i18n: I18n, locale_of: LocaleOf) -> Throttle | None:
        """None when ``THROTTLE_RATE`` is 0: no flood control at all."""
        if settings.throttle_rate <= 0:
            return None
        buckets = TokenBuckets(settings.throttle_rate, settings.throttle_burst)
        return cls(buckets, i18n, locale_of, exempt=settings.admin_ids)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        update = cast(Update, event)
        user: User | None = data.get("event_from_user")
        kind = kind_of(update)
        if user is None or user.id in self.exempt or kind not in THROTTLED:
            return await handler(event, data)
        wait = self.buckets.take(user.id, hold=kind not in NEVER_HELD)
        if wait is None:
            mark(data, outcome="throttled")
            await self.refuse(update, user, data)
            return None
        if wait > 0:
            await asyncio.sleep(wait)  # answered late rather than not at all
        return await handler(event, data)

    async def refuse(self, update: Update, user: User, data: dict[str, Any]) -> None:
        """Tell the user once per burst; always stop a pressed button's spinner."""
        event = update.event
        if isinstance(event, CallbackQuery):
            text = await self.text(event, data, button=True)
            await _quietly(event.answer(text))
        elif (
            isinstance(event, Message)
            and event.chat.type == ChatType.PRIVATE
            and self.buckets.first_refusal(user.id)
        ):
            text = await self.text(event, data, button=False)
            await _quietly(event.answer(text))

    async def text(self, event: TelegramObject, data: dict[str, Any], *, button: bool) -> str:
        try:
            locale = await self.locale_of(event, data)
        except Exception:  # a failed look-up must not turn a refusal into a traceback
            locale = self.i18n.default_locale
        with self.i18n.context(), self.i18n.use_locale(locale):
            if button:
                return _("Too many presses at once. Please wait a few seconds.")
            return _("Too many messages in a row. Please wait a few seconds and send your question again.")


async def _quietly(request: Awaitable[Any]) -> None:
    """A notice that cannot be sent (the chat blocked the bot, a stale button) is not an error."""
    try:
        await request
    except TelegramAPIError as error:  # network errors included
        log.debug("slow-down notice not sent: %s", error)
