"""The bot process never loads matplotlib: charts are drawn in the worker process.

import-linter checks the imports written in the code (pyproject's contract); this runs
the bot's imports in a fresh interpreter, as the pandas probe in test_layers.py does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_bot_process_imports_no_matplotlib() -> None:
    probe = (
        "import sys, bot.__main__, bot.runtime.app, bot.runtime.webhook, bot.runtime.chart_pool, handlers, "
        "bot.views.charts.request; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy', 'PIL') "
        "or m.startswith('bot.charts')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
