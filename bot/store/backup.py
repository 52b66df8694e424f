"""A consistent copy of the database, taken while the bot runs and writes.

Copying the file with ``cp`` while the bot runs can catch a write half-way, and misses
what is still in the ``-wal`` file. SQLite's online backup API copies the pages as one
read transaction sees them: in WAL mode that reader never blocks the bot's writes, and
copying every page in one step (``pages=-1``) means a write committed meanwhile cannot
restart the copy, however busy the bot is. The copy is written beside the target and
renamed into place only when it is complete and checked, in rollback-journal mode, so
it is one self-contained file: restoring it is copying one file back.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.store.files import holds_database, is_broken


class BackupError(Exception):
    """The backup cannot be made: one line saying what to do."""


@dataclass(frozen=True, slots=True)
class Backup:
    """A finished copy: where, how big, and the schema version it holds."""

    source: Path
    path: Path
    size: int
    schema_version: int

    def describe(self) -> str:
        return (
            f"Backed up {self.source} to {self.path}: {self.size:,} bytes, "
            f"schema version {self.schema_version}"
        )


def back_up(source: Path, target: Path, *, force: bool = False) -> Backup:
    """Copy ``source`` to ``target``; an existing ``target`` only with ``force``."""
    source, target = source.absolute(), target.absolute()
    if not holds_database(source):
        raise BackupError(f"No database at {source}: give --database PATH of the bot's database")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself: give another FILE")
    if target.is_dir():
        raise BackupError(f"{target} is a directory: give a FILE name in it")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists: give --force to overwrite it, or another FILE")
    if not target.parent.is_dir():
        raise BackupError(f"No directory {target.parent}: create it first")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        version = _copy(source, partial)
        os.replace(partial, target)
    except sqlite3.Error as error:
        if is_broken(error):
            raise BackupError(
                f"{source} is not an SQLite database ({error}): nothing was backed up"
            ) from None
        raise BackupError(f"Cannot back up {source} to {target} ({error}): nothing was written") from None
    except OSError as error:
        raise BackupError(f"Cannot write {target} ({error.strerror or error}): nothing was written") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return Backup(source, target, target.stat().st_size, version)


def _copy(source: Path, target: Path) -> int:
    """Every page of ``source`` into a new ``target``; the schema version of the copy."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()  # a partial file left by a killed run of the same pid
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer, pages=-1)  # one step: no restart on a concurrent write
            writer.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal to keep with it
            found = writer.execute("PRAGMA quick_check").fetchone()
            if found is None or found[0] != "ok":
                raise sqlite3.DatabaseError(
                    f"the copy failed its check: {found[0] if found else 'no answer'}"
                )
            version = int(writer.execute("PRAGMA user_version").fetchone()[0])
        finally:
            writer.close()
    finally:
        reader.close()
    with open(target, "rb") as written:  # on disk before it takes the target's name
        os.fsync(written.fileno())
    return version
