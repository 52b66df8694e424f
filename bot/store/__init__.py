"""The SQLite store: schema, migrations, the records it reads and writes, every query."""

from __future__ import annotations

from bot.store.records import ImportOutcome, NewRelease
from bot.store.store import Store, StoreError

__all__ = ["ImportOutcome", "NewRelease", "Store", "StoreError"]
