"""The bare floor: a bot with no framework at all, the least any Python bot can cost.

aiohttp and the standard library only (no aiogram): it long-polls ``getUpdates`` on the
``TELEGRAM_API_URL`` server, or, when ``WEBHOOK_URL`` is set, serves a webhook, and
answers every text message with ``sendMessage``. Where the aiogram floor
(``bench/floor_bot.py``) answers with a 29-byte text, this one sends a reply of the size
and shape the bot sends on average under ``bench/replies.py``'s traffic: a fixed HTML
text of mostly Cyrillic, about 740 bytes of UTF-8 (the bot's cards are 340-680 bytes, its
``/rank`` pages 740-1070), with parse mode HTML, link previews off and an inline
keyboard, as one JSON body (``application/json``, ``json.dumps`` per reply) as the bot's
``JsonBodySession`` sends it. So the bot's figures divided by this floor's are what
aiogram and the bot's own work cost above receiving an update and sending a reply of the
same size.

It does only what cannot be left out: each update is decoded (``json.loads``), each reply
encoded and its answer read and its status checked (the echoed message is not decoded:
nothing here needs it). Long polling hands each update to a task of its own and polls
again at once, as aiogram's polling does. In webhook mode, as the aiogram floor and the
bot do (aiogram's ``handle_in_background=False``), each update is answered by calling
``sendMessage`` before the webhook request gets its (empty JSON) answer; a request
without the secret token in ``X-Telegram-Bot-Api-Secret-Token`` gets 401.

Run as ``python bench/bare_floor_bot.py`` with ``BOT_TOKEN`` and ``TELEGRAM_API_URL`` (and
``WEBHOOK_URL``, ``WEBHOOK_HOST``, ``WEBHOOK_PORT``, ``WEBHOOK_PATH``, ``WEBHOOK_SECRET``
for webhook mode, as ``bench/floor_bot.py`` reads them) in the environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import sys
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, web

#: What ``getUpdates`` and ``setWebhook`` ask for: the only update type answered.
ALLOWED_UPDATES = ["message"]
#: Seconds a ``getUpdates`` long poll waits, as aiogram's polling does by default.
POLLING_TIMEOUT = 10
#: A card-like reply, about as long as the bot's average reply in ``bench/replies.py``
#: (~740 bytes of UTF-8 text, ~1 KB as the JSON body).
TEXT = (
    "<b>Министерство образцовых и неизменных ответов Республики Казахстан</b>\n"
    "\n"
    "<b>2025</b>: 20-е место из 32\n"
    "Балл: 4,86* из 5\n"
    "Удовлетворённость: 89,9 %*\n"
    "По сравнению с 2024 годом: балл +0,07, удовлетворённость +7,3 п. п., вверх на 9 мест\n"
    "\n"
    "<b>Все годы с данными</b>\n"
    "2025: 4,86* · 89,9 %* · 20-е место из 32\n"
    "2024: 4,79* · 82,6 %* · 29-е место из 32\n"
    "2023: 4,75* · 80,1 %* · 30-е место из 32\n"
    "\n"
    "* иллюстративное значение, согласующееся с опубликованным отчётом, а не официальная цифра"
)
REPLY_MARKUP: dict[str, Any] = {
    "inline_keyboard": [[{"text": "📊 Весь рейтинг", "callback_data": "rk:2025:0"}]]
}
LINK_PREVIEW_OPTIONS: dict[str, Any] = {"is_disabled": True}
JSON_HEADERS = {"Content-Type": "application/json"}


class BareBot:
    """The Bot API over one aiohttp client session: ``{base}/bot{token}/{method}``, JSON bodies."""

    def __init__(self, token: str, base: str) -> None:
        self.prefix = f"{base.rstrip('/')}/bot{token}/"
        self.session = ClientSession(timeout=ClientTimeout(total=POLLING_TIMEOUT + 50))

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Call ``method`` and return its decoded ``result``; raise RuntimeError on an error answer."""
        body = json.dumps(params, ensure_ascii=False, separators=(",", ":")).encode()
        async with self.session.post(self.prefix + method, data=body, headers=JSON_HEADERS) as response:
            answer = json.loads(await response.read())
        if not answer.get("ok"):
            raise RuntimeError(f"{method}: {answer.get('error_code')} {answer.get('description')}")
        return answer.get("result")

    async def reply(self, update: dict[str, Any]) -> None:
        """``sendMessage`` the fixed reply to the chat of a text message; nothing otherwise.

        The answer is read and its status checked; the echoed message is not decoded.
        """
        message = update.get("message")
        if not message or "text" not in message:
            return
        body = json.dumps(
            {
                "chat_id": message["chat"]["id"],
                "text": TEXT,
                "parse_mode": "HTML",
                "link_preview_options": LINK_PREVIEW_OPTIONS,
                "reply_markup": REPLY_MARKUP,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        async with self.session.post(
            self.prefix + "sendMessage", data=body, headers=JSON_HEADERS
        ) as response:
            await response.read()
            if response.status != 200:
                print(f"sendMessage: HTTP {response.status}", file=sys.stderr)

    async def close(self) -> None:
        await self.session.close()


async def run_polling(bot: BareBot) -> None:
    """Long polling until cancelled: each update handled in a task of its own, the next poll
    sent at once."""
    await bot.call("deleteWebhook", {})
    in_hand: set[asyncio.Task[None]] = set()  # the loop keeps only weak references to tasks
    offset: int | None = None
    while True:
        params: dict[str, Any] = {"timeout": POLLING_TIMEOUT, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            params["offset"] = offset
        try:
            updates: list[dict[str, Any]] = await bot.call("getUpdates", params)
        except (ClientError, TimeoutError, RuntimeError, ValueError) as error:
            print(f"getUpdates failed: {error}", file=sys.stderr)
            await asyncio.sleep(0.5)
            continue
        for update in updates:
            offset = int(update["update_id"]) + 1
            task = asyncio.create_task(bot.reply(update))
            in_hand.add(task)
            task.add_done_callback(in_hand.discard)


async def run_webhook(bot: BareBot, stop: asyncio.Event) -> None:
    """An aiohttp server: check the secret, reply with ``sendMessage``, then answer ``{}``."""
    secret = os.environ.get("WEBHOOK_SECRET") or None
    path = os.environ.get("WEBHOOK_PATH", "/webhook")

    async def handle(request: web.Request) -> web.Response:
        if secret is not None and not secrets.compare_digest(
            request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), secret
        ):
            return web.Response(body=b"Unauthorized", status=401)
        await bot.reply(json.loads(await request.read()))
        return web.Response(body=b"{}", content_type="application/json")

    app = web.Application()
    app.router.add_post(path, handle)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(
        runner, os.environ.get("WEBHOOK_HOST", "127.0.0.1"), int(os.environ.get("WEBHOOK_PORT", "8080"))
    )
    await site.start()
    try:
        params: dict[str, Any] = {"url": os.environ["WEBHOOK_URL"], "allowed_updates": ALLOWED_UPDATES}
        if secret is not None:
            params["secret_token"] = secret
        await bot.call("setWebhook", params)
        await stop.wait()
    finally:
        await runner.cleanup()


async def main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    bot = BareBot(os.environ["BOT_TOKEN"], os.environ.get("TELEGRAM_API_URL") or "https://api.telegram.org")
    try:
        if os.environ.get("WEBHOOK_URL"):
            await run_webhook(bot, stop)
        else:
            polling = asyncio.create_task(run_polling(bot))
            await stop.wait()
            polling.cancel()  # a long poll in progress is not waited for
            with contextlib.suppress(asyncio.CancelledError):
                await polling
    finally:
        await bot.close()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    sys.exit(0)
