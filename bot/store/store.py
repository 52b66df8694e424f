"""Every query the bot and the importer make, over one aiosqlite connection.

The importer is the only writer of ratings and may run while the bot runs, so the
database is in WAL mode (readers never wait for the writer) with a busy timeout, and a
release is written in one ``BEGIN IMMEDIATE`` transaction: the bot sees the old year or
the new one, never half of it.

Every query runs to its end in one call into aiosqlite's thread (``execute_fetchall``):
a statement left open keeps an old read snapshot, and a write this connection makes
meanwhile fails at once with "database is locked" once another connection (the importer,
a second bot) has committed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Literal, Protocol

import aiosqlite

from bot.store.failures import WriteHealth
from bot.store.files import connect_read_only, is_broken
from bot.store.outbox import Outbox, drop_year, enqueue_release
from bot.store.records import ImportOutcome, NewRelease, Rating, Removal, Source, YearInfo
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION
from bot.store.sql import transaction, utc_timestamp
from bot.store.subscriptions import Subscriptions


class StoreError(RuntimeError):
    """The database cannot be used as it is (e.g. made by a newer version)."""


class BrokenDatabaseError(StoreError):
    """The file is not an SQLite database, or a damaged one: only the operator can help."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path.absolute()} is not an SQLite database ({reason}): restore a backup or move it away"
        )

    @classmethod
    @contextlib.contextmanager
    def raised_for(cls, path: Path) -> Iterator[None]:
        """SQLite's "not a database" or "malformed", wherever a query meets it, as this error."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            if is_broken(error):
                raise cls(path, str(error)) from None
            raise


class Body(Protocol):
    """What the store keeps of a state body: ratings refer to its slug."""

    @property
    def slug(self) -> str: ...

    @property
    def kind(self) -> str: ...


def _rating(row: aiosqlite.Row) -> Rating:
    return Rating(
        year=row["year"],
        agency=row["agency"],
        score=row["score"],
        satisfaction=row["satisfaction"],
        score_provenance=row["score_provenance"],
        satisfaction_provenance=row["satisfaction_provenance"],
        note=row["note"],
    )


class Store:
    """The bot's and the importer's only door to SQLite."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self.subscriptions = Subscriptions(connection)
        self.outbox = Outbox(connection)
        #: Whether writes work now: shared by every writer on the path of a read.
        self.writes = WriteHealth()

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        """Connect, switch on WAL and foreign keys, and apply pending migrations."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        store = cls(connection)
        try:
            with BrokenDatabaseError.raised_for(path):
                await connection.execute("PRAGMA busy_timeout = 10000")
                await connection.execute("PRAGMA journal_mode = WAL")
                await connection.execute("PRAGMA synchronous = NORMAL")
                await connection.execute("PRAGMA foreign_keys = ON")
                await store.migrate()
        except BaseException:
            await connection.close()
            raise
        return store

    @classmethod
    async def open_read_only(cls, path: Path | str) -> Store:
        """For looking only (the operator's status): nothing is created, switched or
        migrated, so it works on a read-only volume and never changes the file. A database
        of an older schema is refused, since its tables may not have what the queries read."""
        path = Path(path)
        with BrokenDatabaseError.raised_for(path):
            connection = await connect_read_only(path)
        store = cls(connection)
        try:
            with BrokenDatabaseError.raised_for(path):
                await connection.execute("PRAGMA busy_timeout = 10000")
                version = await store.schema_version()
                if version < SCHEMA_VERSION:
                    raise StoreError(
                        f"{path.absolute()} has schema version {version}, older than this "
                        f"bot's {SCHEMA_VERSION}: run the bot once to upgrade it"
                    )
                await store.migrate()  # at the current version it only refuses a newer one
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
        await self._db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # -- schema ---------------------------------------------------------------------

    async def schema_version(self) -> int:
        found = await self._db.execute_fetchall("PRAGMA user_version")
        row = next(iter(found), None)
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        version = await self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the database has schema version {version}, newer than this bot's "
                f"{SCHEMA_VERSION}: upgrade the bot or point DATABASE_PATH elsewhere"
            )
        for number in range(version, SCHEMA_VERSION):
            await self._db.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;"
            )

    async def data_version(self) -> int:
        """Changes whenever another connection (the importer) commits: a cheap staleness check."""
        found = await self._db.execute_fetchall("PRAGMA data_version")
        row = next(iter(found), None)
        return int(row[0]) if row else 0

    async def file(self) -> Path | None:
        """The database file; None for an in-memory one (for :mod:`bot.runtime.commit_watch`)."""
        rows = await self._db.execute_fetchall("PRAGMA database_list")
        return next((Path(row[2]) for row in rows if row[1] == "main" and row[2]), None)

    # -- agencies -------------------------------------------------------------------

    async def sync_agencies(self, agencies: Iterable[Body]) -> None:
        """Bring the agencies table in line with the reference list (slugs and kinds)."""
        async with transaction(self._db):
            await self._db.executemany(
                "INSERT INTO agencies (slug, kind) VALUES (?, ?) "
                "ON CONFLICT(slug) DO UPDATE SET kind = excluded.kind",
                [(a.slug, a.kind) for a in agencies],
            )

    # -- ratings --------------------------------------------------------------------

    async def current_releases(self) -> list[YearInfo]:
        """The release in force for each year: the newest one imported for it."""
        rows = await self._db.execute_fetchall(
            "SELECT r.year, r.partial, r.publisher, r.published, r.url, r.source_kind, r.id "
            "FROM releases r WHERE r.id = (SELECT MAX(id) FROM releases WHERE year = r.year) "
            "ORDER BY r.year"
        )
        return [YearInfo(row[0], bool(row[1]), Source(*row[2:6]), row[6]) for row in rows]

    async def last_import(self) -> tuple[int, str] | None:
        """(year, imported_at) of the release imported last, None before any: for the metrics."""
        found = await self._db.execute_fetchall(
            "SELECT year, imported_at FROM releases ORDER BY id DESC LIMIT 1"
        )
        row = next(iter(found), None)
        return (int(row[0]), str(row[1])) if row is not None else None

    async def year_ratings(self, year: int) -> list[Rating]:
        found = await self._db.execute_fetchall(
            "SELECT * FROM ratings WHERE year = ? ORDER BY agency", (year,)
        )
        return [_rating(row) for row in found]

    async def all_ratings(self) -> list[Rating]:
        """Every rating on record: a few hundred rows, which the bot keeps in memory."""
        found = await self._db.execute_fetchall("SELECT * FROM ratings ORDER BY year, agency")
        return [_rating(row) for row in found]

    async def apply_release(
        self,
        release: NewRelease,
        ratings: Sequence[Rating],
        *,
        dry_run: bool = False,
        notify: bool = True,
    ) -> ImportOutcome:
        """Write a year's release in one transaction, or say it changes nothing.

        Loading the same figures again writes nothing; different figures for a year
        already loaded replace that year and report what changed. With ``dry_run`` the
        transaction is rolled back, so the report is exact and nothing stays written.
        With ``notify``, the same transaction queues one delivery per subscribed chat:
        a release and its notifications are written together or not at all.
        """
        async with transaction(self._db) as written:
            outcome = await self._apply(release, ratings)
            if notify and outcome.release_id is not None and outcome.status != "unchanged":
                queued = await enqueue_release(
                    self._db, outcome.release_id, outcome.status, outcome.affected(ratings)
                )
                outcome = replace(outcome, queued=queued)
            written.keep = not dry_run and outcome.status != "unchanged"
        return outcome

    async def _apply(self, release: NewRelease, ratings: Sequence[Rating]) -> ImportOutcome:
        found = await self._db.execute_fetchall(
            "SELECT id, partial, publisher, published, url, source_kind FROM releases "
            "WHERE year = ? ORDER BY id DESC LIMIT 1",
            (release.year,),
        )
        current = next(iter(found), None)
        source = release.source
        if source is None:  # a correction that names no source keeps the one it replaces
            source = Source(*current[2:6]) if current is not None else Source()
        old = {r.agency: r for r in await self.year_ratings(release.year)}
        new = {r.agency: r for r in ratings}
        added = sorted(new.keys() - old.keys())
        removed = sorted(old.keys() - new.keys())
        changed = [(old[s], new[s]) for s in sorted(old.keys() & new.keys()) if old[s] != new[s]]
        partial_changed = current is not None and bool(current["partial"]) != release.partial
        if current is not None and not (added or removed or changed or partial_changed):
            return ImportOutcome("unchanged", release.year, current["id"])

        cursor = await self._db.execute(
            "INSERT INTO releases (year, source, file_name, checksum, partial, row_count, imported_at, "
            "replaces, publisher, published, url, source_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                release.year,
                source.label(),
                release.file_name,
                release.checksum,
                int(release.partial),
                len(ratings),
                utc_timestamp(),
                current["id"] if current is not None else None,
                source.publisher,
                source.published,
                source.url,
                source.kind,
            ),
        )
        release_id = cursor.lastrowid
        await self._db.execute("DELETE FROM ratings WHERE year = ?", (release.year,))
        await self._db.executemany(
            "INSERT INTO ratings (year, agency, release_id, score, satisfaction, "
            "score_provenance, satisfaction_provenance, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    release.year,
                    r.agency,
                    release_id,
                    r.score,
                    r.satisfaction,
                    r.score_provenance,
                    r.satisfaction_provenance,
                    r.note,
                )
                for r in ratings
            ],
        )
        status: Literal["new", "corrected"] = "new" if current is None else "corrected"
        return ImportOutcome(status, release.year, release_id, added, removed, changed, partial_changed)

    async def remove_year(self, year: int, *, dry_run: bool = False) -> Removal | None:
        """Take a year out entirely (every release of it, a correction included), with its
        ratings and its notifications, in one transaction; None when it is not loaded.

        For an operator's mistake (a wrong year, a wrong file). Queued notifications are
        cancelled with it; sent ones are only counted: they cannot be unsent. With
        ``dry_run`` the transaction is rolled back, so the counts are exact.
        """
        async with transaction(self._db) as written:
            found = await self._db.execute_fetchall(
                "SELECT count(*), (SELECT count(*) FROM ratings WHERE year = ?) FROM releases WHERE year = ?",
                (year, year),
            )
            releases, bodies = next(iter(found))
            if not releases:
                written.keep = False
                return None
            cancelled, in_flight, sent = await drop_year(self._db, year)
            await self._db.execute("DELETE FROM ratings WHERE year = ?", (year,))
            await self._db.execute("DELETE FROM releases WHERE year = ?", (year,))
            written.keep = not dry_run
        return Removal(year, releases, bodies, cancelled, in_flight, sent)

    # -- users ----------------------------------------------------------------------

    async def register_user(self, user_id: int) -> str | None:
        """Record a user on first contact (for /stats); return their saved language.

        One statement, so one round trip through aiosqlite's thread on a user's first
        message: the no-op update on conflict makes ``RETURNING`` answer for a known user too.
        """
        now = utc_timestamp()
        rows = await self._db.execute_fetchall(
            "INSERT INTO users (user_id, language, created_at, updated_at) VALUES (?, NULL, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET user_id = excluded.user_id RETURNING language",
            (user_id, now, now),
        )
        language: str | None = next(iter(rows))[0]
        return language

    async def user_language(self, user_id: int) -> str | None:
        """A user's saved language, read only: what a first contact falls back on when the
        database takes no writes."""
        rows = await self._db.execute_fetchall("SELECT language FROM users WHERE user_id = ?", (user_id,))
        row = next(iter(rows), None)
        return str(row[0]) if row is not None and row[0] is not None else None

    async def register_users(self, first_contacts: Sequence[tuple[int, str]]) -> None:
        """Record users first seen while the database took no writes, each at the time
        ``(user_id, seen_at)`` it was seen; a user recorded meanwhile is left as is.

        A few hundred a statement, each statement whole or not at all, so a retry after a
        failure half-way writes the rest and repeats nothing.
        """
        for start in range(0, len(first_contacts), 300):
            chunk = first_contacts[start : start + 300]
            await self._db.execute(
                "INSERT INTO users (user_id, language, created_at, updated_at) VALUES "
                + ", ".join("(?, NULL, ?, ?)" for _ in chunk)
                + " ON CONFLICT(user_id) DO NOTHING",
                [value for user_id, seen in chunk for value in (user_id, seen, seen)],
            )

    async def set_user_language(self, user_id: int, language: str) -> None:
        now = utc_timestamp()
        await self._db.execute(
            "INSERT INTO users (user_id, language, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(user_id) DO UPDATE SET language = excluded.language, "
            "updated_at = excluded.updated_at",
            (user_id, language, now, now),
        )
        # A private chat's id is its user's id: notifications follow the new language.
        await self.subscriptions.set_language(user_id, language)
