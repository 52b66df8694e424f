"""The fake Bot API server works with a real aiogram Bot and Dispatcher.

These tests do not involve the project's bot: they check the test tooling itself
(``FakeTelegram`` and ``BotProcess``) against the library the bot is built on.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import Command
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import ClientError, ClientSession, web

from .fake_telegram import BOT_ID, FakeTelegram, make_token
from .harness import BotProcess, copy_rating_db


def make_bot(fake: FakeTelegram, token: str | None = None, **kwargs: Any) -> Bot:
    """An aiogram Bot talking to the fake server."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.url))
    return Bot(token or make_token(), session=session, **kwargs)


def echo_dispatcher() -> Dispatcher:
    """A tiny bot: echoes text, offers a keyboard on /menu, edits it on a press."""
    router = Router()

    @router.message(Command("menu"))
    async def menu(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text="Минздрав", callback_data="agency:health")],
                [InlineKeyboardButton(text="Site", url="https://example.org")],
            ]
        )
        await message.answer("Choose:", reply_markup=keyboard)

    @router.callback_query(F.data.startswith("agency:"))
    async def chosen(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.answer("ok")
        await query.message.edit_text(f"<b>{query.data}</b> (was {query.message.text})")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


@contextlib.asynccontextmanager
async def polling(fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot) -> AsyncIterator[None]:
    """Run ``dispatcher.start_polling`` in a task until the block ends."""
    task = asyncio.create_task(dispatcher.start_polling(bot, polling_timeout=1, handle_signals=False))
    try:
        await fake.wait_for("getUpdates", include_failed=True, since=0)
        yield
    finally:
        with contextlib.suppress(RuntimeError):
            await dispatcher.stop_polling()
        await asyncio.wait_for(task, 10)


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    """An aiogram Bot (HTML parse mode) on the fake server."""
    instance = make_bot(fake_telegram, default=DefaultBotProperties(parse_mode="HTML"))
    yield instance
    await instance.session.close()


# ---------------------------------------------------------------------- polling


async def test_echo_round_trip(fake_telegram: FakeTelegram, bot: Bot) -> None:
    async with polling(fake_telegram, echo_dispatcher(), bot):
        fake_telegram.push_message(42, "привет")
        [call] = await fake_telegram.wait_for("sendMessage", chat_id=42)
    assert call.params["chat_id"] == 42
    assert call.text == "echo: привет"
    assert call.params["parse_mode"] == "HTML"
    assert call.ok
    [get_me] = fake_telegram.calls("getMe")
    assert get_me.token == make_token()
    # The update was confirmed through the offset: nothing is left in the queue.
    assert fake_telegram.pending_updates == []


async def test_callback_round_trip(fake_telegram: FakeTelegram, bot: Bot) -> None:
    async with polling(fake_telegram, echo_dispatcher(), bot):
        fake_telegram.push_message(7, "/menu")
        [menu] = await fake_telegram.wait_for("sendMessage", chat_id=7)
        assert menu.reply_markup == {
            "inline_keyboard": [
                [{"text": "Минздрав", "callback_data": "agency:health"}],
                [{"text": "Site", "url": "https://example.org"}],
            ]
        }
        assert menu.callback_data == ["agency:health"]
        message_id = menu.result["message_id"]

        fake_telegram.mark()
        update = fake_telegram.click(7, "Минздрав")
        assert update["callback_query"]["message"]["text"] == "Choose:"
        [answer] = await fake_telegram.wait_for("answerCallbackQuery")
        [edit] = await fake_telegram.wait_for("editMessageText", chat_id=7)

    assert answer.params["callback_query_id"] == update["callback_query"]["id"]
    assert answer.params["text"] == "ok"
    assert edit.params["message_id"] == message_id
    assert edit.text == "<b>agency:health</b> (was Choose:)"
    # The fake keeps the message as Telegram would: markup stripped, keyboard removed.
    stored = fake_telegram.message(7, message_id)
    assert stored["text"] == "agency:health (was Choose:)"
    assert "reply_markup" not in stored
    assert "edit_date" in stored


async def test_command_entity_and_update_shape(fake_telegram: FakeTelegram) -> None:
    update = fake_telegram.push_message(5, "/rank 2025", language_code="kk", first_name="Ә")
    message = update["message"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
    assert message["from"] == {"id": 5, "is_bot": False, "first_name": "Ә", "language_code": "kk"}
    assert message["chat"] == {"id": 5, "type": "private", "first_name": "Ә"}
    group = fake_telegram.push_message(5, "hi", chat_id=-100500, chat_type="supergroup")
    assert group["message"]["chat"]["type"] == "supergroup"
    assert group["update_id"] == update["update_id"] + 1
    for extra in (
        fake_telegram.push_sticker(5),
        fake_telegram.push_photo(5, caption="c"),
        fake_telegram.push_voice(5),
    ):
        assert extra["message"]["chat"]["id"] == 5
    with pytest.raises(ValueError, match="chat_id"):
        fake_telegram.push_message(5, "x", chat_type="group")


async def test_media_updates_parse_in_aiogram(fake_telegram: FakeTelegram, bot: Bot) -> None:
    seen: list[str] = []
    router = Router()

    @router.message()
    async def any_message(message: Message) -> None:
        seen.append(message.content_type)
        await message.answer(str(message.content_type))

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    async with polling(fake_telegram, dispatcher, bot):
        fake_telegram.push_sticker(3)
        fake_telegram.push_photo(3, caption="look")
        fake_telegram.push_voice(3)
        await fake_telegram.wait_for("sendMessage", count=3)
    assert seen == ["sticker", "photo", "voice"]


# ---------------------------------------------------------------------- getUpdates


async def test_long_poll_wakes_on_push_and_honours_offset_and_limit(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    assert await bot.get_updates(timeout=0) == []

    async def push_later() -> None:
        await asyncio.sleep(0.2)
        fake_telegram.push_message(1, "a")

    started = time.monotonic()
    pusher = asyncio.create_task(push_later())
    updates = await bot.get_updates(timeout=5)
    await pusher
    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates if u.message] == ["a"]

    fake_telegram.push_message(1, "b")
    fake_telegram.push_message(1, "c")
    unconfirmed = await bot.get_updates(limit=2)
    assert [u.message.text for u in unconfirmed if u.message] == ["a", "b"]
    rest = await bot.get_updates(offset=unconfirmed[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["c"]
    assert len(fake_telegram.pending_updates) == 1
    assert await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0) == []
    polls = fake_telegram.calls("getUpdates")
    assert polls[-1].params == {"offset": rest[-1].update_id + 1, "timeout": 0}


async def test_allowed_updates_drop_other_kinds(fake_telegram: FakeTelegram, bot: Bot) -> None:
    sent = await bot.send_message(9, "hi")
    fake_telegram.push_callback(9, "x", message_id=sent.message_id)
    fake_telegram.push_message(9, "kept")
    updates = await bot.get_updates(allowed_updates=["message"])
    assert [u.event_type for u in updates] == ["message"]
    assert [u["update_id"] for u in fake_telegram.dropped_updates] == [updates[0].update_id - 1]


async def test_second_poller_ends_the_first_with_conflict(fake_telegram: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await fake_telegram.wait_for("getUpdates")
    second = asyncio.create_task(bot.get_updates(timeout=1))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    assert await second == []


# ---------------------------------------------------------------------- fault injection


async def test_retry_after(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.fail_next("sendMessage", retry_after=3)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(42, "hello")
    assert caught.value.retry_after == 3
    await bot.send_message(42, "hello again")
    [failed] = fake_telegram.calls("sendMessage", include_failed=True)[:1]
    assert failed.failed_with == 429
    assert [c.text for c in fake_telegram.calls("sendMessage")] == ["hello again"]


async def test_fail_next_is_scoped_by_chat_and_count(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.fail_next("SENDMESSAGE", count=2, chat_id=2)
    await bot.send_message(1, "fine")
    for _ in range(2):
        with pytest.raises(TelegramRetryAfter) as caught:
            await bot.send_message(2, "limited")
        assert caught.value.retry_after == 1  # parsed from the default description
    await bot.send_message(2, "fine again")
    fake_telegram.fail_next("*", error_code=500, description="Internal Server Error")
    with pytest.raises(Exception, match="Internal Server Error"):
        await bot.get_me()


async def test_a_held_send_waits_unanswered_until_released(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.hold(5)
    waiting = asyncio.create_task(bot.send_message(5, "news"))
    [held] = await fake_telegram.wait_for("sendMessage", chat_id=5, include_failed=True)
    assert held.held
    assert not held.ok
    await bot.send_message(6, "other chat")  # only chat 5 is held
    await bot.send_chat_action(5, "typing")  # and only its sendMessage
    assert not waiting.done()
    assert fake_telegram.calls("sendMessage", chat_id=5) == []
    assert fake_telegram.messages(5) == []

    fake_telegram.release(5)
    sent = await asyncio.wait_for(waiting, 5)
    assert sent.text == "news"
    assert (held.held, held.dropped, held.ok) == (False, False, True)
    assert fake_telegram.calls("sendMessage", chat_id=5) == [held]
    await bot.send_message(5, "not held any more")


async def test_a_held_send_is_dropped_unanswered_when_the_connection_closes() -> None:
    async with FakeTelegram() as fake:
        fake.hold(7)
        fake.hold(8)
        url = f"{fake.url}/bot{make_token()}/sendMessage"
        http = ClientSession()
        killed = asyncio.create_task(http.post(url, json={"chat_id": 7, "text": "lost"}))
        [held] = await fake.wait_for("sendMessage", chat_id=7, include_failed=True)
        killed.cancel()
        await http.close()  # the client goes away, as a SIGKILLed bot does
        await fake.wait_for(chat_id=7, predicate=lambda call: call.dropped, include_failed=True)
        fake.release(7)
        assert (held.held, held.dropped, held.ok, held.result) == (False, True, False, None)
        assert fake.calls("sendMessage", chat_id=7) == []
        assert fake.messages(7) == []

        async with ClientSession() as other:
            pending = asyncio.create_task(other.post(url, json={"chat_id": 8, "text": "at stop"}))
            [at_stop] = await fake.wait_for("sendMessage", chat_id=8, include_failed=True)
            await fake.stop()  # a held request does not outlive the server
            with contextlib.suppress(ClientError):
                (await pending).close()
    assert (at_stop.held, at_stop.dropped) == (False, True)


async def test_blocked_chat(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.block_chat(13)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(13, "news")
    await bot.send_message(14, "news")
    [call] = fake_telegram.calls(chat_id=13, include_failed=True)
    assert call.failed_with == 403
    fake_telegram.unblock_chat(13)
    await bot.send_message(13, "news")


async def test_bad_token(fake_telegram: FakeTelegram) -> None:
    bad = make_bot(fake_telegram, token="123456:short")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await bad.get_me()
    finally:
        await bad.session.close()
    [call] = fake_telegram.calls("getMe", include_failed=True)
    assert call.failed_with == 401


async def test_rate_limit(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.limit_rate(per_second=100, per_chat_per_second=1)
    await bot.send_message(1, "one")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(1, "two")
    assert caught.value.retry_after == 1
    await bot.send_message(2, "other chat")
    assert fake_telegram.rate_limited == 1
    fake_telegram.limit_rate(per_second=2)
    await bot.send_message(3, "a")
    await bot.send_message(4, "b")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(5, "c")
    fake_telegram.limit_rate(None)
    await bot.send_message(5, "c")


# ---------------------------------------------------------------------- strictness


async def test_telegram_refusals(fake_telegram: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(1, "query: <script>")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(1, "line<br>line")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "я" * 4097)
    long_data = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="x", callback_data="d" * 65)]]
    )
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(1, "x", reply_markup=long_data)
    sent = await bot.send_message(1, "score &lt; 5 &amp; <i>rising</i>")
    assert sent.text == "score < 5 & rising"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("score &lt; 5 &amp; <i>rising</i>", chat_id=1, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=1, message_id=999)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query("12345")
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Rank", description="list")])


async def test_other_methods(fake_telegram: FakeTelegram, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (
        BOT_ID,
        "gosrating_test_bot",
        "GosRating",
        True,
    )
    assert await bot.delete_webhook(drop_pending_updates=True) is True
    assert (await bot.get_webhook_info()).url == ""
    commands = [BotCommand(command="rank", description="Рейтинг")]
    assert await bot.set_my_commands(commands, language_code="ru") is True
    assert fake_telegram.commands(language_code="ru") == [{"command": "rank", "description": "Рейтинг"}]
    [listed] = await bot.get_my_commands(language_code="ru")
    assert (listed.command, listed.description) == ("rank", "Рейтинг")
    assert await bot.send_chat_action(1, "typing") is True
    assert await bot.set_chat_menu_button() is True
    fake_telegram.set_chat_admins(-100, [5], owner_id=6)
    assert (await bot.get_chat_member(-100, 5)).status == "administrator"
    assert (await bot.get_chat_member(-100, 6)).status == "creator"
    assert (await bot.get_chat_member(-100, 7)).status == "member"
    chat = await bot.get_chat(-100)
    assert (chat.id, chat.type) == (-100, "supergroup")
    assert (await bot.get_chat(5)).type == "private"
    photo = await bot.send_photo(5, BufferedInputFile(b"PNG", "chart.png"), caption="<b>c</b>")
    assert photo.caption == "c"
    assert photo.photo
    [photo_call] = fake_telegram.calls("sendPhoto")
    [upload] = photo_call.files.values()
    assert (upload.filename, upload.data) == ("chart.png", b"PNG")
    document = await bot.send_document(5, BufferedInputFile(b"a;b", "r.csv"))
    assert document.document is not None
    assert document.document.file_name == "r.csv"
    edited = await bot.edit_message_reply_markup(
        chat_id=5,
        message_id=document.message_id,
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="y", callback_data="y")]]
        ),
    )
    assert isinstance(edited, Message)
    assert edited.reply_markup is not None
    # Message ids count per chat, across both sides of the conversation.
    assert [photo.message_id, document.message_id] == [1, 2]
    assert fake_telegram.push_message(5, "hi")["message"]["message_id"] == 3


async def test_raw_http_forms(fake_telegram: FakeTelegram) -> None:
    base = f"{fake_telegram.url}/bot{make_token()}"
    async with ClientSession() as http:
        async with http.post(f"{base}/someFutureMethod", data={"x": "1"}) as response:
            assert await response.json() == {"ok": True, "result": True}
        async with http.post(
            f"{base}/SENDMESSAGE", json={"chat_id": 4, "text": "json body", "reply_markup": {}}
        ) as response:
            body = await response.json()
            assert body["result"]["chat"] == {"id": 4, "type": "private", "first_name": "Test"}
            assert body["result"]["from"]["id"] == BOT_ID
        async with http.get(f"{base}/getMe") as response:
            assert (await response.json())["result"]["username"] == "gosrating_test_bot"
        async with http.get(f"{fake_telegram.url}/nothing") as response:
            assert response.status == 404
    [call] = fake_telegram.calls("sendMessage")
    assert call.method == "sendMessage"
    assert call.params == {"chat_id": 4, "text": "json body", "reply_markup": {}}
    assert fake_telegram.calls("someFutureMethod")[0].params == {"x": "1"}


# ---------------------------------------------------------------------- waiting


async def test_wait_for_timeout_and_wait_idle(fake_telegram: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "before the mark")
    fake_telegram.mark()
    with pytest.raises(AssertionError, match="before the mark") as caught:
        await fake_telegram.wait_for("sendMessage", timeout=0.2)
    assert "found 0" in str(caught.value)
    assert await fake_telegram.wait_idle(0.2) == []

    async def send_later() -> None:
        await asyncio.sleep(0.1)
        await bot.send_message(2, "late")

    task = asyncio.create_task(send_later())
    seen = await fake_telegram.wait_idle(0.3)
    await task
    assert [c.text for c in seen] == ["late"]
    [late] = await fake_telegram.wait_for(predicate=lambda c: c.text == "late")
    assert late.chat_id == 2


# ---------------------------------------------------------------------- webhook


async def test_webhook_delivery_and_reply(fake_telegram: FakeTelegram, bot: Bot) -> None:
    router = Router()

    @router.message()
    async def reply_in_webhook_answer(message: Message) -> Any:
        return message.answer(f"via webhook: {message.text}")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token="s3cret", handle_in_background=False).register(
        app, path="/hook"
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        assert (await bot.get_webhook_info()).url.endswith("/hook")
        with pytest.raises(TelegramConflictError):
            await bot.get_updates()

        fake_telegram.push_message(77, "hello")
        [reply] = await fake_telegram.wait_for("sendMessage", chat_id=77)
        assert reply.text == "via webhook: hello"
        assert reply.source == "webhook-reply"
        assert [d.status for d in fake_telegram.webhook_deliveries] == [200]

        update = {"update_id": 1, "message": fake_telegram.push_message(1, "x")["message"]}
        status, _ = await fake_telegram.post_webhook(update, secret_token="wrong")
        assert status == 401
        await bot.delete_webhook()
    finally:
        await runner.cleanup()


# ---------------------------------------------------------------------- BotProcess

STUB_BOT = textwrap.dedent(
    """
    import asyncio, os, sys
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    async def main() -> None:
        print("stub bot starting; db", os.environ["DATABASE_PATH"], flush=True)
        if os.environ.get("STUB_CRASH"):
            print("configuration error: STUB_CRASH set", file=sys.stderr)
            raise SystemExit(3)
        api = TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"])
        bot = Bot(os.environ["BOT_TOKEN"], session=AiohttpSession(api=api))
        dp = Dispatcher()

        @dp.message()
        async def echo(message: Message) -> None:
            await message.answer(
                f"{message.text} from {os.environ['DEFAULT_LANGUAGE']}"
                f" admins={os.environ.get('ADMIN_IDS')}"
            )

        await dp.start_polling(bot, polling_timeout=1)
        print("stub bot stopped cleanly", flush=True)

    asyncio.run(main())
    """
)


async def test_bot_process_runs_and_stops(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    script = tmp_path / "stub_bot.py"
    script.write_text(STUB_BOT, encoding="utf-8")
    process = BotProcess(fake_telegram, tmp_path, default_language="kk", admin_ids=[1, 2], args=[str(script)])
    async with process:
        assert process.running
        fake_telegram.push_message(8, "hi")
        [reply] = await process.wait_for("sendMessage", chat_id=8)
        assert reply.text == "hi from kk admins=1,2"
    assert process.returncode == 0
    assert "stub bot stopped cleanly" in process.log()
    assert str(tmp_path / "bot.sqlite3") in process.log()

    await process.start()  # a restart on the same files
    process.kill()
    assert await process.wait() == -9
    assert process.log().count("stub bot starting") == 2


async def test_bot_process_reports_early_exit(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    script = tmp_path / "stub_bot.py"
    script.write_text(STUB_BOT, encoding="utf-8")
    process = BotProcess(fake_telegram, tmp_path, args=[str(script)], env={"STUB_CRASH": "1"})
    with pytest.raises(AssertionError, match="configuration error") as caught:
        await process.start()
    assert "exited with code 3" in str(caught.value)
    assert await process.stop() == 3
    assert sys.executable == process.python


async def test_latency_delays_every_answer_but_the_call_is_recorded_on_arrival(
    fake_telegram: FakeTelegram, bot: Bot
) -> None:
    fake_telegram.set_latency(0.3)
    sent = asyncio.create_task(bot.send_message(42, "late"))
    [call] = await fake_telegram.wait_for("sendMessage", chat_id=42)
    assert not sent.done(), "recorded, not yet answered"

    message = await sent

    assert message.text == "late"
    assert call.ok


async def test_a_migrated_group_refuses_sends_with_its_new_id(fake_telegram: FakeTelegram, bot: Bot) -> None:
    fake_telegram.migrate_chat(-100, -1001234)

    with pytest.raises(TelegramMigrateToChat) as refused:
        await bot.send_message(-100, "to the old group")

    assert refused.value.migrate_to_chat_id == -1001234
    assert (await bot.send_message(-1001234, "to the supergroup")).chat.id == -1001234


async def test_a_bot_that_never_comes_up_is_stopped_when_its_start_fails(
    tmp_path: Path, rating_db_template: Path
) -> None:
    """Was: ``async with BotProcess(...)`` whose start timed out left the process running
    after the test and the whole run (``__aexit__`` does not run when ``__aenter__`` fails)."""
    async with FakeTelegram() as fake:
        fake.serve_html("getMe", status=502)  # the bot keeps retrying and never polls
        bot = BotProcess(fake, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path))
        bot.start = functools.partial(bot.start, timeout=3)  # type: ignore[method-assign]

        with pytest.raises(AssertionError, match="did not call getUpdates"):
            async with bot:
                pass

        assert bot.returncode is not None
