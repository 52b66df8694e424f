"""One aiogram Router per feature; :func:`feature_routers` gives them in the order they are tried.

Commands are one group behind one cheap check (the text starts with "/"), so plain text,
the most common update, goes straight to the look-up and never walks the command filters.
"""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin,
    agency,
    changes,
    chart,
    chats,
    compare,
    export,
    fallback,
    inline,
    language,
    lookup,
    rank,
    start,
    subscriptions,
    upload,
)
from handlers.filters import IsCommand


def feature_routers() -> list[Router]:
    """New routers each call, so every dispatcher (a test's, a benchmark's) gets its own."""
    commands = Router(name="commands")
    commands.message.filter(IsCommand())
    commands.include_routers(
        start.router(),
        rank.router(),
        agency.router(),
        compare.router(),
        changes.router(),
        chart.router(),
        export.router(),
        subscriptions.router(),
        language.router(),
        admin.router(),
    )
    return [commands, chats.router(), lookup.router(), upload.router(), inline.router(), fallback.router()]
