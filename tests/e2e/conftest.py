"""Fixtures for the end-to-end tests: a fake Bot API server per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .fake_telegram import FakeTelegram


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A started :class:`FakeTelegram` on 127.0.0.1, stopped after the test."""
    async with FakeTelegram() as fake:
        yield fake
