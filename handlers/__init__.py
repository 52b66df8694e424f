"""One aiogram Router per feature; :func:`feature_routers` gives them in the order they must
be tried (the catch-alls last)."""

from __future__ import annotations

from aiogram import Router

from handlers import admin, agency, changes, fallback, language, rank, start, subscriptions


def feature_routers() -> list[Router]:
    return [
        start.router,
        language.router,
        rank.router,
        changes.router,
        subscriptions.router,
        admin.router,
        agency.router,  # plain text: after every command
        fallback.router,  # whatever is left
    ]
