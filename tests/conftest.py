"""Fixtures every in-process test folder shares: the bundled data, loaded by the importer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.importer.cli import main as run_importer


@pytest.fixture(scope="session")
def bundled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database loaded once with the bundled data by the import script itself."""
    path = tmp_path_factory.mktemp("bundled") / "rating.db"
    assert run_importer(["--bundled", "--create", "--database", str(path)]) == 0
    return path


@pytest.fixture
def database(bundled_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the bundled database (2020 partial, 2024, 2025)."""
    path = tmp_path / "rating.db"
    shutil.copyfile(bundled_template, path)
    wal = bundled_template.with_name(bundled_template.name + "-wal")
    if wal.exists():  # normally checkpointed away when the importer closed the store
        shutil.copyfile(wal, path.with_name(path.name + "-wal"))
    return path
