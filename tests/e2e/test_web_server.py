"""End to end: the rating page's JSON API from the running processes, over HTTP on 127.0.0.1.

Long polling with ``WEB_PORT``: a server of its own beside the bot. Webhook mode: the
webhook server serves it. ``python -m bot web``: the page alone, from a copy of the bot's
database, with no bot token; it exits 0 on SIGTERM, and a port in use is one line, exit 2.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

from bot.store import Store
from tests.telegram_init_data import signed_init_data

from .dialog import running_bot
from .fake_telegram import FakeTelegram, make_token
from .harness import REPO_ROOT, BotProcess, clean_env, copy_rating_db, free_port, webhook_env

#: Bounds a wait for a process to start listening or to stop: a guard, not a timing assertion.
LIMIT_SECONDS = 30.0


async def years(port: int) -> dict[str, object]:
    async with (
        aiohttp.ClientSession() as client,
        client.get(f"http://127.0.0.1:{port}/api/v1/years") as response,
    ):
        assert response.status == 200, await response.text()
        data: dict[str, object] = await response.json()
        return data


def page_env(database: Path, **values: str) -> dict[str, str]:
    """``python -m bot web``'s environment: no bot token nor any other bot setting."""
    env = clean_env("BOT_", "TELEGRAM_", "WEBHOOK_", "DATABASE_", "ADMIN_", "METRICS_", "WEB_", "DEFAULT_")
    env.update(DATABASE_PATH=str(database), PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", **values)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


@contextlib.asynccontextmanager
async def page_process(cwd: Path, env: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """``python -m bot web``, run from ``cwd`` (no developer's .env); killed if still running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "web",
        cwd=str(cwd),
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.communicate()


async def wait_listening(port: int, process: asyncio.subprocess.Process) -> None:
    """Until something accepts connections on 127.0.0.1:``port``; fails if the process exits."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT_SECONDS
    while loop.time() < deadline:
        assert process.returncode is None, f"python -m bot web exited with {process.returncode}"
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port}")


async def test_polling_with_web_port_serves_the_api(tmp_path: Path, rating_db_template: Path) -> None:
    port = free_port()
    async with running_bot(tmp_path, rating_db_template, env={"WEB_PORT": str(port)}):
        data = await years(port)
    assert data["latest"] == 2025


async def test_webhook_server_serves_the_api(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    port = free_port()
    database = copy_rating_db(rating_db_template, tmp_path)
    process = BotProcess(fake_telegram, tmp_path, database_path=database, env=webhook_env(port))
    try:
        await process.start(wait_for_polling=False)
        await process.wait_until_called("setWebhook")
        assert (await years(port))["latest"] == 2025
    finally:
        await process.stop()


async def test_bot_web_serves_the_page_alone_and_exits_0_on_sigterm(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    port = free_port()
    async with page_process(tmp_path, page_env(database, WEB_PORT=str(port))) as process:
        await wait_listening(port, process)
        assert (await years(port))["latest"] == 2025
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), LIMIT_SECONDS)
    assert process.returncode == 0, err.decode()


async def test_bot_web_on_a_port_in_use_is_one_line_and_exit_2(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        async with page_process(tmp_path, page_env(database, WEB_PORT=str(port))) as process:
            out, err = await asyncio.wait_for(process.communicate(), LIMIT_SECONDS)
    assert process.returncode == 2
    lines = err.decode().splitlines()
    assert len(lines) == 1, err.decode()
    assert lines[0].startswith(f"WEB_PORT {port} on WEB_HOST 127.0.0.1 cannot be listened on: ")
    assert out == b""


async def test_polling_with_web_port_in_use_is_one_line_and_exit_2(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = BotProcess(fake_telegram, tmp_path, database_path=database, env={"WEB_PORT": str(port)})
        exited = await bot.run_until_exit(tmp_path, limit=LIMIT_SECONDS)
    assert exited.code == 2, exited.stderr
    # The bot's start-up log goes to stderr too; the error is the one line after it.
    *log_lines, last = exited.stderr.splitlines()
    assert last.startswith(f"WEB_PORT {port} on WEB_HOST 127.0.0.1 cannot be listened on: ")
    assert all(" INFO " in line for line in log_lines), exited.stderr
    assert "Traceback" not in exited.stderr


async def me(port: int, init_data: str) -> tuple[int, dict[str, object]]:
    async with (
        aiohttp.ClientSession() as client,
        client.post(f"http://127.0.0.1:{port}/api/v1/me", data=init_data.encode()) as response,
    ):
        return response.status, await response.json()


async def test_bot_web_with_a_token_personalizes_for_signed_users_only(
    tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    store = await Store.open(database)  # what the bot wrote when this user followed two bodies
    try:
        await store.subscriptions.remember_chat(777, "private", "ru")
        await store.subscriptions.add(777, "moh")
        await store.subscriptions.add(777, "nsc")
    finally:
        await store.close()
    port, token = free_port(), make_token()
    async with page_process(tmp_path, page_env(database, WEB_PORT=str(port), BOT_TOKEN=token)) as process:
        await wait_listening(port, process)
        status, mine = await me(port, signed_init_data(777, token, auth_date=int(time.time())))
        forged_status, forged = await me(
            port, signed_init_data(777, make_token(bot_id=987654321), auth_date=int(time.time()))
        )
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), LIMIT_SECONDS)
    assert status == 200
    assert mine["language"] == "kk"  # Telegram's language for a user with none saved
    assert sorted(mine["following"]) == ["moh", "nsc"]  # type: ignore[call-overload]
    assert forged_status == 403
    assert set(forged) == {"error"}
    assert token not in err.decode()


async def test_bot_web_without_a_token_does_not_personalize(tmp_path: Path, rating_db_template: Path) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    port = free_port()
    async with page_process(tmp_path, page_env(database, WEB_PORT=str(port))) as process:
        await wait_listening(port, process)
        status, answer = await me(port, signed_init_data(777, make_token(), auth_date=int(time.time())))
    assert status == 404
    assert set(answer) == {"error"}
