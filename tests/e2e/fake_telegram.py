"""A fake Telegram Bot API server for end-to-end tests.

The bot under test talks real HTTP to this server exactly as it would to
``api.telegram.org``: aiogram builds ``{base}/bot{token}/{method}`` URLs and POSTs the
parameters as ``application/x-www-form-urlencoded`` (or ``multipart/form-data`` when a
file is uploaded), with every non-string value JSON-encoded. The server records each
request as a :class:`Call`, answers it the way Telegram does (including its error shapes
and a few of its stricter checks), and lets the test feed updates through ``getUpdates``
long polling or through a webhook the bot registered.

Typical use::

    async with FakeTelegram() as tg:
        ...  # start the bot with TELEGRAM_API_URL=tg.url
        tg.push_message(42, "/start")
        [reply] = await tg.wait_for("sendMessage", chat_id=42)
        assert "Привет" in reply.text
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import functools
import html
import json
import math
import re
import secrets
import socket
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any, Self

from aiohttp import BodyPartReader, ClientError, ClientSession, ClientTimeout, MultipartReader, web
from aiohttp.web_request import FileField

__all__ = [
    "BOT_FIRST_NAME",
    "BOT_ID",
    "BOT_USERNAME",
    "Call",
    "FakeTelegram",
    "TelegramError",
    "UploadedFile",
    "WebhookDelivery",
    "html_to_text",
    "make_token",
    "normalize_params",
]

BOT_ID = 1000
BOT_USERNAME = "gosrating_test_bot"
BOT_FIRST_NAME = "GosRating"

TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")

#: Parameters that aiogram (and Telegram) carry as JSON-serialized objects or arrays.
JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "entities",
        "caption_entities",
        "explanation_entities",
        "link_preview_options",
        "allowed_updates",
        "menu_button",
        "reply_parameters",
        "media",
        "results",
        "options",
        "permissions",
        "rights",
        "prices",
        "reaction",
        "message_ids",
        "input_message_content",
        "button",
    }
)
#: Parameters decoded to ``int`` when they hold a decimal integer (``"@channel"`` stays).
INT_PARAMS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "user_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "duration",
        "until_date",
        "width",
        "height",
        "length",
        "max_connections",
        "sender_chat_id",
    }
)
#: Parameters decoded from ``"true"``/``"false"`` to ``bool``.
BOOL_PARAMS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_paid_broadcast",
        "allow_sending_without_reply",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "show_alert",
        "drop_pending_updates",
        "is_personal",
        "only_if_banned",
        "revoke_messages",
        "has_spoiler",
        "show_caption_above_media",
    }
)

#: Canonical spelling of the Bot API methods this fake knows by name (lookup is by
#: lower case, as Telegram treats method names case-insensitively).
KNOWN_METHODS = [
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "getMe",
    "logOut",
    "close",
    "sendMessage",
    "forwardMessage",
    "forwardMessages",
    "copyMessage",
    "copyMessages",
    "sendPhoto",
    "sendAudio",
    "sendDocument",
    "sendVideo",
    "sendAnimation",
    "sendVoice",
    "sendVideoNote",
    "sendMediaGroup",
    "sendLocation",
    "sendVenue",
    "sendContact",
    "sendPoll",
    "sendDice",
    "sendChatAction",
    "sendSticker",
    "setMessageReaction",
    "getUserProfilePhotos",
    "getFile",
    "banChatMember",
    "unbanChatMember",
    "restrictChatMember",
    "promoteChatMember",
    "leaveChat",
    "getChat",
    "getChatAdministrators",
    "getChatMemberCount",
    "getChatMember",
    "answerCallbackQuery",
    "answerInlineQuery",
    "setMyCommands",
    "deleteMyCommands",
    "getMyCommands",
    "setMyName",
    "getMyName",
    "setMyDescription",
    "getMyDescription",
    "setMyShortDescription",
    "getMyShortDescription",
    "setChatMenuButton",
    "getChatMenuButton",
    "editMessageText",
    "editMessageCaption",
    "editMessageMedia",
    "editMessageReplyMarkup",
    "deleteMessage",
    "deleteMessages",
    "pinChatMessage",
    "unpinChatMessage",
    "unpinAllChatMessages",
    "sendInvoice",
    "answerPreCheckoutQuery",
]
_CANONICAL = {name.lower(): name for name in KNOWN_METHODS}

#: Methods that deliver a message, hence subject to ``limit_rate`` and ``block_chat``.
_DELIVERING_PREFIXES = ("send", "copy", "forward")
_EDITING_PREFIXES = ("edit",)

#: Update types Telegram sends when ``allowed_updates`` was never given (or given empty).
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
        "tg-time",
    }
)
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?>")

_INLINE_BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
_CALLBACK_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def make_token(bot_id: int = BOT_ID) -> str:
    """Return a well-formed, obviously fake bot token for ``bot_id`` (35 secret chars)."""
    return f"{bot_id}:" + ("AAFakeTokenForTests_0123456789abcde")[:35]


def _utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram measures text in."""
    return len(text.encode("utf-16-le")) // 2


def _decode_json(value: str) -> Any:
    with contextlib.suppress(ValueError):
        return json.loads(value)
    return value


def normalize_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn the wire form of Bot API parameters into Python values tests can compare.

    JSON-encoded objects/arrays (``reply_markup``, ``commands``...) are decoded, integer
    ids and counters (``chat_id``, ``message_id``...) become ``int`` when they are decimal
    integers, known flags become ``bool``; every other value stays as sent (a string).
    """
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            params[key] = value
        elif key in JSON_PARAMS and value[:1] in ("{", "["):
            params[key] = _decode_json(value)
        elif key in INT_PARAMS and re.fullmatch(r"-?\d+", value):
            params[key] = int(value)
        elif key in BOOL_PARAMS and value in ("true", "false", "True", "False"):
            params[key] = value.lower() == "true"
        else:
            params[key] = value
    return params


def html_to_text(text: str) -> str:
    """Strip Telegram HTML markup from ``text``, checking it the way Telegram does.

    Raises :class:`TelegramError` (400 "can't parse entities") on an unsupported or
    unbalanced tag, or a bare ``<`` that is not part of a tag: the mistakes that make
    real Telegram refuse a message (an unescaped user query, a ``<br>``).
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (lt := text.find("<", pos)) != -1:
        out.append(text[pos:lt])
        offset = len(text[:lt].encode())
        match = _TAG_RE.match(text, lt)
        if match is None:
            raise TelegramError(
                400,
                f'Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset {offset}',
            )
        closing, name = match.group(1), match.group(2).lower()
        if name not in _HTML_TAGS:
            kind = "end" if closing else "start"
            raise TelegramError(
                400,
                f'Bad Request: can\'t parse entities: Unsupported {kind} tag "{name}" '
                f"at byte offset {offset}",
            )
        if closing:
            if not stack:
                raise TelegramError(
                    400,
                    f"Bad Request: can't parse entities: Unexpected end tag at byte offset {offset}",
                )
            if stack[-1] != name:
                raise TelegramError(
                    400,
                    f"Bad Request: can't parse entities: Unmatched end tag at byte "
                    f'offset {offset}, expected "</{stack[-1]}>", found "</{name}>"',
                )
            stack.pop()
        else:
            stack.append(name)
        pos = match.end()
    out.append(text[pos:])
    if stack:
        raise TelegramError(
            400,
            "Bad Request: can't parse entities: Can't find end tag corresponding to "
            f'start tag "{stack[-1]}"',
        )
    return html.unescape("".join(out))


