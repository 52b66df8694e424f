"""End to end: the bot in webhook mode, over real HTTP, as Telegram would drive it.

The bot (``python -m bot``, unchanged) is started with ``WEBHOOK_URL`` pointing at a free
port on 127.0.0.1; the fake Telegram delivers the updates pushed to it by POSTing them
there with the secret the bot registered, and the tests also POST on their own (wrong or
missing secret) and GET ``/healthz``.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from .dialog import plain
from .fake_telegram import Call, FakeTelegram, make_token
from .harness import WEBHOOK_SECRET, BotProcess, copy_rating_db, free_port, wait_until, webhook_env


class WebhookBot:
    """The bot process in webhook mode and the address it serves."""

    def __init__(self, fake: FakeTelegram, tmp_path: Path, database: Path, **env: str | None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/webhook"
        self.process = BotProcess(fake, tmp_path, database_path=database, env=webhook_env(self.port, **env))
        self.fake = fake

    async def start(self) -> Call:
        """Start and return the bot's setWebhook call (made once it listens)."""
        since = len(self.fake.calls("setWebhook", include_failed=True))
        await self.process.start(wait_for_polling=False)
        return await self.process.wait_until_called("setWebhook", skip=since)

    async def get(self, path: str) -> tuple[int, dict[str, object]]:
        async with (
            aiohttp.ClientSession() as client,
            client.get(f"http://127.0.0.1:{self.port}{path}") as response,
        ):
            return response.status, json.loads(await response.text())

    async def reply_to(self, user_id: int, text: str) -> Call:
        """Push a message through Telegram's queue (delivered to the webhook) and return the
        bot's answer, whether sent over HTTP or returned in the webhook's response."""
        since = self.fake.mark()
        self.fake.push_message(user_id, text)
        [reply] = await self.process.wait_for("sendMessage", chat_id=user_id, since=since)
        return reply


@pytest.fixture
async def webhook_bot(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> AsyncIterator[WebhookBot]:
    bot = WebhookBot(fake_telegram, tmp_path, copy_rating_db(rating_db_template, tmp_path))
    try:
        yield bot
    finally:
        await bot.process.stop()


def message_update(user_id: int, text: str, update_id: int) -> dict[str, object]:
    user = {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "ru"}
    message: dict[str, object] = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "Test"},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}]
    return {"update_id": update_id, "message": message}


async def test_webhook_mode_registers_serves_and_stops(webhook_bot: WebhookBot) -> None:
    fake = webhook_bot.fake
    registered = await webhook_bot.start()
    assert registered.params["url"] == webhook_bot.url
    assert registered.params["secret_token"] == WEBHOOK_SECRET
    assert {"message", "callback_query"} <= set(registered.params["allowed_updates"])
    assert not registered.params.get("drop_pending_updates")
    assert fake.commands(language_code="en"), "the command menu is set in webhook mode too"

    # An update Telegram delivers with the registered secret is answered.
    reply = await webhook_bot.reply_to(4001, "/rank")
    assert "Страница 1 из 4" in plain(reply)
    await wait_until(lambda: fake.webhook_deliveries[-1].status is not None, 5.0)
    assert fake.webhook_deliveries[-1].status == 200

    # Anyone else is turned away before the update is looked at.
    forged = message_update(4002, "/start", 900_001)
    assert (await fake.post_webhook(forged, secret_token="not-the-secret"))[0] == 401
    assert (await fake.post_webhook(forged, send_secret=False))[0] == 401
    # Telegram's own POST waits for the handling: the reply exists when it returns.
    status, _ = await fake.post_webhook(message_update(4003, "/start", 900_002))
    assert status == 200
    assert fake.calls("sendMessage", chat_id=4003)
    assert fake.calls("sendMessage", chat_id=4002) == []

    status, health = await webhook_bot.get("/healthz")
    assert (status, health) == (200, {"ok": True, "database": "ok", "last_release_year": 2025})
    database = webhook_bot.process.database_path
    database.rename(database.with_name("elsewhere.db"))  # as if the volume went away
    try:
        status, health = await webhook_bot.get("/healthz")
        assert (status, health["ok"]) == (503, False)
        assert str(database.parent) not in json.dumps(health), "the public answer names no path"
    finally:
        database.with_name("elsewhere.db").rename(database)
    assert (await webhook_bot.get("/healthz"))[0] == 200
    assert fake.calls("getUpdates", include_failed=True) == []

    # SIGTERM: 0 means it exited by itself within stop()'s own timeout (a bot that hung
    # would be SIGKILLed there and return -9).
    assert await webhook_bot.process.stop() == 0, webhook_bot.process.log()
    # The webhook stays registered: Telegram keeps the updates for the next start.
    assert fake.calls("deleteWebhook", include_failed=True) == []
    assert fake.webhook is not None
    assert "Traceback" not in webhook_bot.process.log()


