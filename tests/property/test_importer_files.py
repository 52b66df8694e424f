"""The importer on generated files (hypothesis), and its memory bound on hostile ones.

Three properties, each run the way the operator runs the importer
(``bot.importer.cli.main``) against a copy of the bundled database:

* any file, valid or not, CSV or XLSX, in any encoding, ends in a clean import (exit 0) or a
  clean error (exit 1: problems, 2: the file cannot be used), with no exception, no
  traceback, short lines and no control characters on the terminal, and on an error the
  database is byte for byte as it was;
* a valid table, however it is laid out (header synonyms in any case and order, extra
  columns, blank rows, separator, encoding, decimal commas, numeric XLSX cells), loads
  exactly its figures;
* the hostile files of issue 14 (a value at XFD1048576, a cell of 1 GB, a 10 MB cell in a
  CSV, a 30 MB file), run as a real process, exit 2 with one short line and stay under
  300 MB of memory (peak RSS, the whole process). Before the limits they took 24 GB, 6.4 GB
  and printed a 1 GB line.

This module imports nothing the limits added, so it runs against the importer as it was.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from bot.domain.bodies import Agency, load_agencies
from bot.importer.cli import main
from bot.importer.validation import HEADERS
from tests.unit.conftest import query, snapshot

REPO_ROOT = Path(__file__).resolve().parents[2]
YEAR = 2026
MEGABYTE = 1024 * 1024
MEMORY_BOUND = 300 * MEGABYTE  # peak RSS of the importer process, pandas or not
#: What a run that ran away may take before the kernel stops it: the machine is shared.
ADDRESS_SPACE_GUARD = 3 * 1024 * MEGABYTE
LONGEST_LINE = 400  # a problem line: row, a quoted excerpt, two "did you mean" names
SETTINGS = settings(
    max_examples=100,
    database=None,  # nothing written into the tree; a failure prints the example to replay
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
AGENCIES = load_agencies()


# -- running the importer in-process --------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


@contextlib.contextmanager
def fresh_database(template: Path) -> Iterator[Path]:
    """A copy of the bundled database for one example (a clean import changes it)."""
    with tempfile.TemporaryDirectory(prefix="importer-files-") as folder:
        path = Path(folder) / "rating.db"
        shutil.copyfile(template, path)
        yield path


def run_importer(database: Path, path: Path, *args: str) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(path), *args, "--database", str(database)])
    return Outcome(code, out.getvalue(), err.getvalue())


def database_files(database: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in database.parent.glob(database.name + "*")}


def assert_clean(outcome: Outcome) -> None:
    """What the operator's terminal gets: an exit code it documents, short inert lines."""
    assert outcome.code in {0, 1, 2}, outcome
    assert "Traceback" not in outcome.err, outcome.err
    for line in (outcome.out + outcome.err).splitlines():
        assert len(line) <= LONGEST_LINE, line[:200]
        shown = [c for c in line if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}]
        assert not shown, (shown, line[:200])
    if outcome.code:
        assert outcome.err.strip(), "an error says what it is"


# -- generated files ------------------------------------------------------------------------------

ACCEPTED = [name for names in HEADERS.values() for name in names]
JUNK_TEXT = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from('\x1b[];,\t"\r\n%'),
    max_size=30,
)
CELLS = st.one_of(
    st.just(""),
    st.sampled_from([a.names["ru"] for a in AGENCIES] + [a.abbreviations["en"] for a in AGENCIES]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(places=3, allow_nan=False, allow_infinity=False).map(lambda d: str(d).replace(".", ",")),
    st.sampled_from(["4,5", "97,5 %", "1\u00a0000", "\x1b[31m4.5", "\u202e90", "=1+1", "NaN", "published"]),
    JUNK_TEXT,
    st.integers(900, 1100).map(lambda n: "Ж" * n),  # around the cell limit
)
HEADER_NAMES = st.one_of(st.sampled_from(ACCEPTED), st.sampled_from(ACCEPTED).map(str.upper), JUNK_TEXT)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    header = draw(st.lists(HEADER_NAMES, min_size=1, max_size=7))
    width = len(header)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 2), max_size=12))
    return [header, *rows]


def write_csv(path: Path, table: list[list[str]], encoding: str, separator: str, quote_all: bool) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=separator,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
        lineterminator="\r\n",
    )
    writer.writerows(table)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


