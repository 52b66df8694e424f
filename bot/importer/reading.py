"""Turn a CSV or XLSX file into header + rows of text, whatever its encoding and separator.

Everything is read as text so that validation decides what a number is (a decimal
comma, a stray percent sign) and can name the row that is wrong. Blank rows between
filled ones are kept (as rows of empty cells) so that row numbers stay the ones a
spreadsheet shows; validation skips them.

Any file, however hostile, is read within a bounded memory (``bot.importer.limits``).
pandas (CSV) and openpyxl (XLSX) build what they read before a cell can be checked, so
what they are given is bounded first: the file's size before it is read; a CSV's lines,
separators and header before pandas parses it; an XLSX's declared part sizes before
openpyxl opens it (``bot.importer.package``). Rows, columns and cells are then checked as
they come, and the first one past a limit stops the reading with one line naming it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from bot.importer.excerpt import excerpt
from bot.importer.limits import (
    LAST_COLUMN,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    MAX_ROWS,
    beyond_rows,
    cell_too_long,
    too_many_columns,
)
from bot.importer.package import PackageError, check_package

ENCODINGS = ("utf-8-sig", "cp1251")
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
MEGABYTE = 1024 * 1024
#: The most separators a CSV within the limits has (a few more in quoted cells are fine):
#: pandas holds every field of a record before it can refuse a long one, and a record may
#: run over many lines inside quotes.
MAX_SEPARATORS = (MAX_ROWS + 1) * MAX_COLUMNS
# A line with its ending (\r\n, \r or \n, as a spreadsheet writes them), or the last one without.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# How pandas names a record with more fields than the header.
TOO_MANY_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


class ReadError(ValueError):
    """The file cannot be read as a table at all."""


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[dict[str, str]]  # in file order, blank rows included; row i is spreadsheet row i + 2
    checksum: str  # sha256 of the file's bytes, recorded with the release


def read_table(path: Path) -> Table:
    raw = read_bounded(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        columns, rows = read_workbook(raw)
    else:
        columns, rows = read_csv(raw)
    return Table(columns, rows, hashlib.sha256(raw).hexdigest())


def read_bounded(path: Path) -> bytes:
    """The file's bytes, refused by its size before they are read."""
    if not path.is_file():
        raise ReadError("no such file")  # the caller names the file
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # not more, even if it grew since
        size = len(raw)
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"the file is {size / MEGABYTE:.1f} MB, more than the {MAX_FILE_BYTES // MEGABYTE} MB "
            "an import file may have"
        )
    if not raw:
        raise ReadError("the file is empty")
    return raw


# -- CSV ----------------------------------------------------------------------------------------


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1251, the two Kazakh offices use."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("the file is neither UTF-8 nor Windows-1251 text")


