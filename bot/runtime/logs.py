"""Logging set-up that can never print the bot token, whatever a library puts in a message.

The webhook's secret token is hidden the same way once it is known (it may be generated
after logging is set up), since anyone holding it can post updates as if from Telegram.
"""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    def __init__(self, secret: str, label: str = "<BOT_TOKEN>") -> None:
        super().__init__()
        self._secrets: dict[str, str] = {}
        self.add(secret, label)

    def add(self, secret: str, label: str) -> None:
        """Hide ``secret`` as ``label`` in every record from now on."""
        if secret:
            self._secrets[secret] = label

    def _redact(self, text: str) -> str:
        for secret, label in self._secrets.items():
            text = text.replace(secret, label)
        return text

    def _leaks(self, text: str) -> bool:
        return any(secret in text for secret in self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._leaks(message):
            record.msg = self._redact(message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self._leaks(text):
                record.msg = f"{self._redact(record.getMessage())}\n{self._redact(text)}"
                record.args = None  # the traceback may hold a "%": never format it again
                record.exc_info = None
                record.exc_text = None  # else the formatter would append the traceback again
        return True


_redaction: RedactToken | None = None


def configure_logging(level: str, secret: str) -> None:
    global _redaction  # noqa: PLW0603 - one logging set-up per process, as logging itself
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _redaction = RedactToken(secret)
    handler.addFilter(_redaction)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # aiogram writes an INFO line for every update handled: that floods the log; DEBUG only.
    if level != "DEBUG":
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)


def redact(secret: str, label: str) -> None:
    """Also hide ``secret`` (shown as ``label``) in everything logged from now on."""
    if _redaction is not None:
        _redaction.add(secret, label)
