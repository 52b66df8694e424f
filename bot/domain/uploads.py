"""Rating files an admin sent to the bot, staged until they confirm or cancel the import.

An upload is checked first (the importer's dry run) and written only on "Confirm", by the
same importer, after checking that the staged file is still the one that was checked.
Each upload moves one way, staged -> importing -> imported (or cancelled), and the move
out of "staged" happens before anything is awaited, so a second press of "Confirm"
finds it already moved and imports nothing twice. Staged files live in a private
temporary directory and are removed after the import, a cancel, or an hour.
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import re
import secrets
import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.domain.import_report import ImportReport

#: Larger files are refused before they are downloaded: a real rating table is a few
#: dozen kilobytes, and the importer's own limits are for the command line.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: How long a checked file waits for "Confirm" before it is removed.
STAGED_SECONDS = 3600.0
#: Uploads remembered at once (staged or recently finished): admins only, but bounded.
MAX_UPLOADS = 20
#: What the importer reads: by the file's name, as the importer decides.
SUFFIXES = (".csv", ".xlsx")
_UNSAFE = re.compile(r"[^\w.\-]+")
NAME_LIMIT = 80


class Importer(Protocol):
    """Runs the importer on a file against the bot's database (the runtime runs a process)."""

    async def run(self, path: Path, *, year: int | None, dry_run: bool) -> ImportReport: ...


class State(enum.Enum):
    CHECKING = "checking"  # downloaded or being downloaded, dry run not finished
    STAGED = "staged"  # checked, waiting for Confirm or Cancel
    IMPORTING = "importing"
    IMPORTED = "imported"
    CANCELLED = "cancelled"


@dataclass(eq=False)
class Upload:
    """One file from one admin. ``path`` is where it is (to be) downloaded."""

    token: str
    admin_id: int
    name: str
    path: Path
    year: int | None
    state: State = State.CHECKING
    digest: str = ""
    report: ImportReport | None = None
    _timer: asyncio.TimerHandle | None = field(default=None, repr=False)


class Outcome(enum.Enum):
    """What a press of Confirm or Cancel came to."""

    DONE = "done"  # imported (see the report) or cancelled
    GONE = "gone"  # unknown: expired, never staged, or another admin's
    BUSY = "busy"  # the import is running
    ALREADY = "already"  # imported or cancelled before
    CHANGED = "changed"  # the staged file is not the one that was checked


def safe_name(name: str | None) -> str:
    """The file's name as the importer will see it (it may read the year from it): no
    directories, no odd characters, bounded; the suffix is kept."""
    base = Path((name or "").replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = _UNSAFE.sub("_", Path(base).stem).strip("._") or "upload"
    return stem[: NAME_LIMIT - len(suffix)] + suffix


def is_table_name(name: str | None) -> bool:
    return Path(name or "").suffix.lower() in SUFFIXES


def digest_of(path: Path) -> str:
    """The file's sha256; empty when it is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


class Uploads:
    """The staged uploads of this bot process, each under its own random token."""

    def __init__(
        self,
        importer: Importer,
        *,
        root: Path | None = None,
        staged_seconds: float = STAGED_SECONDS,
        limit: int = MAX_UPLOADS,
        new_token: Callable[[], str] = lambda: secrets.token_hex(8),
    ) -> None:
        self.importer = importer
        self._root = root
        self._made_root = False
        self._staged_seconds = staged_seconds
        self._limit = limit
        self._new_token = new_token
        self._uploads: dict[str, Upload] = {}

    @property
    def root(self) -> Path:
        """Made on first use, private to this user (0700), removed at exit."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="gosrating-uploads-"))
            self._made_root = True
            weakref.finalize(self, shutil.rmtree, self._root, ignore_errors=True)
        return self._root

    def get(self, token: str) -> Upload | None:
        return self._uploads.get(token)

    def start(self, admin_id: int, name: str | None, year: int | None) -> Upload:
        """A new upload, with a fresh directory for its file; the oldest is forgotten when full."""
        while len(self._uploads) >= self._limit:
            self.discard(next(iter(self._uploads.values())))
        token = self._new_token()
        directory = self.root / token
        directory.mkdir(mode=0o700, parents=True)
        upload = Upload(token, admin_id, name or "", directory / safe_name(name), year)
        self._uploads[token] = upload
        return upload

    async def check(self, upload: Upload) -> ImportReport:
        """The dry run of the downloaded file. A file that would change something stays
        staged for Confirm; any other is removed at once (there is nothing to confirm)."""
        try:
            upload.digest = await asyncio.to_thread(digest_of, upload.path)
            report = await self.importer.run(upload.path, year=upload.year, dry_run=True)
        except BaseException:
            self.discard(upload)
            raise
        upload.report = report
        if not report.changes_anything or self._uploads.get(upload.token) is not upload:
            self.discard(upload)
            return report
        upload.state = State.STAGED
        upload._timer = asyncio.get_running_loop().call_later(self._staged_seconds, self.discard, upload)
        return report

    def claim(self, token: str, admin_id: int) -> Upload | Outcome:
        """The staged upload, now marked as importing; or why it cannot be imported.

        Nothing is awaited here, so of two presses of Confirm only the first gets it.
        """
        upload = self._find(token, admin_id)
        if isinstance(upload, Upload):
            upload.state = State.IMPORTING
        return upload

    async def apply(self, upload: Upload) -> tuple[Outcome, ImportReport | None]:
        """Import a claimed upload for real, if its file is still the one that was checked;
        the report is the importer's, of the write. The file is removed after."""
        try:
            if await asyncio.to_thread(digest_of, upload.path) != upload.digest:
                upload.state = State.CANCELLED
                return Outcome.CHANGED, None
            report = await self.importer.run(upload.path, year=upload.year, dry_run=False)
        except BaseException:
            upload.state = State.CANCELLED
            raise
        finally:
            self._remove_file(upload)
        upload.state = State.IMPORTED
        upload.report = report
        return Outcome.DONE, report

    def cancel(self, token: str, admin_id: int) -> Outcome:
        upload = self._find(token, admin_id)
        if not isinstance(upload, Upload):
            return upload
        upload.state = State.CANCELLED
        self._remove_file(upload)
        return Outcome.DONE

    def _find(self, token: str, admin_id: int) -> Upload | Outcome:
        """The staged upload this admin may confirm or cancel, or why there is none."""
        upload = self._uploads.get(token)
        if upload is None or upload.admin_id != admin_id:
            return Outcome.GONE
        if upload.state is State.IMPORTING:
            return Outcome.BUSY
        if upload.state is not State.STAGED:
            return Outcome.ALREADY
        return upload

    def discard(self, upload: Upload) -> None:
        """Forget an upload and remove its file (expired, refused, or crowded out); a
        running import keeps its file until it ends."""
        if self._uploads.get(upload.token) is upload:
            del self._uploads[upload.token]
        if upload._timer is not None:
            upload._timer.cancel()
        if upload.state is not State.IMPORTING:
            self._remove_file(upload)

    @staticmethod
    def _remove_file(upload: Upload) -> None:
        """The file goes as soon as it is not needed; the record stays until its time is
        up, so a late press of a button is told what happened."""
        shutil.rmtree(upload.path.parent, ignore_errors=True)

    def close(self) -> None:
        """Remove every staged file (at shutdown)."""
        for upload in list(self._uploads.values()):
            if upload._timer is not None:
                upload._timer.cancel()
        self._uploads.clear()
        if self._made_root and self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
