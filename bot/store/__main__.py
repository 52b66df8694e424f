"""``python -m bot.store backup FILE``: copy the database, safely, while the bot runs.

Operator-facing: one line on success (where, how big, the schema version), one line on
stderr and exit code 2 when it cannot be done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.store.backup import BackupError, back_up


class DatabaseSetting(BaseSettings):
    """DATABASE_PATH, read as :class:`bot.config.StorageSettings` reads it (the environment,
    then ``.env``). bot.config knows the languages, a layer above the store, so the store
    cannot import it; tests/unit/store/test_backup.py checks the two agree."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_path: Path = Path("var/rating.db")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.store", description="The bot's database.")
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser(
        "backup",
        help="copy the database to FILE (safe while the bot runs)",
        description="Copy the database to FILE with SQLite's online backup: safe while the bot runs.",
    )
    backup.add_argument("file", type=Path, help="where the copy goes (a new file)")
    backup.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    backup.add_argument("--database", type=Path, help="the SQLite file (default: DATABASE_PATH)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    database = args.database or DatabaseSetting().database_path
    try:
        done = back_up(database, args.file, force=args.force)
    except BackupError as error:
        print(error, file=sys.stderr)
        return 2
    print(done.describe())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
