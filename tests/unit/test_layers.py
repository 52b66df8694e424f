"""The layers import only downwards: handlers -> views -> domain -> store.

The contracts are in pyproject.toml (``[tool.importlinter]``); import-linter reads the
imports of every module without running any of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_every_layer_imports_only_the_layers_below_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=os.fspath(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_the_bot_process_imports_no_pandas() -> None:
    """What the bot process imports, in a fresh interpreter: the importer's pandas is not among it."""
    probe = (
        "import sys, bot.__main__, bot.runtime.app, bot.runtime.webhook, handlers; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
