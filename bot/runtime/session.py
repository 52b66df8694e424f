"""The HTTP session to the Bot API: requests go as one JSON body, not a URL-encoded form.

aiogram's ``AiohttpSession`` percent-encodes every request byte by byte in Python, and
the bot's replies are long and mostly Cyrillic; the Bot API takes ``application/json``
for every method that uploads no file, which the standard library encodes in C. A
request carrying a file still goes as aiogram's multipart form.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiogram.client.session.aiohttp import AiohttpSession
from aiohttp import BytesPayload

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import TelegramMethod
    from aiogram.types import InputFile
    from aiohttp import FormData

JSON_CONTENT_TYPE = "application/json"


class JsonBodySession(AiohttpSession):
    """``AiohttpSession`` whose requests without files are a UTF-8 JSON body."""

    def json_body(self, bot: Bot, method: TelegramMethod[Any]) -> bytes | None:
        """The method's parameters as JSON, or ``None`` when it uploads a file.

        The parameters are prepared exactly as aiogram prepares them for a form (bot
        defaults filled in, dates as timestamps, unset values left out), except that nested
        objects stay objects instead of JSON strings inside the form.
        """
        files: dict[str, InputFile] = {}
        payload: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is None or prepared == "":
                continue
            payload[key] = prepared
        if files:
            return None
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()

    def build_form_data(self, bot: Bot, method: TelegramMethod[Any]) -> FormData:
        body = self.json_body(bot, method)
        if body is None:
            return super().build_form_data(bot, method)
        # aiohttp sends any Payload given as ``data=`` as it is, with its content type;
        # aiogram's make_request only passes the result on to ``session.post``.
        return BytesPayload(body, content_type=JSON_CONTENT_TYPE)  # type: ignore[return-value]
