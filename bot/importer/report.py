"""What an import run tells the operator: plain lines, or one JSON object with ``--json``.

The bot's import-by-upload runs the importer with ``--json`` and reads exactly the object
:class:`JsonReport` prints, so its keys are a contract: change them with that reader.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bot.importer.validation import MAX_SHOWN
from bot.store import ImportOutcome


def shown(problems: list[str]) -> list[str]:
    """The problems an operator reads: the first few, then how many more (a file of
    100,000 bad rows is not 100,000 lines)."""
    lines = problems[:MAX_SHOWN]
    if len(problems) > MAX_SHOWN:
        lines.append(f"… and {len(problems) - MAX_SHOWN} more")
    return lines


def describe(outcome: ImportOutcome, names: dict[str, str], *, partial: bool, dry_run: bool) -> str:
    year = outcome.year
    if outcome.status == "unchanged":
        return f"{year}: the same figures are already loaded; nothing changed."
    if outcome.status == "new":
        verb = "would load" if dry_run else "loaded"
        return f"{year}: {verb} a new release ({len(outcome.added)} bodies)."
    verb = "would replace" if dry_run else "replaced"
    lines = [f"{year}: a corrected release {verb} the one loaded before:"]
    for old, new in outcome.changed:
        lines.append(
            f"  changed {names.get(new.agency, new.agency)}: score {old.score:g} -> {new.score:g}, "
            f"satisfaction {old.satisfaction:g} -> {new.satisfaction:g}"
            + ("" if old.figures() != new.figures() else " (provenance or note)")
        )
    lines += [f"  added {names.get(s, s)}" for s in outcome.added]
    lines += [f"  removed {names.get(s, s)}" for s in outcome.removed]
    if outcome.partial_changed:
        lines.append("  the year is now marked " + ("partial (no ranks)" if partial else "complete"))
    return "\n".join(lines)


@dataclass
class Report:
    """What one run did, whichever way it is told; ``written``: the years this run wrote,
    so a failure half-way through ``--bundled`` says what is already in."""

    database: Path | None
    dry_run: bool
    written: list[int] = field(default_factory=list)

    def opened(self) -> None:
        """The database is about to be read and written."""

    def loaded(self, outcome: ImportOutcome, *, bodies: int, names: dict[str, str], partial: bool) -> None:
        if not self.dry_run and outcome.status != "unchanged":
            self.written.append(outcome.year)

    def rejected(self, path: Path, problems: list[str]) -> None:
        """A file with problems: nothing of it was written."""

    def failed(self, line: str) -> None:
        """The command, the file or the database cannot be used: one line."""

    def finish(self, code: int) -> int:
        return code


class TextReport(Report):
    """Lines as they happen: the report on stdout, problems and errors on stderr."""

    def opened(self) -> None:
        print(f"Database: {self.database}")

    def loaded(self, outcome: ImportOutcome, *, bodies: int, names: dict[str, str], partial: bool) -> None:
        super().loaded(outcome, bodies=bodies, names=names, partial=partial)
        text = describe(outcome, names, partial=partial, dry_run=self.dry_run)
        if outcome.queued:
            would = "would be " if self.dry_run else ""
            text += f"\n{outcome.year}: {outcome.queued} notification(s) {would}queued."
        print(("Dry run, nothing written. " if self.dry_run else "") + text)

    def rejected(self, path: Path, problems: list[str]) -> None:
        print(f"{path}: {len(problems)} problem(s), nothing was written:", file=sys.stderr)
        for line in shown(problems):
            print(f"  {line}", file=sys.stderr)

    def failed(self, line: str) -> None:
        print(line, file=sys.stderr)


@dataclass
class JsonReport(Report):
    """One JSON object on stdout at the end, and nothing else: errors included.

    ``{"database": "/abs/path", "dry_run": bool, "exit": 0|1|2, "releases": [{"year",
    "status": "new"|"corrected"|"unchanged", "bodies", "added", "changed", "removed"
    (slugs), "queued"}], "problems": [lines as the text report prints them],
    "error": null | "one line"}``. ``database`` is null only when DATABASE_PATH itself
    is not a usable setting.
    """

    releases: list[dict[str, object]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None

    def loaded(self, outcome: ImportOutcome, *, bodies: int, names: dict[str, str], partial: bool) -> None:
        super().loaded(outcome, bodies=bodies, names=names, partial=partial)
        self.releases.append(
            {
                "year": outcome.year,
                "status": outcome.status,
                "bodies": bodies,
                "added": list(outcome.added),
                "changed": [new.agency for _, new in outcome.changed],
                "removed": list(outcome.removed),
                "queued": outcome.queued,
            }
        )

    def rejected(self, path: Path, problems: list[str]) -> None:
        self.problems += shown(problems)

    def failed(self, line: str) -> None:
        self.error = self.error or line  # the first is the cause

    def finish(self, code: int) -> int:
        print(
            json.dumps(
                {
                    "database": str(self.database) if self.database is not None else None,
                    "dry_run": self.dry_run,
                    "exit": code,
                    "releases": self.releases,
                    "problems": self.problems,
                    "error": self.error,
                }
            )
        )
        return code
