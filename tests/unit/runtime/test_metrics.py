"""The metrics: what is counted, what is read from the database at scrape time, and who may
scrape (a bearer token, compared safely). Served in process with aiohttp's test server;
the exposition is read back with prometheus-client's own parser."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client.parser import text_string_to_metric_families

from bot.config import ConfigError, Settings
from bot.runtime.metrics import Metrics, add_route, serve
from bot.runtime.update_log import Trace
from bot.store import Store
from tests.unit.helpers import EVERYTHING, follow, publish

TOKEN = "metrics-token-0123456789abcdef"
BOT_TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample by (name, sorted labels)."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def scrape(metrics: Metrics) -> Samples:
    body, _ = metrics.render(None)
    return samples(body.decode())


def test_updates_are_counted_by_kind_handler_and_outcome_and_timed() -> None:
    metrics = Metrics()
    for _ in range(2):
        metrics.observe_update(Trace(1, "message", 7, 7, "handlers.lookup.lookup_text", "ok", 0.004))
    metrics.observe_update(Trace(2, "callback_query", 7, 7, "unhandled", "throttled", 0.0002))

    found = scrape(metrics)

    lookup = (("handler", "handlers.lookup.lookup_text"), ("kind", "message"), ("outcome", "ok"))
    throttled = (("handler", "unhandled"), ("kind", "callback_query"), ("outcome", "throttled"))
    assert found[("gosrating_updates_total", lookup)] == 2
    assert found[("gosrating_updates_total", throttled)] == 1
    assert found[("gosrating_update_seconds_count", (("kind", "message"),))] == 2
    assert found[("gosrating_update_seconds_bucket", (("kind", "message"), ("le", "0.005")))] == 2
    assert found[("gosrating_update_seconds_sum", (("kind", "message"),))] == pytest.approx(0.008)


def test_deliveries_show_every_outcome_from_the_start_and_count_each_end() -> None:
    metrics = Metrics()
    assert {k: v for k, v in scrape(metrics).items() if k[0] == "gosrating_deliveries_total"} == {
        ("gosrating_deliveries_total", (("outcome", "sent"),)): 0,
        ("gosrating_deliveries_total", (("outcome", "failed"),)): 0,
        ("gosrating_deliveries_total", (("outcome", "dropped"),)): 0,
    }

    for outcome in ("sent", "sent", "failed"):
        metrics.delivered(outcome)
    metrics.waited(3.0)

    found = scrape(metrics)
    assert found[("gosrating_deliveries_total", (("outcome", "sent"),))] == 2
    assert found[("gosrating_deliveries_total", (("outcome", "failed"),))] == 1
    assert found[("gosrating_telegram_retry_after_total", ())] == 1


def test_two_apps_in_one_process_never_share_counts() -> None:
    first, second = Metrics(), Metrics()
    first.delivered("sent")

    assert scrape(second)[("gosrating_deliveries_total", (("outcome", "sent"),))] == 0


async def test_pending_deliveries_and_the_last_release_are_read_at_scrape_time(store: Store) -> None:
    metrics = Metrics()
    await metrics.refresh(store)
    found = scrape(metrics)
    assert found[("gosrating_deliveries_pending", ())] == 0
    assert found[("gosrating_last_release_year", ())] == 2025
    assert found[("gosrating_last_release_imported_timestamp_seconds", ())] > 1.7e9

    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    await metrics.refresh(store)

    found = scrape(metrics)
    assert found[("gosrating_deliveries_pending", ())] == 2
    assert found[("gosrating_last_release_year", ())] == 2026


# -- who may scrape ----------------------------------------------------------------------


async def client_for(store: Store, token: str | None) -> TestClient[Any, Any]:
    web_app = web.Application()
    add_route(web_app, Metrics(), store, token)
    client: TestClient[Any, Any] = TestClient(TestServer(web_app, host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def guarded(store: Store) -> AsyncIterator[TestClient[Any, Any]]:
    client = await client_for(store, TOKEN)
    try:
        yield client
    finally:
        await client.close()


async def test_without_a_token_set_anyone_who_reaches_the_server_may_scrape(store: Store) -> None:
    client = await client_for(store, None)
    try:
        response = await client.get("/metrics")
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain")
        assert ("gosrating_last_release_year", ()) in samples(await response.text())
    finally:
        await client.close()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong-token-0123456789abcdef",
        f"Basic {TOKEN}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN[:-1]}",
        "Bearer тайный-токен-0123456789",  # non-ASCII: refused, not a 500
    ],
)
async def test_a_missing_or_wrong_token_is_401(
    guarded: TestClient[Any, Any], authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await guarded.get("/metrics", headers=headers)

    assert response.status == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "gosrating" not in await response.text()


async def test_the_right_token_gets_the_metrics(guarded: TestClient[Any, Any]) -> None:
    for scheme in ("Bearer", "bearer"):
        response = await guarded.get("/metrics", headers={"Authorization": f"{scheme} {TOKEN}"})
        assert response.status == 200
        assert ("gosrating_deliveries_pending", ()) in samples(await response.text())


async def test_a_scraper_asking_for_openmetrics_gets_it(guarded: TestClient[Any, Any]) -> None:
    response = await guarded.get(
        "/metrics",
        headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/openmetrics-text; version=1.0.0"},
    )

    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/openmetrics-text")
    assert (await response.text()).endswith("# EOF\n")


async def test_a_port_that_cannot_be_listened_on_is_one_line_naming_metrics_port(
    store: Store, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=BOT_TOKEN,  # type: ignore[arg-type]
            database_path=tmp_path / "rating.db",
            metrics_port=port,
        )
        with pytest.raises(ConfigError) as raised:
            await serve(settings, Metrics(), store)

    line = str(raised.value.code)
    assert line.startswith(f"METRICS_PORT {port} on METRICS_HOST 127.0.0.1 cannot be listened on")
    assert "\n" not in line
