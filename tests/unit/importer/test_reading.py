"""Reading a rating file, called directly: a file in, header + rows of text or one ReadError line out.

The limits (``bot.importer.limits``) are checked at their edges: a file just within each
is read, one just past it is refused with a line that names the limit. The hostile files
of issue 14 are here with their exact shape (one cell at XFD1048576, a part that unpacks
to gigabytes, a 10 MB cell); that the importer stays within its memory bound on them is
measured on the real process in ``tests/property/test_importer_files.py``.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.importer.limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_OTHER_PARTS_BYTES,
    MAX_ROWS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_ZIP_MEMBERS,
    column_letter,
)
from bot.importer.reading import ReadError, read_table

HEADER = "agency,score,satisfaction\n"
ROW = "МИД,4.9,90\n"


def csv_file(tmp_path: Path, text: str, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ReadError) as refused:
        read_table(path)
    message = str(refused.value)
    assert "\n" not in message
    return message


# -- the file's size: refused before it is read ------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    with path.open("wb") as handle:  # sparse: nothing is written, nothing would be read
        handle.truncate(30 * 1024 * 1024)

    assert refusal(path) == "the file is 30.0 MB, more than the 20 MB an import file may have"


def test_a_file_one_byte_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)

    assert refusal(path).startswith("the file is 20.0 MB, more than the 20 MB")


# -- CSV: rows, columns, cells ------------------------------------------------------------------


def test_a_ten_megabyte_cell_is_refused_in_one_short_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + ROW + "x" * 10_000_000 + ",1,2\n")

    assert refusal(path) == "row 3: a cell longer than 1,000 characters"


@pytest.mark.parametrize(("length", "refused"), [(MAX_CELL_CHARS, False), (MAX_CELL_CHARS + 1, True)])
def test_a_csv_cell_at_the_limit_is_read_and_one_past_it_is_refused(
    tmp_path: Path, length: int, refused: bool
) -> None:
    path = csv_file(tmp_path, HEADER + f"МИД,{'5' * length},90\n")

    if refused:
        assert refusal(path) == "row 2, column B: a cell longer than 1,000 characters"
    else:
        assert read_table(path).rows[0]["score"] == "5" * length


@pytest.mark.parametrize(("rows", "refused"), [(MAX_ROWS, False), (MAX_ROWS + 1, True)])
def test_csv_rows_up_to_the_limit_are_read_and_one_more_is_refused(
    tmp_path: Path, rows: int, refused: bool
) -> None:
    path = csv_file(tmp_path, HEADER + ROW * rows)

    if refused:
        assert refusal(path) == (
            "more than 5,000 rows below the header (row 5,002 is past the limit, "
            "blank rows count too): a rating has one row per body"
        )
    else:
        assert len(read_table(path).rows) == MAX_ROWS


def test_blank_lines_past_the_row_limit_are_refused_not_read_on(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + ROW + "\n" * 19_000_000)

    assert "row 5,002 is past the limit" in refusal(path)


@pytest.mark.parametrize(("columns", "refused"), [(MAX_COLUMNS, False), (MAX_COLUMNS + 1, True)])
def test_csv_columns_up_to_the_limit_are_read_and_one_more_is_refused(
    tmp_path: Path, columns: int, refused: bool
) -> None:
    extra = columns - 3
    header = HEADER.strip() + "".join(f",extra {n}" for n in range(extra)) + "\n"
    path = csv_file(tmp_path, header + ROW.strip() + ",x" * extra + "\n")

    if refused:
        assert refusal(path) == f"more than 50 columns: row 1 has a value in column {column_letter(51)}"
    else:
        assert len(read_table(path).columns) == MAX_COLUMNS


def test_a_line_of_a_hundred_thousand_cells_is_refused_before_it_is_split(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + "ab," * 100_000 + "\n")

    assert refusal(path) == "more than 50 columns: row 2 has a value"


def test_a_row_with_more_cells_than_the_header_is_refused_not_shifted(tmp_path: Path) -> None:
    # pandas read every such row shifted by one column (the first cell became an index):
    # "МИД,4,9,90" (a decimal comma not in quotes) loaded MFA's score as 9, its satisfaction as 90.
    path = csv_file(tmp_path, HEADER + "МИД,4,9,90\nМО,4,8,95\n")

    assert refusal(path) == (
        "row 2 has 4 cells but the header has 3: put a cell that holds the separator in quotes"
    )


def test_empty_cells_past_the_header_and_short_rows_are_fine(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "agency,score,satisfaction,,\nМИД,4.9,90,,\nМО,4.8\n")

    table = read_table(path)

    assert table.columns == ["agency", "score", "satisfaction"]
    assert table.rows == [
        {"agency": "МИД", "score": "4.9", "satisfaction": "90"},
        {"agency": "МО", "score": "4.8", "satisfaction": ""},
    ]


def test_blank_lines_between_rows_keep_the_numbering_and_trailing_ones_are_dropped(tmp_path: Path) -> None:
    path = csv_file(tmp_path, HEADER + ROW + "\n  \n" + ROW + "\n\n\n")

    rows = read_table(path).rows

    assert [row["agency"] for row in rows] == ["МИД", "", "", "МИД"]


def test_headers_are_made_unique_and_an_empty_one_is_named(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "agency,,score,score\nМИД,x,4.9,90\n")

    assert read_table(path).columns == ["agency", "Unnamed: 1", "score", "score.1"]


def test_separator_decimal_comma_and_quotes_as_an_office_writes_them(tmp_path: Path) -> None:
    path = csv_file(tmp_path, '\n\n агентство;балл;удовлетворенность\r\n"Мин; юст";"4,9";97,5 %\r\n')

    table = read_table(path)

    assert table.rows == [{"агентство": "Мин; юст", "балл": "4,9", "удовлетворенность": "97,5 %"}]


def test_the_checksum_is_of_the_files_bytes(tmp_path: Path) -> None:
    import hashlib  # noqa: PLC0415 - this test only

    path = csv_file(tmp_path, HEADER + ROW)

    assert read_table(path).checksum == hashlib.sha256(path.read_bytes()).hexdigest()


# -- XLSX: a workbook written by hand, part by part ---------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def content_types(workbook: str = "/xl/workbook.xml", *, strings: bool = False) -> str:
    """The package's list of parts and their kinds, which openpyxl reads first."""
    shared = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SPREADSHEET}.sharedStrings+xml"/>'
        if strings
        else ""
    )
    return (
        f'<Types xmlns="{TYPES}"><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="{workbook}" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet+xml"/>'
        f"{shared}</Types>"
    )