async def test_sigterm_finishes_the_update_in_hand(webhook_bot: WebhookBot) -> None:
    fake = webhook_bot.fake
    await webhook_bot.start()
    # The reply is refused once with "retry after 1": the bot is mid-update for a second.
    fake.fail_next("sendMessage", chat_id=4010, description="Too Many Requests: retry after 1")
    since = fake.mark()
    delivery = asyncio.create_task(fake.post_webhook(message_update(4010, "/start", 900_010)))
    await webhook_bot.process.wait_for("sendMessage", chat_id=4010, include_failed=True, since=since)

    assert await webhook_bot.process.stop() == 0, webhook_bot.process.log()
    status, _ = await delivery
    assert status == 200, "the update in hand was answered, not cut off"
    [reply] = fake.calls("sendMessage", chat_id=4010, since=since)
    assert reply.ok


async def test_a_restart_in_either_mode_answers_what_telegram_queued_meanwhile(
    webhook_bot: WebhookBot, tmp_path: Path
) -> None:
    fake = webhook_bot.fake
    await webhook_bot.start()
    assert await webhook_bot.process.stop() == 0

    fake.push_message(4020, "/rank")  # arrives while the bot is down: Telegram keeps retrying
    await webhook_bot.start()
    [reply] = await webhook_bot.process.wait_for("sendMessage", chat_id=4020)
    assert "Страница 1 из 4" in plain(reply)
    assert await webhook_bot.process.stop() == 0

    # Back to long polling, the default: the webhook is removed, its queue kept.
    fake.push_message(4030, "/rank")
    polling = BotProcess(fake, tmp_path / "polling", database_path=webhook_bot.process.database_path)
    async with polling:
        [reply] = await polling.wait_for("sendMessage", chat_id=4030)
        assert "Страница 1 из 4" in plain(reply)
    [deleted] = fake.calls("deleteWebhook")
    assert not deleted.params.get("drop_pending_updates"), "the queued updates are kept"


async def test_generated_secret_is_used_and_never_logged(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    bot = WebhookBot(
        fake_telegram,
        tmp_path,
        copy_rating_db(rating_db_template, tmp_path),
        secret=None,
        LOG_LEVEL="DEBUG",
    )
    try:
        registered = await bot.start()
        secret = str(registered.params["secret_token"])
        assert re.fullmatch(r"[A-Za-z0-9_-]{32,256}", secret), secret
        assert "Страница 1 из 4" in plain(await bot.reply_to(4040, "/rank"))
        forged = message_update(4041, "/start", 900_040)
        assert (await fake_telegram.post_webhook(forged, secret_token=WEBHOOK_SECRET))[0] == 401
    finally:
        assert await bot.process.stop() == 0
    log = bot.process.log()
    assert "DEBUG" in log
    assert secret not in log
    assert bot.process.token not in log
    assert bot.process.token.split(":")[1] not in log


async def test_port_in_use_stops_with_one_line(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = BotProcess(
            fake_telegram,
            tmp_path,
            database_path=copy_rating_db(rating_db_template, tmp_path),
            env=webhook_env(port),
        )
        await bot.start(wait_for_polling=False)
        code = await bot.wait(timeout=20)
    assert code == 2
    assert_last_line_names(bot.log(), "WEBHOOK_PORT")
    assert fake_telegram.calls("setWebhook", include_failed=True) == []


async def test_webhook_refused_by_telegram_stops_with_one_line(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    fake_telegram.fail_next(
        "setWebhook",
        error_code=400,
        description="Bad Request: bad webhook: HTTPS url must be provided for webhook",
    )
    bot = BotProcess(
        fake_telegram,
        tmp_path,
        database_path=copy_rating_db(rating_db_template, tmp_path),
        env=webhook_env(free_port()),
    )
    await bot.start(wait_for_polling=False)
    assert await bot.wait(timeout=20) == 2
    line = assert_last_line_names(bot.log(), "WEBHOOK_URL")
    assert "HTTPS url must be provided" in line


def assert_last_line_names(log: str, setting: str) -> str:
    """The process ended with one plain line naming ``setting``, no traceback, no token."""
    assert "Traceback" not in log, log
    assert make_token().split(":")[1] not in log
    last = log.strip().splitlines()[-1]
    assert setting in last, log
    return last
