"""The views' small book and languages, for drawing its charts (tests/unit/views/conftest.py)."""

from __future__ import annotations

from tests.unit.views.conftest import book, i18n, snapshot, speak

__all__ = ["book", "i18n", "snapshot", "speak"]