def xlsx(
    path: Path,
    rows: str,
    *,
    strings: Sequence[str] | None = None,
    extra: dict[str, bytes] | None = None,
    workbook: str | None = None,
    prolog: str = "",
) -> Path:
    """A minimal workbook as Excel lays it out: ``rows`` is the XML inside <sheetData>, each
    of ``strings`` a shared text (or, starting with <si>, a shared text's XML); ``extra`` adds
    parts or replaces them."""
    shared_rel = (
        f'<Relationship Id="rId9" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>' if strings else ""
    )
    parts = {
        "[Content_Types].xml": content_types(strings=bool(strings)),
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": workbook
        or f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
        '<sheet name="Рейтинг" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>{shared_rel}</Relationships>',
        "xl/worksheets/sheet1.xml": f'{prolog}<worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>",
    }
    if strings:
        items = "".join(s if s.startswith("<si>") else f"<si><t>{s}</t></si>" for s in strings)
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{items}</sst>'
    data = {name: text.encode("utf-8") for name, text in parts.items()} | (extra or {})  # extra replaces
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    return path


def inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def number(reference: str, value: str) -> str:
    return f'<c r="{reference}"><v>{value}</v></c>'


HEADER_ROW = f'<row r="1">{inline("A1", "agency")}{inline("B1", "score")}{inline("C1", "satisfaction")}</row>'
MFA_ROW = f'<row r="2">{inline("A2", "МИД")}{number("B2", "4.9")}{number("C2", "90")}</row>'


def test_a_value_at_xfd1048576_is_refused_at_its_row(tmp_path: Path) -> None:
    # The 4,950-byte workbook of issue 14 (openpyxl's own writing): it took 24 GB.
    book = Workbook()
    sheet = book.active
    sheet.append(["agency", "score", "satisfaction"])
    sheet.append(["МИД", 4.9, 90])
    sheet.cell(row=1048576, column=16384, value=" ")
    path = tmp_path / "r.xlsx"
    book.save(path)

    assert refusal(path) == (
        "more than 5,000 rows below the header (row 5,002 is past the limit, "
        "blank rows count too): a rating has one row per body"
    )


def test_a_value_past_the_last_column_is_refused_naming_the_column(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW.replace("</row>", number("XFD2", "1") + "</row>"))

    assert refusal(path) == "more than 50 columns: row 2 has a value in column XFD"


def test_styled_empty_cells_far_away_are_not_values(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW.replace("</row>", '<c r="XFD2" s="3"/></row>'))

    assert read_table(path).rows == [{"agency": "МИД", "score": "4.9", "satisfaction": "90"}]


