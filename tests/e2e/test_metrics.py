"""End to end: ``/metrics`` of the running bot, scraped over HTTP and parsed with
prometheus-client's parser, as Prometheus would.

Long polling with ``METRICS_PORT``: a server of its own on 127.0.0.1, whose counters move
with the updates handled, a 429 waited out and the notifications of an import. Off by
default: the bot then listens on no port at all. Webhook mode with ``METRICS_TOKEN``: the
webhook server serves it, to the bearer of the token only.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from .dialog import UserChat, running_bot
from .fake_telegram import FakeTelegram
from .harness import BotProcess, copy_rating_db, free_port, webhook_env
from .releases import run_importer, subscribe_directly, write_release

METRICS_TOKEN = "e2e-metrics-token-0123456789"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(port: int, token: str | None = None) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        aiohttp.ClientSession() as client,
        client.get(f"http://127.0.0.1:{port}/metrics", headers=headers) as response,
    ):
        return response.status, await response.text()


async def samples(port: int, token: str | None = None) -> Samples:
    status, text = await scrape(port, token)
    assert status == 200, text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(found: Samples, name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def listening_ports(pid: int) -> set[int]:
    """The TCP ports process ``pid`` listens on, from /proc (its sockets' inodes)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


async def test_polling_metrics_move_with_updates_429s_and_deliveries(
    tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    env = {"METRICS_PORT": str(port), "NOTIFY_POLL_SECONDS": "0.2"}
    async with running_bot(tmp_path, rating_db_template, env=env) as bot:
        assert bot.pid is not None
        assert listening_ports(bot.pid) == {port}
        before = await samples(port)
        assert value(before, "gosrating_last_release_year") == 2025
        assert value(before, "gosrating_deliveries_pending") == 0
        assert value(before, "gosrating_deliveries_total", outcome="sent") == 0

        await UserChat(bot, 4101).send("минздрав")
        bot.fake.fail_next("sendMessage", error_code=429, description="Too Many Requests: retry after 1")
        await UserChat(bot, 4102).send("мчс")  # answered after the wait

        after = await samples(port)
        lookups = value(
            after,
            "gosrating_updates_total",
            kind="message",
            handler="handlers.lookup.lookup_text",
            outcome="ok",
        )
        assert lookups == 2
        assert value(after, "gosrating_update_seconds_count", kind="message") == 2
        assert value(after, "gosrating_telegram_retry_after_total") == 1

        subscribe_directly(bot.database_path, 3, first_chat=4200)
        bot.fake.block_chat(4202)
        release = write_release(tmp_path / "rating-2026.csv", {"moh": (4.9, 92.0)})
        run = await run_importer(bot.database_path, release, "--year", "2026")
        assert run.code == 0, run.err

        found = await samples(port)
        for _ in range(200):  # bounded: about 20 s
            if value(found, "gosrating_deliveries_pending") == 0:
                break
            await asyncio.sleep(0.1)
            found = await samples(port)
        assert value(found, "gosrating_deliveries_total", outcome="sent") == 2
        assert value(found, "gosrating_deliveries_total", outcome="dropped") == 1
        assert value(found, "gosrating_last_release_year") == 2026


async def test_metrics_are_off_by_default_and_no_port_is_opened(
    tmp_path: Path, rating_db_template: Path
) -> None:
    async with running_bot(tmp_path, rating_db_template) as bot:
        await UserChat(bot, 4301).send("минздрав")
        assert bot.pid is not None

        assert listening_ports(bot.pid) == set()


async def test_webhook_metrics_need_the_token(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    database = copy_rating_db(rating_db_template, tmp_path)
    process = BotProcess(
        fake_telegram, tmp_path, database_path=database, env=webhook_env(port, METRICS_TOKEN=METRICS_TOKEN)
    )
    try:
        await process.start(wait_for_polling=False)
        await process.wait_until_called("setWebhook")

        assert (await scrape(port))[0] == 401
        assert (await scrape(port, "wrong-token-0123456789abcdef"))[0] == 401
        found = await samples(port, METRICS_TOKEN)
        assert value(found, "gosrating_last_release_year") == 2025
        assert METRICS_TOKEN not in process.log()
    finally:
        await process.stop()


async def test_webhook_without_a_token_has_no_metrics(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    database = copy_rating_db(rating_db_template, tmp_path)
    process = BotProcess(fake_telegram, tmp_path, database_path=database, env=webhook_env(port))
    try:
        await process.start(wait_for_polling=False)
        await process.wait_until_called("setWebhook")

        status, _ = await scrape(port)
        assert status == 404
        assert process.pid is not None
        assert listening_ports(process.pid) == {port}
    finally:
        await process.stop()