def write_xlsx(path: Path, table: Sequence[Sequence[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in table:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    book.save(path)
    return path


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16", "latin-1"])
SEPARATORS = st.sampled_from([",", ";", "\t"])


@st.composite
def any_files(draw: st.DrawFn, folder: Path) -> Path:
    kind = draw(st.sampled_from(["csv", "xlsx", "bytes-as-csv", "bytes-as-xlsx", "damaged-xlsx"]))
    if kind == "csv":
        table = draw(tables())
        return write_csv(folder / "r.csv", table, draw(ENCODINGS), draw(SEPARATORS), draw(st.booleans()))
    if kind == "xlsx":
        return write_xlsx(folder / "r.xlsx", draw(tables()))
    if kind == "damaged-xlsx":
        path = write_xlsx(folder / "r.xlsx", draw(tables()))
        raw = bytearray(path.read_bytes())
        # Positions drawn apart from the length: openpyxl stamps the time into every file.
        for _ in range(draw(st.integers(1, 20))):
            raw[draw(st.integers(0, 10**6)) % len(raw)] = draw(st.integers(0, 255))
        path.write_bytes(bytes(raw[: draw(st.integers(0, 10**6)) % len(raw) + 1]))
        return path
    path = folder / ("r.csv" if kind == "bytes-as-csv" else "r.xlsx")
    path.write_bytes(draw(st.binary(max_size=2000)))
    return path


@given(data=st.data())
@SETTINGS
def test_any_file_ends_in_a_clean_import_or_a_clean_error(
    bundled_template: Path, data: st.DataObject
) -> None:
    with fresh_database(bundled_template) as database:
        path = data.draw(any_files(database.parent))
        year = data.draw(st.sampled_from([("--year", str(YEAR)), ()]))
        before, files_before = snapshot(database), database_files(database)

        outcome = run_importer(database, path, *year)

        assert_clean(outcome)
        if outcome.code:
            assert database_files(database) == files_before
            assert snapshot(database) == before


# -- valid tables, laid out any way an office would -----------------------------------------------


def encodable(texts: Iterable[str], encoding: str) -> list[str]:
    """Those of ``texts`` the encoding can write (Windows-1251 has no Kazakh letters)."""
    usable = []
    for text in texts:
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if text:
            usable.append(text)
    return usable


def name_forms(agency: Agency, encoding: str) -> list[str]:
    forms = [*agency.names.values(), *agency.short_names.values(), *agency.abbreviations.values()]
    return encodable(forms, encoding)


def in_any_case(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from([text, text.upper(), text.title()])


@st.composite
def valid_files(draw: st.DrawFn, folder: Path) -> tuple[Path, dict[str, tuple[float, float]]]:
    xlsx = draw(st.booleans())
    encoding = "utf-8" if xlsx else draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]))
    bodies = draw(st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=8, unique_by=lambda a: a.slug))
    decimal = draw(st.sampled_from([".", ","]))
    separator = draw(SEPARATORS)
    expected: dict[str, tuple[float, float]] = {}
    rows: list[dict[str, str | float]] = []
    for body in bodies:
        score = draw(st.integers(0, 500)) / 100
        satisfaction = draw(st.integers(0, 1000)) / 10
        expected[body.slug] = (score, satisfaction)
        numeric = xlsx and draw(st.booleans())
        rows.append(
            {
                "agency": draw(st.sampled_from(name_forms(body, encoding))),
                "score": score if numeric else f"{score:g}".replace(".", decimal),
                "satisfaction": satisfaction
                if numeric
                else f"{satisfaction:g}".replace(".", decimal) + draw(st.sampled_from(["", "%", " %"])),
                "note": draw(st.sampled_from(["", "примечание; с запятой, и «кавычками»"])),
            }
        )
    fields = draw(st.permutations(["agency", "score", "satisfaction", "note", "junk"]))
    header = [
        "№" if f == "junk" else draw(st.sampled_from(encodable(HEADERS[f], encoding)).flatmap(in_any_case))
        for f in fields
    ]
    table: list[list[str | float]] = [list(header)]
    for row in rows:
        for _ in range(draw(st.integers(0, 1))):
            table.append([""] * len(fields))  # a blank separator row
        table.append([str(len(table)) if f == "junk" else row[f] for f in fields])
    if xlsx:
        return write_xlsx(folder / "r.xlsx", table), expected
    text_table = [[str(c) for c in row] for row in table]
    return write_csv(folder / "r.csv", text_table, encoding, separator, draw(st.booleans())), expected


