"""``python -m bot.importer``: load a rating file, or the bundled data, into the store.

Operator-facing: every message is one plain line saying what happened or what to fix.
Exit codes: 0 loaded or unchanged, 1 the file has problems (nothing written), 2 the
command, the file itself or the database cannot be used.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import re
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

from bot.config import StorageSettings
from bot.domain.bodies import DATA_DIR, load_agencies
from bot.domain.search import AgencyIndex
from bot.importer.validation import MAX_SHOWN, check_rows, is_rating_year, year_range_hint
from bot.store import ImportOutcome, NewRelease, Store, StoreError
from bot.store.records import SOURCE_KINDS, Source

MANIFEST = DATA_DIR / "releases.csv"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.importer",
        description="Validate a rating file (CSV or XLSX) and load it as that year's release.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="CSV (UTF-8 or Windows-1251) or XLSX")
    parser.add_argument(
        "--year", type=rating_year, help="the rating's year (else the year column or file name)"
    )
    parser.add_argument(
        "--source",
        "--publisher",
        dest="publisher",
        help="who published the figures, e.g. 'Kazinform / finprom.kz' (shown to users as written)",
    )
    parser.add_argument("--published", type=publication_date, help="when: YYYY-MM-DD, or YYYY-MM")
    parser.add_argument("--url", type=source_url, help="where the figures were published (http/https)")
    parser.add_argument("--kind", choices=SOURCE_KINDS, help="what kind of source it is")
    parser.add_argument("--partial", action="store_true", help="an incomplete list: no ranks")
    parser.add_argument("--no-notify", action="store_true", help="queue no notifications for this release")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    parser.add_argument("--bundled", action="store_true", help="load the bundled data (data/releases.csv)")
    parser.add_argument("--database", type=Path, help="SQLite file (default: DATABASE_PATH)")
    args = parser.parse_args(argv)
    if bool(args.file) == args.bundled:
        parser.error("give a FILE to import, or --bundled")
    return args


def rating_year(text: str) -> int:
    """A year the rating can have: an impossible one (99999, -5) is refused before anything."""
    if not re.fullmatch(r"-?\d{1,9}", text.strip()):
        raise argparse.ArgumentTypeError(f"not a year: {text[:20]!r}")
    year = int(text)
    if not is_rating_year(year):
        raise argparse.ArgumentTypeError(f"{year}: {year_range_hint()}")
    return year


def publication_date(text: str) -> str:
    """YYYY-MM-DD or YYYY-MM, a real date: the bot writes it in the reader's language."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            dt.date.fromisoformat(text + "-01")
        else:
            dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text[:40]!r} (write YYYY-MM-DD or YYYY-MM)") from None
    return text


def source_url(text: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"']+", text):
        raise argparse.ArgumentTypeError("must be an http:// or https:// address")
    return text


def source_of(args: argparse.Namespace) -> Source | None:
    """The source the command names; None when it names none (a correction keeps its own)."""
    if not (args.publisher or args.published or args.url or args.kind):
        return None
    return Source(args.publisher or "", args.published or "", args.url or "", args.kind or "")


def year_from_name(path: Path) -> int | None:
    found = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", path.stem)
    return int(found[-1]) if len(found) == 1 else None


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


@dataclass(frozen=True)
class Target:
    """Where rows go and how their agency names are read and reported."""

    store: Store
    index: AgencyIndex
    names: dict[str, str]  # slug -> Russian name, for reports
    notify: bool = True  # queue notifications for subscribers with the release


async def import_file(
    target: Target,
    path: Path,
    *,
    year: int | None,
    source: Source | None,
    partial: bool,
    dry_run: bool,
) -> int:
    from bot.importer.reading import ReadError, read_table  # noqa: PLC0415 - pandas: checked in run()

    try:
        table = read_table(path)
    except ReadError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 2
    checked = check_rows(table.rows, table.columns, target.index, year=year)
    year = checked.year or year_from_name(path)
    problems = [str(p) for p in checked.problems]
    if year is not None and not is_rating_year(year):  # from the file's name
        problems.append(f"the year {year} (from the file's name) is {year_range_hint()}: pass --year")
    if problems or year is None:
        if year is None and not problems:
            problems.append("no year: pass --year, add a year column, or put the year in the file name")
        print(f"{path}: {len(problems)} problem(s), nothing was written:", file=sys.stderr)
        for problem in problems[:MAX_SHOWN]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > MAX_SHOWN:
            print(f"  … and {len(problems) - MAX_SHOWN} more", file=sys.stderr)
        return 1
    ratings = [replace(r, year=year) for r in checked.ratings]
    release = NewRelease(
        year=year,
        source=source,
        file_name=path.name,
        checksum=table.checksum,
        partial=partial,
    )
    outcome = await target.store.apply_release(release, ratings, dry_run=dry_run, notify=target.notify)
    report = describe(outcome, target.names, partial=partial, dry_run=dry_run)
    if outcome.queued:
        report += f"\n{year}: {outcome.queued} notification(s) {'would be ' if dry_run else ''}queued."
    print(("Dry run, nothing written. " if dry_run else "") + report)
    return 0


async def import_bundled(target: Target, *, dry_run: bool) -> int:
    """Load every release the manifest lists, in order; already-loaded ones change nothing."""
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        entries = list(csv.DictReader(handle))
    worst = 0
    for entry in entries:
        code = await import_file(
            target,
            DATA_DIR / entry["file"],
            year=int(entry["year"]),
            source=Source(entry["publisher"], entry["published"], entry["url"], entry["kind"]),
            partial=entry["partial"].strip() == "1",
            dry_run=dry_run,
        )
        worst = max(worst, code)
    return worst


def dependencies_missing() -> bool:
    """pandas and openpyxl come with the project; in an environment without them, one line."""
    missing = [name for name in ("pandas", "openpyxl") if find_spec(name) is None]
    if missing:
        print(
            f"The importer needs {' and '.join(missing)}: pip install 'pandas>=2.1' 'openpyxl>=3.1' "
            "(or reinstall the project)",
            file=sys.stderr,
        )
    return bool(missing)


async def run(args: argparse.Namespace) -> int:
    if dependencies_missing():
        return 2
    database = args.database or StorageSettings().database_path
    agencies = load_agencies()
    try:
        store = await Store.open(database)
    except (StoreError, sqlite3.Error) as error:  # a newer schema, or not an SQLite file at all
        print(f"{database}: {error}", file=sys.stderr)
        return 2
    names = {a.slug: a.name("ru") for a in agencies}
    target = Target(store, AgencyIndex(agencies), names, notify=not args.no_notify)
    try:
        await store.sync_agencies(agencies)
        if args.bundled:
            return await import_bundled(target, dry_run=args.dry_run)
        return await import_file(
            target,
            args.file,
            year=args.year,
            source=source_of(args),
            partial=args.partial,
            dry_run=args.dry_run,
        )
    finally:
        await store.close()


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(parse_args(argv)))
