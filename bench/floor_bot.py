"""The floor: a bare aiogram bot, the least any aiogram bot can do for a text message.

It is set up as the real bot is where it costs time (the same aiogram, an
``AiohttpSession`` on the ``TELEGRAM_API_URL`` server, HTML parse mode, long polling, or a
webhook when ``WEBHOOK_URL`` is set), and its one handler answers every text message with
a fixed short HTML text and a one-button inline keyboard. No database, no i18n, no
search, no logging: what is left is the price of receiving an update and sending a reply,
which the benchmarks divide the real bot's figures by.

Run as ``python bench/floor_bot.py`` with ``BOT_TOKEN`` and ``TELEGRAM_API_URL`` (and the
``WEBHOOK_*`` variables for webhook mode) in the environment.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

TEXT = "<b>Floor</b>: a fixed reply."
MARKUP = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="OK", callback_data="ok")]])

router = Router(name="floor")


async def has_text(message: Message) -> bool:
    """The text filter, as a coroutine: aiogram runs a plain function filter (``F.text``
    included) in a worker thread, a cost that is the filter's, not receiving's or replying's."""
    return message.text is not None


@router.message(has_text)
async def reply(message: Message) -> None:
    await message.answer(TEXT, reply_markup=MARKUP)


def build_bot() -> Bot:
    api_url = os.environ.get("TELEGRAM_API_URL")
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url)) if api_url else AiohttpSession()
    return Bot(
        token=os.environ["BOT_TOKEN"],
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def run_polling(bot: Bot, dispatcher: Dispatcher) -> None:
    await bot.delete_webhook()
    await dispatcher.start_polling(bot, allowed_updates=dispatcher.resolve_used_update_types())


async def run_webhook(bot: Bot, dispatcher: Dispatcher) -> None:
    """aiohttp server with aiogram's own request handler, as the webhook docs show it.

    Like the bot's webhook (``bot/runtime/webhook.py``), each update is handled before the HTTP
    answer (``handle_in_background=False``), so both pay the same for the same traffic.
    """
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application  # noqa: PLC0415
    from aiohttp import web  # noqa: PLC0415 - polling does not need the server

    secret = os.environ.get("WEBHOOK_SECRET") or None
    path = os.environ.get("WEBHOOK_PATH", "/webhook")
    app = web.Application()
    SimpleRequestHandler(
        dispatcher=dispatcher, bot=bot, handle_in_background=False, secret_token=secret
    ).register(app, path=path)
    setup_application(app, dispatcher, bot=bot)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(
        runner, os.environ.get("WEBHOOK_HOST", "127.0.0.1"), int(os.environ.get("WEBHOOK_PORT", "8080"))
    )
    await site.start()
    await bot.set_webhook(
        os.environ["WEBHOOK_URL"],
        secret_token=secret,
        allowed_updates=dispatcher.resolve_used_update_types(),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


async def main() -> None:
    bot = build_bot()
    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    try:
        if os.environ.get("WEBHOOK_URL"):
            await run_webhook(bot, dispatcher)
        else:
            await run_polling(bot, dispatcher)
    finally:
        await bot.session.close()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
    sys.exit(0)
