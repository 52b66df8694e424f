"""An export table written as a file: XLSX (openpyxl) or CSV (the standard library).

openpyxl is imported only when an XLSX is asked for, so the bot starts without it; the
bot process never loads pandas. Both writers are pure (a table in, bytes out) and take a
few tens of milliseconds: the handler runs them in a thread.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from bot.views.export import Cell, CellKind, ExportTable

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

#: How many decimals a number of each kind is written with, at least.
DECIMALS: dict[CellKind, int] = {
    "rank": 0,
    "score": 2,
    "percent": 1,
    "score_change": 2,
    "percent_change": 1,
    "places": 0,
}
#: The sheet's number format of each kind; a change shows its sign.
NUMBER_FORMATS: dict[CellKind, str] = {
    "rank": "0",
    "score": "0.00",
    "percent": "0.0",
    "score_change": "+0.00;-0.00;0.00",
    "percent_change": "+0.0;-0.0;0.0",
    "places": "+0;-0;0",
}
#: What a spreadsheet reads as the start of a formula: a text never starts a cell with one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Column widths of the table, in characters (the body's name is the long one).
WIDTHS = (8, 60, 12, 12, 12, 14, 10, 18, 14, 18, 14, 40, 26)


def write(table: ExportTable, file_format: str) -> bytes:
    """The file's bytes; ``file_format`` is "xlsx" or "csv"."""
    if file_format == "csv":
        return write_csv(table)
    if file_format == "xlsx":
        return write_xlsx(table)
    raise ValueError(f"unknown export format: {file_format!r}")


def csv_value(cell: Cell) -> str:
    """A number in plain digits with a point (4.90, -0.03, 2); a text as it is, defused."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, str):
        return defused(cell.value)
    if cell.kind == "text":
        return str(cell.value)
    return plain_number(cell.value, DECIMALS[cell.kind])


def plain_number(value: int | float, decimals: int) -> str:
    """At least ``decimals`` decimals, and every digit the value has beyond them; no "-0"."""
    if isinstance(value, int) and decimals == 0:
        return str(value)
    text = f"{value:.{decimals}f}"
    if float(text) != value:
        text = repr(float(value))
    return text.removeprefix("-") if float(text) == 0 else text


def defused(text: str) -> str:
    """A text a spreadsheet would take for a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(table: ExportTable) -> bytes:
    """UTF-8 with a BOM (so Excel reads Cyrillic right), commas, one header row, CRLF lines.

    Only the table: no comment lines, which would break the programs that read CSV; the
    source and the meaning of the marks go in the document's caption.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([defused(header) for header in table.headers])
    writer.writerows([csv_value(cell) for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8-sig")


def number_format(cell: Cell) -> str:
    """The kind's format, with the cards' "*" after a marked value: still a number."""
    base = NUMBER_FORMATS[cell.kind]
    if not cell.marked:
        return base
    return ";".join(f'{part}"*"' for part in base.split(";"))


def write_xlsx(table: ExportTable) -> bytes:
    """Two sheets: the table (a frozen, filterable header row) and what the figures are."""
    from openpyxl import Workbook  # noqa: PLC0415 - only when an XLSX is asked for
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = table.sheet_name
    bold = Font(bold=True)
    _put_row(sheet, 1, [Cell(header) for header in table.headers], bold)
    for number, row in enumerate(table.rows, start=2):
        _put_row(sheet, number, row)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{sheet.cell(1, len(table.headers)).column_letter}{len(table.rows) + 1}"
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width

    about = book.create_sheet(table.about_name)
    for number, (what, text) in enumerate(table.about, start=1):
        _put_row(about, number, [Cell(what), Cell(text)])
        about.cell(number, 1).font = bold
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 100

    book.properties.creator = "GosRating bot"
    book.properties.title = table.sheet_name
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _put_row(
    sheet: Worksheet, number: int, cells: tuple[Cell, ...] | list[Cell], font: Font | None = None
) -> None:
    """Cells from column A; an absent value leaves its cell empty."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 - openpyxl is loaded by now

    for column, cell in enumerate(cells, start=1):
        if cell.value is None:
            continue
        target = sheet.cell(number, column)
        if isinstance(cell.value, str):
            target.value = ILLEGAL_CHARACTERS_RE.sub("", cell.value)
            target.data_type = "s"  # a text, even one starting with "=": never a formula
        else:
            target.value = cell.value
            target.number_format = number_format(cell)
        if font is not None:
            target.font = font
