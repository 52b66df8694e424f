"""web_app and add_web_routes: the page and the API answer on 127.0.0.1, beside a webhook."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.runtime.i18n import make_i18n
from bot.store import Store
from bot.web.server import add_web_routes, web_app


async def test_web_app_answers_the_api_and_the_page(database: Path) -> None:
    store = await Store.open_read_only(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        async with TestClient(TestServer(web_app(catalog, make_i18n("ru")), host="127.0.0.1")) as client:
            years = await client.get("/api/v1/years")
            assert years.status == 200, await years.text()
            assert (await years.json())["latest"] == 2025
            page = await client.get("/")
            assert page.status == 200, await page.text()
            assert page.content_type == "text/html"
    finally:
        await store.close()


async def test_routes_live_beside_a_webhook_posted_to_the_root(database: Path) -> None:
    """WEBHOOK_PATH=/ stays allowed: the webhook takes POST "/", the page GET "/"."""

    async def webhook(request: web.Request) -> web.Response:
        return web.json_response({"webhook": True})

    store = await Store.open_read_only(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        app = web.Application()
        app.router.add_post("/", webhook)
        add_web_routes(app, catalog, make_i18n("ru"))
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            posted = await client.post("/", json={})
            assert await posted.json() == {"webhook": True}
            page = await client.get("/")
            assert page.status == 200
            assert (await client.get("/api/v1/ratings/2025")).status == 200
    finally:
        await store.close()
