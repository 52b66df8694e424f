"""When the database takes no writes (a full disk, a read-only file): said once, not per update.

The bot answers from what it can read. A write on the path of a read (a new user's first
contact, a chat writing again) is tried and, when the database refuses it, kept and tried
again later; a write the user asked for is answered "could not save". One
:class:`WriteHealth` per store is shared by every writer, so a full disk is one WARNING
line when writes start failing and one INFO line when they work again, not a line (and a
traceback) per update.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator

log = logging.getLogger(__name__)

#: What sqlite3 raises when the database cannot take a write now: a full disk
#: (SQLITE_FULL), an I/O error, a read-only file or mount, a lock held past the busy
#: timeout. All are OperationalError; the message says which.
WRITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,)


class WriteRefusedError(RuntimeError):
    """A write the database refused; the sqlite3 error is its ``__cause__``."""


class WriteHealth:
    """Whether the database takes writes, logged once per change of state."""

    def __init__(self) -> None:
        self.failing = False

    @contextlib.contextmanager
    def watch(self, what: str) -> Iterator[None]:
        """Run the writes in the block: a refusal becomes :class:`WriteRefusedError` (logged if it
        is the first), a success after refusals is logged as the recovery.

        ``what`` names the write for the log, e.g. "recording a new user".
        """
        try:
            yield
        except WRITE_ERRORS as error:
            self.failed(what, error)
            raise WriteRefusedError(what) from error
        self.worked(what)

    def failed(self, what: str, error: BaseException) -> None:
        if not self.failing:
            self.failing = True
            log.warning(
                "Database writes fail (%s, while %s): answering from what can be read; "
                "writes are kept and retried",
                error,
                what,
            )

    def worked(self, what: str) -> None:
        if self.failing:
            self.failing = False
            log.info("Database writes work again (%s)", what)
