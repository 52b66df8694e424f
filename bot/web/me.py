"""``POST /api/v1/me``: who opened the Mini App, in which language, following which bodies.

The page posts Telegram's ``initData`` here and personalizes only on a 200. The body is the
raw ``initData`` string (``text/plain``) or a form field ``init_data=...``
(``application/x-www-form-urlencoded``), at most :data:`MAX_BODY` bytes.

- 200 ``{"user": ID, "language": "ru|kk|en", "following": [SLUG, ...]}`` when Telegram
  signed the data with this bot's token less than :data:`MAX_AGE` ago;
- 403 ``{"error": ...}`` for anything else (forged, stale, another bot's, missing): never
  anyone's data;
- 404 ``{"error": ...}`` where no bot token is known (``python -m bot web``), 405 for any
  method but POST, 413 for a body no initData is that long.

Every answer carries ``Cache-Control: no-store``: it is one person's. Only reads: the
language and the topics come from the store as they are, nothing is recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from aiohttp import hdrs, web

from bot.domain.languages import language_from_code
from bot.store import Store
from bot.store.records import ALL
from bot.web.init_data import MAX_FIELDS, MAX_INIT_DATA, MiniAppUser, verify

ME_PATH = "/api/v1/me"
#: The largest body read: real initData is a few hundred bytes, so 4 KB leaves it room
#: (even form-encoded once more) while a client cannot make us buffer more.
MAX_BODY = MAX_INIT_DATA
#: How old a signed initData may be. Telegram signs it when the Mini App opens and keeps
#: the same data while it stays open (a reload inside Telegram sends it again), so minutes
#: would lock out someone who left it open over lunch; a day still makes a leaked copy
#: useless soon, and all it would show is a language and a list of followed bodies.
MAX_AGE = 24 * 60 * 60
NO_STORE: Mapping[str, str] = {hdrs.CACHE_CONTROL: "no-store"}
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class MeSource:
    """What the endpoint needs: the bot's token to check signatures, the store to read."""

    store: Store
    bot_token: str
    default_language: str
    clock: Callable[[], float] = field(default=time.time)


def me_routes(source: MeSource | None) -> list[web.RouteDef]:
    """The route, ready for ``app.add_routes``; with no ``source`` (no token) it answers 404."""

    async def me(request: web.Request) -> web.Response:
        if request.method != hdrs.METH_POST:
            return _error(405, "method not allowed: use POST", {hdrs.ALLOW: hdrs.METH_POST})
        if source is None:
            return _error(404, "personalization is not available on this server")
        body = await _read_body(request)
        if body is None:
            return _error(413, f"request body over {MAX_BODY} bytes")
        user = verify(
            _init_data(body, request.content_type),
            source.bot_token,
            max_age=MAX_AGE,
            now=source.clock(),
        )
        if user is None:
            return _error(403, "initData is not valid: missing, altered, expired or for another bot")
        return web.json_response(await _profile(source, user), headers=NO_STORE)

    return [web.route("*", ME_PATH, me)]


async def _profile(source: MeSource, user: MiniAppUser) -> dict[str, object]:
    """The user's language as the bot picks it and the bodies their private chat follows."""
    saved = await source.store.user_language(user.user_id)
    language = saved or language_from_code(user.language_code) or source.default_language
    topics = await source.store.subscriptions.topics(user.user_id)  # a private chat's id is the user's
    return {"user": user.user_id, "language": language, "following": [t for t in topics if t != ALL]}


async def _read_body(request: web.Request) -> bytes | None:
    """The body, or None past :data:`MAX_BODY`: read in chunks, so a lying or absent
    ``Content-Length`` cannot make it buffer more."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        return None
    body = bytearray()
    async for chunk in request.content.iter_chunked(1024):
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


def _init_data(body: bytes, content_type: str) -> str:
    """The initData string in ``body``; "" (which never verifies) when there is none."""
    try:
        text = body.decode("ascii")  # initData is percent-encoded; anything else is not it
    except UnicodeDecodeError:
        return ""
    text = text.strip()
    if content_type != FORM:
        return text
    try:
        fields = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        return ""
    values = [value for key, value in fields if key == "init_data"]
    if not values:
        return text  # the raw string sent with a form's content type: still initData
    return values[0] if len(values) == 1 else ""


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers={**NO_STORE, **(headers or {})})
