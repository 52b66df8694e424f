"""The layers import only downwards: handlers -> views -> domain -> store.

The contracts are in pyproject.toml (``[tool.importlinter]``); import-linter reads the
imports of every module without running any of them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_layer_imports_only_the_layers_below_it() -> None:
    """In a process of its own: import-linter configures logging with ``dictConfig``, which
    disables every logger already made, so the tests after it in this process saw no log
    lines (tests/integration/dispatcher/test_update_log.py, run in one worker after it)."""
    probe = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout


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
