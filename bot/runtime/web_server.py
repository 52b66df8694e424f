"""Where the rating page (bot/web/) listens, besides the webhook server.

``WEB_PORT`` starts a server of its own beside the bot (long polling has no other server);
``python -m bot web`` serves the page alone, from the bot's database opened read-only, with
no bot token needed: a page can then run on another machine or container than the bot
(given ``BOT_TOKEN``, it also checks Mini App users' signed data and personalizes). Both
listen on ``WEB_HOST`` (127.0.0.1 unless changed), and a port that cannot be listened on
is one line naming the settings, as for METRICS_PORT.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from aiogram.utils.i18n import I18n
from aiohttp import web

from bot.config import ConfigError, Settings, WebSettings
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog, always
from bot.runtime.commit_watch import CommitWatch
from bot.runtime.i18n import make_i18n
from bot.store import Store
from bot.web.me import MeSource
from bot.web.server import web_app

log = logging.getLogger(__name__)

#: Where ``python -m bot web`` listens when WEB_PORT is not set: next to WEBHOOK_PORT's 8080.
DEFAULT_WEB_PORT = 8081


async def serve(app: web.Application, host: str, port: int) -> web.AppRunner:
    """``app`` listening on ``host:port``; the caller cleans the runner up."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:  # port taken, address not on this machine, port < 1024 as non-root
        await runner.cleanup()
        raise ConfigError(
            f"WEB_PORT {port} on WEB_HOST {host} cannot be listened on: {error.strerror or error}"
        ) from None
    log.info("Rating page at http://%s:%d/", host, port)
    return runner


def me_source(settings: WebSettings, store: Store) -> MeSource | None:
    """What ``/api/v1/me`` checks and reads: the bot's token and its store; None without a
    token (``python -m bot web`` may run without one), and the route answers 404."""
    token = settings.bot_token
    return MeSource(store, token.get_secret_value(), settings.default_language) if token else None


async def start(
    settings: Settings, catalog: Catalog, i18n: I18n, me: MeSource | None = None
) -> web.AppRunner | None:
    """The page's server of its own when ``WEB_PORT`` is set; None (nothing listens) otherwise."""
    if settings.web_port is None:
        return None
    return await serve(web_app(catalog, i18n, me), settings.web_host, settings.web_port)


async def run_web(settings: WebSettings) -> None:
    """``python -m bot web``: serve the page until SIGTERM or SIGINT, then return."""
    store = await Store.open_read_only(settings.database_path)
    path = await store.file()
    watch = CommitWatch(path) if path is not None else None  # sees the bot's and importer's commits
    try:
        catalog = await Catalog.load(store, load_agencies(), watch.changed if watch else always)
        app = web_app(catalog, make_i18n(settings.default_language), me_source(settings, store))
        runner = await serve(app, settings.web_host, settings.web_port or DEFAULT_WEB_PORT)
        try:
            await until_stopped()
        finally:
            await runner.cleanup()  # stops listening, then finishes the requests in hand
    finally:
        if watch is not None:
            watch.close()
        await store.close()


async def until_stopped() -> None:
    """Returns on SIGTERM (docker stop, systemd) or SIGINT (Ctrl-C)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
