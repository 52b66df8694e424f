"""``POST /api/v1/me``: one person's language and followed bodies, only for initData Telegram
signed for this bot recently; everything else a 403 that names no one.

initData is signed here with Telegram's documented algorithm written out on its own (as
tests/unit/web/test_init_data.py does), not with the module under test.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.domain.bodies import load_agencies
from bot.store import Store
from bot.store.records import ALL
from bot.web.me import MAX_AGE, MAX_BODY, ME_PATH, MeSource, me_routes
from tests.telegram_init_data import signed_init_data

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
OTHER_TOKEN = "987654321:AAHanotherBotsTokenEntirely_9876543"
NOW = 1_750_000_000
USER_ID = 424242
OTHER_USER_ID = 515151
SLUGS = [body.slug for body in load_agencies()[:3]]

Client = TestClient[web.Request, web.Application]


def signed(
    *, user_id: int = USER_ID, language_code: str | None = "kk", age: float = 60, token: str = TOKEN
) -> str:
    """initData as a Telegram client hands it to the page, signed ``age`` seconds before NOW."""
    return signed_init_data(user_id, token, auth_date=int(NOW - age), language_code=language_code)


@asynccontextmanager
async def serving(store: Store | None, default_language: str = "ru") -> AsyncIterator[Client]:
    """The endpoint on 127.0.0.1; with no store it runs as ``python -m bot web`` does (no token)."""
    source = MeSource(store, TOKEN, default_language, clock=lambda: NOW) if store is not None else None
    app = web.Application()
    app.add_routes(me_routes(source))
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        yield client


async def post(client: Client, body: str | bytes, content_type: str = "text/plain") -> tuple[int, Any]:
    response = await client.post(ME_PATH, data=body, headers={"Content-Type": content_type})
    assert response.headers["Cache-Control"] == "no-store"
    return response.status, await response.json()


@pytest.fixture
async def followed(store: Store) -> Store:
    """The user follows two bodies and every rating; another user follows a third body."""
    await store.subscriptions.remember_chat(USER_ID, "private", "kk")
    await store.subscriptions.remember_chat(OTHER_USER_ID, "private", "ru")
    for slug in SLUGS[:2]:
        await store.subscriptions.add(USER_ID, slug)
    await store.subscriptions.add(USER_ID, ALL)
    await store.subscriptions.add(OTHER_USER_ID, SLUGS[2])
    return store


async def test_valid_init_data_gets_the_users_language_and_followed_bodies(followed: Store) -> None:
    async with serving(followed) as client:
        status, body = await post(client, signed())
    assert status == 200
    assert body == {"user": USER_ID, "language": "kk", "following": SLUGS[:2]}


async def test_the_form_field_is_accepted_as_well_as_the_raw_string(followed: Store) -> None:
    form = urlencode({"init_data": signed()})
    async with serving(followed) as client:
        status, body = await post(client, form, "application/x-www-form-urlencoded")
    assert status == 200
    assert body["following"] == SLUGS[:2]


async def test_the_saved_language_wins_over_telegrams(followed: Store) -> None:
    await followed.register_user(USER_ID)
    await followed.set_user_language(USER_ID, "en")
    async with serving(followed) as client:
        _, body = await post(client, signed(language_code="kk"))
    assert body["language"] == "en"


@pytest.mark.parametrize(
    ("language_code", "expected"), [("uk", "ru"), ("en-US", "en"), ("de", "kk"), (None, "kk")]
)
async def test_telegrams_language_maps_as_the_bot_does_else_the_default(
    store: Store, language_code: str | None, expected: str
) -> None:
    async with serving(store, default_language="kk") as client:
        _, body = await post(client, signed(language_code=language_code))
    assert body == {"user": USER_ID, "language": expected, "following": []}


async def test_it_only_reads_a_read_only_store_serves_it(followed: Store, database: Path) -> None:
    read_only = await Store.open_read_only(database)
    try:
        async with serving(read_only) as client:
            status, body = await post(client, signed(user_id=777))  # a user the bot never met
    finally:
        await read_only.close()
    assert (status, body["user"]) == (200, 777)
    assert await followed.user_language(777) is None  # and recorded no one


@pytest.mark.parametrize(
    "init_data",
    [
        pytest.param(signed().replace("424242", "515151"), id="tampered-user"),
        pytest.param(signed(age=MAX_AGE + 1), id="expired"),
        pytest.param(signed(token=OTHER_TOKEN), id="another-bots-token"),
        pytest.param("", id="missing"),
        pytest.param("hello", id="not-init-data"),
    ],
)
async def test_anything_but_valid_init_data_is_refused_with_no_ones_data(
    followed: Store, init_data: str
) -> None:
    async with serving(followed) as client:
        status, body = await post(client, init_data)
    assert status == 403
    assert set(body) == {"error"}


async def test_a_body_longer_than_any_init_data_is_refused_unread(followed: Store) -> None:
    async with serving(followed) as client:
        status, body = await post(client, signed() + "&x=" + "a" * MAX_BODY)
    assert status == 413
    assert set(body) == {"error"}


async def test_get_is_not_allowed(followed: Store) -> None:
    async with serving(followed) as client:
        response = await client.get(ME_PATH)
        assert response.status == 405
        assert response.headers["Allow"] == "POST"
        assert response.headers["Cache-Control"] == "no-store"


async def test_without_a_bot_token_there_is_no_personal_page() -> None:
    async with serving(None) as client:
        status, body = await post(client, signed())
    assert status == 404
    assert set(body) == {"error"}
