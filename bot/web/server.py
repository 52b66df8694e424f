"""The rating page and its JSON API as one aiohttp application, or as routes on another.

The same routes go on every server that shows the page: the webhook server (beside
``WEBHOOK_PATH``, ``/healthz`` and ``/metrics``), the server of its own that ``WEB_PORT``
starts beside a polling bot, and ``python -m bot web``. They only read, so a catalog over
a read-only store serves them as well as the bot's own.
"""

from __future__ import annotations

from aiogram.utils.i18n import I18n
from aiohttp import web

from bot.web.api import SnapshotSource, api_routes
from bot.web.me import MeSource, me_routes
from bot.web.page import page_routes

#: Every path the routes below answer starts with one of these, or is "/" itself (GET only),
#: so a webhook path elsewhere, /healthz and /metrics never clash with them.
API_PREFIX = "/api/v1/"


def add_web_routes(
    app: web.Application, catalog: SnapshotSource, i18n: I18n, me: MeSource | None = None
) -> web.Application:
    """The page ("/") and the API (``/api/v1/...``) on ``app``; returned for chaining.
    ``me`` (the bot's token and store) lets ``/api/v1/me`` answer; without it, a 404."""
    app.add_routes(api_routes(catalog))
    app.add_routes(me_routes(me))
    app.add_routes(page_routes(catalog, i18n))
    return app


def web_app(catalog: SnapshotSource, i18n: I18n, me: MeSource | None = None) -> web.Application:
    """An application serving only the page and the API."""
    return add_web_routes(web.Application(), catalog, i18n, me)
