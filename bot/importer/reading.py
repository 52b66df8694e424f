"""Turn a CSV or XLSX file into header + rows of text, whatever its encoding and separator.

Everything is read as text so that validation, not pandas, decides what a number is
(a decimal comma, a stray percent sign) and can name the row that is wrong. Blank rows
are kept (as rows of empty cells) so that row numbers stay the ones a spreadsheet shows;
validation skips them.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ENCODINGS = ("utf-8-sig", "cp1251")


class ReadError(ValueError):
    """The file cannot be read as a table at all."""


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[dict[str, str]]  # in file order, blank rows included; row i is spreadsheet row i + 2
    checksum: str  # sha256 of the file's bytes, recorded with the release


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, then Windows-1251, the two Kazakh offices use."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("the file is neither UTF-8 nor Windows-1251 text")


def sniff_separator(text: str) -> str:
    header = text.lstrip().splitlines()[0] if text.strip() else ""
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_workbook(raw: bytes) -> pd.DataFrame:
    """The first sheet of an XLSX file.

    A damaged workbook fails deep inside zipfile or openpyxl with whatever exception
    they raise (``BadZipFile`` for a truncated file, ``KeyError`` for a zip that holds
    no workbook, ...); to the operator each means the same: this file cannot be read.
    """
    try:
        return pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False)
    except Exception as error:
        raise ReadError(
            f"cannot read the file as an XLSX workbook ({type(error).__name__}: {error})"
        ) from None


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise ReadError("no such file")  # the caller names the file
    raw = path.read_bytes()
    if not raw:
        raise ReadError("the file is empty")
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            frame = read_workbook(raw)
        else:
            text = decode(raw)
            if not text.strip():
                raise ReadError("the file is empty")
            frame = pd.read_csv(
                io.StringIO(text.lstrip()),
                sep=sniff_separator(text),
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
                skip_blank_lines=False,  # keep spreadsheet row numbers; validation skips blank rows
            )
    except ReadError:
        raise
    except pd.errors.EmptyDataError:
        raise ReadError("the file is empty") from None
    except (pd.errors.ParserError, ValueError, OSError) as error:
        raise ReadError(f"cannot read the file as a table: {error}") from None
    columns = [str(c).strip() for c in frame.columns]
    frame.columns = pd.Index(columns)
    rows = [
        {c: str(v).strip() for c, v in zip(columns, values, strict=True)}
        for values in frame.itertuples(index=False, name=None)
    ]
    return Table(columns, rows, hashlib.sha256(raw).hexdigest())
