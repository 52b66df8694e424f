"""The import script, run as the operator runs it: ``python -m bot.importer FILE ...``.

Every test starts from a database loaded with the bundled data (2020 partial, 2024,
2025), runs ``bot.importer.cli.main`` on a file written here, and checks three things the
operator relies on: the exit code, the line(s) printed, and what is in the database
afterwards, read with plain ``sqlite3``. A bad file must leave the whole database (every
table: ratings, releases, bodies, chats, outbox...) exactly as it was.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import zipfile
from collections import Counter
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from bot.domain.bodies import load_agencies
from bot.importer.cli import main
from bot.store.schema import SCHEMA_VERSION
from tests.unit.conftest import RATINGS, Importer, query, read_bundled, snapshot, write_csv

# A small valid release for a year not loaded yet. Row numbers as a spreadsheet shows
# them: the header is row 1, so MFA is row 2 and Finance row 5.
NEW_YEAR = 2026
GOOD = [
    ["Министерство иностранных дел", "4.91", "94.1"],
    ["Министерство обороны", "4.97", "97.6"],
    ["Министерство юстиции", "4.89", "92.4"],
    ["Министерство финансов", "4.88", "92.0"],
]
GOOD_SLUGS = ["mfa", "mod", "moj", "mof"]


def with_row(number: int, row: list[str]) -> list[list[str]]:
    """GOOD with the row a spreadsheet numbers ``number`` replaced."""
    rows = [list(r) for r in GOOD]
    rows[number - 2] = row
    return rows


def ratings_of(database: Path, year: int) -> dict[str, tuple[float, float]]:
    return {
        str(agency): (float(score), float(satisfaction))  # type: ignore[arg-type]
        for agency, score, satisfaction in query(
            database, "SELECT agency, score, satisfaction FROM ratings WHERE year = ?", year
        )
    }


def releases_of(database: Path, year: int) -> list[tuple[object, ...]]:
    return query(
        database,
        "SELECT id, source, file_name, partial, row_count, replaces FROM releases WHERE year = ? ORDER BY id",
        year,
    )


def assert_rejected(run_import: Importer, database: Path, path: Path, *args: str) -> str:
    """Import a bad file; it must exit 1, say nothing was written, and write nothing."""
    before = snapshot(database)
    result = run_import(path, *args)
    assert result.code == 1, result
    assert "nothing was written" in result.err
    assert result.out == ""
    assert snapshot(database) == before
    return result.err


# -- a bad file: exit 1, every problem printed, and nothing written --------------------------
# What each problem says, row by row, is checked on the validation itself in test_validation.py.


def test_header_without_rows_is_reported_as_empty_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", [])

    err = assert_rejected(run_import, database, path, "--year", str(NEW_YEAR))

    assert "the file is empty" in err


@pytest.mark.parametrize("content", [b"", b"\r\n \r\n"], ids=["zero-bytes", "blank-lines"])
def test_empty_file_cannot_be_used_exit_2_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    before = snapshot(database)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 2
    assert "the file is empty" in result.err
    assert snapshot(database) == before


def test_every_problem_is_reported_not_only_the_first(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = [
        ["Министерство иностранных дел", "4.91", "94.1"],
        ["Министерство магии", "4.5", "90"],
        ["Министерство обороны", "7", "97.6"],
        ["Министерство юстиции", "4.89", "101"],
        ["MFA", "4.9", "90"],
    ]
    path = write_csv(tmp_path / "r.csv", rows)

    err = assert_rejected(run_import, database, path, "--year", str(NEW_YEAR))

    assert err.splitlines() == [
        f"{path}: 4 problem(s), nothing was written:",
        "  row 3: unknown agency «Министерство магии»",
        "  row 4: the score 7 is outside 0..5",
        "  row 5: the satisfaction 101 is outside 0..100",
        "  row 6: duplicate agency: «MFA» is already on row 2",
    ]


def test_a_bad_row_in_a_correction_keeps_the_year_as_it_was(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = read_bundled(2025)
    rows[0]["score"] = "5.5"
    path = write_csv(tmp_path / "2025.csv", [list(r.values()) for r in rows], header=list(rows[0]))

    err = assert_rejected(run_import, database, path)

    assert "row 2: the score 5.5 is outside 0..5" in err
    assert ratings_of(database, 2025)["acj"] == (5.0, 99.8)


def test_a_blank_line_does_not_shift_the_row_numbers(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    # A spreadsheet shows the blank line as row 3, so the bad row is row 4.
    path = tmp_path / "r.csv"
    path.write_text(
        "agency,score,satisfaction\nМинистерство иностранных дел,4.91,94.1\n\nМинистерство обороны,9,97.6\n",
        encoding="utf-8",
    )

    err = assert_rejected(run_import, database, path, "--year", str(NEW_YEAR))

    assert "row 4: the score 9 is outside 0..5" in err


def test_blank_rows_in_a_workbook_are_skipped_not_reported(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        [GOOD[0], [None, None, None], GOOD[1]], columns=["Орган", "Балл", "Удовлетворенность"]
    )
    path = tmp_path / "r.xlsx"
    frame.to_excel(path, index=False)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert sorted(ratings_of(database, NEW_YEAR)) == ["mfa", "mod"]


# -- files that cannot be used at all: exit 2 -----------------------------------------------


def test_missing_file_exits_2_naming_the_file_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    before = snapshot(database)
    missing = tmp_path / "nowhere.csv"

    result = run_import(missing, "--year", str(NEW_YEAR))

    assert result.code == 2
    assert result.err.strip() == f"{missing}: no such file"
    assert snapshot(database) == before


def test_binary_file_exits_2_saying_it_is_not_text(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"agency,score\n\x98\xff\x00\x81,1\n")  # 0x98 is not Windows-1251 either
    before = snapshot(database)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 2
    assert "neither UTF-8 nor Windows-1251" in result.err
    assert snapshot(database) == before


def _truncated_workbook(path: Path) -> Path:
    pd.DataFrame([GOOD[0]], columns=["agency", "score", "satisfaction"]).to_excel(path, index=False)
    path.write_bytes(path.read_bytes()[:200])
    return path


def _zip_that_is_no_workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return path


def _empty_workbook_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize("make", [_truncated_workbook, _zip_that_is_no_workbook, _empty_workbook_file])
def test_damaged_workbook_exits_2_with_one_line_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path, make: object
) -> None:
    path = make(tmp_path / "r.xlsx")  # type: ignore[operator]
    before = snapshot(database)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 2
    assert result.err.startswith(f"{path}: ")
    assert len(result.err.strip().splitlines()) == 1
    assert snapshot(database) == before


def test_database_from_a_newer_schema_exits_2_and_is_left_alone(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(database)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = snapshot(database)
    path = write_csv(tmp_path / "r.csv", GOOD)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 2
    assert "newer" in result.err
    assert "Traceback" not in result.err
    assert snapshot(database) == before


def test_database_that_is_not_sqlite_exits_2_and_is_left_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_database = tmp_path / "rating.db"
    not_a_database.write_text("notes, not a database\n", encoding="utf-8")
    run_import = Importer(not_a_database, capsys)

    result = run_import(write_csv(tmp_path / "r.csv", GOOD), "--year", str(NEW_YEAR))

    assert result.code == 2
    assert result.err.splitlines() == [
        f"{not_a_database} is not an SQLite database (file is not a database): "
        "restore a backup or move it away"
    ]  # was: the path twice, "{path}: {path} is not ..."
    assert not_a_database.read_text(encoding="utf-8") == "notes, not a database\n"


def test_neither_file_nor_bundled_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([])

    assert stopped.value.code == 2
    assert "give a FILE to import, or --bundled" in capsys.readouterr().err


# -- loading, reloading and correcting ------------------------------------------------------


def test_new_year_is_loaded_with_its_file_name_checksum_and_source(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)

    result = run_import(path, "--year", str(NEW_YEAR), "--source", "Kazinform, 2027-01-30")

    assert result.code == 0
    assert result.out.strip() == f"{NEW_YEAR}: loaded a new release (4 bodies)."
    assert ratings_of(database, NEW_YEAR) == {
        "mfa": (4.91, 94.1),
        "mod": (4.97, 97.6),
        "moj": (4.89, 92.4),
        "mof": (4.88, 92.0),
    }
    [(_, source, file_name, partial, row_count, replaces)] = releases_of(database, NEW_YEAR)
    assert (source, file_name, partial, row_count, replaces) == ("Kazinform, 2027-01-30", "r.csv", 0, 4, None)
    [(checksum,)] = query(database, "SELECT checksum FROM releases WHERE year = ?", NEW_YEAR)
    assert checksum == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_release_without_a_source_names_none_not_the_file(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "gosrating.csv", GOOD)

    assert run_import(path, "--year", str(NEW_YEAR)).code == 0

    assert query(
        database, "SELECT publisher, published, url, source_kind FROM releases WHERE year = ?", NEW_YEAR
    ) == [("", "", "", "")]


def test_the_source_is_kept_in_parts_and_a_correction_without_one_keeps_it(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    first = write_csv(tmp_path / "first.csv", GOOD)
    source = [
        "--publisher",
        "ASP",
        "--published",
        "2027-01-30",
        "--url",
        "https://example.org/r",
        "--kind",
        "official",
    ]
    assert run_import(first, "--year", str(NEW_YEAR), *source).code == 0
    corrected = write_csv(tmp_path / "corrected.csv", [[GOOD[0][0], "4.11", GOOD[0][2]], *GOOD[1:]])

    assert run_import(corrected, "--year", str(NEW_YEAR)).code == 0

    rows = query(
        database,
        "SELECT publisher, published, url, source_kind FROM releases WHERE year = ? ORDER BY id",
        NEW_YEAR,
    )
    assert rows == [("ASP", "2027-01-30", "https://example.org/r", "official")] * 2


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("--published", "2027-13-01"),
        ("--published", "30.01.2027"),
        ("--url", "example.org"),
        ("--kind", "blog"),
    ],
)
def test_a_source_part_that_is_not_one_is_refused_before_anything_is_read(
    run_import: Importer, database: Path, tmp_path: Path, argument: str, value: str
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)
    before = snapshot(database)

    with pytest.raises(SystemExit) as stopped:
        run_import(path, "--year", str(NEW_YEAR), argument, value)

    assert stopped.value.code == 2
    assert snapshot(database) == before


def test_provenance_defaults_to_published_and_columns_are_kept(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = [[*GOOD[0], "article", "illustrative", "range endpoint"], [*GOOD[1], "", "", ""]]
    header = ["agency", "score", "satisfaction", "score_provenance", "satisfaction_provenance", "note"]
    path = write_csv(tmp_path / "r.csv", rows, header=header)

    assert run_import(path, "--year", str(NEW_YEAR)).code == 0

    assert query(
        database,
        "SELECT agency, score_provenance, satisfaction_provenance, note FROM ratings "
        "WHERE year = ? ORDER BY agency",
        NEW_YEAR,
    ) == [("mfa", "article", "illustrative", "range endpoint"), ("mod", "published", "published", "")]


def test_same_file_again_changes_nothing_and_says_so(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)
    assert run_import(path, "--year", str(NEW_YEAR)).code == 0
    after_first = snapshot(database)

    again = run_import(path, "--year", str(NEW_YEAR))

    assert again.code == 0
    assert again.out.strip() == f"{NEW_YEAR}: the same figures are already loaded; nothing changed."
    assert snapshot(database) == after_first


def test_bundled_file_again_changes_nothing_and_says_so(run_import: Importer, database: Path) -> None:
    before = snapshot(database)

    result = run_import(RATINGS / "2025.csv")

    assert result.code == 0
    assert "2025: the same figures are already loaded; nothing changed." in result.out
    assert snapshot(database) == before


def test_bundled_data_again_changes_nothing_and_says_so_for_every_year(
    run_import: Importer, database: Path
) -> None:
    before = snapshot(database)

    result = run_import("--bundled")

    assert result.code == 0
    assert result.out.splitlines() == [
        f"{year}: the same figures are already loaded; nothing changed." for year in (2020, 2024, 2025)
    ]
    assert snapshot(database) == before


def test_same_figures_in_another_format_still_change_nothing(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    # The same 2024 figures re-saved from Excel as Windows-1251 with semicolons and decimal commas.
    rows = [
        [
            r["agency"],
            r["score"].replace(".", ","),
            r["satisfaction"].replace(".", ","),
            r["score_provenance"],
            r["satisfaction_provenance"],
            r["note"],
        ]
        for r in read_bundled(2024)
    ]
    header = [
        "Орган",
        "Балл",
        "Удовлетворенность, %",
        "Источник балла",
        "Источник удовлетворенности",
        "Примечание",
    ]
    path = write_csv(tmp_path / "рейтинг 2024.csv", rows, header=header, sep=";", encoding="cp1251")
    before = snapshot(database)

    result = run_import(path)

    assert result.code == 0, result.err
    assert "2024: the same figures are already loaded; nothing changed." in result.out
    assert snapshot(database) == before


def test_corrected_release_replaces_the_year_and_says_what_changed(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    [(old_release, *_)] = releases_of(database, 2025)
    rows = read_bundled(2025)
    mfa = next(r for r in rows if r["agency"] == "Министерство иностранных дел")
    mfa["score"], mfa["satisfaction"] = "4.5", "90.0"
    path = write_csv(tmp_path / "2025-corrected.csv", [list(r.values()) for r in rows], header=list(rows[0]))
    expected = ratings_of(database, 2025) | {"mfa": (4.5, 90.0)}
    other_years = {year: (ratings_of(database, year), releases_of(database, year)) for year in (2020, 2024)}

    result = run_import(path, "--year", "2025")

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "2025: a corrected release replaced the one loaded before:",
        "  changed Министерство иностранных дел: score 4.91 -> 4.5, satisfaction 94.1 -> 90",
    ]
    assert ratings_of(database, 2025) == expected
    releases = releases_of(database, 2025)
    assert len(releases) == 2
    new_release, _, _, _, row_count, replaces = releases[-1]
    assert (row_count, replaces) == (32, old_release)
    assert query(database, "SELECT DISTINCT release_id FROM ratings WHERE year = 2025") == [(new_release,)]
    assert {
        year: (ratings_of(database, year), releases_of(database, year)) for year in (2020, 2024)
    } == other_years


def test_corrected_release_names_the_bodies_it_adds_and_removes(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    assert run_import(write_csv(tmp_path / "first.csv", GOOD), "--year", str(NEW_YEAR)).code == 0
    corrected = [*GOOD[:3], ["Министерство здравоохранения", "4.86", "89.9"]]

    result = run_import(write_csv(tmp_path / "second.csv", corrected), "--year", str(NEW_YEAR))

    assert result.code == 0
    assert "  added Министерство здравоохранения" in result.out.splitlines()
    assert "  removed Министерство финансов" in result.out.splitlines()
    assert "changed" not in result.out
    assert sorted(ratings_of(database, NEW_YEAR)) == sorted(["mfa", "mod", "moj", "moh"])


def test_correction_of_provenance_only_is_a_change_and_says_so(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = read_bundled(2025)
    rows[1]["score_provenance"] = "published"  # Prosecutor General's Office, row 3
    path = write_csv(tmp_path / "2025.csv", [list(r.values()) for r in rows], header=list(rows[0]))

    result = run_import(path)

    assert result.code == 0
    assert (
        "  changed Генеральная прокуратура: score 4.99 -> 4.99, satisfaction 99.6 -> 99.6 "
        "(provenance or note)" in result.out
    )
    assert query(database, "SELECT score_provenance FROM ratings WHERE year = 2025 AND agency = 'pgo'") == [
        ("published",)
    ]


def test_marking_a_loaded_year_partial_is_a_correction(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)
    assert run_import(path, "--year", str(NEW_YEAR)).code == 0

    result = run_import(path, "--year", str(NEW_YEAR), "--partial")

    assert result.code == 0
    assert "the year is now marked partial (no ranks)" in result.out
    assert [r[3] for r in releases_of(database, NEW_YEAR)] == [0, 1]


# -- --dry-run --------------------------------------------------------------------------------


def test_dry_run_of_a_new_year_says_what_it_would_load_and_writes_nothing(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    before = snapshot(database)
    path = write_csv(tmp_path / "r.csv", GOOD)

    result = run_import(path, "--year", str(NEW_YEAR), "--dry-run")

    assert result.code == 0
    assert result.out.strip() == f"Dry run, nothing written. {NEW_YEAR}: would load a new release (4 bodies)."
    assert snapshot(database) == before


def test_dry_run_of_a_correction_lists_the_changes_and_writes_nothing(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = read_bundled(2025)
    rows[-1]["satisfaction"] = "75.0"  # Industry and Construction
    path = write_csv(tmp_path / "2025.csv", [list(r.values()) for r in rows], header=list(rows[0]))
    before = snapshot(database)

    result = run_import(path, "--dry-run")

    assert result.code == 0
    assert result.out.splitlines() == [
        "Dry run, nothing written. 2025: a corrected release would replace the one loaded before:",
        "  changed Министерство промышленности и строительства: score 4.69 -> 4.69, satisfaction 77 -> 75",
    ]
    assert snapshot(database) == before


def test_dry_run_then_real_run_loads_what_the_dry_run_announced(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)
    dry = run_import(path, "--year", str(NEW_YEAR), "--dry-run")

    real = run_import(path, "--year", str(NEW_YEAR))

    assert real.out.strip() == dry.out.strip().removeprefix("Dry run, nothing written. ").replace(
        "would load", "loaded"
    )
    assert sorted(ratings_of(database, NEW_YEAR)) == sorted(GOOD_SLUGS)


def test_dry_run_of_a_bad_file_reports_the_problems_and_exits_1(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", with_row(2, ["Министерство иностранных дел", "6", "94.1"]))

    err = assert_rejected(run_import, database, path, "--year", str(NEW_YEAR), "--dry-run")

    assert "row 2: the score 6 is outside 0..5" in err


# -- formats ----------------------------------------------------------------------------------


def test_windows_1251_with_semicolons_decimal_commas_and_russian_headers(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = [
        [name, score.replace(".", ","), satisfaction.replace(".", ",") + " %"]
        for name, score, satisfaction in GOOD
    ]
    path = write_csv(
        tmp_path / "r.csv",
        rows,
        header=["Наименование органа", "Итоговый балл", "Уровень удовлетворённости, %"],
        sep=";",
        encoding="cp1251",
    )
    assert "Министерство".encode("cp1251") in path.read_bytes()  # really not UTF-8

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR)["mfa"] == (4.91, 94.1)
    assert len(ratings_of(database, NEW_YEAR)) == 4


def test_utf8_with_bom_and_english_headers(run_import: Importer, database: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv", GOOD, header=["Agency", "Score", "Satisfaction (%)"], encoding="utf-8-sig"
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert sorted(ratings_of(database, NEW_YEAR)) == sorted(GOOD_SLUGS)


def test_tab_separated_file_is_read(run_import: Importer, database: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.tsv", GOOD, sep="\t")

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR)["mod"] == (4.97, 97.6)


def test_xlsx_with_russian_headers_and_numeric_cells(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "Государственный орган": [row[0] for row in GOOD],
            "Балл": [float(row[1]) for row in GOOD],
            "Удовлетворенность, %": [float(row[2]) for row in GOOD],
        }
    )
    path = tmp_path / "рейтинг.xlsx"
    frame.to_excel(path, index=False)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR) == {
        slug: (float(score), float(satisfaction))
        for slug, (_, score, satisfaction) in zip(GOOD_SLUGS, GOOD, strict=True)
    }


def test_xlsx_with_english_headers_and_a_year_column(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "Year": [NEW_YEAR] * 2,
            "Agency": ["Ministry of Foreign Affairs", "MoD"],
            "Score": [4.91, 5],
            "Satisfaction": [94.1, 100],
        }
    )
    path = tmp_path / "rating.xlsx"
    frame.to_excel(path, index=False)

    result = run_import(path)

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR) == {"mfa": (4.91, 94.1), "mod": (5.0, 100.0)}


def test_xlsx_bad_row_is_reported_with_the_spreadsheet_row_number(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        with_row(4, ["Министерство юстиции", "4.89", "120"]), columns=["agency", "score", "satisfaction"]
    )
    path = tmp_path / "r.xlsx"
    frame.to_excel(path, index=False)

    err = assert_rejected(run_import, database, path, "--year", str(NEW_YEAR))

    assert "row 4: the satisfaction 120 is outside 0..100" in err


def test_bounds_themselves_are_accepted(run_import: Importer, database: Path, tmp_path: Path) -> None:
    rows = [["МИД", "0", "0"], ["МО", "5", "100"], ["Минюст", "5,00", "100,0 %"]]
    path = write_csv(tmp_path / "r.csv", rows)

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR) == {"mfa": (0.0, 0.0), "mod": (5.0, 100.0), "moj": (5.0, 100.0)}


# -- the agency column: any known name or abbreviation -----------------------------------------

NAME_FORMS = {
    "name_ru": lambda a: a.names["ru"],
    "name_kk": lambda a: a.names["kk"],
    "name_en": lambda a: a.names["en"],
    "short_ru": lambda a: a.short_names["ru"],
    "short_kk": lambda a: a.short_names["kk"],
    "short_en": lambda a: a.short_names["en"],
    "abbr_ru": lambda a: a.abbreviations["ru"],
    "abbr_kk": lambda a: a.abbreviations["kk"],
    "abbr_en": lambda a: a.abbreviations["en"],
    "first_alias": lambda a: a.aliases[0] if a.aliases else "",
    "last_alias": lambda a: a.aliases[-1] if a.aliases else "",
}


@pytest.mark.parametrize("form", list(NAME_FORMS))
def test_agency_column_accepts_every_known_form_of_every_name(
    run_import: Importer, database: Path, tmp_path: Path, form: str
) -> None:
    agencies = load_agencies()
    shared = {
        alias for alias, count in Counter(a for body in agencies for a in body.aliases).items() if count > 1
    }
    names = {a.slug: NAME_FORMS[form](a) for a in agencies}
    # A name two bodies share (the old "Министерство образования") is no certain name of either.
    names = {slug: name for slug, name in names.items() if name and name not in shared}
    assert len(names) >= 5, "too few bodies have this form to make the test mean anything"
    path = write_csv(tmp_path / "r.csv", [[name, "4.5", "90"] for name in names.values()])

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert sorted(ratings_of(database, NEW_YEAR)) == sorted(names)


def test_agency_names_ignore_case_and_surrounding_spaces(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "agency,score,satisfaction\n  министерство иностранных дел  ,4.91,94.1\nknb, 4.99 , 99.3\n",
        encoding="utf-8",
    )

    result = run_import(path, "--year", str(NEW_YEAR))

    assert result.code == 0, result.err
    assert ratings_of(database, NEW_YEAR) == {"mfa": (4.91, 94.1), "nsc": (4.99, 99.3)}


# -- which year ---------------------------------------------------------------------------------


def test_year_from_the_command_line(run_import: Importer, database: Path, tmp_path: Path) -> None:
    assert run_import(write_csv(tmp_path / "r.csv", GOOD), "--year", "2019").code == 0

    assert sorted(ratings_of(database, 2019)) == sorted(GOOD_SLUGS)


def test_year_from_a_year_column(run_import: Importer, database: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv", [[*r, "2019"] for r in GOOD], header=["agency", "score", "satisfaction", "Год"]
    )

    assert run_import(path).code == 0

    assert sorted(ratings_of(database, 2019)) == sorted(GOOD_SLUGS)


def test_year_from_the_file_name(run_import: Importer, database: Path, tmp_path: Path) -> None:
    assert run_import(write_csv(tmp_path / "gosrating_2019.csv", GOOD)).code == 0

    assert sorted(ratings_of(database, 2019)) == sorted(GOOD_SLUGS)


def test_command_line_year_wins_over_the_file_name(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    assert run_import(write_csv(tmp_path / "rating_2018.csv", GOOD), "--year", "2019").code == 0

    assert sorted(ratings_of(database, 2019)) == sorted(GOOD_SLUGS)
    assert ratings_of(database, 2018) == {}


def test_year_column_wins_over_the_file_name(run_import: Importer, database: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "rating_2018.csv",
        [[*r, "2019"] for r in GOOD],
        header=["agency", "score", "satisfaction", "year"],
    )

    assert run_import(path).code == 0

    assert sorted(ratings_of(database, 2019)) == sorted(GOOD_SLUGS)
    assert ratings_of(database, 2018) == {}


def test_no_year_anywhere_is_a_problem_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    err = assert_rejected(run_import, database, write_csv(tmp_path / "rating.csv", GOOD))

    assert "no year: pass --year, add a year column, or put the year in the file name" in err


def test_two_years_in_the_file_name_are_not_guessed_between(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    err = assert_rejected(run_import, database, write_csv(tmp_path / "rating_2024_vs_2025.csv", GOOD))

    assert "no year" in err


# -- partial years ----------------------------------------------------------------------------


def test_partial_flag_is_recorded_with_the_release(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    result = run_import(write_csv(tmp_path / "r.csv", GOOD[:2]), "--year", str(NEW_YEAR), "--partial")

    assert result.code == 0
    assert [r[3] for r in releases_of(database, NEW_YEAR)] == [1]


def test_bundled_2020_is_loaded_as_a_partial_year(database: Path) -> None:
    assert [r[3] for r in releases_of(database, 2020)] == [1]
    assert [r[3] for r in releases_of(database, 2025)] == [0]
    assert len(ratings_of(database, 2020)) == 7


def test_without_pandas_the_importer_says_what_to_install_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    database = tmp_path / "rating.db"

    code = main(["--bundled", "--database", str(database)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [
        "The importer needs pandas: pip install 'pandas>=2.1' 'openpyxl>=3.1' (or reinstall the project)"
    ]
    assert not database.exists(), "nothing is created before the check"


@pytest.mark.parametrize("year", ["99999", "-5", "1", "99999999999999999999", "2015", "twenty"])
def test_an_impossible_year_is_refused_in_one_line_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)
    before = snapshot(database)

    with pytest.raises(SystemExit) as stopped:
        run_import(path, f"--year={year}")

    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("python -m bot.importer: error: argument --year:")
    assert "Traceback" not in "\n".join(err)
    assert snapshot(database) == before


def test_a_year_column_with_an_impossible_year_is_a_problem_and_nothing_is_written(
    run_import: Importer, database: Path, tmp_path: Path
) -> None:
    rows = [[*row, "-2026"] for row in GOOD]
    path = write_csv(tmp_path / "r.csv", rows, header=["agency", "score", "satisfaction", "year"])
    before = snapshot(database)

    result = run_import(path)

    assert result.code == 1
    assert "the year column says -2026: not a rating year (from 2016 to" in result.err
    assert snapshot(database) == before
