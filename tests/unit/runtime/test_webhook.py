"""The webhook server's parts, in process: aiogram's handler behind our subclass, /healthz.

The end-to-end tests (tests/e2e/test_webhook.py) drive the whole bot; these cover what
they cannot provoke: a handler that raises, and the database check's answers.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.types import Message
from aiohttp.test_utils import TestClient, TestServer

from bot.config import load_settings
from bot.runtime.healthcheck import database_health, local_address
from bot.runtime.webhook import build_web_app, new_secret

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
SECRET = "unit-secret"


def update(text: str) -> dict[str, object]:
    user = {"id": 7, "is_bot": False, "first_name": "T"}
    return {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 7, "type": "private"},
            "from": user,
            "text": text,
        },
    }


@pytest.fixture
async def client(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: Path
) -> AsyncIterator[TestClient[Any, Any]]:
    for name in list(os.environ):
        if name.startswith(("BOT_", "WEBHOOK_", "DATABASE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    settings = load_settings(bot_token=TOKEN, database_path=database)
    router = Router()

    @router.message()
    async def broken(message: Message) -> None:
        raise RuntimeError("a bug in a handler")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    bot = Bot(TOKEN)
    test_client = TestClient(TestServer(build_web_app(dispatcher, bot, settings, SECRET)))
    await test_client.start_server()
    yield test_client
    await test_client.close()
    await bot.session.close()


async def test_a_failing_handler_is_answered_200_so_telegram_does_not_resend(
    client: TestClient[Any, Any], caplog: pytest.LogCaptureFixture
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    with caplog.at_level(logging.WARNING):
        response = await client.post("/webhook", json=update("hello"), headers=headers)
    assert response.status == 200
    assert "does not resend" in caplog.text


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}])
async def test_without_the_secret_the_update_is_refused(
    client: TestClient[Any, Any],
    headers: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    response = await client.post("/webhook", json=update("hello"), headers=headers)
    assert response.status == 401
    assert "a bug in a handler" not in caplog.text, "the update never reached a handler"


async def test_a_secret_header_that_is_not_ascii_is_refused_401_without_an_error(
    client: TestClient[Any, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        response = await client.post(
            "/webhook", json=update("hello"), headers={"X-Telegram-Bot-Api-Secret-Token": "секрет-ключ"}
        )

    assert response.status == 401
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_healthz(client: TestClient[Any, Any]) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"ok": True, "database": "ok", "last_release_year": 2025}


def test_database_health(database: Path, tmp_path: Path) -> None:
    assert database_health(database) == (200, {"ok": True, "database": "ok", "last_release_year": 2025})
    missing = database_health(tmp_path / "nowhere.db")
    assert missing == (503, {"ok": False, "database": "unreachable", "last_release_year": None})
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    assert database_health(garbage)[0] == 503
    assert not (tmp_path / "nowhere.db").exists(), "the probe creates nothing"


def test_generated_secrets_follow_telegrams_rule() -> None:
    secrets = {new_secret() for _ in range(50)}
    assert len(secrets) == 50
    for secret in secrets:
        assert 32 <= len(secret) <= 256
        assert set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@pytest.mark.parametrize(
    ("host", "address"),
    [("0.0.0.0", "127.0.0.1"), ("127.0.0.1", "127.0.0.1"), ("::", "[::1]"), ("::1", "[::1]"), ("bot", "bot")],
)
def test_the_healthcheck_reaches_the_server_where_it_listens(host: str, address: str) -> None:
    assert local_address(host) == address
