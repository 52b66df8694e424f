"""``--json``: the import report the bot's import-by-upload reads, one object on stdout.

Each test runs the script in-process with ``--json`` and parses stdout whole: it must be
exactly one JSON object (nothing before or after it), stderr must be empty (errors go in
the object too), and ``exit`` must be the process's exit code.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.importer.cli import main
from tests.unit.conftest import RATINGS, read_bundled, snapshot, write_csv

NEW_YEAR = 2026
GOOD = [
    ["Министерство иностранных дел", "4.91", "94.1"],
    ["Министерство обороны", "4.97", "97.6"],
    ["Министерство юстиции", "4.89", "92.4"],
]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> dict[str, Any]:
    """The object printed, checked against the exit code; fails on any other output."""
    capsys.readouterr()
    try:
        code = main([*(str(a) for a in argv), "--json"])
    except SystemExit as stopped:  # a usage error
        code = int(stopped.code or 0)
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1, out  # one line: the object and nothing else
    report: dict[str, Any] = json.loads(out)
    assert set(report) == {"database", "dry_run", "exit", "releases", "problems", "error"}
    assert report["exit"] == code
    return report


def test_a_new_release(capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", GOOD)

    report = run_json(capsys, path, "--year", str(NEW_YEAR), "--database", database)

    assert report == {
        "database": str(database.resolve()),
        "dry_run": False,
        "exit": 0,
        "releases": [
            {
                "year": NEW_YEAR,
                "status": "new",
                "bodies": 3,
                "added": ["mfa", "mod", "moj"],
                "changed": [],
                "removed": [],
                "queued": 0,
            }
        ],
        "problems": [],
        "error": None,
    }


def test_a_dry_run_of_a_correction_names_the_slugs_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    rows = [r for r in read_bundled(2025) if r["agency"] != "Министерство финансов"]
    mfa = next(r for r in rows if r["agency"] == "Министерство иностранных дел")
    mfa["score"] = "4.5"
    path = write_csv(tmp_path / "2025.csv", [list(r.values()) for r in rows], header=list(rows[0]))
    before = snapshot(database)

    report = run_json(capsys, path, "--dry-run", "--database", database)

    assert report["dry_run"] is True
    assert report["exit"] == 0
    assert report["releases"] == [
        {
            "year": 2025,
            "status": "corrected",
            "bodies": 31,
            "added": [],
            "changed": ["mfa"],
            "removed": ["mof"],
            "queued": 0,
        }
    ]
    assert snapshot(database) == before


def test_an_unchanged_release(capsys: pytest.CaptureFixture[str], database: Path) -> None:
    report = run_json(capsys, RATINGS / "2025.csv", "--database", database)

    assert report["exit"] == 0
    assert report["releases"] == [
        {
            "year": 2025,
            "status": "unchanged",
            "bodies": 32,
            "added": [],
            "changed": [],
            "removed": [],
            "queued": 0,
        }
    ]


def test_queued_notifications_are_counted(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(
            "INSERT INTO chats (chat_id, kind, created_at, updated_at) VALUES (1, 'private', '', '')"
        )
        connection.execute("INSERT INTO subscriptions (chat_id, agency, created_at) VALUES (1, 'moj', '')")

    report = run_json(
        capsys,
        write_csv(tmp_path / "r.csv", GOOD),
        "--year",
        str(NEW_YEAR),
        "--dry-run",
        "--database",
        database,
    )

    assert report["releases"][0]["queued"] == 1


def test_the_bundled_data_is_one_entry_per_release(
    capsys: pytest.CaptureFixture[str], database: Path
) -> None:
    report = run_json(capsys, "--bundled", "--database", database)

    assert [(r["year"], r["status"], r["bodies"]) for r in report["releases"]] == [
        (2020, "unchanged", 7),
        (2024, "unchanged", 32),
        (2025, "unchanged", 32),
    ]


def test_a_file_with_problems_lists_them_as_the_text_report_does(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    rows = [GOOD[0], ["Министерство магии", "4.5", "90"], ["Министерство обороны", "7", "97.6"]]
    path = write_csv(tmp_path / "r.csv", rows)
    before = snapshot(database)

    report = run_json(capsys, path, "--year", str(NEW_YEAR), "--database", database)

    assert report["exit"] == 1
    assert report["releases"] == []
    assert report["problems"] == [
        "row 3: unknown agency «Министерство магии»",
        "row 4: the score 7 is outside 0..5",
    ]
    assert report["error"] is None
    assert snapshot(database) == before


def test_many_problems_are_bounded_like_the_text_report(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "r.csv", [["Министерство магии", "4", "90"]] * 100)

    report = run_json(capsys, path, "--year", str(NEW_YEAR), "--database", database)

    assert report["exit"] == 1
    assert len(report["problems"]) == 61
    assert report["problems"][-1] == "… and 40 more"


def test_an_unreadable_file_is_the_error(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"agency,score\n\x98\xff\x00\x81,1\n")

    report = run_json(capsys, path, "--year", str(NEW_YEAR), "--database", database)

    assert report["exit"] == 2
    assert report["releases"] == []
    assert report["error"].startswith(f"{path}: ")
    assert "neither UTF-8 nor Windows-1251" in report["error"]


def test_a_missing_database_is_the_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"

    report = run_json(
        capsys, write_csv(tmp_path / "r.csv", GOOD), "--year", str(NEW_YEAR), "--database", missing
    )

    assert report["exit"] == 2
    assert report["database"] == str(missing)
    assert report["error"] == (
        f"No database at {missing}: give --create to make a new one, or --database PATH of the bot's database"
    )
    assert not missing.exists()


def test_a_usage_error_is_the_error_too(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    report = run_json(capsys, write_csv(tmp_path / "r.csv", GOOD), "--year", "99999", "--database", database)

    assert report["exit"] == 2
    assert report["database"] == str(database.resolve())
    assert report["error"].startswith(
        "python -m bot.importer: error: argument --year: 99999: not a rating year"
    )
