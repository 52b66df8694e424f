"""One aiogram Router per feature; :func:`feature_routers` gives them in the order they are
tried (the catch-alls last)."""

from __future__ import annotations

from aiogram import Router

from handlers import admin, agency, changes, fallback, language, rank, start, subscriptions


def feature_routers() -> list[Router]:
    return [
        # Plain text (by far the most common update) never starts with "/", so it cannot
        # be a command: trying the agency router first spares it a walk through every
        # command router (bench/replies.py: the bulk of the bot's own cost per lookup).
        agency.router,
        rank.router,  # then the commands, the most used first
        changes.router,
        start.router,
        language.router,
        subscriptions.router,
        admin.router,
        fallback.router,  # whatever is left
    ]
