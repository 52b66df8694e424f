"""``python -m bot.importer --remove YEAR``: an operator's way back from a wrong import.

The scene: the bundled database (2020 partial, 2024, 2025), five chats following every
rating, and 2026 imported by the script (five notifications queued). Some of them are
then marked sent or claimed by a bot, as the delivery worker would; the database is read
back with plain ``sqlite3``.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.unit.conftest import RATINGS, Importer, query, snapshot

YEAR = 2026
CHATS = [101, 102, 103, 104, 105]
OTHER_YEARS = (2020, 2024, 2025)


def execute(database: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(sql, params)


def subscribe(database: Path, chats: list[int]) -> None:
    now = "2026-01-01T00:00:00+00:00"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.executemany(
            "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
            "VALUES (?, 'private', 'ru', ?, ?)",
            [(chat, now, now) for chat in chats],
        )
        connection.executemany(
            "INSERT INTO subscriptions (chat_id, agency, created_at) VALUES (?, '*', ?)",
            [(chat, now) for chat in chats],
        )


def other_years(database: Path) -> list[tuple[object, ...]]:
    """Every rating and release of the years the removal must not touch."""
    return query(
        database,
        "SELECT year, agency, score, satisfaction, release_id FROM ratings WHERE year != ? "
        "UNION ALL SELECT year, id, source, checksum, replaces FROM releases WHERE year != ? ORDER BY 1, 2",
        YEAR,
        YEAR,
    )


@pytest.fixture
def loaded(run_import: Importer, database: Path, tmp_path: Path) -> Path:
    """2026 imported (all 32 bodies: the 2025 file again) with five chats to notify."""
    subscribe(database, CHATS)
    result = run_import(RATINGS / "2025.csv", "--year", str(YEAR))
    assert result.code == 0, result
    assert f"{YEAR}: 5 notification(s) queued." in result.out
    return database


def deliver(database: Path, chat_id: int) -> None:
    execute(database, "UPDATE outbox SET status = 'sent', sent_at = '2026-01-01' WHERE chat_id = ?", chat_id)


def claim(database: Path, chat_id: int) -> None:
    """A bot claimed this delivery just now: it may be on its way to Telegram."""
    execute(
        database,
        "UPDATE outbox SET lease_owner = 'bot', lease_until = ? WHERE chat_id = ?",
        time.time() + 30,
        chat_id,
    )


def test_removing_a_year_takes_its_ratings_release_and_queued_notifications(
    run_import: Importer, loaded: Path
) -> None:
    deliver(loaded, 101)
    deliver(loaded, 102)
    claim(loaded, 103)
    [(release_id,)] = query(loaded, "SELECT id FROM releases WHERE year = ?", YEAR)
    execute(
        loaded,
        "INSERT INTO progress_messages (release_id, admin_id, message_id) VALUES (?, 7, 70)",
        release_id,
    )
    kept = other_years(loaded)

    result = run_import("--remove", str(YEAR))

    assert result.code == 0, result
    assert result.out.splitlines() == [
        f"{YEAR}: removed the release (32 bodies).",
        f"{YEAR}: 3 queued notification(s) cancelled.",
        f"{YEAR}: 1 of them were being sent just now and may still arrive.",
        f"{YEAR}: 2 notification(s) already sent: they cannot be unsent.",
    ]
    assert result.err == ""
    assert query(loaded, "SELECT count(*) FROM ratings WHERE year = ?", YEAR) == [(0,)]
    assert query(loaded, "SELECT count(*) FROM releases WHERE year = ?", YEAR) == [(0,)]
    assert query(loaded, "SELECT count(*) FROM outbox") == [(0,)]
    assert query(loaded, "SELECT count(*) FROM progress_messages") == [(0,)]
    assert other_years(loaded) == kept
    assert query(loaded, "SELECT count(*) FROM subscriptions") == [(len(CHATS),)]  # people keep theirs


def test_a_corrected_year_goes_entirely(run_import: Importer, loaded: Path, tmp_path: Path) -> None:
    rows = (RATINGS / "2025.csv").read_text(encoding="utf-8").replace("5.00,99.8", "4.50,90.0", 1)
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(rows, encoding="utf-8")
    assert run_import(corrected, "--year", str(YEAR)).code == 0
    assert len(query(loaded, "SELECT id FROM releases WHERE year = ?", YEAR)) == 2

    result = run_import("--remove", str(YEAR))

    assert result.code == 0, result
    assert (
        result.out.splitlines()[0] == f"{YEAR}: removed the release (32 bodies, loaded 2 times (corrected))."
    )
    assert query(loaded, "SELECT count(*) FROM releases WHERE year = ?", YEAR) == [(0,)]
    assert query(loaded, "SELECT count(*) FROM ratings WHERE year = ?", YEAR) == [(0,)]


def test_dry_run_says_what_it_would_remove_and_writes_nothing(run_import: Importer, loaded: Path) -> None:
    deliver(loaded, 101)
    before = snapshot(loaded)

    result = run_import("--remove", str(YEAR), "--dry-run")

    assert result.code == 0, result
    assert result.out.splitlines() == [
        f"Dry run, nothing written. {YEAR}: would remove the release (32 bodies).",
        f"{YEAR}: 4 queued notification(s) would be cancelled.",
        f"{YEAR}: 1 notification(s) already sent: they cannot be unsent.",
    ]
    assert snapshot(loaded) == before


def test_a_year_that_is_not_loaded_is_one_line_exit_2_and_nothing_changes(
    run_import: Importer, database: Path
) -> None:
    before = snapshot(database)

    result = run_import("--remove", str(YEAR))

    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{YEAR}: no release of this year is loaded, nothing to remove (loaded: 2020, 2024, 2025)"
    ]
    assert snapshot(database) == before


def test_a_bundled_year_can_be_removed_and_loaded_again(run_import: Importer, database: Path) -> None:
    assert run_import("--remove", "2024").code == 0
    assert query(database, "SELECT count(*) FROM ratings WHERE year = 2024") == [(0,)]

    again = run_import("--bundled")

    assert again.code == 0
    assert "2024: loaded a new release (32 bodies)." in again.out.splitlines()


@pytest.mark.parametrize("year", ["99999", "-5", "2015", "twenty"])
def test_an_impossible_year_is_refused_before_anything(
    run_import: Importer, database: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    before = snapshot(database)

    with pytest.raises(SystemExit) as stopped:
        run_import(f"--remove={year}")

    assert stopped.value.code == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .startswith("python -m bot.importer: error: argument --remove:")
    )
    assert snapshot(database) == before


@pytest.mark.parametrize(
    "extra",
    [["--year", "2026"], ["--partial"], ["--json"], ["--create"], ["--bundled"], [str(RATINGS / "2025.csv")]],
    ids=["year", "partial", "json", "create", "bundled", "file"],
)
def test_remove_with_an_import_option_is_a_usage_error(
    run_import: Importer, database: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    before = snapshot(database)

    with pytest.raises(SystemExit) as stopped:
        run_import("--remove", "2025", *extra)

    assert stopped.value.code == 2
    said = capsys.readouterr()  # with --json the usage error is the JSON object, on stdout
    assert "python -m bot.importer: error: " in said.out + said.err
    assert snapshot(database) == before
