"""The files /export sends, opened again with openpyxl and csv and compared with the book.

The bundled data is checked against ``data/`` read with plain ``csv`` (names from
``agencies.csv``, figures and provenance from ``ratings/*.csv``), with ranks and changes
worked out here independently, in each language: every value, every provenance code.
"""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.bodies import load_agencies
from bot.domain.catalog import read_book
from bot.domain.snapshot import Snapshot
from bot.export.writer import csv_value, plain_number, write, write_csv, write_xlsx
from bot.store import Store
from bot.views.export import Cell, ExportTable, export_table
from tests.unit.conftest import DATA
from tests.unit.views.conftest import LANGUAGES, Speaker

ROOT = Path(__file__).resolve().parents[3]
BOM = b"\xef\xbb\xbf"


def read_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def sheet_rows(sheet: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


# -- the small book ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_xlsx_holds_the_table_and_the_about_sheet(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    table = speak(language, export_table, snapshot, 2025)

    book = read_xlsx(write(table, "xlsx"))

    assert book.sheetnames == [table.sheet_name, table.about_name]
    rows = sheet_rows(book[table.sheet_name])
    assert tuple(rows[0]) == table.headers
    assert rows[1:] == [[cell.value for cell in row] for row in table.rows]
    assert rows[1][:7] == [1, table.rows[0][1].value, 4.86, 97.5, 0.06, 1.5, 1]
    assert [tuple(r) for r in sheet_rows(book[table.about_name])] == list(table.about)
    assert book[table.sheet_name].freeze_panes == "C2"


def test_an_illustrative_value_shows_the_cards_mark_and_stays_a_number(
    speak: Speaker, snapshot: Snapshot
) -> None:
    table = speak("ru", export_table, snapshot, 2025)

    sheet = read_xlsx(write_xlsx(table))[table.sheet_name]

    mes = sheet[3]  # 2nd body: its 2025 score is illustrative, and so its score change
    assert [c.value for c in mes[:7]] == [
        2,
        "Министерство по чрезвычайным ситуациям",
        4.7,
        95.0,
        -0.2,
        -3.0,
        -1,
    ]
    assert [c.data_type for c in mes[:7]] == ["n", "s", "n", "n", "n", "n", "n"]
    assert [c.number_format for c in mes[:7]] == [
        '0"*"',
        "General",
        '0.00"*"',
        "0.0",
        '+0.00"*";-0.00"*";0.00"*"',
        "+0.0;-0.0;0.0",
        '+0"*";-0"*";0"*"',
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_csv_is_utf8_with_a_bom_commas_and_one_header_row(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    table = speak(language, export_table, snapshot, 2025)

    data = write(table, "csv")

    rows = read_csv(data)
    assert tuple(rows[0]) == table.headers
    assert [row[:7] for row in rows[1:]] == [
        ["1", table.rows[0][1].value, "4.86", "97.5", "0.06", "1.5", "1"],
        ["2", table.rows[1][1].value, "4.70", "95.0", "-0.20", "-3.0", "-1"],
        ["2", table.rows[2][1].value, "4.70", "95.0", "0.30", "3.7", "2"],
    ]
    assert [row[8] for row in rows[1:]] == ["published", "illustrative", "published"]
    assert [row[10] for row in rows[1:]] == ["published", "published", "illustrative"]
    assert data.count(b"\r\n") == 4
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partial_year_leaves_the_rank_and_changes_empty(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    table = speak(language, export_table, snapshot, 2020)

    rows = read_csv(write_csv(table))[1:]
    sheet = read_xlsx(write_xlsx(table))[table.sheet_name]

    assert [row[0] for row in rows] == ["", ""]
    assert [row[2:7] for row in rows] == [["4.20", "88.0", "", "", ""], ["4.10", "85.0", "", "", ""]]
    assert [row[12] for row in rows] == ["partial", "partial"]
    assert [sheet.cell(r, 1).value for r in (2, 3)] == [None, None]


def test_a_text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text() -> None:
    formula = '=HYPERLINK("http://evil.example","click")'
    table = ExportTable(
        2025, False, "R", ("a", "b"), ((Cell(formula), Cell(1, "rank")),), "A", (("x", formula),)
    )

    sheet = read_xlsx(write_xlsx(table))
    rows = read_csv(write_csv(table))

    assert sheet["R"]["A2"].value == formula
    assert sheet["R"]["A2"].data_type == "s"
    assert sheet["A"]["B1"].data_type == "s"
    assert rows[1] == ["'" + formula, "1"]


def test_characters_a_sheet_cannot_hold_are_dropped_not_fatal() -> None:
    table = ExportTable(2025, False, "R", ("a",), ((Cell("Мин\x00истер\x1bство"),),), "A", ())

    assert read_xlsx(write_xlsx(table))["R"]["A2"].value == "Министерство"


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [
        (4.9, 2, "4.90"),
        (95.25, 1, "95.25"),
        (-0.0, 2, "0.00"),
        (-0.2, 2, "-0.20"),
        (3, 0, "3"),
        (0.05, 1, "0.05"),
    ],
)
def test_a_number_is_written_with_every_digit_it_has(value: float, decimals: int, written: str) -> None:
    assert plain_number(value, decimals) == written


def test_an_empty_cell_is_an_empty_field() -> None:
    assert csv_value(Cell(None, "score")) == ""


def test_an_unknown_format_is_refused(speak: Speaker, snapshot: Snapshot) -> None:
    table = speak("en", export_table, snapshot, 2025)

    with pytest.raises(ValueError, match="pdf"):
        write(table, "pdf")


# -- the bundled data, against data/ ----------------------------------------------------------


def data_file(year: int) -> dict[str, dict[str, str]]:
    """A year's rows from data/ratings, by the body's Russian name."""
    with (DATA / "ratings" / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["agency"]: row for row in csv.DictReader(handle)}


def names(language: str) -> dict[str, str]:
    """The body's name in ``language`` by its Russian name, from agencies.csv."""
    with (DATA / "agencies.csv").open(encoding="utf-8", newline="") as handle:
        return {row["name_ru"]: row[f"name_{language}"] for row in csv.DictReader(handle)}


def competition_ranks(rows: dict[str, dict[str, str]]) -> dict[str, int]:
    """1, 2, 2, 4 by score, then satisfaction, both descending."""
    figures = {name: (Decimal(r["score"]), Decimal(r["satisfaction"])) for name, r in rows.items()}
    return {name: 1 + sum(other > mine for other in figures.values()) for name, mine in figures.items()}


@pytest.fixture(scope="module")
def bundled(bundled_template: Path) -> Snapshot:
    async def load() -> Snapshot:
        async with await Store.open(bundled_template) as store:
            book = await read_book(store)
        return Snapshot.build(book, load_agencies())

    return asyncio.run(load())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_bundled_2025_table_is_the_data_files_in_every_language(
    speak: Speaker, bundled: Snapshot, language: str, file_format: str
) -> None:
    now, before = data_file(2025), data_file(2024)
    ranks_now, ranks_before = competition_ranks(now), competition_ranks(before)
    named = names(language)
    table = speak(language, export_table, bundled, 2025)

    data = write(table, file_format)
    if file_format == "csv":
        rows = read_csv(data)[1:]
    else:
        rows = [
            [("" if v is None else v) for v in row]
            for row in sheet_rows(read_xlsx(data)[table.sheet_name])[1:]
        ]

    by_name = {row[1]: row for row in rows}
    assert len(rows) == len(now) == 32
    assert set(by_name) == {named[name] for name in now}
    for name, source in now.items():
        row = by_name[named[name]]
        then = before[name]
        expected = [
            ranks_now[name],
            Decimal(source["score"]),
            Decimal(source["satisfaction"]),
            Decimal(source["score"]) - Decimal(then["score"]),
            Decimal(source["satisfaction"]) - Decimal(then["satisfaction"]),
            ranks_before[name] - ranks_now[name],
        ]
        got = [row[0], *row[2:7]]
        assert [Decimal(str(v)) for v in got] == expected, name
        assert row[8] == source["score_provenance"]
        assert row[10] == source["satisfaction_provenance"], name
        # every 2024 value is illustrative: every rank and change of 2025 is worked out from one
        assert row[12] == "illustrative:rank;score_change;satisfaction_change;places_change", name
    assert {row[8] for row in rows} == {"article", "illustrative"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_bundled_partial_year_has_its_published_figures_and_no_ranks(
    speak: Speaker, bundled: Snapshot, language: str
) -> None:
    published = data_file(2020)
    named = names(language)
    table = speak(language, export_table, bundled, 2020)

    rows = read_csv(write_csv(table))[1:]

    assert {row[1]: (row[0], row[2], row[3], row[8], row[10]) for row in rows} == {
        named[name]: ("", r["score"], r["satisfaction"], r["score_provenance"], r["satisfaction_provenance"])
        for name, r in published.items()
    }


# -- the bot process --------------------------------------------------------------------------


def test_the_bot_starts_without_openpyxl_and_loads_it_for_the_first_xlsx_only() -> None:
    probe = (
        "import sys, bot.__main__, handlers, handlers.export\n"
        "from bot.export.writer import write\n"
        "from bot.views.export import ExportTable, Cell\n"
        "table = ExportTable(2025, False, 'R', ('a',), ((Cell(1.0, 'score'),),), 'A', ())\n"
        "loaded = lambda: sorted(m for m in ('openpyxl', 'pandas') if m in sys.modules)\n"
        "print(loaded()); write(table, 'csv'); print(loaded()); write(table, 'xlsx'); print(loaded())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert result.stdout.split("\n")[:3] == ["[]", "[]", "['openpyxl']"]
