"""The importer's peak memory on files just within each limit of ``bot.importer.limits``.

Each file is the worst this script knows for its limit (the most, and the smallest,
things a parser must keep), run as ``python -m bot.importer FILE --dry-run`` in its own
process; the figure is the process's peak RSS, printed beside the floor measured in the
same run (``python -m bot.importer --help``: Python and the importer's start, no file) and
as a ratio to it. The limits were chosen with these figures: every file stays well under
the 300 MB the importer promises (README, "Importing a new rating").

    .venv/bin/python bench/importer_memory.py
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from bot.importer.limits import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_OTHER_PARTS_BYTES,
    MAX_ROWS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
    column_letter,
)
from bot.importer.reading import MAX_SEPARATORS

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = 1024 * 1024
GUARD = 3 * 1024 * MEGABYTE  # a runaway gets a MemoryError, not the shared machine
LAUNCHER = f"""
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, ({GUARD}, {GUARD}))
done = subprocess.run([sys.executable, "-m", "bot.importer", *sys.argv[1:]], capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(done.returncode, (done.stderr.decode(errors="replace").splitlines() or [""])[-1][:90])
"""


def measure(*args: str) -> tuple[float, str]:
    """Peak RSS (MB) of ``python -m bot.importer ARGS``, and how it ended (exit code, last line)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    peak, outcome = done.stdout.split("\n", 1)
    return int(peak) / 1024, outcome.strip()


# -- workbooks: a valid one, one part replaced ---------------------------------------------------


def base_parts() -> dict[str, bytes]:
    book = Workbook()
    book.active.append(["agency", "score", "satisfaction"])
    book.active.append(["МИД", 4.9, 90])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def workbook(path: Path, **replaced: bytes) -> Path:
    parts = base_parts()
    parts.update({name.replace("__", "/").replace("_dot_", "."): data for name, data in replaced.items()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def filled(prefix: bytes, unit: bytes, suffix: bytes, size: int) -> bytes:
    """``prefix + unit * n + suffix``, as long as fits in ``size`` bytes."""
    return prefix + unit * ((size - len(prefix) - len(suffix)) // len(unit)) + suffix


MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEAD = b'<row r="1"><c r="A1" t="inlineStr"><is><t>agency</t></is></c></row>'


SHEET = "xl/worksheets/sheet1.xml"


def room_for(name: str) -> int:
    """What one part other than the sheet may take when the rest stay as openpyxl wrote them."""
    rest = sum(len(data) for part, data in base_parts().items() if part not in {name, SHEET})
    return MAX_OTHER_PARTS_BYTES - rest


def styles_xml(room: int) -> bytes:
    return filled(
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>',
        b"<xf/>",
        b"</cellXfs></styleSheet>",
        room,
    )


def styles(path: Path) -> Path:
    return workbook(path, xl__styles_dot_xml=styles_xml(room_for("xl/styles.xml")))


def shared_strings_xml() -> tuple[bytes, bytes]:
    xml = filled(
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        b"<si><t>a</t></si>",
        b"</sst>",
        MAX_SHARED_STRINGS_BYTES,
    )
    types = base_parts()["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return xml, types


def shared_strings(path: Path) -> Path:
    xml, types = shared_strings_xml()
    return workbook(path, xl__sharedStrings_dot_xml=xml, **{"[Content_Types]_dot_xml": types})


def every_part_at_its_limit(path: Path) -> Path:
    """Styles, shared strings and a sheet of one row of empty cells, each at its limit."""
    xml, types = shared_strings_xml()
    sheet = filled(
        MAIN + b'<sheetData><row r="1">', b"<c/>", b"</row></sheetData></worksheet>", MAX_SHEET_BYTES
    )
    parts = {"xl__sharedStrings_dot_xml": xml, "[Content_Types]_dot_xml": types}
    parts |= {
        "xl__worksheets__sheet1_dot_xml": sheet,
        "xl__styles_dot_xml": styles_xml(room_for("xl/styles.xml") - 200),
    }
    return workbook(path, **parts)


def sheet_of(unit: bytes, where: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        if where == "between rows":
            xml = filled(MAIN + b"<sheetData>" + HEAD, unit, b"</sheetData></worksheet>", MAX_SHEET_BYTES)
        elif where == "in one row":
            xml = filled(
                MAIN + b'<sheetData><row r="1">', unit, b"</row></sheetData></worksheet>", MAX_SHEET_BYTES
            )
        else:  # one cell's text
            xml = filled(
                MAIN + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>',
                unit,
                b"</t></is></c></row></sheetData></worksheet>",
                MAX_SHEET_BYTES,
            )
        return workbook(path, xl__worksheets__sheet1_dot_xml=xml)

    return make


def numbers_table(path: Path) -> Path:
    """Rows of 50 numeric cells, as many as the sheet's limit holds: the largest real table."""
    cells = "".join(f'<c r="{column_letter(c + 1)}{{row}}"><v>1234.5</v></c>' for c in range(MAX_COLUMNS))
    rows, size, row = [], len(MAIN) + 40, 1
    while row <= MAX_ROWS + 1:
        xml = f'<row r="{row}">{cells.format(row=row)}</row>'
        if size + len(xml) > MAX_SHEET_BYTES:
            break
        rows.append(xml)
        size, row = size + len(xml), row + 1
    sheet = MAIN + f"<sheetData>{''.join(rows)}</sheetData></worksheet>".encode()
    return workbook(path, xl__worksheets__sheet1_dot_xml=sheet)


def workbook_part(path: Path) -> Path:
    xml = base_parts()["xl/workbook.xml"]
    return workbook(
        path, xl__workbook_dot_xml=filled(xml[:-11], b"<x/>", b"</workbook>", room_for("xl/workbook.xml"))
    )


def empty_parts(path: Path) -> Path:
    """A zip of the most empty parts the file's size allows: zipfile reads its whole directory."""
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(MAX_FILE_BYTES // 100):  # about 100 bytes a part, names included
            archive.writestr(f"{number:x}", b"")
    return path


# -- CSV: just within the size, lines, line length and separators -------------------------------


def csv_file(text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(text.encode(encoding)[:MAX_FILE_BYTES])
        return path

    return make


def wide_csv_lines(cell: str) -> str:
    line = ",".join([cell] * MAX_COLUMNS) + "\n"
    count = min(MAX_ROWS + 1, MAX_FILE_BYTES // len(line.encode()))
    return line * count


CASES: dict[str, Callable[[Path], Path]] = {
    "xlsx: styles.xml of tiny elements": styles,
    "xlsx: shared strings of one letter": shared_strings,
    "xlsx: sheet, empty elements between rows": sheet_of(b"<x/>", "between rows"),
    "xlsx: sheet, one row of empty cells": sheet_of(b"<c/>", "in one row"),
    "xlsx: sheet, one cell's text": sheet_of(b"a", "one cell"),
    "xlsx: sheet of rows of 50 numbers": numbers_table,
    "xlsx: workbook.xml of tiny elements": workbook_part,
    "xlsx: styles, shared strings and sheet, each at its limit": every_part_at_its_limit,
    "xlsx: a 20 MB zip of empty parts": empty_parts,
    "csv: 5,001 lines x 50 cells of 80 letters": csv_file(wide_csv_lines("a" * 80)),
    "csv: the same in Windows-1251 Cyrillic": csv_file(wide_csv_lines("ж" * 80), "cp1251"),
    "csv: the same in 4-byte characters": csv_file(wide_csv_lines("😀" * 80)),
    "csv: 5,001 lines x 50 empty cells": csv_file(wide_csv_lines("")),
    "csv: separators at the limit, in one quoted record": csv_file(
        'agency,score\n"' + ("," * 50_000 + "\n") * (MAX_SEPARATORS // 50_000 - 1) + '"\n'
    ),
}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="importer-memory-") as folder:
        database = Path(folder) / "rating.db"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bot.importer",
                "--bundled",
                "--no-notify",
                "--create",
                "--database",
                str(database),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        floor, _ = measure("--help")
        print(f"{'floor: python -m bot.importer --help':58} {floor:5.0f} MB  1.00")
        for name, make in CASES.items():
            suffix = ".csv" if name.startswith("csv") else ".xlsx"
            path = make(Path(folder) / f"case{suffix}")
            peak, outcome = measure(str(path), "--year", "2026", "--dry-run", "--database", str(database))
            print(f"{name:58} {peak:5.0f} MB  {peak / floor:.2f}  exit {outcome.replace(str(path), 'FILE')}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_AS, (GUARD, GUARD))
    main()