def test_a_part_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = b"\0" * (MAX_UNPACKED_BYTES + 1024 * 1024)  # deflates to about 50 KB
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW, extra={"xl/media/image1.bin": bomb})
    assert path.stat().st_size < 200_000

    assert refusal(path) == "the workbook unpacks to 51 MB, more than the 50 MB an import file may unpack to"


def test_a_zip_of_too_many_parts_is_refused(tmp_path: Path) -> None:
    extra = {f"junk/{n}": b"" for n in range(MAX_ZIP_MEMBERS)}
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW, extra=extra)

    assert refusal(path) == "the workbook has 1,005 parts, more than the 1,000 an import file may have"


def sheet_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return archive.getinfo("xl/worksheets/sheet1.xml").file_size


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
def test_a_worksheet_at_its_limit_is_read_and_one_byte_more_is_refused(
    tmp_path: Path, extra: int, refused: bool
) -> None:
    # openpyxl keeps a row's cells until it ends: 1 MB of "<c/>" in one row took 80 MB.
    bare = sheet_size(xlsx(tmp_path / "bare.xlsx", HEADER_ROW + MFA_ROW))
    padding = " " * (MAX_SHEET_BYTES - bare + extra)  # whitespace before the root element
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW, prolog=padding)

    if refused:
        assert refusal(path) == (
            "xl/worksheets/sheet1.xml (a worksheet) unpacks to 1,048,577 bytes, "
            "more than the 1 MB it may have"
        )
    else:
        assert read_table(path).rows == [{"agency": "МИД", "score": "4.9", "satisfaction": "90"}]


def test_parts_other_than_the_sheets_are_bounded_together(tmp_path: Path) -> None:
    half = b"\0" * (MAX_OTHER_PARTS_BYTES // 2)
    extra = {"xl/media/image1.png": half, "xl/media/image2.png": half}
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW, extra=extra)

    assert refusal(path).startswith(
        "the workbook's parts other than its worksheets and shared strings unpack to "
    )


def test_a_sheet_part_something_else_also_points_to_gets_the_small_limit(tmp_path: Path) -> None:
    # A chart sheet's relation to the same part: openpyxl would read it whole, as a tree.
    padding = " " * MAX_OTHER_PARTS_BYTES
    chart = f'<Relationship Id="rId5" Type="{DOC}/chartsheet" Target="worksheets/sheet1.xml"/>'
    rels = f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" '
    rels += f'Target="worksheets/sheet1.xml"/>{chart}</Relationships>'
    path = xlsx(
        tmp_path / "r.xlsx",
        HEADER_ROW + MFA_ROW,
        prolog=padding,
        extra={"xl/_rels/workbook.xml.rels": rels.encode()},
    )

    assert refusal(path).startswith("xl/worksheets/sheet1.xml (a part other than a worksheet) unpacks to ")


def test_shared_strings_are_bounded_by_their_own_limit(tmp_path: Path) -> None:
    strings = ["я" * 1000] * (MAX_SHARED_STRINGS_BYTES // 2000)  # 2 bytes a letter
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW, strings=strings)

    assert refusal(path).endswith("more than the 2 MB it may have")


@pytest.mark.parametrize("where", ["inline", "shared"])
def test_a_workbook_cell_past_the_length_limit_is_refused_with_its_place(tmp_path: Path, where: str) -> None:
    long = "я" * (MAX_CELL_CHARS + 1)
    if where == "inline":
        path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + f'<row r="2">{inline("A2", long)}</row>')
    else:
        path = xlsx(
            tmp_path / "r.xlsx", HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', strings=[long]
        )

    assert refusal(path) == "row 2, column A: a cell longer than 1,000 characters"


def test_a_long_shared_text_no_cell_uses_is_no_problem(tmp_path: Path) -> None:
    rows = HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>5</v></c></row>'
    path = xlsx(tmp_path / "r.xlsx", rows, strings=["x" * 100_000, "МИД"])

    assert read_table(path).rows == [{"agency": "МИД", "score": "5", "satisfaction": ""}]


