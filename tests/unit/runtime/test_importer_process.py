"""The importer as the bot runs it: its own process, its JSON report, a time limit, no secrets."""

from __future__ import annotations

import json
import sqlite3
import stat
import sys
from contextlib import closing
from pathlib import Path

import pytest

from bot.domain.import_report import ReleaseReport
from bot.runtime.importer_process import ImporterProcess

ROOT = Path(__file__).resolve().parents[3]


def script(tmp_path: Path, body: str) -> str:
    """A stand-in for the Python interpreter: gets the same arguments, does ``body``.
    $6 is the database the bot passed (after -m bot.importer FILE --json --database)."""
    path = tmp_path / "fake-python"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_command_is_the_importers_with_json_and_the_bots_database(tmp_path: Path) -> None:
    runner = ImporterProcess(tmp_path / "var" / ".." / "rating.db", python="/usr/bin/python3")

    assert runner.command(Path("/tmp/up/r.csv"), year=2026, dry_run=True) == [
        "/usr/bin/python3",
        "-m",
        "bot.importer",
        "/tmp/up/r.csv",
        "--json",
        "--database",
        str(tmp_path / "rating.db"),
        "--year",
        "2026",
        "--dry-run",
    ]
    assert "--dry-run" not in runner.command(Path("r.csv"), year=None, dry_run=False)
    assert "--year" not in runner.command(Path("r.csv"), year=None, dry_run=False)


async def test_an_importer_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    runner = ImporterProcess(tmp_path / "rating.db", timeout=0.2, python=script(tmp_path, "exec sleep 30"))

    report = await runner.run(tmp_path / "r.csv", year=None, dry_run=True)

    assert not report.ok
    assert report.error == "the importer took longer than 0.2 s and was stopped"


async def test_an_importer_that_cannot_be_started_is_one_line(tmp_path: Path) -> None:
    runner = ImporterProcess(tmp_path / "rating.db", python=str(tmp_path / "no-such-python"))

    report = await runner.run(tmp_path / "r.csv", year=None, dry_run=True)

    assert report.error == "could not start the importer (No such file or directory)"


async def test_no_report_on_stdout_is_the_last_line_of_stderr(tmp_path: Path) -> None:
    fake = script(tmp_path, 'echo "Traceback (most recent call last):" >&2; echo "MemoryError" >&2; exit 1')
    runner = ImporterProcess(tmp_path / "rating.db", python=fake)

    report = await runner.run(tmp_path / "r.csv", year=None, dry_run=True)

    assert report.exit == 2
    assert report.error == "the importer failed: MemoryError"


async def test_the_importer_gets_no_secrets_and_must_use_the_bots_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123456789:" + "S" * 35)
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    body = (
        'printf \'{"database": "%s", "dry_run": true, "exit": 2, "releases": [], "problems": [], '
        '"error": "%s %s %s"}\' "$6" "${BOT_TOKEN:-no-token}" "${WEBHOOK_SECRET:-no-secret}" "$LOG_LEVEL"'
    )
    runner = ImporterProcess(tmp_path / "rating.db", python=script(tmp_path, body))

    report = await runner.run(tmp_path / "r.csv", year=None, dry_run=True)

    assert report.error == "no-token no-secret INFO"

    elsewhere = script(tmp_path, "echo '" + json.dumps({**json.loads(REPORT), "database": "/x.db"}) + "'")
    report = await ImporterProcess(tmp_path / "rating.db", python=elsewhere).run(
        tmp_path / "r.csv", year=None, dry_run=True
    )
    assert report.error == f"the importer used /x.db, not the bot's database {tmp_path / 'rating.db'}"


REPORT = '{"database": "/db", "dry_run": true, "exit": 0, "releases": [], "problems": [], "error": null}'


async def test_the_real_importer_checks_a_new_year_without_writing(database: Path, tmp_path: Path) -> None:
    """The runner against ``python -m bot.importer --json`` itself: the contract both sides keep."""
    rows = (ROOT / "data" / "ratings" / "2025.csv").read_text(encoding="utf-8")
    upload = tmp_path / "rating-2026.csv"
    upload.write_text(rows, encoding="utf-8")
    before = releases(database)
    runner = ImporterProcess(database, python=sys.executable)

    report = await runner.run(upload, year=None, dry_run=True)

    assert report.ok, report
    assert report.dry_run
    assert report.releases == (
        ReleaseReport(2026, "new", 32, added=report.releases[0].added, changed=(), removed=(), queued=0),
    )
    assert len(report.releases[0].added) == 32
    assert releases(database) == before


def releases(database: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT id, year FROM releases ORDER BY id").fetchall()
