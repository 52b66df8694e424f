"""The views' small book and a way to draw in one language, shared with the file tests."""

from tests.unit.views.conftest import book, i18n, snapshot, speak

__all__ = ["book", "i18n", "snapshot", "speak"]
