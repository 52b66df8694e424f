"""The page's own server: off without WEB_PORT, one line when its port is taken."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from bot.config import ConfigError, Settings
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.runtime import web_server
from bot.runtime.i18n import make_i18n
from bot.store import Store

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"


def settings(database: Path, **values: object) -> Settings:
    return Settings(bot_token=TOKEN, database_path=database, _env_file=None, **values)  # type: ignore[arg-type, call-arg]


async def test_without_web_port_nothing_listens(database: Path) -> None:
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        assert await web_server.start(settings(database), catalog, make_i18n("ru")) is None
    finally:
        await store.close()


async def test_web_port_serves_the_api_on_web_host(database: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        runner = await web_server.start(settings(database, web_port=port), catalog, make_i18n("ru"))
        assert runner is not None
        try:
            async with (
                aiohttp.ClientSession() as client,
                client.get(f"http://127.0.0.1:{port}/api/v1/years") as got,
            ):
                assert got.status == 200
                assert (await got.json())["latest"] == 2025
        finally:
            await runner.cleanup()
    finally:
        await store.close()


async def test_a_port_in_use_is_one_line_naming_the_settings(database: Path) -> None:
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            with pytest.raises(ConfigError) as raised:
                await web_server.start(settings(database, web_port=port), catalog, make_i18n("ru"))
        line = str(raised.value.code)
        assert line.startswith(f"WEB_PORT {port} on WEB_HOST 127.0.0.1 cannot be listened on: ")
        assert "\n" not in line
    finally:
        await store.close()
