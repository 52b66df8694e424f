"""The SQLite store: how it opens a database, keeps it consistent, and remembers users.

Real files in a temporary directory; what the store wrote is checked with plain
``sqlite3`` where the point is what is on disk rather than what the store reports.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import bot.store.store as store_module
from bot.domain.bodies import load_agencies
from bot.domain.preferences import LanguagePreferences
from bot.store import Store, StoreError
from bot.store.records import Rating, Source
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.unit.conftest import open_with_agencies, query, release, snapshot


def rating(agency: str, score: float, satisfaction: float, year: int = 2026) -> Rating:
    return Rating(year=year, agency=agency, score=score, satisfaction=satisfaction)


FIRST = [rating("mfa", 4.91, 94.1), rating("mod", 4.97, 97.6)]


def saved_language(database: Path, user_id: int) -> str | None:
    """The language saved for a user, read from the database itself."""
    rows = query(database, "SELECT language FROM users WHERE user_id = ?", user_id)
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "rating.db"


# -- opening a database ---------------------------------------------------------------------


async def test_open_creates_the_file_and_its_directory(path: Path) -> None:
    async with await Store.open(path):
        pass

    assert await asyncio.to_thread(path.is_file)


async def test_database_is_in_wal_mode(path: Path) -> None:
    async with await Store.open(path):
        pass

    # WAL is a property of the file: a fresh connection sees it too.
    assert query(path, "PRAGMA journal_mode") == [("wal",)]


async def test_foreign_keys_are_enforced_a_rating_for_an_unknown_body_is_refused(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            await store.apply_release(release(), [*FIRST, rating("ministry-of-magic", 4.5, 90)])

        # The whole release was rolled back, not only the bad row.
        assert await store.current_releases() == []
        assert await store.year_ratings(2026) == []


async def test_new_database_gets_the_current_schema_version_and_every_table(path: Path) -> None:
    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION

    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    tables = {name for (name,) in query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"agencies", "releases", "ratings", "users"} <= tables


async def test_reopening_an_up_to_date_database_keeps_its_data(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        await store.apply_release(release(), FIRST)
        await store.set_user_language(7, "kk")

    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.year_ratings(2026) == sorted(FIRST, key=lambda r: r.agency)
        assert saved_language(path, 7) == "kk"


async def test_second_version_keeps_every_chat_and_user_language_without_a_language_list(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
        connection.execute("INSERT INTO users VALUES (5, 'kk', 'x', 'x')")
        connection.execute(
            "INSERT INTO chats (chat_id, kind, language, created_at, updated_at) "
            "VALUES (9, 'group', 'en', 'x', 'x')"
        )
        connection.execute("INSERT INTO subscriptions VALUES (9, '*', 'x')")
        connection.commit()

    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert await store.subscriptions.topics(9) == ["*"]

    assert saved_language(path, 5) == "kk"
    assert query(path, "SELECT language FROM chats WHERE chat_id = 9") == [("en",)]
    columns = {name for (_, name, *_) in query(path, "PRAGMA table_info(agencies)")}
    assert columns == {"slug", "kind"}, "names are read from data/agencies.csv, not kept per language"


async def test_database_made_by_the_first_version_is_brought_up_to_date_at_open(path: Path) -> None:
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(MIGRATIONS[0])
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO users (user_id, language, created_at, updated_at) VALUES (5, 'en', 'x', 'x')"
        )
        connection.commit()

    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION
        assert saved_language(path, 5) == "en"

    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


async def test_pending_migrations_are_applied_at_open_and_keep_the_data(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with await open_with_agencies(path) as store:
        await store.apply_release(release(), FIRST)
    before = snapshot(path)

    # The next version of the bot ships one more migration.
    newer = (*MIGRATIONS, "CREATE TABLE migration_probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL);")
    monkeypatch.setattr(store_module, "MIGRATIONS", newer)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(newer))

    async with await Store.open(path) as store:
        assert await store.schema_version() == SCHEMA_VERSION + 1

    after = snapshot(path)
    assert after.pop("migration_probe") == [], "the new migration's table is there, empty"
    assert after == before


async def test_database_from_a_newer_schema_is_refused_and_left_alone(path: Path) -> None:
    async with await Store.open(path):
        pass
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = snapshot(path)

    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}, newer"):
        await Store.open(path)

    assert query(path, "PRAGMA user_version") == [(SCHEMA_VERSION + 1,)]
    assert snapshot(path) == before


# -- releases -------------------------------------------------------------------------------


async def test_first_release_of_a_year_is_new(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        outcome = await store.apply_release(release(), FIRST)

        assert outcome.status == "new"
        assert outcome.added == ["mfa", "mod"]
        assert [y.year for y in await store.current_releases()] == [2026]


async def test_same_ratings_again_are_unchanged_and_write_no_release(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        first = await store.apply_release(release(), FIRST)
        before = snapshot(path)

        again = await store.apply_release(release(source="another source"), list(reversed(FIRST)))

    assert again.status == "unchanged"
    assert again.release_id == first.release_id
    assert snapshot(path) == before


async def test_different_ratings_replace_the_year_and_list_the_changes(path: Path) -> None:
    corrected = [rating("mfa", 4.5, 90.0), rating("moj", 4.89, 92.4)]
    async with await open_with_agencies(path) as store:
        first = await store.apply_release(release(), FIRST)

        outcome = await store.apply_release(release(), corrected)

        assert outcome.status == "corrected"
        assert outcome.changed == [(FIRST[0], corrected[0])]
        assert (outcome.added, outcome.removed) == (["moj"], ["mod"])
        assert await store.year_ratings(2026) == corrected
        [current] = await store.current_releases()
        assert current.release_id == outcome.release_id != first.release_id
    assert query(path, "SELECT replaces FROM releases WHERE id = ?", outcome.release_id) == [
        (first.release_id,)
    ]


async def test_dry_run_reports_the_outcome_and_writes_nothing(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        await store.apply_release(release(), FIRST)
        before = snapshot(path)

        outcome = await store.apply_release(release(), [rating("mfa", 4.0, 80.0)], dry_run=True)

        assert outcome.status == "corrected"
        assert outcome.removed == ["mod"]
        assert await store.year_ratings(2026) == FIRST
    assert snapshot(path) == before


async def test_current_release_of_a_year_is_the_newest(path: Path) -> None:
    async with await open_with_agencies(path) as store:
        await store.apply_release(release(source="first"), FIRST)
        await store.apply_release(release(source="second", partial=True), FIRST)
        await store.apply_release(release(2025, source="other year"), FIRST[:1])

        years = await store.current_releases()

    assert [(y.year, y.source.publisher, y.partial) for y in years] == [
        (2025, "other year", False),
        (2026, "second", True),
    ]


async def test_another_connections_commit_changes_the_data_version(path: Path) -> None:
    async with await open_with_agencies(path) as reader, await Store.open(path) as importer:
        seen = await reader.data_version()

        await importer.apply_release(release(), FIRST)

        assert await reader.data_version() != seen
        assert await reader.year_ratings(2026) == FIRST


async def test_sync_agencies_updates_names_and_keeps_ratings(path: Path) -> None:
    agencies = load_agencies()
    async with await open_with_agencies(path) as store:
        await store.apply_release(release(), FIRST)
        await store.sync_agencies(agencies)

        assert query(path, "SELECT slug FROM agencies ORDER BY slug") == sorted((a.slug,) for a in agencies)
        assert await store.year_ratings(2026) == FIRST


# -- users ----------------------------------------------------------------------------------


async def test_registered_user_has_no_language_until_they_choose(path: Path) -> None:
    async with await Store.open(path) as store:
        assert await store.register_user(42) is None
        assert saved_language(path, 42) is None


async def test_user_language_is_saved_and_survives_a_restart(path: Path) -> None:
    async with await Store.open(path) as store:
        await store.set_user_language(42, "en")

    async with await Store.open(path) as store:
        assert saved_language(path, 42) == "en"
        assert saved_language(path, 43) is None


async def test_changing_language_replaces_the_old_one(path: Path) -> None:
    async with await Store.open(path) as store:
        await store.set_user_language(42, "ru")
        await store.set_user_language(42, "kk")

        assert saved_language(path, 42) == "kk"
    assert query(path, "SELECT COUNT(*) FROM users") == [(1,)]


async def test_registering_a_user_records_them_once_and_answers_their_saved_language(
    path: Path,
) -> None:
    async with await Store.open(path) as store:
        assert await store.register_user(42) is None
        assert await store.register_user(42) is None
        await store.set_user_language(7, "kk")

        assert await store.register_user(7) == "kk"
        assert saved_language(path, 7) == "kk"
    assert query(path, "SELECT user_id, language FROM users ORDER BY user_id") == [(7, "kk"), (42, None)]


async def test_unsupported_language_is_refused_before_it_is_saved(path: Path) -> None:
    async with await Store.open(path) as store:
        with pytest.raises(ValueError, match="unsupported language"):
            await LanguagePreferences(store).set(42, "de")

        assert saved_language(path, 42) is None


async def test_releases_bundled_before_sources_had_parts_get_theirs_others_keep_their_text(
    path: Path,
) -> None:
    path.parent.mkdir(parents=True)
    old_sources = [
        (2020, "kapital.kz citing ranking.kz, 2021-04 (8 bodies published, 7 bundled; published figures)"),
        (
            2024,
            "Illustrative reconstruction fitting the changes named in the 2025 report "
            "(not the published table)",
        ),
        (2025, "Kazinform / finprom.kz, 2026-01-29; values illustrative within the report's figures"),
        (2026, "Official table, 2027-01-30"),
    ]
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript("".join(MIGRATIONS[:3]) + "PRAGMA user_version = 3;")
        connection.executemany(
            "INSERT INTO releases (year, source, file_name, checksum, row_count, imported_at) "
            "VALUES (?, ?, 'f.csv', 'x', 1, 'x')",
            old_sources,
        )
        connection.commit()

    async with await Store.open(path) as store:
        sources = {info.year: info.source for info in await store.current_releases()}

    assert sources == {
        2020: Source("kapital.kz / ranking.kz", "2021-04", "", "report"),
        2024: Source("", "", "", "reconstruction"),
        2025: Source("Kazinform / finprom.kz", "2026-01-29", "", "report"),
        2026: Source("Official table, 2027-01-30", "", "", ""),
    }
