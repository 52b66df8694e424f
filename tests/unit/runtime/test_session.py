"""The Bot API session sends a JSON body, and a multipart form only when a file goes with it.

A small aiohttp server on 127.0.0.1 stands in for the Bot API and keeps what each request
carried, so these check the wire itself: the content type, and the parameters as the Bot
API will read them.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.runtime.session import JsonBodySession

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"


class Received:
    """What the stand-in Bot API was sent, one entry per request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, Any]]] = []
        self.bodies: list[bytes] = []  # JSON bodies as they came

    async def handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            self.bodies.append(await request.read())
            params = json.loads(self.bodies[-1])
        else:
            params = {
                key: value if isinstance(value, str) else "<file>"
                for key, value in (await request.post()).items()
            }
        self.requests.append((method, request.content_type, params))
        message = {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 7, "type": "private"},
            "text": params.get("text", ""),
        }
        return web.json_response({"ok": True, "result": message})


@pytest.fixture
async def api() -> AsyncIterator[tuple[Bot, Received]]:
    received = Received()
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", received.handle)
    async with TestServer(app, host="127.0.0.1") as server:
        session = JsonBodySession(api=TelegramAPIServer.from_base(str(server.make_url(""))))
        bot = Bot(
            TOKEN,
            session=session,
            default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
        )
        yield bot, received
        await session.close()


async def test_a_reply_goes_as_one_utf8_json_body_with_nested_objects(
    api: tuple[Bot, Received],
) -> None:
    bot, received = api
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="🔔 Подписаться", callback_data="sub:health")]]
    )

    sent = await bot.send_message(7, "Министерство здравоохранения &amp; <b>20</b>", reply_markup=keyboard)

    assert sent.text == "Министерство здравоохранения &amp; <b>20</b>"
    [(method, content_type, params)] = received.requests
    assert (method, content_type) == ("sendMessage", "application/json")
    assert params == {
        "chat_id": 7,
        "text": "Министерство здравоохранения &amp; <b>20</b>",
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "disable_web_page_preview": True,  # aiogram fills the old flag from the same default
        "reply_markup": {"inline_keyboard": [[{"text": "🔔 Подписаться", "callback_data": "sub:health"}]]},
    }


async def test_the_body_is_plain_utf8_not_escaped(api: tuple[Bot, Received]) -> None:
    bot, received = api

    await bot.send_message(7, "Қазақстан")

    [body] = received.bodies
    assert '"text":"Қазақстан"'.encode() in body


async def test_unset_parameters_are_left_out_and_false_flags_are_kept(
    api: tuple[Bot, Received],
) -> None:
    bot, received = api

    await bot.send_message(7, "hi", parse_mode=None, disable_notification=False)

    [(_, _, params)] = received.requests
    assert params == {
        "chat_id": 7,
        "text": "hi",
        "link_preview_options": {"is_disabled": True},
        "disable_web_page_preview": True,
        "disable_notification": False,
    }


async def test_a_request_with_a_file_still_goes_as_a_multipart_form(api: tuple[Bot, Received]) -> None:
    bot, received = api

    await bot.send_document(7, BufferedInputFile(b"rank,agency\n1,x\n", filename="rating.csv"), caption="ok")

    [(method, content_type, params)] = received.requests
    assert (method, content_type) == ("sendDocument", "multipart/form-data")
    assert params["caption"] == "ok"
    assert params["document"].startswith("attach://")
