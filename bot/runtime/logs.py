"""Logging set-up, and every other way out of the process, that can never print the bot token.

A library may put the token in any text: an error page that echoes the request path, an
exception's message, a warning. So one :class:`Scrubber` hides the exact secrets it is
told of (the token; the webhook's secret once it is known, since anyone holding it can
post updates as if from Telegram) and anything shaped like a token, and every exit goes
through it: log records (:class:`RedactToken`), warnings (routed into logging), uncaught
exceptions in any thread (:func:`install_scrubbing`'s hooks), and, as the last guard,
whatever is written to stdout or stderr (:class:`ScrubbedStream`).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import Any, TextIO, cast

from bot.config import TOKEN_ANYWHERE, scrub


class Scrubber:
    """The secrets of this process, and the one function that hides them in a text."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def add(self, secret: str, label: str) -> None:
        """Hide ``secret`` as ``label`` from now on."""
        if secret:
            self._secrets[secret] = label

    def leaks(self, text: str) -> bool:
        return any(secret in text for secret in self._secrets) or TOKEN_ANYWHERE.search(text) is not None

    def __call__(self, text: str) -> str:
        for secret, label in self._secrets.items():
            text = text.replace(secret, label)
        return scrub(text)


class RedactToken(logging.Filter):
    """Rewrites a record whose message or traceback would show a secret; leaves others alone."""

    def __init__(self, secret: str, label: str = "<BOT_TOKEN>", scrubber: Scrubber | None = None) -> None:
        super().__init__()
        self.scrubber = scrubber or Scrubber()
        self.scrubber.add(secret, label)

    def add(self, secret: str, label: str) -> None:
        """Hide ``secret`` as ``label`` in every record from now on."""
        self.scrubber.add(secret, label)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.scrubber.leaks(message):
            record.msg = self.scrubber(message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self.scrubber.leaks(text):
                record.msg = f"{self.scrubber(record.getMessage())}\n{self.scrubber(text)}"
                record.args = None  # the traceback may hold a "%": never format it again
                record.exc_info = None
                record.exc_text = None  # else the formatter would append the traceback again
        return True


class ScrubbedStream:
    """A text stream that scrubs each write: the guard for what bypasses logging (a
    library's print(), logging's last-resort handler before set-up, a traceback)."""

    def __init__(self, stream: TextIO, scrubber: Scrubber) -> None:
        self._stream = stream
        self._scrubber = scrubber

    def write(self, text: str) -> int:
        self._stream.write(self._scrubber(text))
        return len(text)  # what the caller gave: a shorter label is not a short write

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, ...
        return getattr(self._stream, name)


#: The one scrubber of this process: the streams, the hooks and the log filter share it.
SCRUBBER = Scrubber()
log = logging.getLogger("bot")


def install_scrubbing() -> None:
    """Route stdout, stderr, warnings and uncaught exceptions through :data:`SCRUBBER`.

    Called first thing in ``main()``: the token's exact value is added once the settings
    are read, but anything token-shaped is hidden from the start.
    """
    if not isinstance(sys.stderr, ScrubbedStream):
        sys.stderr = cast(TextIO, ScrubbedStream(sys.stderr, SCRUBBER))
    if not isinstance(sys.stdout, ScrubbedStream):
        sys.stdout = cast(TextIO, ScrubbedStream(sys.stdout, SCRUBBER))
    sys.excepthook = _uncaught
    threading.excepthook = _uncaught_in_thread
    logging.captureWarnings(True)  # warnings become log records, which RedactToken filters


def _uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    text = "".join(traceback.format_exception(kind, error, tb))
    sys.stderr.write(SCRUBBER(f"Uncaught error: {text}"))


def _uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.error(
            "Uncaught error in thread %s", args.thread.name if args.thread else "?", exc_info=args.exc_value
        )


def asyncio_exception_handler(loop: object, context: dict[str, Any]) -> None:
    """asyncio's report of an error no task awaited: one scrubbed log record, not a print."""
    error = context.get("exception")
    message = str(context.get("message") or "Unhandled error in the event loop")
    if isinstance(error, BaseException):
        log.error("%s: %s", message, one_line(error), exc_info=error)
    else:
        log.error("%s", message)


def one_line(error: BaseException, limit: int = 300) -> str:
    """``Type: message``, as :func:`excerpt` makes it: how an unexpected error is reported."""
    return f"{type(error).__name__}: {excerpt(str(error) or repr(error), limit)}"


def excerpt(text: str, limit: int = 300) -> str:
    """``text`` scrubbed, on one line, cut to ``limit`` characters: a message may hold a
    whole web page. Scrubbed before it is cut, so no part of a token survives the cut."""
    text = SCRUBBER(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def configure_logging(level: str, secret: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(secret, scrubber=SCRUBBER))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # aiogram writes an INFO line for every update handled: that floods the log; DEBUG only.
    if level != "DEBUG":
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)


def redact(secret: str, label: str) -> None:
    """Also hide ``secret`` (shown as ``label``) in everything printed or logged from now on."""
    SCRUBBER.add(secret, label)
