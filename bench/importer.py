"""The importer's time, beside pandas alone reading the same files (the floor), same run.

* ``bundled``: ``python -m bot.importer --bundled`` into a fresh database (three years,
  with validation, search-index matching of every name, and the writes);
* ``5,000 rows``: a generated CSV at the importer's row limit (``MAX_ROWS``; a longer
  file is refused before it is read). There are 32 rated bodies, so a
  file that long is necessarily full of duplicates: the run checks every row, reports
  the duplicates (the first 60, then "… and N more") and writes nothing (exit 1). That
  is the importer's worst case: every row read, matched and checked.

The floor of each is a Python process that imports pandas and reads the same CSV
file(s) with ``pandas.read_csv`` (text columns, as the importer reads them): the least
any pandas-based importer pays. Each figure is the median of ``--repeats`` runs.

It also checks that the bot process never loads pandas (the importer runs in a
process of its own).

    python bench/importer.py
    python bench/importer.py --rows 2000 --repeats 1
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from common import REPO, make_database, median, table

from bot.importer.limits import MAX_ROWS
from tests.e2e.harness import clean_env

DATA = REPO / "data"
PANDAS_FLOOR = (
    "import sys, pandas\n"
    "for path in sys.argv[1:]:\n"
    "    pandas.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False)\n"
)


def timed(args: list[str], *, expect: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = clean_env("DATABASE_", "BOT_")
    began = time.perf_counter()
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=600)
    seconds = time.perf_counter() - began
    if result.returncode != expect:
        raise SystemExit(
            f"{' '.join(args)}: exit {result.returncode}, expected {expect}\n{result.stdout}\n{result.stderr}"
        )
    return seconds, result


def bundled_files() -> list[Path]:
    with (DATA / "releases.csv").open(encoding="utf-8", newline="") as handle:
        return [DATA / row["file"] for row in csv.DictReader(handle)]


def generate(path: Path, rows: int) -> None:
    """``rows`` rows naming the 32 bodies over and over, in every way the reference list
    names them (Russian, Kazakh and English names, short names, abbreviations)."""
    with (DATA / "agencies.csv").open(encoding="utf-8", newline="") as handle:
        agencies = list(csv.DictReader(handle))
    forms = [
        agency[column]
        for column in ("name_ru", "name_en", "name_kk", "short_ru", "short_en", "abbr_ru")
        for agency in agencies
        if agency[column]
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "score", "satisfaction"])
        for number in range(rows):
            writer.writerow(
                [forms[number % len(forms)], f"{4 + (number % 100) / 100:.2f}", f"{80 + number % 20}.5"]
            )


def releases(database: Path, year: int) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return int(connection.execute("SELECT count(*) FROM releases WHERE year = ?", (year,)).fetchone()[0])


def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    python = sys.executable
    rows: list[list[str]] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-importer-") as tmp:
        tmp_path = Path(tmp)

        # -- the bundled data into a fresh database
        bundled: list[float] = []
        for number in range(args.repeats):
            database = tmp_path / f"fresh-{number}.sqlite3"
            seconds, _ = timed(
                [python, "-m", "bot.importer", "--bundled", "--create", "--database", str(database)],
                expect=0,
            )
            bundled.append(seconds)
        files = [str(f) for f in bundled_files()]
        floor = [timed([python, "-c", PANDAS_FLOOR, *files], expect=0)[0] for _ in range(args.repeats)]
        rows.append(
            [
                "bundled data (3 files, 71 rows)",
                f"{median(floor):.2f}",
                f"{median(bundled):.2f}",
                f"{median(bundled) / median(floor):.2f}x",
            ]
        )

        # -- a file at the row limit: every row checked, duplicates reported, nothing written
        big = tmp_path / "rating-2023.csv"
        generate(big, args.rows)
        template = make_database(tmp_path)
        validating: list[float] = []
        for number in range(args.repeats):
            database = tmp_path / f"loaded-{number}.sqlite3"
            shutil.copyfile(template, database)
            seconds, result = timed(
                [python, "-m", "bot.importer", str(big), "--year", "2023", "--database", str(database)],
                expect=1,
            )
            validating.append(seconds)
            if releases(database, 2023):
                raise SystemExit("the file with duplicates was written: it must not be")
        reported = result.stderr.strip().splitlines()
        notes.append(f"{args.rows:,}-row run says: {reported[0]!r} ... {reported[-1].strip()!r}")
        floor = [timed([python, "-c", PANDAS_FLOOR, str(big)], expect=0)[0] for _ in range(args.repeats)]
        rows.append(
            [
                f"{args.rows:,}-row file: check all, write nothing",
                f"{median(floor):.2f}",
                f"{median(validating):.2f}",
                f"{median(validating) / median(floor):.2f}x",
            ]
        )

    # -- the bot process never loads pandas
    probe = "import sys, bot.__main__, bot.runtime.app, bot.runtime.webhook; print('pandas' in sys.modules)"
    _, result = timed([python, "-c", probe], expect=0)
    loaded = result.stdout.strip()
    no_pandas = loaded == "False"

    print(
        f"Importer: seconds, median of {args.repeats} run(s); "
        "floor = python + pandas.read_csv of the same files"
    )
    print()
    print(table(["run", "floor s", "importer s", "ratio"], rows))
    print()
    for note in notes:
        print(f"- {note}")
    print(f"- the bot process loads pandas: {loaded} ({'as it should not' if no_pandas else 'IT MUST NOT'})")
    print(f"\n({time.monotonic() - began:.0f} s)")
    return 0 if no_pandas else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows",
        type=int,
        default=MAX_ROWS,
        help=f"rows of the generated file (default {MAX_ROWS:,}, the limit)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of each, medians reported (default 3)")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
