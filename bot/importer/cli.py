"""``python -m bot.importer``: load a rating file, or the bundled data, into the store;
or take a year out again (``--remove YEAR``).

Operator-facing: every message is one plain line saying what happened or what to fix;
the first line of a run names the database it uses. ``--json`` prints one JSON object
instead (see :mod:`bot.importer.report`). Exit codes: 0 loaded, unchanged or removed,
1 the file has problems (nothing written), 2 the command, the file itself or the
database cannot be used (a missing one without ``--create``, a full disk).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import re
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from typing import NoReturn

from bot.domain.bodies import DATA_DIR, load_agencies
from bot.domain.search import AgencyIndex
from bot.importer.database import SettingError, database_path, failure_line, is_missing, missing_line
from bot.importer.removal import remove_year
from bot.importer.report import JsonReport, Report, TextReport
from bot.importer.validation import check_rows, is_rating_year, year_range_hint
from bot.store import NewRelease, Store, StoreError
from bot.store.records import SOURCE_KINDS, Source
from bot.store.store import BrokenDatabaseError

MANIFEST = DATA_DIR / "releases.csv"


#: Options that only make sense for an import, not with --remove.
IMPORT_ONLY = ("year", "publisher", "published", "url", "kind", "partial", "no_notify", "create", "json")


class Parser(argparse.ArgumentParser):
    """argparse, except that with ``--json`` a usage error is the JSON object too: the bot
    that reads it gets no stderr text to make sense of."""

    def __init__(self, argv: Sequence[str] | None, *, prog: str, description: str) -> None:
        super().__init__(prog=prog, description=description)
        self.argv = list(sys.argv[1:] if argv is None else argv)

    def error(self, message: str) -> NoReturn:
        if "--json" not in self.argv:
            super().error(message)
        report = JsonReport(given_database(self.argv), dry_run="--dry-run" in self.argv)
        report.failed(f"{self.prog}: error: {message}")
        raise SystemExit(report.finish(2))


def given_database(argv: list[str]) -> Path | None:
    """The database a command line names (or the default), for a usage error's report."""
    pre = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    pre.add_argument("--database", type=Path)
    try:
        known, _ = pre.parse_known_args(argv)
        return database_path(known.database)
    except (argparse.ArgumentError, SettingError, SystemExit):
        return None


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = Parser(
        argv,
        prog="python -m bot.importer",
        description="Validate a rating file (CSV or XLSX) and load it as that year's release; "
        "or remove a year loaded by mistake.",
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
    parser.add_argument(
        "--remove",
        type=rating_year,
        metavar="YEAR",
        help="remove that year's release and cancel its queued notifications",
    )
    parser.add_argument("--database", type=Path, help="SQLite file (default: DATABASE_PATH)")
    parser.add_argument(
        "--create", action="store_true", help="make the database if it does not exist (else refused)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object (the report or the error), nothing else"
    )
    args = parser.parse_args(parser.argv)
    if [bool(args.file), args.bundled, args.remove is not None].count(True) != 1:
        parser.error("give a FILE to import, or --bundled, or --remove YEAR")
    if args.remove is not None:
        extra = [name for name in IMPORT_ONLY if getattr(args, name) not in (None, False)]
        if extra:
            given = ", ".join("--" + name.replace("_", "-") for name in extra)
            parser.error(f"--remove takes only --dry-run and --database, not {given}")
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
    report: Report,
) -> int:
    from bot.importer.reading import ReadError, read_table  # noqa: PLC0415 - openpyxl, pandas: missing_dependencies()

    try:
        table = read_table(path)
    except ReadError as error:
        report.failed(f"{path}: {error}")
        return 2
    checked = check_rows(table.rows, table.columns, target.index, year=year)
    year = checked.year or year_from_name(path)
    problems = [str(p) for p in checked.problems]
    if year is not None and not is_rating_year(year):  # from the file's name
        problems.append(f"the year {year} (from the file's name) is {year_range_hint()}: pass --year")
    if problems or year is None:
        if year is None and not problems:
            problems.append("no year: pass --year, add a year column, or put the year in the file name")
        report.rejected(path, problems)
        return 1
    ratings = [replace(r, year=year) for r in checked.ratings]
    release = NewRelease(
        year=year,
        source=source,
        file_name=path.name,
        checksum=table.checksum,
        partial=partial,
    )
    outcome = await target.store.apply_release(release, ratings, dry_run=report.dry_run, notify=target.notify)
    report.loaded(outcome, bodies=len(ratings), names=target.names, partial=partial)
    return 0


async def import_bundled(target: Target, report: Report) -> int:
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
            report=report,
        )
        worst = max(worst, code)
    return worst


def missing_dependencies() -> str | None:
    """pandas and openpyxl come with the project; in an environment without them, one line."""
    missing = [name for name in ("pandas", "openpyxl") if find_spec(name) is None]
    if not missing:
        return None
    return (
        f"The importer needs {' and '.join(missing)}: pip install 'pandas>=2.1' 'openpyxl>=3.1' "
        "(or reinstall the project)"
    )


async def run(args: argparse.Namespace) -> int:
    """One run, told as text or as JSON; whatever fails, the report says it in one line."""
    kind = JsonReport if args.json else TextReport
    try:
        database = database_path(args.database)
    except SettingError as error:
        report = kind(None, dry_run=args.dry_run)
        report.failed(str(error))
        return report.finish(2)
    report = kind(database, dry_run=args.dry_run)
    return report.finish(await work(args, database, report))


async def work(args: argparse.Namespace, database: Path, report: Report) -> int:
    missing = missing_dependencies() if args.remove is None else None
    if missing:
        report.failed(missing)
        return 2
    if is_missing(database) and not args.create:
        report.failed(missing_line(database))
        return 2
    report.opened()
    store = await open_store(database, report)
    if store is None:
        return 2
    try:
        return await act(args, store, report)
    except sqlite3.Error as error:  # a full disk, a read-only file: the release was rolled back
        report.failed(failure_line(database, error, report.written))
        return 2
    finally:
        with contextlib.suppress(sqlite3.Error):  # what was committed stays committed
            await store.close()


async def open_store(database: Path, report: Report) -> Store | None:
    """The store, migrated; None when it cannot be used, after saying why in one line."""
    try:
        return await Store.open(database)
    except BrokenDatabaseError as error:  # not an SQLite file at all: the line names the path
        report.failed(str(error))
    except StoreError as error:  # a newer schema
        report.failed(f"{database}: {error}")
    except sqlite3.Error as error:  # a full disk, a read-only file
        report.failed(failure_line(database, error, report.written))
    return None


async def act(args: argparse.Namespace, store: Store, report: Report) -> int:
    """What the command asks, on an open store."""
    if args.remove is not None:
        return await remove_year(store, args.remove, report)
    agencies = load_agencies()
    names = {a.slug: a.name("ru") for a in agencies}
    target = Target(store, AgencyIndex(agencies), names, notify=not args.no_notify)
    await store.sync_agencies(agencies)
    if args.bundled:
        return await import_bundled(target, report)
    return await import_file(
        target, args.file, year=args.year, source=source_of(args), partial=args.partial, report=report
    )


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(parse_args(argv)))
