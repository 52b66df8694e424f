"""One log line per update: what it was, who sent it, which handler took it, how long, how it ended.

``update=123 kind=message chat=42 user=42 handler=handlers.lookup.lookup_text ms=3.1 outcome=ok``

key=value, so ``grep handler=handlers.rank`` or a log shipper can split it without a
parser. What people wrote is theirs: the text goes into the line only at ``LOG_LEVEL=DEBUG``.

Two middlewares share one :class:`Trace` per update through the middleware data: the
outer one on the dispatcher's ``update`` observer times the whole update and writes the
line; the inner one, on every event observer, runs only once a handler's filters passed,
where aiogram puts that handler's ``HandlerObject`` in ``data["handler"]``, and names it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from aiogram import BaseMiddleware, Dispatcher
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.dispatcher.event.handler import HandlerObject
from aiogram.types import Chat, TelegramObject, Update, User

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
#: Where the outer middleware leaves the update's :class:`Trace` for the others.
TRACE = "update_trace"
UNHANDLED = "unhandled"
#: At DEBUG, how much of a text goes into the line: enough to see what was asked.
TEXT_LIMIT = 300


@dataclass(slots=True)
class Trace:
    """What is known about one update as it goes through; filled in by the middlewares."""

    update_id: int
    kind: str
    chat_id: int | None = None
    user_id: int | None = None
    handler: str = UNHANDLED
    outcome: str = "ok"
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"update={self.update_id} kind={self.kind} chat={_id(self.chat_id)} user={_id(self.user_id)} "
            f"handler={self.handler} ms={self.seconds * 1000:.1f} outcome={self.outcome}"
        )


def _id(value: int | None) -> str:
    return "-" if value is None else str(value)


def mark(data: dict[str, Any], *, handler: str | None = None, outcome: str | None = None) -> None:
    """Note who took the update, or how it ended (e.g. "throttled"), for its log line."""
    trace = data.get(TRACE)
    if not isinstance(trace, Trace):
        return  # the update log is not installed (a test's own dispatcher)
    if handler is not None:
        trace.handler = handler
    if outcome is not None:
        trace.outcome = outcome


def handler_name(handler: HandlerObject) -> str:
    """``module.qualname`` of a handler's function, as an operator would grep for it."""
    callback = handler.callback
    module = getattr(callback, "__module__", None) or "?"
    name = getattr(callback, "__qualname__", None) or type(callback).__qualname__
    return f"{module}.{name}"


def words(update: Update) -> str | None:
    """What the person wrote or pressed: a message's text or caption, a button's data, a query."""
    event = update.event
    for field in ("text", "caption", "data", "query"):
        value = getattr(event, field, None)
        if isinstance(value, str):
            return value
    return None


class UpdateLog(BaseMiddleware):
    """Outer middleware on ``update``: times the update and logs its line, whatever happens.

    ``observe`` (the metrics) is told of every finished trace too.
    """

    def __init__(self, observe: Callable[[Trace], None] | None = None) -> None:
        self.observe = observe

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        update = cast(Update, event)
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        trace = Trace(
            update.update_id,
            kind_of(update),
            chat.id if chat else None,
            user.id if user else None,
        )
        data[TRACE] = trace
        started = time.perf_counter()
        try:
            return await handler(event, data)
        except BaseException as error:
            trace.outcome = type(error).__name__
            raise
        finally:
            trace.seconds = time.perf_counter() - started
            self.write(trace, update)

    def write(self, trace: Trace, update: Update) -> None:
        line = trace.line()
        if log.isEnabledFor(logging.DEBUG):
            said = words(update)
            if said is not None:
                # JSON quoting keeps the line one line: newlines and control characters escaped.
                line += " text=" + json.dumps(said[:TEXT_LIMIT], ensure_ascii=False)
        log.info("%s", line)
        if self.observe is not None:
            self.observe(trace)


def kind_of(update: Update) -> str:
    """The update's type as Telegram names it; "unknown" for one newer than this aiogram."""
    try:
        return update.event_type
    except Exception:  # aiogram's UpdateTypeLookupError: a type it does not know yet
        return "unknown"


class HandlerNames(BaseMiddleware):
    """Inner middleware: names the handler whose filters passed, just before it runs."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        found = data.get("handler")
        if isinstance(found, HandlerObject):
            mark(data, handler=handler_name(found))
        try:
            return await handler(event, data)
        except SkipHandler:  # it declined: the next one to match names itself, or none does
            mark(data, handler=UNHANDLED)
            raise


def install(dispatcher: Dispatcher, observe: Callable[[Trace], None] | None = None) -> None:
    """The outer middleware first of the project's, so its time covers all the others; the
    inner one on every event observer (parents' inner middlewares reach child routers)."""
    dispatcher.update.outer_middleware(UpdateLog(observe))
    names = HandlerNames()
    for event_name, observer in dispatcher.observers.items():
        if event_name not in ("update", "error"):
            observer.middleware(names)
