"""How big an import file may be: the bounds that keep any file, however hostile, cheap to refuse.

A rating lists a few dozen bodies in a handful of columns, so every bound here is far
above a real file and far below what could hurt: with them the importer stays under
300 MB of memory (RSS, the whole process, pandas and openpyxl loaded) whatever a file
contains or claims to contain. Without them a 4,950-byte XLSX with one cell at XFD1048576
took 24 GB, and a 1 MB XLSX whose one cell holds 1 GB took 6.4 GB. pandas and openpyxl
build what they read before a cell can be checked (openpyxl, even read-only, loads every
part but the sheets whole), so what they are given is bounded first, cheaply: the file's
size before a byte is read; an XLSX's declared part sizes, part by part, before openpyxl
opens it; a CSV's lines before pandas parses it. Rows, columns and cells are then checked
as they come, and the first one past a limit is refused in one line that names it. The
part limits were chosen by measuring openpyxl's peak memory at each (``bench/README.md``,
"Importer memory"); ``tests/property/test_importer_files.py`` measures the bound on the
process.
"""

from __future__ import annotations

#: The file itself, checked before it is read: a rating table is a few kilobytes.
MAX_FILE_BYTES = 20 * 1024 * 1024

#: What an XLSX (a zip) says it unpacks to, all its parts together. zipfile stops at the
#: size a part declares (and fails its checksum when the part is longer), so checking the
#: declared sizes before opening the workbook bounds what the XML parser is ever fed.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

#: A worksheet, which openpyxl streams row by row, but it keeps a row's cells until the
#: row ends, and any element it does not know: 1 MB of "<c/>" in one row took 80 MB.
#: 1 MB holds about 25,000 cells, a rating about 400.
MAX_SHEET_BYTES = 1024 * 1024

#: The shared strings (every text of the workbook, once), which openpyxl loads whole:
#: 5 MB of one-letter texts took 28 MB.
MAX_SHARED_STRINGS_BYTES = 2 * 1024 * 1024

#: Every other part together (styles, the workbook, relations, a theme, images), which
#: openpyxl loads whole, styles as a tree of objects: 1 MB of them took 125 MB. A real
#: workbook's other parts take 20-100 KB.
MAX_OTHER_PARTS_BYTES = 512 * 1024

#: Parts of an XLSX: a workbook has about ten; a zip of many tiny parts is no table.
MAX_ZIP_MEMBERS = 1_000

#: Rows below the header, blank ones included: one per body (about 40), with room to spare.
MAX_ROWS = 5_000

#: Columns: the importer reads at most eight, a table may carry a few more of its own.
MAX_COLUMNS = 50

#: The widest a sheet can be (XFD): a workbook's rows are read this wide, so that a value
#: anywhere past ``MAX_COLUMNS`` is seen and refused, not dropped.
LAST_COLUMN = 16_384

#: Characters in one cell: a body's longest name has 65, the bundled notes about 200.
MAX_CELL_CHARS = 1_000

#: The longest CSV line pandas is given: every cell of a row at its longest, each quote
#: in it doubled, plus its quotes and separator. A longer line is refused before it is
#: split (pandas would hold every cell of it at once).
MAX_LINE_CHARS = MAX_COLUMNS * (2 * MAX_CELL_CHARS + 3)

#: Characters of file content an error message quotes (then "…"): enough to recognize a
#: name, never a screenful (see ``bot.importer.excerpt``).
EXCERPT_CHARS = 40


# -- what the operator is told when a limit is passed (one line each, naming the limit) --------


def beyond_rows(number: int) -> str:
    return (
        f"more than {MAX_ROWS:,} rows below the header (row {number:,} is past the limit, "
        "blank rows count too): a rating has one row per body"
    )


def too_many_columns(number: int, column: int | None = None) -> str:
    where = f" in column {column_letter(column)}" if column else ""
    return f"more than {MAX_COLUMNS} columns: row {number:,} has a value{where}"


def cell_too_long(number: int, column: int | None = None) -> str:
    where = f", column {column_letter(column)}" if column else ""
    return f"row {number:,}{where}: a cell longer than {MAX_CELL_CHARS:,} characters"


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD: the column as a spreadsheet names it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