@given(data=st.data())
@SETTINGS
def test_a_valid_table_loads_exactly_its_figures_however_it_is_laid_out(
    bundled_template: Path, data: st.DataObject
) -> None:
    with fresh_database(bundled_template) as database:
        path, expected = data.draw(valid_files(database.parent))

        outcome = run_importer(database, path, "--year", str(YEAR))

        assert outcome.code == 0, outcome.err
        loaded = query(database, "SELECT agency, score, satisfaction FROM ratings WHERE year = ?", YEAR)
        assert {str(a): (float(s), float(p)) for a, s, p in loaded} == expected  # type: ignore[arg-type]


# -- hostile files, run as a process: exit 2, one short line, under the memory bound ----------------


def value_at_xfd1048576(path: Path) -> Path:
    """The 4,950-byte workbook of issue 14 (24 GB before)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["agency", "score", "satisfaction"])
    sheet.append(["МИД", 4.9, 90])
    sheet.cell(row=1048576, column=16384, value=" ")
    book.save(path)
    return path


def gigabyte_cell(path: Path) -> Path:
    """A 1 MB workbook whose one cell holds 1 GB (6.4 GB and a 1 GB error line before)."""
    marker = "MARKER"
    small = write_xlsx(path.with_name("small.xlsx"), [["agency", "score", "satisfaction"], [marker, 4.9, 90]])
    chunk = b"a" * (16 * MEGABYTE)
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if marker.encode() not in data:
                target.writestr(info, data)
                continue
            before, after = data.split(marker.encode())
            with target.open(info.filename, "w") as part:
                part.write(before)
                for _ in range(64):
                    part.write(chunk)
                part.write(after)
    return path


def ten_megabyte_csv_cell(path: Path) -> Path:
    path.write_text("agency,score,satisfaction\nМИД,4.9,90\n" + "x" * 10_000_000 + ",1,2\n", encoding="utf-8")
    return path


def thirty_megabyte_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("agency,score,satisfaction\n")
        handle.write("Министерство юстиции,4.9,90\n" * (30 * MEGABYTE // 49 + 1))
    return path


HOSTILE = {
    "value-at-XFD1048576.xlsx": value_at_xfd1048576,
    "gigabyte-cell.xlsx": gigabyte_cell,
    "ten-megabyte-cell.csv": ten_megabyte_csv_cell,
    "thirty-megabytes.csv": thirty_megabyte_csv,
}


@dataclass(frozen=True)
class Measured:
    code: int
    err: str
    peak_rss: int  # bytes


#: Runs ``python -m bot.importer ARGS`` and prints its peak RSS (KB). A child's peak counts
#: what it had before exec, so the importer is forked from this small launcher, not from
#: the test process (a pytest worker's 300 MB would be counted as the importer's). Its
#: address space is capped: a runaway gets a MemoryError, not the shared machine's memory.
LAUNCHER = f"""
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE_GUARD}, {ADDRESS_SPACE_GUARD}))
code = subprocess.call([sys.executable, "-m", "bot.importer", *sys.argv[1:]], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def run_measured(database: Path, path: Path, *, timeout: float = 120) -> Measured:
    """``python -m bot.importer FILE --year ... --database DB`` as a process, and its peak RSS."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "BOT_"))}
    arguments = [str(path), "--year", str(YEAR), "--database", str(database)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, *arguments],
            cwd=REPO_ROOT,
            env=environment,
            stdout=out,
            stderr=err,
            start_new_session=True,  # so a run past the timeout is stopped with its child
        )
        try:
            code = launcher.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
            raise
        out.seek(0)
        err.seek(0)
        peak_kilobytes = int(out.read().decode().strip() or 0)
        text = err.read(64 * 1024).decode("utf-8", errors="replace")  # a runaway may print gigabytes
    return Measured(code, text, peak_kilobytes * 1024)


@pytest.mark.parametrize("make", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_file_is_refused_in_one_line_within_the_memory_bound(
    database: Path, tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    name = next(n for n, m in HOSTILE.items() if m is make)
    path = make(tmp_path / name)
    before = snapshot(database)

    measured = run_measured(database, path)

    assert measured.peak_rss < MEMORY_BOUND, f"peak RSS {measured.peak_rss / MEGABYTE:.0f} MB"
    assert measured.code == 2, measured.err[:1000]
    lines = measured.err.strip().splitlines()
    assert len(lines) == 1, measured.err[:1000]
    assert lines[0].startswith(f"{path}: ")
    assert len(lines[0]) < 300, lines[0][:1000]
    assert snapshot(database) == before
