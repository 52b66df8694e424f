"""The metrics count what the real dispatcher handles: updates by kind, handler and outcome."""

from __future__ import annotations

from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from bot.runtime.metrics import Metrics
from bot.views.callbacks import RankPage

from .conftest import USER_ID, Updates, running_app


def updates_counted(metrics: Metrics) -> dict[tuple[str, str, str], float]:
    """gosrating_updates_total by (kind, handler, outcome)."""
    body, _ = metrics.render(None)
    return {
        (s.labels["kind"], s.labels["handler"], s.labels["outcome"]): s.value
        for family in text_string_to_metric_families(body.decode())
        for s in family.samples
        if s.name == "gosrating_updates_total"
    }


async def test_updates_are_counted_by_the_handler_that_took_them(database: Path, updates: Updates) -> None:
    metrics = Metrics()
    async with running_app(database, metrics=metrics, throttle_rate=0.001, throttle_burst=4) as app:
        await app.feed(updates.private("минздрав"))
        await app.feed(updates.private("мчс"))
        await app.feed(updates.press(RankPage(year=2025, page=2), on=updates.bot_message(USER_ID)))
        await app.feed(updates.group("не боту"))
        await app.feed(updates.private("минздрав"))  # the fifth: over the burst

    assert updates_counted(metrics) == {
        ("message", "handlers.lookup.lookup_text", "ok"): 2,
        ("callback_query", "handlers.rank.rank_page", "ok"): 1,
        ("message", "unhandled", "ok"): 1,
        ("message", "unhandled", "throttled"): 1,
    }
