"""Webhook mode: Telegram POSTs each update to an aiohttp server the bot runs.

Chosen when ``WEBHOOK_URL`` is set. The server listens on ``WEBHOOK_HOST:WEBHOOK_PORT``
and takes updates at ``WEBHOOK_PATH`` (TLS is for a reverse proxy in front of it); it
registers ``WEBHOOK_URL`` with setWebhook together with a secret token, and refuses with
401 any request that does not carry that token in ``X-Telegram-Bot-Api-Secret-Token``:
without it, anyone who learns the URL could post fake updates. ``GET /healthz`` reports
whether the database answers, for Docker's HEALTHCHECK or a load balancer. The rating page
("/") and its JSON API (``/api/v1/...``, bot/web/) are served here too.

Each update is handled before Telegram gets its answer (aiogram's ``handle_in_background``
is off): an update that was in hand when the process was killed is one Telegram never saw
answered, so it sends it again. On SIGTERM the server stops taking requests, finishes
the ones in hand, and exits; the webhook stays registered so that Telegram queues the
updates that arrive during a restart instead of dropping them.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from aiohttp.log import access_logger

from bot.config import HEALTH_PATH, ConfigError, Settings, scrub
from bot.runtime import metrics as prometheus
from bot.runtime import web_server
from bot.runtime.app import Application, running_application
from bot.runtime.healthcheck import database_health
from bot.runtime.logs import redact
from bot.web.server import add_web_routes

log = logging.getLogger(__name__)

#: How long a stopping server waits for the updates in hand. Under Docker's default
#: 10-second grace before SIGKILL; an update takes milliseconds.
SHUTDOWN_GRACE_SECONDS = 8.0


class UpdateHandler(SimpleRequestHandler):
    """aiogram's handler for one bot, answering 200 even when handling an update failed.

    aiogram has logged the error by then. A 500 would make Telegram send the same update
    again and again, for as long as the bug is there; long polling drops it too.
    """

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        """Compared as bytes: aiogram's comparison of str raises on a non-ASCII header, which
        was a 500 and a traceback per request that anyone could send."""
        if not self.secret_token:
            return True
        given = telegram_secret_token.encode("utf-8", "surrogateescape")
        return secrets.compare_digest(given, self.secret_token.encode())

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        try:
            return await super()._handle_request(bot, request)
        except Exception as error:  # any failure: answered, so Telegram moves on
            log.warning("An update failed (%s); answered 200 so Telegram does not resend it", error)
            return web.json_response({})


def new_secret() -> str:
    """A secret token for setWebhook when ``WEBHOOK_SECRET`` is not set: 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def build_web_app(dispatcher: Dispatcher, bot: Bot, settings: Settings, secret: str) -> web.Application:
    """The aiohttp application: updates at ``WEBHOOK_PATH``, health at ``/healthz``."""
    web_app = web.Application()
    handler = UpdateHandler(dispatcher, bot, handle_in_background=False, secret_token=secret)
    # Not handler.register(): it closes the bot's session in on_shutdown, which aiohttp runs
    # *before* it waits for the requests in hand; running_application closes it afterwards.
    web_app.router.add_post(settings.webhook_path, handler.handle)

    async def healthz(request: web.Request) -> web.Response:
        status, body = await asyncio.to_thread(database_health, settings.database_path)
        return web.json_response(body, status=status)

    web_app.router.add_get(HEALTH_PATH, healthz)
    return web_app


def with_metrics(web_app: web.Application, app: Application, settings: Settings) -> web.Application:
    """``/metrics`` on the webhook server too, when ``METRICS_TOKEN`` is set: a proxy makes this
    server public, so it is served here only behind the token (bot/runtime/metrics.py)."""
    token = prometheus.token_of(settings)
    if token is not None and app.metrics is not None:
        prometheus.add_route(web_app, app.metrics, app.store, token)
    return web_app


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGTERM (docker stop, systemd) and SIGINT (Ctrl-C) ask for a clean stop."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)


async def run_webhook(settings: Settings) -> None:
    """Serve the webhook until SIGTERM or SIGINT, then finish the updates in hand and return."""
    endpoint = settings.webhook_endpoint
    assert endpoint is not None, "run_webhook needs WEBHOOK_URL"
    stop = asyncio.Event()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else new_secret()
    redact(secret, "<WEBHOOK_SECRET>")
    async with running_application(settings) as app:
        # Until here a stop cancels start-up at once (bot.__main__); from here it lets the
        # updates in hand finish. No await between the two: no stop can fall in a gap.
        stop_on_signals(stop)
        workflow = workflow_data(app.dispatcher, app.bot)
        runner = web.AppRunner(
            add_web_routes(
                with_metrics(build_web_app(app.dispatcher, app.bot, settings, secret), app, settings),
                app.catalog,
                app.i18n,
                web_server.me_source(settings, app.store),
            ),
            shutdown_timeout=SHUTDOWN_GRACE_SECONDS,
            handle_signals=False,
            access_log=access_logger if log.isEnabledFor(logging.DEBUG) else None,
        )
        await runner.setup()
        try:
            await app.dispatcher.emit_startup(**workflow)  # as start_polling does, for @router.startup()
            await listen(runner, settings)
            await register(app, endpoint, secret)
            log.info(
                "Webhook mode: listening on http://%s:%d%s; Telegram posts to %s",
                settings.webhook_host,
                settings.webhook_port,
                settings.webhook_path,
                endpoint,
            )
            await stop.wait()
            log.info("Stopping: finishing the updates in hand; the webhook stays registered")
        finally:
            await runner.cleanup()  # stops listening, then waits for the requests in hand
            await app.dispatcher.emit_shutdown(**workflow)


def workflow_data(dispatcher: Dispatcher, bot: Bot) -> dict[str, Any]:
    """What start-up and shutdown hooks receive, as under ``start_polling``."""
    return {"dispatcher": dispatcher, "bots": [bot], "bot": bot, **dispatcher.workflow_data}


async def listen(runner: web.AppRunner, settings: Settings) -> None:
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    try:
        await site.start()
    except OSError as error:  # port taken, address not on this machine, port < 1024 as non-root
        raise ConfigError(
            f"WEBHOOK_PORT {settings.webhook_port} on WEBHOOK_HOST {settings.webhook_host} "
            f"cannot be listened on: {error.strerror or error}"
        ) from None


async def register(app: Application, endpoint: str, secret: str) -> None:
    """setWebhook, after the server listens: the first update may come at once."""
    try:
        await app.bot.set_webhook(
            url=endpoint,
            secret_token=secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
            drop_pending_updates=False,
        )
    except TelegramBadRequest as error:  # e.g. "bad webhook: HTTPS url must be provided"
        raise ConfigError(f"WEBHOOK_URL was refused by Telegram: {scrub(error.message)}") from None
