"""The SQLite store: schema, migrations and every query the bot and importer make."""

from __future__ import annotations

from bot.store.store import ImportOutcome, NewRelease, Store, StoreError

__all__ = ["ImportOutcome", "NewRelease", "Store", "StoreError"]
