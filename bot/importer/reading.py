"""Turn a CSV or XLSX file into header + rows of text, whatever its encoding and separator.

Everything is read as text so that validation, not pandas, decides what a number is
(a decimal comma, a stray percent sign) and can name the row that is wrong.
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
    rows: list[dict[str, str]]  # in file order; row i is line i + 2 of the file
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


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise ReadError(f"{path}: no such file")
    raw = path.read_bytes()
    try:
        if path.suffix.lower() in {".xlsx", ".xlsm"}:
            frame = pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False)
        else:
            text = decode(raw)
            if not text.strip():
                raise ReadError("the file is empty")
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sniff_separator(text),
                dtype=str,
                keep_default_na=False,
                skipinitialspace=True,
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
