"""Fixtures for the end-to-end tests: a fake Bot API server per test, a loaded database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .fake_telegram import FakeTelegram
from .harness import load_bundled_database


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A started :class:`FakeTelegram` on 127.0.0.1, stopped after the test."""
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture(scope="session")
def rating_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once per session by the import script, run as the operator runs it.

    Tests copy it (:func:`.harness.copy_rating_db`) so each bot process owns its own SQLite file.
    """
    path = tmp_path_factory.mktemp("template") / "rating.db"
    report = load_bundled_database(path, timeout=120)
    assert "2025" in report, report
    return path