class TelegramError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": ..., "description": ...}``."""

    def __init__(
        self,
        code: int,
        description: str,
        *,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(f"{code} {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        parameters: dict[str, int] = {}
        if self.retry_after is not None:
            parameters["retry_after"] = self.retry_after
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


@dataclass(slots=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(slots=True)
class Call:
    """One request the bot made (or a method it returned in a webhook reply).

    ``params`` is normalized (see :func:`normalize_params`); ``raw`` holds the values as
    they came over the wire. ``at`` is ``time.monotonic()`` at arrival. ``failed_with``
    is the error code when the fake answered with an error (401, 403, 429, 400...).
    ``source`` is ``"http"`` or ``"webhook-reply"``. ``held`` is True while the fake
    keeps the request open unanswered (:meth:`FakeTelegram.hold`); ``dropped`` is True
    when the bot's connection closed meanwhile, so the call was never answered.
    """

    method: str
    params: dict[str, Any]
    at: float
    failed_with: int | None = None
    description: str | None = None
    result: Any = None
    raw: dict[str, Any] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    token: str | None = None
    source: str = "http"
    index: int = -1
    held: bool = False
    dropped: bool = False

    @property
    def ok(self) -> bool:
        """True unless the fake answered this call with an error, holds it, or it was dropped."""
        return self.failed_with is None and not self.held and not self.dropped

    @property
    def chat_id(self) -> Any:
        """The ``chat_id`` parameter (an ``int`` for numeric ids), or None."""
        return self.params.get("chat_id")

    @property
    def text(self) -> str | None:
        """The ``text`` (or ``caption``) parameter exactly as sent, markup included."""
        value = self.params.get("text", self.params.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        """The decoded ``reply_markup``, if any."""
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """Every inline keyboard button, row by row, flattened."""
        markup = self.reply_markup or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    @property
    def button_texts(self) -> list[str]:
        """The labels of the inline keyboard buttons."""
        return [str(button.get("text", "")) for button in self.buttons]

    @property
    def callback_data(self) -> list[str]:
        """The ``callback_data`` of the inline keyboard buttons that have one."""
        return [str(b["callback_data"]) for b in self.buttons if "callback_data" in b]

    def describe(self, origin: float | None = None) -> str:
        """A one-line summary used in failure reports."""
        when = f"+{self.at - origin:.2f}s " if origin is not None else ""
        parts = [f"#{self.index} {when}{self.method}"]
        if self.chat_id is not None:
            parts.append(f"chat={self.chat_id}")
        if "message_id" in self.params:
            parts.append(f"msg={self.params['message_id']}")
        for key in ("text", "caption", "callback_query_id", "url", "action"):
            if key in self.params:
                value = str(self.params[key])
                short = value if len(value) <= 80 else value[:77] + "..."
                parts.append(f"{key}={short!r}")
        if self.buttons:
            parts.append(f"buttons={self.button_texts!r}")
        if self.source != "http":
            parts.append(f"[{self.source}]")
        if self.failed_with is not None:
            parts.append(f"FAILED {self.failed_with} {self.description!r}")
        if self.held:
            parts.append("HELD (not answered yet)")
        if self.dropped:
            parts.append("DROPPED (connection closed before an answer)")
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"Call({self.describe()})"


@dataclass(slots=True)
class WebhookDelivery:
    """One attempt to POST an update to the bot's webhook."""

    update_id: int
    at: float
    status: int | None
    error: str | None = None


@dataclass(slots=True)
class _FailRule:
    method: str  # lower case, or "*"
    remaining: int
    error_code: int
    description: str
    retry_after: int | None
    chat_id: Any


@dataclass(slots=True)
class _HtmlRule:
    method: str  # lower case, or "*"
    remaining: int | None  # None: every call
    status: int


class _Bucket:
    """A token bucket: ``rate`` per second, bursts of up to one second's worth."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def wait_time(self, now: float) -> float:
        """Seconds until a token is available (0 when one is)."""
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.stamp = max(self.stamp, now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        """Spend one token."""
        self.tokens -= 1


_Handler = Callable[[Call], Awaitable[Any]]


class FakeTelegram:
    """A fake Bot API server on 127.0.0.1 that records calls and feeds updates.

    Use ``async with FakeTelegram() as tg`` (or :meth:`start` / :meth:`stop`), point the
    bot at :attr:`url`, push updates with the ``push_*`` helpers, and assert on the
    recorded calls with :meth:`wait_for`, :meth:`calls` and :meth:`wait_idle`.

    With ``strict=True`` (the default) the fake refuses what real Telegram refuses:
    malformed HTML, empty or over-long texts, callback data over 64 bytes, editing a
    message that does not exist or is not modified, answering an unknown callback query,
    invalid bot commands. With ``token`` given, only that exact token is accepted.
    """

    def __init__(
        self,
        *,
        bot_id: int = BOT_ID,
        bot_username: str = BOT_USERNAME,
        bot_first_name: str = BOT_FIRST_NAME,
        token: str | None = None,
        strict: bool = True,
        webhook_retry_delay: float = 0.5,
        port: int | None = None,
    ) -> None:
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.token = token
        self.strict = strict
        self.webhook_retry_delay = webhook_retry_delay

        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        #: The port to listen on; None: any free one (a test of a Bot API that comes up late
        #: gives the port the bot was already told about).
        self._wanted_port = port
        self._html_rules: list[_HtmlRule] = []
        self._client: ClientSession | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._closing = False
        self._started_at = time.monotonic()

        self._calls: list[Call] = []
        self._mark = 0
        self._calls_event = asyncio.Event()

        self._updates: list[dict[str, Any]] = []
        self._updates_event = asyncio.Event()
        self._next_update_id = 100_001
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0
        self.dropped_updates: list[dict[str, Any]] = []

        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._message_counters: dict[int, int] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._admins: dict[int, set[int]] = {}
        self._owners: dict[int, int] = {}
        self._callback_queries: dict[str, bool] = {}
        self._file_counter = 0
        #: The bytes of each document a user sent (:meth:`push_document`), by file_id.
        self._documents: dict[str, bytes] = {}
        #: How many times each document was downloaded.
        self.downloads: dict[str, int] = {}

        self._fail_rules: list[_FailRule] = []
        self._blocked: dict[int | str, str] = {}
        self._rate: _Bucket | None = None
        self._chat_rate: float | None = None
        self._chat_buckets: dict[Any, _Bucket] = {}
        self.rate_limited = 0
        self._holds: dict[Any, tuple[str, asyncio.Event]] = {}
        #: Seconds every answer takes to come back: the real Bot API is 50-200 ms away.
        self.latency = 0.0
        self._migrated: dict[int, int] = {}
        self._held_tasks: set[asyncio.Task[Any]] = set()

        self._webhook: dict[str, Any] | None = None
        self._webhook_last_error: tuple[int, str] | None = None
        self.webhook_deliveries: list[WebhookDelivery] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._menu_buttons: dict[Any, dict[str, Any]] = {}
        self._bot_texts: dict[str, dict[str, str]] = {}

        self._handlers: dict[str, _Handler] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "deletemycommands": self._delete_my_commands,
            "getmycommands": self._get_my_commands,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            "setmyname": functools.partial(self._set_bot_text, "name"),
            "setmydescription": functools.partial(self._set_bot_text, "description"),
            "setmyshortdescription": functools.partial(self._set_bot_text, "short_description"),
            "getmyname": functools.partial(self._get_bot_text, "name"),
            "getmydescription": functools.partial(self._get_bot_text, "description"),
            "getmyshortdescription": functools.partial(self._get_bot_text, "short_description"),
            "answercallbackquery": self._answer_callback_query,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "copymessage": self._copy_message,
            "forwardmessage": self._forward_message,
            "sendmediagroup": self._send_media_group,
            "sendlocation": self._send_location,
            "senddice": self._send_dice,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "getchatmembercount": self._get_chat_member_count,
            "getchat": self._get_chat,
            "getfile": self._get_file,
        }
        for method, kind in {
            "sendphoto": "photo",
            "senddocument": "document",
            "sendaudio": "audio",
            "sendvideo": "video",
            "sendanimation": "animation",
            "sendvoice": "voice",
            "sendsticker": "sticker",
            "sendvideonote": "video_note",
        }.items():
            self._handlers[method] = functools.partial(self._send_media, kind)
        self._init_inline_mode()

    # ------------------------------------------------------------------ lifecycle

    def _init_inline_mode(self) -> None:
        #: Inline queries pushed (:meth:`push_inline_query`) and whether each was answered.
        self._inline_queries: dict[str, bool] = {}
        #: What the bot answered to each inline query, by query id: its answerInlineQuery params.
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self._handlers["answerinlinequery"] = self._answer_inline_query

    async def start(self) -> None:
        """Bind to a free port on 127.0.0.1 and start serving."""
        if self._runner is not None:
            return
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._wanted_port or 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(runner, sock).start()
        self._runner = runner
        self._closing = False
        self._started_at = time.monotonic()
        self._client = ClientSession(timeout=ClientTimeout(total=30))
        self._webhook_task = asyncio.create_task(self._webhook_loop())

    async def stop(self) -> None:
        """Wake every long poll (they answer ``[]``), drop every held request, stop
        webhook delivery, shut down."""
        self._closing = True
        self._wake_updates()
        for task in list(self._held_tasks):
            task.cancel()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Base URL to give the bot as ``TELEGRAM_API_URL``, e.g. ``http://127.0.0.1:PORT``."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._port

    # ------------------------------------------------------------------ HTTP layer

    async def _not_found(self, request: web.Request) -> web.Response:
        return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    @staticmethod
    def _json(status: int, body: Any) -> web.Response:
        return web.json_response(body, status=status, dumps=functools.partial(json.dumps, ensure_ascii=False))

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        raw, files = await self._read_params(request)
        call = self._record(request.match_info["method"], raw, files, token=token)
        page = self._html_page(call, request.path)
        if page is not None:
            return page
        if not self._token_ok(token):
            self._finish(call, error=TelegramError(401, "Unauthorized"))
            return self._json(401, TelegramError(401, "Unauthorized").payload())
        status, body = await self._execute(call)
        return self._json(status, body)

    def _token_ok(self, token: str) -> bool:
        if self.token is not None:
            return token == self.token
        return TOKEN_RE.fullmatch(token) is not None

    @staticmethod
    async def _read_params(
        request: web.Request,
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if not request.can_read_body:
            return raw, files
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                raw.update(body)
            return raw, files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, FileField):
                files[key] = UploadedFile(key, value.filename, value.content_type, value.file.read())
            elif isinstance(value, bytes):
                raw[key] = value.decode()
            else:
                raw[key] = value
        return raw, files

    def _record(
        self,
        method: str,
        raw: dict[str, Any],
        files: dict[str, UploadedFile],
        *,
        token: str | None,
        source: str = "http",
    ) -> Call:
        call = Call(
            method=_CANONICAL.get(method.lower(), method),
            params=normalize_params(raw),
            at=time.monotonic(),
            raw=dict(raw),
            files=files,
            token=token,
            source=source,
            index=len(self._calls),
        )
        self._calls.append(call)
        self._wake_calls()
        return call

    def _finish(self, call: Call, *, result: Any = None, error: TelegramError | None = None) -> None:
        if error is not None:
            call.failed_with = error.code
            call.description = error.description
        else:
            call.result = result
        self._wake_calls()

    async def _execute(self, call: Call) -> tuple[int, dict[str, Any]]:
        await self._wait_while_held(call)
        try:
            self._check_faults(call)
            handler = self._handlers.get(call.method.lower())
            result = await handler(call) if handler is not None else True
        except TelegramError as error:
            self._finish(call, error=error)
            await self._travel_back()
            return error.code, error.payload()
        self._finish(call, result=result)
        await self._travel_back()
        return 200, {"ok": True, "result": result}

    async def _travel_back(self) -> None:
        """The answer's way back: the call is recorded (and rate-counted) on arrival."""
        if self.latency > 0:
            await asyncio.sleep(self.latency)

    def set_latency(self, seconds: float) -> None:
        """Answer every call ``seconds`` late, as a server across a real network does."""
        self.latency = seconds

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """The group ``old_id`` became the supergroup ``new_id``: sends to the old id are
        refused with ``migrate_to_chat_id``, as Telegram does."""
        self._migrated[old_id] = new_id

    def _wake_calls(self) -> None:
        event, self._calls_event = self._calls_event, asyncio.Event()
        event.set()

    def _wake_updates(self) -> None:
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        count: int = 1,
        error_code: int = 429,
        description: str = "Too Many Requests: retry after 1",
        retry_after: int | None = None,
        chat_id: int | str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (``"*"``: any) fail.

        The answer has Telegram's error shape, with ``parameters.retry_after`` when
        ``retry_after`` is given, or, for a 429, when the description says
        "retry after N" (real Telegram always sends it with a 429). ``chat_id`` limits
        the rule to calls for that chat.
        """
        if retry_after is None and error_code == 429:
            found = re.search(r"retry after (\d+)", description)
            retry_after = int(found.group(1)) if found else None
        self._fail_rules.append(
            _FailRule(method.lower(), count, error_code, description, retry_after, chat_id)
        )

    def block_chat(self, chat_id: int | str, description: str | None = None) -> None:
        """Answer every message sent to (or edited in) ``chat_id`` with 403 Forbidden."""
        if description is None:
            description = (
                "Forbidden: bot was kicked from the supergroup chat"
                if isinstance(chat_id, int) and chat_id < 0
                else "Forbidden: bot was blocked by the user"
            )
        self._blocked[chat_id] = description

    def unblock_chat(self, chat_id: int | str) -> None:
        """Undo :meth:`block_chat`."""
        self._blocked.pop(chat_id, None)

    def limit_rate(self, per_second: float | None, per_chat_per_second: float | None = None) -> None:
        """Answer 429 with ``retry_after`` when message sends exceed these rates.

        Applies to the ``send*``/``copy*``/``forward*`` methods except ``sendChatAction``;
        token buckets allow a burst of one second's worth. ``limit_rate(None)`` turns
        the limit off. Rejected calls are counted in :attr:`rate_limited`.
        """
        self._rate = _Bucket(per_second) if per_second else None
        self._chat_rate = per_chat_per_second or None
        self._chat_buckets.clear()

    def hold(self, chat_id: int | str, method: str = "sendMessage") -> None:
        """Keep every ``method`` call for ``chat_id`` open and unanswered until
        :meth:`release`, or until the bot's connection drops (a killed bot).

        The call is recorded on arrival with ``held=True`` and is not :attr:`Call.ok`
        meanwhile (wait for it with ``wait_for(..., include_failed=True)``). Released, it
        is answered as any other (faults included); dropped, it ends with ``dropped=True``
        and is never answered. This is the window between a request reaching Telegram and
        the bot hearing the answer, where a crash must not lose the message.
        """
        self._holds[chat_id] = (method.lower(), asyncio.Event())

    def release(self, chat_id: int | str) -> None:
        """Answer the calls held for ``chat_id`` and hold no more of them."""
        hold = self._holds.pop(chat_id, None)
        if hold is not None:
            hold[1].set()

    async def _wait_while_held(self, call: Call) -> None:
        hold = self._holds.get(call.chat_id)
        if hold is None or hold[0] != call.method.lower():
            return
        task = asyncio.current_task()
        assert task is not None
        self._held_tasks.add(task)
        call.held = True
        self._wake_calls()
        try:
            await hold[1].wait()
        except asyncio.CancelledError:  # aiohttp cancels the handler when the client goes away
            call.dropped = True
            raise
        finally:
            call.held = False
            self._held_tasks.discard(task)
            self._wake_calls()

    def serve_html(self, method: str = "*", *, status: int = 404, count: int | None = None) -> None:
        """Answer ``method`` (``"*"``: any) with a web server's HTML error page instead of
        the Bot API's JSON, as a proxy in front of it does, echoing the request's path (the
        token included, as Apache and nginx pages do). ``count``: that many calls, then
        normal answers again; None: until :meth:`clear_faults`."""
        self._html_rules.append(_HtmlRule(method.lower(), count, status))

    def _html_page(self, call: Call, path: str) -> web.Response | None:
        rule = next((r for r in self._html_rules if r.method in ("*", call.method.lower())), None)
        if rule is None:
            return None
        if rule.remaining is not None:
            rule.remaining -= 1
            if rule.remaining <= 0:
                self._html_rules.remove(rule)
        try:
            reason = HTTPStatus(rule.status).phrase
        except ValueError:
            reason = "Error"
        self._finish(call, error=TelegramError(rule.status, f"HTML page: {reason}"))
        body = (
            '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
            f"<title>{rule.status} {reason}</title>\n</head><body>\n<h1>{reason}</h1>\n"
            f"<p>The requested URL {html.escape(path)} was not found on this server.</p>\n"
            "</body></html>\n"
        )
        return web.Response(status=rule.status, text=body, content_type="text/html")

    def clear_faults(self) -> None:
        """Forget every ``fail_next`` rule, HTML page, blocked chat and rate limit."""
        self._html_rules.clear()
        self._fail_rules.clear()
        self._blocked.clear()
        self.limit_rate(None)

    def _check_faults(self, call: Call) -> None:
        name = call.method.lower()
        for rule in self._fail_rules:
            if rule.method not in ("*", name):
                continue
            if rule.chat_id is not None and call.chat_id != rule.chat_id:
                continue
            rule.remaining -= 1
            if rule.remaining <= 0:
                self._fail_rules.remove(rule)
            raise TelegramError(rule.error_code, rule.description, retry_after=rule.retry_after)
        delivering = name.startswith(_DELIVERING_PREFIXES) and name != "sendchataction"
        if delivering and call.chat_id in self._migrated:
            raise TelegramError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=self._migrated[call.chat_id],
            )
        if call.chat_id in self._blocked and (
            delivering or name.startswith(_EDITING_PREFIXES) or name == "sendchataction"
        ):
            raise TelegramError(403, self._blocked[call.chat_id])
        if delivering and (self._rate is not None or self._chat_rate is not None):
            self._check_rate(call)

    def _check_rate(self, call: Call) -> None:
        now = time.monotonic()
        buckets: list[_Bucket] = []
        if self._rate is not None:
            buckets.append(self._rate)
        if self._chat_rate is not None:
            bucket = self._chat_buckets.get(call.chat_id)
            if bucket is None:
                bucket = self._chat_buckets[call.chat_id] = _Bucket(self._chat_rate)
            buckets.append(bucket)
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            self.rate_limited += 1
            retry_after = max(1, math.ceil(wait))
            raise TelegramError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
        for bucket in buckets:
            bucket.take()

    # ------------------------------------------------------------------ configuration

    def set_chat_admins(self, chat_id: int, user_ids: Iterable[int], *, owner_id: int | None = None) -> None:
        """Make ``getChatMember`` answer "administrator" for ``user_ids`` in ``chat_id``
        ("creator" for ``owner_id``) and "member" for everyone else."""
        self._admins[chat_id] = set(user_ids)
        if owner_id is not None:
            self._owners[chat_id] = owner_id

    def commands(
        self, *, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The bot commands last set for ``scope`` (default scope) and ``language_code``."""
        return copy.deepcopy(self._commands.get((self._scope_key(scope), language_code), []))

    def bot_texts(self, key: str) -> dict[str, str]:
        """The profile texts the bot set, by ``language_code`` ("" for the default): ``key`` is
        ``"name"``, ``"description"`` or ``"short_description"``."""
        return dict(self._bot_texts.get(key, {}))

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook the bot registered (``url``, ``secret_token``...), or None."""
        return copy.deepcopy(self._webhook)

    # ------------------------------------------------------------------ updates in

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates pushed but not yet confirmed by the bot."""
        return copy.deepcopy(self._updates)

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (``update_id`` is assigned when absent) and return it."""
        update = copy.deepcopy(update)
        if "update_id" in update:
            self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        else:
            update = {"update_id": self._next_update_id, **update}
            self._next_update_id += 1
        self._updates.append(update)
        self._wake_updates()
        return copy.deepcopy(update)

    def push_message(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str | None = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Test",
        entities: list[dict[str, Any]] | None = None,
        username: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from ``user_id`` and return the update.

        A ``bot_command`` entity is added when ``text`` starts with "/" (and
        ``entities`` is not given). ``chat_id`` defaults to ``user_id`` (a private
        chat); for ``chat_type`` "group"/"supergroup" give a negative ``chat_id``.
        """
        fields: dict[str, Any] = {"text": text}
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.strip() else text
            entities = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        if entities:
            fields["entities"] = entities
        return self._push_user_message(
            user_id,
            fields,
            language_code=language_code,
            chat_id=chat_id,
            chat_type=chat_type,
            first_name=first_name,
            username=username,
            reply_to_message_id=reply_to_message_id,
        )

    def push_sticker(
        self,
        user_id: int,
        *,
        emoji: str = "👍",
        language_code: str | None = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """Queue a sticker message from ``user_id`` and return the update."""
        sticker = {
            **self._file_ids("sticker"),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "set_name": "TestStickers",
            "file_size": 24_576,
        }
        return self._push_user_message(
            user_id,
            {"sticker": sticker},
            language_code=language_code,
            chat_id=chat_id,
            chat_type=chat_type,
        )

    def push_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        language_code: str | None = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """Queue a photo message (two sizes, optional caption) and return the update."""
        fields: dict[str, Any] = {"photo": self._photo_sizes(65_000)}
        if caption is not None:
            fields["caption"] = caption
        return self._push_user_message(
            user_id, fields, language_code=language_code, chat_id=chat_id, chat_type=chat_type
        )

    def push_voice(
        self,
        user_id: int,
        *,
        duration: int = 3,
        language_code: str | None = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """Queue a voice message and return the update."""
        voice = {
            **self._file_ids("voice"),
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4_000 * duration,
        }
        return self._push_user_message(
            user_id,
            {"voice": voice},
            language_code=language_code,
            chat_id=chat_id,
            chat_type=chat_type,
        )

    def push_document(
        self,
        user_id: int,
        data: bytes,
        *,
        file_name: str,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        file_size: int | None = -1,
        language_code: str | None = "ru",
        chat_id: int | None = None,
        chat_type: str = "private",
    ) -> dict[str, Any]:
        """Queue a document (a file) from ``user_id`` and return the update. getFile then
        answers with its real size and the download URL serves ``data``. ``file_size``:
        what the message says of the size (-1: the real one; None: nothing)."""
        ids = self._file_ids("document")
        self._documents[ids["file_id"]] = bytes(data)
        document: dict[str, Any] = {**ids, "file_name": file_name, "mime_type": mime_type}
        if file_size is not None:
            document["file_size"] = len(data) if file_size == -1 else file_size
        fields: dict[str, Any] = {"document": document}
        if caption is not None:
            fields["caption"] = caption
        return self._push_user_message(
            user_id, fields, language_code=language_code, chat_id=chat_id, chat_type=chat_type
        )

    def push_callback(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int,
        chat_id: int | None = None,
        language_code: str | None = "ru",
        first_name: str = "Test",
    ) -> dict[str, Any]:
        """Queue a button press on the bot's message ``message_id`` and return the update.

        The callback query carries the message as it is now (after any edits), so the
        bot sees its real text and keyboard. Raises LookupError for an unknown message.
        """
        chat = user_id if chat_id is None else chat_id
        message = self._messages.get((chat, message_id))
        if message is None:
            known = sorted(mid for (cid, mid) in self._messages if cid == chat)
            raise LookupError(f"no message {message_id} in chat {chat}; known message ids: {known}")
        user = self._remember_user(user_id, first_name, language_code, None)
        query_id = str(secrets.randbits(62))
        self._callback_queries[query_id] = False
        return self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "message": copy.deepcopy(message),
                    "chat_instance": str(zlib.crc32(f"{chat}".encode()) * 7919),
                    "data": data,
                }
            }
        )

    def click(
        self,
        user_id: int,
        button_text: str,
        *,
        message_id: int | None = None,
        chat_id: int | None = None,
        language_code: str | None = "ru",
    ) -> dict[str, Any]:
        """Press the inline button whose label equals (or else contains) ``button_text``.

        ``message_id`` defaults to the bot's latest message with an inline keyboard in
        the chat. Raises LookupError listing the available buttons when none matches.
        """
        chat = user_id if chat_id is None else chat_id
        if message_id is None:
            with_keyboard = [
                mid for (cid, mid), msg in self._messages.items() if cid == chat and msg.get("reply_markup")
            ]
            if not with_keyboard:
                raise LookupError(f"the bot sent no message with buttons to chat {chat}")
            message_id = max(with_keyboard)
        message = self._messages.get((chat, message_id))
        if message is None:
            raise LookupError(f"no message {message_id} in chat {chat}")
        buttons = [b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
        chosen = [b for b in buttons if b.get("text") == button_text] or [
            b for b in buttons if button_text in str(b.get("text", ""))
        ]
        if not chosen or "callback_data" not in chosen[0]:
            labels = [b.get("text") for b in buttons]
            raise LookupError(
                f"no callback button {button_text!r} on message {message_id} in chat "
                f"{chat}; buttons: {labels}"
            )
        return self.push_callback(
            user_id,
            str(chosen[0]["callback_data"]),
            message_id=message_id,
            chat_id=chat_id,
            language_code=language_code,
        )

    def push_inline_query(
        self,
        user_id: int,
        query: str,
        *,
        language_code: str | None = "ru",
        chat_type: str = "private",
        offset: str = "",
    ) -> dict[str, Any]:
        """Queue the ``inline_query`` a user sends by typing ``@bot query`` in a chat of
        ``chat_type`` ("sender": their chat with the bot, "private", "group", ...)."""
        user = self._remember_user(user_id, "Test", language_code, None)
        query_id = str(secrets.randbits(62))
        self._inline_queries[query_id] = False
        return self.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user,
                    "query": query,
                    "offset": offset,
                    "chat_type": chat_type,
                }
            }
        )

    def push_my_chat_member(
        self, user_id: int, *, new_status: str = "kicked", old_status: str = "member"
    ) -> dict[str, Any]:
        """Queue the ``my_chat_member`` update Telegram sends when a user blocks
        (``"kicked"``) or unblocks (``"member"``) the bot in their private chat."""
        user = self._remember_user(user_id, "Test", "ru", None)
        bot = dict(self.bot_user)
        new: dict[str, Any] = {"status": new_status, "user": bot}
        if new_status == "kicked":
            new["until_date"] = 0
        old: dict[str, Any] = {"status": old_status, "user": bot}
        if old_status == "kicked":
            old["until_date"] = 0
        return self.push_update(
            {
                "my_chat_member": {
                    "chat": self._chat_dict(user_id),
                    "from": user,
                    "date": int(time.time()),
                    "old_chat_member": old,
                    "new_chat_member": new,
                }
            }
        )

    def _push_user_message(
        self,
        user_id: int,
        fields: dict[str, Any],
        *,
        language_code: str | None,
        chat_id: int | None,
        chat_type: str,
        first_name: str = "Test",
        username: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        user = self._remember_user(user_id, first_name, language_code, username)
        if chat_type == "private":
            chat = user_id if chat_id is None else chat_id
        elif chat_id is None:
            raise ValueError(f"chat_type={chat_type!r} needs an explicit (negative) chat_id")
        else:
            chat = chat_id
            self._chats.setdefault(chat, {"id": chat, "type": chat_type, "title": f"Test chat {chat}"})
        extra = dict(fields)
        if reply_to_message_id is not None:
            replied = self._messages.get((chat, reply_to_message_id))
            if replied is not None:
                extra["reply_to_message"] = copy.deepcopy(replied)
        message = self._new_message(chat, user, extra)
        return self.push_update({"message": copy.deepcopy(message)})

    def _remember_user(
        self, user_id: int, first_name: str, language_code: str | None, username: str | None
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return dict(user)

    # ------------------------------------------------------------------ calls out

    def mark(self) -> int:
        """Set the checkpoint :meth:`wait_for` counts from; returns its call index."""
        self._mark = len(self._calls)
        return self._mark

    def calls(
        self,
        method: str | None = None,
        chat_id: int | str | None = None,
        *,
        include_failed: bool = False,
        since: int = 0,
    ) -> list[Call]:
        """Recorded calls in order, filtered by method (case-insensitive) and chat.

        ``method=None`` means every method except ``getUpdates``. Calls the fake
        answered with an error, or has not answered (held, dropped), are left out
        unless ``include_failed``.
        """
        return self._match(since, method, chat_id, None, include_failed=include_failed)

    def _match(
        self,
        since: int,
        method: str | None,
        chat_id: int | str | None,
        predicate: Callable[[Call], bool] | None,
        *,
        include_failed: bool,
    ) -> list[Call]:
        wanted = method.lower() if method is not None else None
        found: list[Call] = []
        for call in self._calls[since:]:
            name = call.method.lower()
            if wanted is None and name == "getupdates":
                continue
            if wanted is not None and name != wanted:
                continue
            if chat_id is not None and call.chat_id != chat_id:
                continue
            if not include_failed and not call.ok:
                continue
            if predicate is not None and not predicate(call):
                continue
            found.append(call)
        return found

    async def wait_for(
        self,
        method: str | None = None,
        *,
        chat_id: int | str | None = None,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 10.0,  # noqa: ASYNC109 - the documented public API
        include_failed: bool = False,
        since: int | None = None,
    ) -> list[Call]:
        """Wait until ``count`` matching calls exist since :meth:`mark` and return them.

        Matching is as in :meth:`calls`, plus ``predicate``. On timeout raises
        AssertionError with a dump of the recent calls and of the update queue.
        """
        start = self._mark if since is None else since
        deadline = time.monotonic() + timeout
        while True:
            event = self._calls_event
            found = self._match(start, method, chat_id, predicate, include_failed=include_failed)
            if len(found) >= count:
                return found[:count]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                wanted = f"{count} x {method or 'any method'}"
                if chat_id is not None:
                    wanted += f" to chat {chat_id}"
                if predicate is not None:
                    wanted += " matching the predicate"
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {wanted} since call #{start}; "
                    f"found {len(found)}.\n{self.report(since=start)}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def wait_idle(
        self,
        seconds: float = 0.5,
        *,
        timeout: float = 10.0,  # noqa: ASYNC109 - the documented public API
    ) -> list[Call]:
        """Wait until no call other than ``getUpdates`` has arrived for ``seconds``
        (at most ``timeout``) and return the calls that arrived meanwhile, failed ones
        included: ``assert await tg.wait_idle() == []`` checks nothing more was sent."""
        start_index = len(self._calls)
        begin = time.monotonic()
        deadline = begin + timeout
        while True:
            event = self._calls_event
            new = self._match(start_index, None, None, None, include_failed=True)
            quiet_from = max([begin, *(call.at for call in new)])
            now = time.monotonic()
            if now - quiet_from >= seconds or now >= deadline:
                return new
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(quiet_from + seconds, deadline) - now)

    def report(self, *, since: int = 0, last: int = 30) -> str:
        """A readable dump of recent calls, pending and dropped updates, for failures."""
        calls = self._match(since, None, None, None, include_failed=True)
        polls = self._match(0, "getUpdates", None, None, include_failed=True)
        lines: list[str] = []
        before = self._match(0, None, None, None, include_failed=True)
        before = [call for call in before if call.index < since][-5:]
        if before:
            lines.append(f"calls just before the checkpoint #{since}:")
            lines += [f"  {call.describe(self._started_at)}" for call in before]
        lines.append(f"calls since #{since} (last {last}, getUpdates omitted):")
        lines += [f"  {call.describe(self._started_at)}" for call in calls[-last:]] or ["  none"]
        lines.append(f"getUpdates calls so far: {len(polls)}")
        if polls and polls[-1].failed_with is not None:
            lines.append(f"  last getUpdates failed: {polls[-1].describe(self._started_at)}")
        if self._webhook:
            lines.append(f"webhook set: {self._webhook.get('url')!r}")
        if self._updates:
            kinds = [f"{u['update_id']}:{self._update_type(u)}" for u in self._updates]
            lines.append(f"pending updates: {kinds}")
        if self.dropped_updates:
            kinds = [f"{u['update_id']}:{self._update_type(u)}" for u in self.dropped_updates]
            allowed = sorted(self._allowed_updates) if self._allowed_updates else "default"
            lines.append(f"updates dropped by allowed_updates={allowed}: {kinds}")
        return "\n".join(lines)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The message as it stands now (after edits), as Telegram would return it."""
        return copy.deepcopy(self._messages[(chat_id, message_id)])

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Every message of the chat still present, both sides, oldest first."""
        return [copy.deepcopy(msg) for (cid, _mid), msg in sorted(self._messages.items()) if cid == chat_id]

    # ------------------------------------------------------------------ webhook out

    async def post_webhook(
        self,
        update: dict[str, Any],
        *,
        url: str | None = None,
        secret_token: str | None = None,
        send_secret: bool = True,
    ) -> tuple[int, str]:
        """POST ``update`` straight to a webhook (default: the registered one) and
        return ``(status, body)``. ``secret_token`` overrides the registered secret;
        ``send_secret=False`` omits the header. The update does not enter the queue."""
        target = url or (self._webhook or {}).get("url")
        if not target:
            raise RuntimeError("no webhook registered and no url given")
        secret = secret_token if secret_token is not None else (self._webhook or {}).get("secret_token")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if send_secret and secret else {}
        client = self._client or ClientSession()
        try:
            async with client.post(target, json=update, headers=headers) as response:
                return response.status, await response.text()
        finally:
            if client is not self._client:
                await client.close()

    async def _webhook_loop(self) -> None:
        while not self._closing:
            event = self._updates_event
            if self._webhook and (ready := self._deliverable(1)):
                if await self._deliver(ready[0]):
                    self._confirm(ready[0]["update_id"] + 1)
                else:
                    await asyncio.sleep(self.webhook_retry_delay)
                continue
            await event.wait()

    async def _deliver(self, update: dict[str, Any]) -> bool:
        assert self._webhook is not None
        assert self._client is not None
        headers = {}
        if self._webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(self._webhook["secret_token"])
        delivery = WebhookDelivery(update["update_id"], time.monotonic(), None)
        self.webhook_deliveries.append(delivery)
        try:
            async with self._client.post(self._webhook["url"], json=update, headers=headers) as response:
                delivery.status = response.status
                if response.status >= 300:
                    delivery.error = f"Wrong response from the webhook: {response.status}"
                    self._webhook_last_error = (int(time.time()), delivery.error)
                    self._wake_calls()
                    return False
                await self._webhook_reply(response.headers.get("Content-Type", ""), response)
        except (ClientError, TimeoutError, OSError) as error:
            delivery.error = f"{type(error).__name__}: {error}"
            self._webhook_last_error = (int(time.time()), delivery.error)
            self._wake_calls()
            return False
        self._wake_calls()
        return True

    async def _webhook_reply(self, content_type: str, response: Any) -> None:
        """Execute a method the bot returned in its webhook answer, as Telegram does."""
        raw: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        if content_type.startswith("multipart/"):
            reader = MultipartReader(response.headers, response.content)
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename:
                    data = await part.read()
                    files[part.name] = UploadedFile(
                        part.name, part.filename, part.headers.get("Content-Type"), bytes(data)
                    )
                else:
                    raw[part.name] = await part.text()
        elif "json" in content_type:
            with contextlib.suppress(ValueError):
                body = await response.json(content_type=None)
                if isinstance(body, dict):
                    raw = body
        method = raw.pop("method", None)
        if isinstance(method, str) and method:
            call = self._record(method, raw, files, token=None, source="webhook-reply")
            await self._execute(call)

    # ------------------------------------------------------------------ update queue

    @staticmethod
    def _update_type(update: dict[str, Any]) -> str:
        return next((key for key in update if key != "update_id"), "unknown")

    def _allowed(self, update: dict[str, Any]) -> bool:
        kind = self._update_type(update)
        if self._allowed_updates is None:
            return kind not in _NOT_DEFAULT_UPDATES
        return kind in self._allowed_updates

    def _set_allowed_updates(self, value: Any) -> None:
        if isinstance(value, list):
            self._allowed_updates = frozenset(str(v) for v in value) or None

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._updates = self._updates[offset:]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]

    def _deliverable(self, limit: int) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        for update in self._updates:
            if self._allowed(update):
                kept.append(update)
            else:
                self.dropped_updates.append(update)
        self._updates = kept
        return copy.deepcopy(kept[:limit])

    # ------------------------------------------------------------------ messages

    def _chat_key(self, chat_id: Any) -> int:
        if isinstance(chat_id, int):
            return chat_id
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            key = -(1_000_000_000_000 + zlib.crc32(chat_id.encode()))
            self._chats.setdefault(
                key,
                {"id": key, "type": "channel", "title": chat_id[1:], "username": chat_id[1:]},
            )
            return key
        raise TelegramError(400, "Bad Request: chat not found")

    def _chat_dict(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self._chats:
            return dict(self._chats[chat_id])
        if chat_id > 0:
            user = self._users.get(chat_id, {})
            chat: dict[str, Any] = {
                "id": chat_id,
                "type": "private",
                "first_name": user.get("first_name", "Test"),
            }
            if "username" in user:
                chat["username"] = user["username"]
            return chat
        return {"id": chat_id, "type": "supergroup", "title": f"Test chat {chat_id}"}

    def _new_message(self, chat_id: int, sender: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
        message_id = self._message_counters.get(chat_id, 0) + 1
        self._message_counters[chat_id] = message_id
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": dict(sender),
            "chat": self._chat_dict(chat_id),
            "date": int(time.time()),
            **fields,
        }
        self._messages[(chat_id, message_id)] = message
        return message

    def _require_chat(self, call: Call) -> int:
        if call.chat_id is None or call.chat_id == "":
            raise TelegramError(400, "Bad Request: chat_id is empty")
        return self._chat_key(call.chat_id)

    def _render(self, call: Call, key: str, *, limit: int, required: bool) -> str | None:
        text = call.params.get(key)
        if text is None or text == "":
            if required and self.strict:
                raise TelegramError(400, "Bad Request: message text is empty")
            return None
        text = plain = str(text)
        if str(call.params.get("parse_mode", "")).lower() == "html":
            try:
                plain = html_to_text(text)
            except TelegramError:
                if self.strict:
                    raise
        if self.strict:
            if required and not plain.strip():
                raise TelegramError(400, "Bad Request: message text is empty")
            if _utf16_len(plain) > limit:
                what = "message is too long" if key == "text" else "message caption is too long"
                raise TelegramError(400, f"Bad Request: {what}")
        return plain

    def _inline_markup(self, call: Call) -> dict[str, Any] | None:
        """Validate ``reply_markup``; return it when it is an inline keyboard (the only
        kind Telegram echoes back in the Message)."""
        markup = call.params.get("reply_markup")
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        if self.strict:
            for row in markup["inline_keyboard"]:
                for button in row:
                    self._check_button(button)
        return markup

    @staticmethod
    def _check_button(button: dict[str, Any]) -> None:
        if not str(button.get("text", "")):
            raise TelegramError(
                400, "Bad Request: can't parse inline keyboard button: Text must be non-empty"
            )
        if not _INLINE_BUTTON_ACTIONS & button.keys():
            raise TelegramError(
                400,
                "Bad Request: can't parse inline keyboard button: Text "
                "buttons are unallowed in the inline keyboard",
            )
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise TelegramError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _reply_to(self, call: Call, chat: int) -> dict[str, Any]:
        target = call.params.get("reply_to_message_id")
        parameters = call.params.get("reply_parameters")
        if isinstance(parameters, dict):
            target = parameters.get("message_id", target)
        replied = self._messages.get((chat, target)) if isinstance(target, int) else None
        return {"reply_to_message": copy.deepcopy(replied)} if replied else {}

    def _stored(self, call: Call, missing: str) -> dict[str, Any]:
        chat = self._require_chat(call)
        message_id = call.params.get("message_id")
        message = self._messages.get((chat, message_id)) if isinstance(message_id, int) else None
        if message is None:
            raise TelegramError(400, f"Bad Request: {missing}")
        if self.strict and message["from"].get("id") != self.bot_user["id"]:
            raise TelegramError(400, "Bad Request: message can't be edited")
        return message

    def _file_ids(self, kind: str) -> dict[str, str]:
        self._file_counter += 1
        unique = f"AgAD{kind[:3]}{self._file_counter:06d}"
        return {
            "file_id": f"{kind.upper()}-{self._file_counter:06d}-{unique}",
            "file_unique_id": unique,
        }

    def _photo_sizes(self, size: int, file_id: str | None = None) -> list[dict[str, Any]]:
        ids = self._file_ids("photo")
        big = {**ids, "width": 1280, "height": 960, "file_size": size}
        if file_id:
            big["file_id"] = file_id
        small = {
            **self._file_ids("photo"),
            "width": 320,
            "height": 240,
            "file_size": max(1, size // 10),
        }
        return [small, big]

    # ------------------------------------------------------------------ method handlers

    async def _get_me(self, call: Call) -> Any:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, call: Call) -> Any:
        if self._webhook:
            raise TelegramError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        params = call.params
        self._set_allowed_updates(params.get("allowed_updates"))
        offset = params.get("offset")
        limit_value = params.get("limit")
        limit = min(max(limit_value, 1), 100) if isinstance(limit_value, int) else 100
        timeout_value = params.get("timeout")
        timeout = min(max(timeout_value, 0), 50) if isinstance(timeout_value, int) else 0
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_updates()  # an older long poll still waiting ends with 409
        if isinstance(offset, int):
            self._confirm(offset)
        deadline = time.monotonic() + timeout
        while True:
            event = self._updates_event
            if generation != self._poll_generation:
                raise TelegramError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that "
                    "only one bot instance is running",
                )
            ready = self._deliverable(limit)
            remaining = deadline - time.monotonic()
            if ready or self._closing or remaining <= 0:
                return ready
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def _set_webhook(self, call: Call) -> Any:
        url = call.params.get("url")
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        if not url:
            self._webhook = None
        else:
            self._webhook = {
                key: call.params[key]
                for key in (
                    "url",
                    "secret_token",
                    "max_connections",
                    "allowed_updates",
                    "ip_address",
                )
                if key in call.params
            }
            self._set_allowed_updates(call.params.get("allowed_updates"))
            self._webhook_last_error = None
        self._wake_updates()
        return True

    async def _delete_webhook(self, call: Call) -> Any:
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        self._webhook = None
        self._wake_updates()
        return True

    async def _get_webhook_info(self, call: Call) -> Any:
        info: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._webhook:
            info["url"] = self._webhook["url"]
            info["max_connections"] = self._webhook.get("max_connections", 40)
            if "allowed_updates" in self._webhook:
                info["allowed_updates"] = self._webhook["allowed_updates"]
            if self._webhook_last_error:
                info["last_error_date"], info["last_error_message"] = self._webhook_last_error
        return info

    @staticmethod
    def _scope_key(scope: Any) -> str:
        return json.dumps(scope or {"type": "default"}, sort_keys=True)

    async def _set_my_commands(self, call: Call) -> Any:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise TelegramError(400, "Bad Request: can't parse commands JSON object")
        if self.strict:
            for command in commands:
                if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                    raise TelegramError(400, "Bad Request: BOT_COMMAND_INVALID")
                if not 1 <= len(str(command.get("description", ""))) <= 256:
                    raise TelegramError(
                        400,
                        "Bad Request: command description is empty"
                        if not command.get("description")
                        else "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
                    )
        key = (self._scope_key(call.params.get("scope")), str(call.params.get("language_code", "")))
        self._commands[key] = commands
        return True

    async def _delete_my_commands(self, call: Call) -> Any:
        key = (self._scope_key(call.params.get("scope")), str(call.params.get("language_code", "")))
        self._commands.pop(key, None)
        return True

    async def _get_my_commands(self, call: Call) -> Any:
        key = (self._scope_key(call.params.get("scope")), str(call.params.get("language_code", "")))
        return self._commands.get(key, [])

    async def _set_chat_menu_button(self, call: Call) -> Any:
        button = call.params.get("menu_button") or {"type": "default"}
        self._menu_buttons[call.params.get("chat_id")] = button
        return True

    async def _get_chat_menu_button(self, call: Call) -> Any:
        return self._menu_buttons.get(call.params.get("chat_id"), {"type": "commands"})

    async def _set_bot_text(self, key: str, call: Call) -> Any:
        language = str(call.params.get("language_code", ""))
        self._bot_texts.setdefault(key, {})[language] = str(call.params.get(key, ""))
        return True

    async def _get_bot_text(self, key: str, call: Call) -> Any:
        language = str(call.params.get("language_code", ""))
        texts = self._bot_texts.get(key, {})
        default = self.bot_user["first_name"] if key == "name" else ""
        return {key: texts.get(language, texts.get("", default))}

    async def _answer_callback_query(self, call: Call) -> Any:
        query_id = str(call.params.get("callback_query_id", ""))
        if self.strict and query_id not in self._callback_queries:
            raise TelegramError(400, _CALLBACK_TOO_OLD)
        self._callback_queries[query_id] = True
        return True

    async def _answer_inline_query(self, call: Call) -> Any:
        """Checks what Telegram checks of an answer: a known query answered once, at most 50
        results with distinct ids of 1-64 bytes, each article's message text (parsed as HTML
        when asked) and every result's buttons; the answer is kept in :attr:`inline_answers`."""
        query_id = str(call.params.get("inline_query_id", ""))
        results = call.params.get("results")
        if self.strict:
            if self._inline_queries.get(query_id, True):
                raise TelegramError(400, _CALLBACK_TOO_OLD)
            if not isinstance(results, list) or len(results) > 50:
                raise TelegramError(400, "Bad Request: RESULTS_TOO_MUCH")
            ids = [str(result.get("id", "")) for result in results]
            if len(set(ids)) != len(ids):
                raise TelegramError(400, "Bad Request: RESULT_ID_DUPLICATE")
            for result in results:
                self._check_inline_result(call, result)
            button = call.params.get("button")
            start = button.get("start_parameter", "") if isinstance(button, dict) else None
            if start is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", str(start)):
                raise TelegramError(400, "Bad Request: START_PARAM_INVALID")
        self._inline_queries[query_id] = True
        self.inline_answers[query_id] = dict(call.params)
        return True

    def _check_inline_result(self, call: Call, result: dict[str, Any]) -> None:
        if not 1 <= len(str(result.get("id", "")).encode()) <= 64:
            raise TelegramError(400, "Bad Request: RESULT_ID_INVALID")
        kind = result.get("type")
        if kind == "article":
            if not result.get("title"):
                raise TelegramError(400, "Bad Request: ARTICLE_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            self._render(
                Call(method=call.method, params=normalize_params(content), at=call.at),
                "message_text",
                limit=4096,
                required=True,
            )
        elif kind == "photo":
            if not result.get("photo_file_id"):
                raise TelegramError(400, "Bad Request: PHOTO_INVALID")
            self._render(
                Call(method=call.method, params=normalize_params(result), at=call.at),
                "caption",
                limit=1024,
                required=False,
            )
        else:
            raise TelegramError(400, "Bad Request: RESULT_TYPE_INVALID")
        markup = result.get("reply_markup")
        if isinstance(markup, dict):
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    self._check_button(button)

    async def _send_message(self, call: Call) -> Any:
        chat = self._require_chat(call)
        text = self._render(call, "text", limit=4096, required=True)
        fields: dict[str, Any] = {"text": text or ""}
        markup = self._inline_markup(call)
        if markup:
            fields["reply_markup"] = markup
        fields.update(self._reply_to(call, chat))
        return copy.deepcopy(self._new_message(chat, self.bot_user, fields))

    async def _edit_message_text(self, call: Call) -> Any:
        if call.params.get("inline_message_id"):
            return True
        message = self._stored(call, "message to edit not found")
        if self.strict and "text" not in message:
            raise TelegramError(400, "Bad Request: there is no text in the message to edit")
        text = self._render(call, "text", limit=4096, required=True) or ""
        markup = self._inline_markup(call)
        if self.strict and message.get("text") == text and message.get("reply_markup") == markup:
            raise TelegramError(400, _NOT_MODIFIED)
        message["text"] = text
        self._set_markup(message, markup)
        return copy.deepcopy(message)

    async def _edit_message_caption(self, call: Call) -> Any:
        if call.params.get("inline_message_id"):
            return True
        message = self._stored(call, "message to edit not found")
        caption = self._render(call, "caption", limit=1024, required=False)
        markup = self._inline_markup(call)
        if self.strict and message.get("caption") == caption and message.get("reply_markup") == markup:
            raise TelegramError(400, _NOT_MODIFIED)
        if caption is None:
            message.pop("caption", None)
        else:
            message["caption"] = caption
        self._set_markup(message, markup)
        return copy.deepcopy(message)

    async def _edit_message_reply_markup(self, call: Call) -> Any:
        if call.params.get("inline_message_id"):
            return True
        message = self._stored(call, "message to edit not found")
        markup = self._inline_markup(call)
        if self.strict and message.get("reply_markup") == markup:
            raise TelegramError(400, _NOT_MODIFIED)
        self._set_markup(message, markup)
        return copy.deepcopy(message)

    @staticmethod
    def _set_markup(message: dict[str, Any], markup: dict[str, Any] | None) -> None:
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

    async def _delete_message(self, call: Call) -> Any:
        chat = self._require_chat(call)
        message_id = call.params.get("message_id")
        removed = self._messages.pop((chat, message_id), None) if isinstance(message_id, int) else None
        if removed is None and self.strict:
            raise TelegramError(400, "Bad Request: message to delete not found")
        return True

    def _source_message(self, call: Call) -> dict[str, Any]:
        source_chat = self._chat_key(call.params.get("from_chat_id"))
        message_id = call.params.get("message_id")
        source = self._messages.get((source_chat, message_id)) if isinstance(message_id, int) else None
        if source is None:
            raise TelegramError(400, "Bad Request: message to copy not found")
        return source

    async def _copy_message(self, call: Call) -> Any:
        chat = self._require_chat(call)
        source = self._source_message(call)
        fields = {
            k: v for k, v in source.items() if k not in ("message_id", "from", "chat", "date", "edit_date")
        }
        if "caption" in call.params:
            fields["caption"] = self._render(call, "caption", limit=1024, required=False)
        markup = self._inline_markup(call)
        if markup:
            fields["reply_markup"] = markup
        return {"message_id": self._new_message(chat, self.bot_user, fields)["message_id"]}

    async def _forward_message(self, call: Call) -> Any:
        chat = self._require_chat(call)
        source = self._source_message(call)
        fields = {
            k: v
            for k, v in source.items()
            if k not in ("message_id", "from", "chat", "date", "edit_date", "reply_markup")
        }
        fields["forward_origin"] = {
            "type": "user",
            "sender_user": source["from"],
            "date": source["date"],
        }
        return copy.deepcopy(self._new_message(chat, self.bot_user, fields))

    def _media_object(self, kind: str, call: Call, key: str) -> Any:
        reference = str(call.params.get(key, ""))
        upload = None
        if reference.startswith("attach://"):
            upload = call.files.get(reference.removeprefix("attach://"))
        elif key in call.files:
            upload = call.files[key]
        size = len(upload.data) if upload else 10_240
        reused = reference if reference and not upload and "://" not in reference else None
        if kind == "photo":
            return self._photo_sizes(size, reused)
        media: dict[str, Any] = {**self._file_ids(kind), "file_size": size}
        if reused:
            media["file_id"] = reused
        if kind == "document":
            media["file_name"] = upload.filename if upload and upload.filename else "file"
            mime = upload.content_type if upload else None
            media["mime_type"] = mime or "application/octet-stream"
        elif kind in ("audio", "voice"):
            media["duration"] = call.params.get("duration", 3)
            media["mime_type"] = "audio/ogg" if kind == "voice" else "audio/mpeg"
        elif kind in ("video", "animation"):
            media.update(
                width=call.params.get("width", 640),
                height=call.params.get("height", 360),
                duration=call.params.get("duration", 3),
            )
        elif kind == "video_note":
            media.update(length=call.params.get("length", 240), duration=call.params.get("duration", 3))
        elif kind == "sticker":
            media.update(type="regular", width=512, height=512, is_animated=False, is_video=False)
        return media

    async def _send_media(self, kind: str, call: Call) -> Any:
        chat = self._require_chat(call)
        if self.strict and not call.params.get(kind) and kind not in call.files:
            raise TelegramError(400, f"Bad Request: there is no {kind} in the request")
        fields: dict[str, Any] = {kind: self._media_object(kind, call, kind)}
        caption = self._render(call, "caption", limit=1024, required=False)
        if caption is not None:
            fields["caption"] = caption
        markup = self._inline_markup(call)
        if markup:
            fields["reply_markup"] = markup
        fields.update(self._reply_to(call, chat))
        return copy.deepcopy(self._new_message(chat, self.bot_user, fields))

    async def _send_media_group(self, call: Call) -> Any:
        chat = self._require_chat(call)
        media = call.params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise TelegramError(400, "Bad Request: wrong number of messages in the media group")
        group_id = str(secrets.randbits(60))
        sent = []
        for item in media:
            kind = str(item.get("type", "photo"))
            item_call = Call(
                method="sendMediaGroup", params=normalize_params(item), at=call.at, files=call.files
            )
            fields: dict[str, Any] = {
                kind: self._media_object(kind, item_call, "media"),
                "media_group_id": group_id,
            }
            caption = self._render(item_call, "caption", limit=1024, required=False)
            if caption is not None:
                fields["caption"] = caption
            sent.append(copy.deepcopy(self._new_message(chat, self.bot_user, fields)))
        return sent

    async def _send_location(self, call: Call) -> Any:
        chat = self._require_chat(call)
        location = {
            "latitude": float(call.params.get("latitude", 0)),
            "longitude": float(call.params.get("longitude", 0)),
        }
        return copy.deepcopy(self._new_message(chat, self.bot_user, {"location": location}))

    async def _send_dice(self, call: Call) -> Any:
        chat = self._require_chat(call)
        dice = {"emoji": str(call.params.get("emoji", "🎲")), "value": 1 + secrets.randbelow(6)}
        return copy.deepcopy(self._new_message(chat, self.bot_user, {"dice": dice}))

    def _member(self, chat: int, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_user["id"]:
            user = dict(self.bot_user)
        else:
            user = dict(self._users.get(user_id, {"id": user_id, "is_bot": False, "first_name": "Test"}))
        if self._owners.get(chat) == user_id:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user_id in self._admins.get(chat, set()):
            rights = dict.fromkeys(
                (
                    "can_manage_chat",
                    "can_delete_messages",
                    "can_manage_video_chats",
                    "can_restrict_members",
                    "can_change_info",
                    "can_invite_users",
                    "can_post_stories",
                    "can_edit_stories",
                    "can_delete_stories",
                    "can_pin_messages",
                    "can_send_welcome_messages",
                ),
                True,
            )
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_promote_members": False,
                **rights,
            }
        return {"status": "member", "user": user}

    async def _get_chat_member(self, call: Call) -> Any:
        chat = self._require_chat(call)
        user_id = call.params.get("user_id")
        if not isinstance(user_id, int):
            raise TelegramError(400, "Bad Request: invalid user_id specified")
        return self._member(chat, user_id)

    async def _get_chat_administrators(self, call: Call) -> Any:
        chat = self._require_chat(call)
        ids = set(self._admins.get(chat, set()))
        if chat in self._owners:
            ids.add(self._owners[chat])
        return [self._member(chat, user_id) for user_id in sorted(ids)]

    async def _get_chat_member_count(self, call: Call) -> Any:
        chat = self._require_chat(call)
        return 2 if chat > 0 else 2 + len(self._admins.get(chat, set()))

    async def _get_chat(self, call: Call) -> Any:
        chat = self._chat_dict(self._require_chat(call))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    async def _get_file(self, call: Call) -> Any:
        file_id = str(call.params.get("file_id", ""))
        if not file_id:
            raise TelegramError(400, "Bad Request: file_id is empty")
        data = self._documents.get(file_id)
        return {
            "file_id": file_id,
            "file_unique_id": f"u{zlib.crc32(file_id.encode())}",
            "file_size": 10_240 if data is None else len(data),
            "file_path": f"files/{file_id}",
        }

    async def _download(self, request: web.Request) -> web.Response:
        """``GET /file/bot<token>/<file_path>``: a document's bytes, as Telegram serves them."""
        if not self._token_ok(request.match_info["token"]):
            return self._json(401, TelegramError(401, "Unauthorized").payload())
        file_id = request.match_info["path"].removeprefix("files/")
        data = self._documents.get(file_id)
        if data is None:
            return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        self.downloads[file_id] = self.downloads.get(file_id, 0) + 1
        return web.Response(body=data, content_type="application/octet-stream")