def test_more_shared_texts_than_a_table_within_the_limits_can_use_are_refused(tmp_path: Path) -> None:
    strings = [str(n) for n in range(MAX_SHARED_STRINGS_BYTES // 10)]  # "<si><t>n</t></si>"
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW, strings=strings)

    assert refusal(path).startswith("xl/sharedStrings.xml (the shared strings) unpacks to ")
    assert refusal(path).endswith("more than the 2 MB it may have")


def test_a_cell_that_refers_to_a_text_the_workbook_lacks_is_refused(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "r.xlsx", HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>', strings=["x"]
    )

    assert refusal(path) == "cannot read the file as an XLSX workbook (IndexError: list index out of range)"


def test_a_sheet_that_is_not_xml_is_refused_in_one_line(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + "<row r='2'><c>")

    assert refusal(path).startswith("cannot read the file as an XLSX workbook (ParseError: ")


def test_entities_that_expand_a_billion_fold_are_refused(tmp_path: Path) -> None:
    levels = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<!DOCTYPE worksheet [<!ENTITY e0 "ха-ха">{levels}]>'
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + f'<row r="2">{inline("A2", "&e9;")}</row>', prolog=bomb)

    assert refusal(path) == "xl/worksheets/sheet1.xml declares a DTD, which no workbook needs"


def test_a_workbook_without_a_sheet_is_refused(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "r.xlsx", "", workbook=f'<workbook xmlns="{MAIN}"><sheets/></workbook>')

    assert refusal(path) == "the workbook has no sheet"


HOSTILE_NAME = "\x9b2J\u202e" + "x" * 500  # CSI (C1) clears a terminal, U+202E reverses the line


def _points_to(path: Path, target: str, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types("/" + target))
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize("present", [False, True], ids=["missing-part", "part-with-a-dtd"])
def test_a_part_name_in_an_error_is_quoted_short_and_inert(tmp_path: Path, present: bool) -> None:
    parts = {HOSTILE_NAME: "<!DOCTYPE workbook><workbook/>"} if present else {}
    path = _points_to(tmp_path / "r.xlsx", HOSTILE_NAME, parts)

    message = refusal(path)

    assert not {"\x9b", "\u202e"} & set(message)
    assert "x9b2J" in message
    assert len(message) < 200


def test_workbook_values_come_as_pandas_gave_them(tmp_path: Path) -> None:
    rows = (
        HEADER_ROW.replace("</row>", inline("D1", "note") + "</row>")
        + f'<row r="2">{inline("A2", " МИД ")}{number("B2", "5.0")}{number("C2", "97.5")}'
        '<c r="D2" t="b"><v>1</v></c></row>'
        f'<row r="3"><c r="A3" t="s"><v>0</v></c>{number("B3", "1E-7")}'
        '<c r="C3" t="str"><f>A1</f><v>computed</v></c><c r="D3" t="e"><v>#N/A</v></c></row>'
        # row 4 is left out: a blank row; row 5's cells have no references
        '<row r="5"><c t="inlineStr"><is><r><t>Мин</t></r><r><t>юст</t></r></is></c><c><v>4</v></c></row>'
    )
    # A shared text in runs, with a phonetic reading Excel keeps beside it (not part of the text).
    path = xlsx(
        tmp_path / "r.xlsx",
        rows,
        strings=["<si><r><t>Мин</t></r><r><t>фин</t></r><rPh sb='0' eb='3'><t>みん</t></rPh></si>"],
    )

    table = read_table(path)

    assert table.columns == ["agency", "score", "satisfaction", "note"]
    assert [list(row.values()) for row in table.rows] == [
        ["МИД", "5", "97.5", "True"],
        ["Минфин", "1e-07", "computed", "#N/A"],
        ["", "", "", ""],
        ["Минюст", "4", "", ""],
    ]


def test_openpyxls_asides_do_not_reach_the_terminal(tmp_path: Path) -> None:
    # A workbook with no default style: openpyxl warned on stderr, a second, unasked-for line.
    styles = {"xl/styles.xml": f'<styleSheet xmlns="{MAIN}"/>'.encode()}
    path = xlsx(tmp_path / "r.xlsx", HEADER_ROW + MFA_ROW, extra=styles)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = read_table(path).rows

    assert rows == [{"agency": "МИД", "score": "4.9", "satisfaction": "90"}]
    assert [str(w.message) for w in caught] == []


def test_a_workbook_as_openpyxl_writes_it(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Государственный орган", "Балл", None, "Удовлетворенность, %"])
    sheet.append(["Министерство обороны", 4.97, None, 97.6])
    sheet.append([None, None, None, None])
    sheet.append(["МИД", 5, None, 100])
    path = tmp_path / "r.xlsx"
    book.save(path)

    table = read_table(path)

    assert table.columns == ["Государственный орган", "Балл", "Unnamed: 2", "Удовлетворенность, %"]
    assert [list(row.values()) for row in table.rows] == [
        ["Министерство обороны", "4.97", "", "97.6"],
        ["", "", "", ""],
        ["МИД", "5", "", "100"],
    ]
