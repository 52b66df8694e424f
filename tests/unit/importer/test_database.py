"""Which database the import script works on, and a database it cannot use.

Before, a run from another directory (the default DATABASE_PATH, var/rating.db, is
relative) or with a mistyped ``--database`` made a new file and loaded into it, exit 0,
and the bot never saw the figures. Now a run names its database (an absolute path, the
first line), refuses one that does not exist unless ``--create``, and a disk that fills
up half-way is one line, exit 2, with the database as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.importer.cli import main
from tests.unit.conftest import RATINGS, Importer, query, snapshot, write_csv

GOOD = [["Министерство иностранных дел", "4.91", "94.1"], ["Министерство обороны", "4.97", "97.6"]]
MISSING = "No database at {}: give --create to make a new one, or --database PATH of the bot's database"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_database_that_does_not_exist_is_refused_and_not_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mistyped = tmp_path / "ratign.db"

    code, out, err = run(
        capsys, write_csv(tmp_path / "r.csv", GOOD), "--year", "2026", "--database", mistyped
    )

    assert code == 2
    assert err.splitlines() == [MISSING.format(mistyped)]
    assert out == ""
    assert not mistyped.exists()


def test_an_empty_file_counts_as_no_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "rating.db"
    empty.touch()

    code, _, err = run(capsys, "--bundled", "--database", empty)

    assert code == 2
    assert err.splitlines() == [MISSING.format(empty)]
    assert empty.stat().st_size == 0


def test_run_from_another_directory_the_default_database_is_refused_naming_its_full_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_PATH", raising=False)
    monkeypatch.chdir(tmp_path)  # no var/rating.db here, and no .env

    code, _, err = run(capsys, write_csv(tmp_path / "r.csv", GOOD), "--year", "2026")

    assert code == 2
    assert err.splitlines() == [MISSING.format(tmp_path.resolve() / "var" / "rating.db")]
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize("make", ["nothing", "an empty file"])
def test_create_makes_the_database_and_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: str
) -> None:
    database = tmp_path / "new" / "rating.db"
    if make == "an empty file":
        database.parent.mkdir()
        database.touch()

    code, out, _ = run(capsys, "--bundled", "--create", "--database", database)

    assert code == 0
    assert out.splitlines()[0] == f"Database: {database}"
    assert query(database, "SELECT DISTINCT year FROM ratings ORDER BY year") == [(2020,), (2024,), (2025,)]


def test_a_relative_database_is_named_as_an_absolute_path(
    capsys: pytest.CaptureFixture[str], database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(database.parent)

    code, out, _ = run(capsys, "--bundled", "--database", database.name)

    assert code == 0
    assert out.splitlines()[0] == f"Database: {database.resolve()}"


def test_every_run_that_reads_the_database_names_it_first_even_a_rejected_file(
    capsys: pytest.CaptureFixture[str], database: Path, tmp_path: Path
) -> None:
    bad = write_csv(tmp_path / "r.csv", [["Министерство магии", "4", "90"]])

    code, out, err = run(capsys, bad, "--year", "2026", "--database", database)

    assert code == 1
    assert out == f"Database: {database.resolve()}\n"
    assert "nothing was written" in err


# -- a full disk ----------------------------------------------------------------------------------

#: Room left on the small filesystem: SQLite opens the database (its -shm file takes 32 KiB)
#: but cannot write a new year's release to the write-ahead log.
ROOM = 40 * 1024


def _mount_problem() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "no mount/umount command"
    return None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, unmounted after the test whatever happens."""
    problem = _mount_problem()
    if problem:
        pytest.skip(problem)
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(directory: Path, leave: int) -> None:
    stats = os.statvfs(directory)
    free = stats.f_bavail * stats.f_frsize
    with (directory / "filler").open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_a_full_disk_is_one_line_exit_2_and_the_database_is_unchanged(
    small_disk: Path, database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    on_small = small_disk / "rating.db"
    shutil.copyfile(database, on_small)
    fill(small_disk, ROOM)
    before = snapshot(on_small)
    release = shutil.copyfile(RATINGS / "2025.csv", tmp_path / "rating.csv")  # all 32 bodies

    result = Importer(on_small, capsys)(release, "--year", "2026")

    assert result.code == 2, result
    assert result.err.splitlines() == [
        f"Cannot write to {on_small.resolve()}: the disk is full (database or disk is full); "
        "nothing was written"
    ]
    assert snapshot(on_small) == before


def test_a_full_disk_in_json_is_the_error_and_exit_2(
    small_disk: Path, database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    on_small = small_disk / "rating.db"
    shutil.copyfile(database, on_small)
    fill(small_disk, ROOM)
    release = shutil.copyfile(RATINGS / "2025.csv", tmp_path / "rating.csv")

    code, out, err = run(capsys, release, "--year", "2026", "--database", on_small, "--json")

    assert code == 2
    assert err == ""
    report = json.loads(out)
    assert (report["exit"], report["releases"]) == (2, [])
    assert report["error"].startswith(f"Cannot write to {on_small.resolve()}: the disk is full")
