"""Fixtures for the end-to-end tests: a fake Bot API server per test, a loaded database."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .fake_telegram import FakeTelegram
from .harness import REPO_ROOT


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A started :class:`FakeTelegram` on 127.0.0.1, stopped after the test."""
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture(scope="session")
def rating_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once per session by the import script, run as the operator runs it.

    Tests copy it (:func:`copy_rating_db`) so each bot process owns its own SQLite file.
    """
    path = tmp_path_factory.mktemp("template") / "rating.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "BOT_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot.importer", "--bundled", "--database", str(path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"the importer failed:\n{result.stdout}\n{result.stderr}"
    assert "2025" in result.stdout, result.stdout
    with contextlib.closing(sqlite3.connect(path)) as connection:
        # Fold the WAL into the main file, so a plain copy of it holds everything.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def copy_rating_db(template: Path, directory: Path) -> Path:
    """A private copy of the loaded template database in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "bot.sqlite3"
    shutil.copyfile(template, target)
    return target
