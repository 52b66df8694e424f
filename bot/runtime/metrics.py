"""Prometheus metrics at ``/metrics``: what an operator graphs and alerts on.

Off unless asked for, and never public by default. ``METRICS_PORT`` starts a small server
of its own on ``METRICS_HOST`` (127.0.0.1 unless changed), in either mode;
``METRICS_TOKEN`` makes every ``/metrics`` ask for ``Authorization: Bearer <token>`` and,
in webhook mode, also serves it on the webhook server (which a proxy makes public, hence
the token). Everything lives in this process's own :class:`CollectorRegistry`, not
prometheus-client's global one, so two apps in one process (tests) never share counts.

Counted as they happen: updates (by kind, handler and outcome) and their handling time,
deliveries that reached an end (the worker calls :meth:`Metrics.delivered`, so
``bot.notify`` knows nothing of Prometheus), 429 waits (a listener of
:class:`bot.runtime.retry.RetryAfter`). Read at scrape time from the database: the
deliveries still pending (of every bot on it) and the release imported last.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder

from bot.config import ConfigError, Settings
from bot.runtime.logs import redact
from bot.runtime.update_log import Trace
from bot.store import Store

log = logging.getLogger(__name__)

METRICS_PATH = "/metrics"
#: Seconds: a cached reply takes milliseconds, a reply sent across 150 ms of network a few
#: tenths, a reply held by the throttle up to two seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: How a delivery can end (the outbox's statuses): each shown from the start, as 0.
DELIVERY_OUTCOMES = ("sent", "failed", "dropped")


class Metrics:
    """The bot's metrics, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.updates = Counter(
            "gosrating_updates",
            "Updates handled, by kind, the handler that took them and how it ended",
            ["kind", "handler", "outcome"],
            registry=registry,
        )
        self.update_seconds = Histogram(
            "gosrating_update_seconds",
            "Time from an update's arrival to the end of its handling (its reply sent)",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.deliveries = Counter(
            "gosrating_deliveries",
            "Notifications that reached an end in this process, by outcome",
            ["outcome"],
            registry=registry,
        )
        for outcome in DELIVERY_OUTCOMES:
            self.deliveries.labels(outcome)
        self.pending = Gauge(
            "gosrating_deliveries_pending",
            "Notifications queued and not yet sent, in the database (every bot on it)",
            registry=registry,
        )
        self.retry_after = Counter(
            "gosrating_telegram_retry_after",
            "429 Too Many Requests answers from Telegram, each waited out",
            registry=registry,
        )
        self.last_release_year = Gauge(
            "gosrating_last_release_year", "Rating year of the release imported last", registry=registry
        )
        self.last_release_imported = Gauge(
            "gosrating_last_release_imported_timestamp_seconds",
            "When the release imported last was imported (Unix time)",
            registry=registry,
        )

    def observe_update(self, trace: Trace) -> None:
        """Called by the update log with each update's finished trace."""
        self.updates.labels(trace.kind, trace.handler, trace.outcome).inc()
        self.update_seconds.labels(trace.kind).observe(trace.seconds)

    def delivered(self, outcome: str) -> None:
        """Called by the delivery worker when a delivery ends: sent, failed or dropped."""
        self.deliveries.labels(outcome).inc()

    def waited(self, seconds: float) -> None:
        """Called by the session's RetryAfter middleware for each 429 it waits out."""
        self.retry_after.inc()

    async def refresh(self, store: Store) -> None:
        """The figures only the database knows, read just before a scrape is answered."""
        self.pending.set(await store.outbox.pending_count())
        last = await store.last_import()
        if last is not None:
            year, imported_at = last
            self.last_release_year.set(year)
            self.last_release_imported.set(_unix_time(imported_at))

    def render(self, accept: str | None) -> tuple[bytes, str]:
        """The exposition in the format the scraper asks for, and its content type."""
        encoder, content_type = choose_encoder(accept or "")
        return encoder(self.registry), content_type


def _unix_time(stamp: str) -> float:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:  # the store writes UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def authorized(request: web.Request, token: str | None) -> bool:
    """No token set: anyone who can reach the server. Else ``Authorization: Bearer <token>``,
    compared in constant time, as bytes (a non-ASCII header is a refusal, not an error)."""
    if token is None:
        return True
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return secrets.compare_digest(given.strip().encode("utf-8", "surrogateescape"), token.encode())


def metrics_view(
    metrics: Metrics, store: Store, token: str | None
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler of ``GET /metrics``."""

    async def view(request: web.Request) -> web.Response:
        if not authorized(request, token):
            return web.Response(
                status=401, text="401: a bearer token is required\n", headers={"WWW-Authenticate": "Bearer"}
            )
        try:
            await metrics.refresh(store)
        except Exception as error:  # the counters are still worth serving
            log.warning("metrics: could not read the database (%s)", error)
        body, content_type = metrics.render(request.headers.get("Accept"))
        return web.Response(body=body, headers={"Content-Type": content_type})

    return view


def add_route(web_app: web.Application, metrics: Metrics, store: Store, token: str | None) -> None:
    web_app.router.add_get(METRICS_PATH, metrics_view(metrics, store, token))


def token_of(settings: Settings) -> str | None:
    """The bearer token /metrics asks for; hidden in the log from the moment it is read."""
    if settings.metrics_token is None:
        return None
    token = settings.metrics_token.get_secret_value()
    redact(token, "<METRICS_TOKEN>")
    return token


async def start(settings: Settings, metrics: Metrics, store: Store) -> web.AppRunner | None:
    """The server of its own when ``METRICS_PORT`` is set; None (nothing listens) otherwise."""
    return await serve(settings, metrics, store) if settings.metrics_port is not None else None


async def serve(settings: Settings, metrics: Metrics, store: Store) -> web.AppRunner:
    """The metrics server of its own, on ``METRICS_HOST:METRICS_PORT``; the caller cleans it up."""
    assert settings.metrics_port is not None, "serve needs METRICS_PORT"
    web_app = web.Application()
    add_route(web_app, metrics, store, token_of(settings))
    runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.metrics_host, settings.metrics_port).start()
    except OSError as error:  # port taken, address not on this machine
        await runner.cleanup()
        raise ConfigError(
            f"METRICS_PORT {settings.metrics_port} on METRICS_HOST {settings.metrics_host} "
            f"cannot be listened on: {error.strerror or error}"
        ) from None
    log.info("Metrics at http://%s:%d%s", settings.metrics_host, settings.metrics_port, METRICS_PATH)
    return runner
