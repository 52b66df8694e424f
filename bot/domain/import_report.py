"""The importer's machine-readable report (``python -m bot.importer --json``), read strictly.

The bot shows an admin what an uploaded file would change before it writes anything; it
learns that from the importer's own output, so the bot and the command line can never
disagree. Anything that is not exactly the promised shape is a :class:`ReportError`
rather than a half-read report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

T = TypeVar("T")

Status = Literal["new", "corrected", "unchanged"]
STATUSES: tuple[Status, ...] = ("new", "corrected", "unchanged")


class ReportError(ValueError):
    """The importer's output is not the JSON report it promises."""


@dataclass(frozen=True, slots=True)
class ReleaseReport:
    """One year's release as the importer would load (or loaded) it. Bodies are slugs."""

    year: int
    status: Status
    bodies: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    queued: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    """A whole run: ``exit`` 0 loaded or unchanged, 1 the file has problems, 2 unusable."""

    database: str
    dry_run: bool
    exit: int
    releases: tuple[ReleaseReport, ...] = ()
    problems: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """The file can be loaded as it is."""
        return self.exit == 0 and self.error is None and not self.problems

    @property
    def changes_anything(self) -> bool:
        """Loading it would write something: a new or corrected release."""
        return self.ok and any(release.status != "unchanged" for release in self.releases)

    @property
    def queued(self) -> int:
        return sum(release.queued for release in self.releases)


def failed(error: str, *, exit: int = 2, dry_run: bool = True, database: str = "") -> ImportReport:
    """A report for a run that gave none (stopped after a timeout, crashed)."""
    return ImportReport(database=database, dry_run=dry_run, exit=exit, error=error)


def parse_report(text: str | bytes) -> ImportReport:
    """The report in ``text``: one JSON object, as the importer prints it on stdout."""
    try:
        data = json.loads(text)
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError alike
        raise ReportError(f"not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ReportError("not a JSON object")
    message = data.get("error")
    if message is not None and not isinstance(message, str):
        raise ReportError("'error' is neither null nor a string")
    releases = _field(data, "releases", list)
    return ImportReport(
        database=_field(data, "database", str),
        dry_run=_field(data, "dry_run", bool),
        exit=_exit_code(data),
        releases=tuple(_release(item) for item in releases),
        problems=tuple(_strings(data, "problems")),
        error=message,
    )


def _exit_code(data: Mapping[str, Any]) -> int:
    code = _field(data, "exit", int)
    if code not in (0, 1, 2):
        raise ReportError(f"'exit' is {code}, not 0, 1 or 2")
    return code


def _release(item: object) -> ReleaseReport:
    if not isinstance(item, dict):
        raise ReportError("a release is not a JSON object")
    status = _field(item, "status", str)
    if status not in STATUSES:
        raise ReportError(f"a release's status is {status[:20]!r}, not one of {', '.join(STATUSES)}")
    return ReleaseReport(
        year=_field(item, "year", int),
        status=status,
        bodies=_count(item, "bodies"),
        added=tuple(_strings(item, "added")),
        changed=tuple(_strings(item, "changed")),
        removed=tuple(_strings(item, "removed")),
        queued=_count(item, "queued"),
    )


def _field(data: Mapping[str, Any], name: str, kind: type[T]) -> T:
    value = data.get(name)
    # bool is an int to Python, but a count or a year of `true` is a broken report.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ReportError(f"'{name}' is missing or not a {kind.__name__}")
    return value


def _count(data: Mapping[str, Any], name: str) -> int:
    value = _field(data, name, int)
    if value < 0:
        raise ReportError(f"'{name}' is negative")
    return value


def _strings(data: Mapping[str, Any], name: str) -> list[str]:
    values = _field(data, name, list)
    if not all(isinstance(value, str) for value in values):
        raise ReportError(f"'{name}' holds something other than strings")
    return cast(list[str], values)