def sniff_separator(text: str) -> str:
    """The separator the header line uses most: semicolon, tab or comma."""
    header = LINE.match(text.lstrip())
    line = header.group() if header else ""
    counts = {sep: line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(raw: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = decode(raw).lstrip()  # leading blank lines are not the header
    if not text:
        raise ReadError("the file is empty")
    separator = sniff_separator(text)
    width = check_lines(text, separator)
    records = (checked(number, cells) for number, cells in enumerate(parse_csv(text, separator, width), 1))
    return tabulate(records, widen=False)


def check_lines(text: str, separator: str) -> int:
    """Bound what pandas will build, before it parses a byte; the header's width.

    Lines (a row takes one or more), each line's length, the separators in all and the
    header's cells: with these, pandas holds at most a few hundred thousand short fields.
    """
    if text.count(separator) > MAX_SEPARATORS:
        raise ReadError(
            f"more than {MAX_SEPARATORS:,} separators ({excerpt(separator)}): a table of "
            f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns has fewer"
        )
    header: list[str] = []
    for number, match in enumerate(LINE.finditer(text), start=1):
        if number > MAX_ROWS + 1:  # the header is line 1; a blank line counts as much as any
            raise ReadError(beyond_rows(number))
        line = match.group()
        if len(line) > MAX_LINE_CHARS:
            if line.count(separator) >= MAX_COLUMNS:
                raise ReadError(too_many_columns(number))
            raise ReadError(cell_too_long(number))
        if number == 1:
            header = next(csv.reader([line], delimiter=separator, skipinitialspace=True), [])
    checked(1, header)  # its names: as many, and as long, as any row's cells may be
    if len(header) > MAX_COLUMNS:  # the ones past the limit empty
        raise ReadError(f"more than {MAX_COLUMNS} columns: the header has {len(header):,} cells")
    return len(header) or 1


def parse_csv(text: str, separator: str, width: int) -> Iterator[list[str]]:
    """Every record, the header first, as ``width`` cells of text (missing ones empty)."""
    # Here, not at the top: a workbook is read without pandas, 45 MB of the memory bound.
    import pandas as pd  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            # A first record wider than the header would be cut silently: make it an error.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(text.encode("utf-8")),  # a StringIO holds 4 bytes a character
                encoding="utf-8",
                sep=separator,
                header=None,  # the header is read as a record, and named as a spreadsheet would
                names=list(range(width)),  # no record is ever held wider than the header
                index_col=False,  # a record wider than the header is an error, never an index
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
                skip_blank_lines=False,  # keep spreadsheet row numbers; validation skips blank rows
                nrows=MAX_ROWS + 1,
                engine="c",
            )
    except pd.errors.ParserError as error:
        wider = TOO_MANY_FIELDS.search(str(error))
        if wider:
            header, line, cells = wider.groups()
            raise ReadError(
                f"row {int(line):,} has {cells} cells but the header has {header}: "
                "put a cell that holds the separator in quotes"
            ) from None
        raise ReadError(f"cannot read the file as a table: {excerpt(str(error), 100)}") from None
    except (pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError) as error:
        raise ReadError(f"cannot read the file as a table: {excerpt(str(error), 100)}") from None
    for values in frame.itertuples(index=False, name=None):
        yield [value if isinstance(value, str) else "" for value in values]  # a missing cell: NaN


# -- XLSX ---------------------------------------------------------------------------------------


def read_workbook(raw: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The first sheet of an XLSX file, streamed by openpyxl once its parts are known small.

    A damaged workbook fails deep inside zipfile or openpyxl with whatever exception they
    raise (``BadZipFile`` for a truncated file, ``KeyError`` for a zip that holds no
    workbook, ...); to the operator each means the same: this file cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's asides ("no default style") are no error
            check_package(archive)
            book = load_workbook(archive.fp, read_only=True, data_only=True, keep_links=False)
            try:
                if not book.worksheets:
                    raise ReadError("the workbook has no sheet")
                sheet = book.worksheets[0]
                sheet.reset_dimensions()  # what the sheet claims to span is not what it holds
                rows = sheet.iter_rows(max_col=LAST_COLUMN, values_only=True)
                records = (checked(number, texts(number, row)) for number, row in enumerate(rows, start=1))
                return tabulate(records, widen=True)
            finally:
                book.close()
    except ReadError:
        raise
    except PackageError as error:
        raise ReadError(str(error)) from None
    except Exception as error:
        raise ReadError(
            f"cannot read the file as an XLSX workbook ({type(error).__name__}: {excerpt_of(error)})"
        ) from None


def texts(number: int, row: tuple[object, ...]) -> list[str]:
    """A row's values as text, as pandas gave them, checked for their columns on the way.

    The row comes as wide as a sheet can be (``LAST_COLUMN``), so a value anywhere past
    the limit is seen; counting the empty cells past it is one call in C.
    """
    beyond = row[MAX_COLUMNS:]
    if beyond.count(None) != len(beyond):
        last = max(i for i, value in enumerate(row) if value is not None and value != "")
        if last >= MAX_COLUMNS:
            raise ReadError(too_many_columns(number, last + 1))
    return [text_of(value) for value in row[:MAX_COLUMNS]]


def text_of(value: object) -> str:
    """A whole number without ".0", a boolean as True/False, a date as pandas wrote it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # text, numbers, dates ("2025-01-30 00:00:00"), errors ("#N/A")


# -- both ---------------------------------------------------------------------------------------


def checked(number: int, cells: list[str]) -> list[str]:
    """The row's cells, stripped, trailing empty ones dropped, if it is within every limit.

    Rows are counted blank or not: a sheet that goes on past the limit is refused there,
    whatever it holds further down (reading on costs time and, in a workbook, memory).
    Any character counts as a value, a lone space too.
    """
    if number > MAX_ROWS + 1:  # the header is row 1; a blank row counts as much as any
        raise ReadError(beyond_rows(number))
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    if not width:
        return []
    if width > MAX_COLUMNS:
        raise ReadError(too_many_columns(number, width))
    for column, cell in enumerate(cells[:width], start=1):
        if len(cell) > MAX_CELL_CHARS:
            raise ReadError(cell_too_long(number, column))
    stripped = [cell.strip() for cell in cells[:width]]
    while stripped and not stripped[-1]:
        stripped.pop()
    return stripped


def tabulate(records: Iterable[list[str]], *, widen: bool) -> tuple[list[str], list[dict[str, str]]]:
    """The first record as the header, the rest as rows keyed by it.

    Blank rows between filled ones are kept, blank rows at the end dropped. A row with
    more cells than the header: in a workbook the extra columns get a name, as in a
    spreadsheet; in a CSV it is refused, as its cells were most likely split on a
    separator that belongs in a cell (a decimal comma).
    """
    iterator = iter(records)
    header = next(iterator, None)
    if header is None:
        raise ReadError("the file is empty")
    cells_of: list[list[str]] = []
    blank_run = 0
    width = len(header)
    for number, cells in enumerate(iterator, start=2):
        if not cells:
            blank_run += 1
            continue
        if len(cells) > len(header) and not widen:
            raise ReadError(
                f"row {number:,} has {len(cells)} cells but the header has {len(header)}: "
                "put a cell that holds the separator in quotes"
            )
        cells_of.extend([] for _ in range(blank_run))
        blank_run = 0
        cells_of.append(cells)
        width = max(width, len(cells))
    columns = column_names(header, width)
    rows = [dict(zip(columns, [*cells, *[""] * (width - len(cells))], strict=True)) for cells in cells_of]
    return columns, rows


def column_names(header: list[str], width: int) -> list[str]:
    """The header's names, made unique as pandas does ("score", "score.1"; "Unnamed: 3" for none)."""
    names: list[str] = []
    for position in range(width):
        name = header[position] if position < len(header) else ""
        base = name or f"Unnamed: {position}"
        name, copy = base, 0
        while name in names:
            copy += 1
            name = f"{base}.{copy}"
        names.append(name)
    return names


def excerpt_of(error: BaseException) -> str:
    """A library's message, which may quote the file (a part's name): bounded and inert."""
    return excerpt(str(error), 100)
