"""End to end: what users send that the bot does not expect, and forged or stale buttons.

The fake server is as strict as Telegram about HTML, so a reply that echoes user text
without escaping it fails to send and the test times out waiting for it. The last test
checks that after all of this the same bot process still answers a normal query.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.unit.conftest import snapshot

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import BOT_USERNAME
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")

NOT_TEXT = "Я понимаю только текстовые сообщения"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."
GROUP = -100_500


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("bad-input"), rating_db_template) as process:
        yield process


# ---------------------------------------------------------------------- not text


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice"])
async def test_media_gets_the_text_only_hint(bot: BotProcess, kind: str) -> None:
    chat = UserChat(bot, 2001)
    since = bot.fake.mark()
    if kind == "sticker":
        bot.fake.push_sticker(chat.user_id)
    elif kind == "photo":
        bot.fake.push_photo(chat.user_id)
    else:
        bot.fake.push_voice(chat.user_id)
    [reply] = await bot.wait_for("sendMessage", chat_id=chat.chat, since=since)
    assert plain(reply).startswith(NOT_TEXT)
    assert "/help" in plain(reply)


async def test_a_photo_with_a_caption_is_still_not_a_query(bot: BotProcess) -> None:
    since = bot.fake.mark()
    bot.fake.push_photo(2002, caption="минздрав", language_code="en")
    [reply] = await bot.wait_for("sendMessage", chat_id=2002, since=since)
    assert plain(reply).startswith("I understand text messages only.")


# ---------------------------------------------------------------------- odd text


async def test_whitespace_only_text(bot: BotProcess) -> None:
    reply = await UserChat(bot, 2010).send(" \n\t  ")
    # Nothing to search for: how to ask, not "nothing found for «»".
    assert plain(reply) == (
        "Пришлите название министерства или агентства — например, Минздрав, МЧС или КНБ. "
        "Что ещё я умею — смотрите в /help."
    )


async def test_a_very_long_text_is_answered_with_a_short_echo(bot: BotProcess) -> None:
    query = ("очень длинный запрос про министерство " * 120)[:4000]
    reply = await UserChat(bot, 2011).send(query)
    text = plain(reply)
    assert len(text) < 1000
    echoed = text.split("«", 1)[1].split("»", 1)[0]
    assert echoed.endswith("…")
    assert len(echoed) <= 80
    assert query.startswith(echoed[:-1])


@pytest.mark.parametrize(
    ("query", "echoed"),
    [
        ("<b>жирный</b>", "«<b>жирный</b>»"),
        ("<script>alert(1)</script>", "«<script>alert(1)</script>»"),
        ("Tom & Jerry", "«Tom & Jerry»"),
        ("a < b > c", "«a < b > c»"),
        ("'; DROP TABLE ratings; --", "«'; DROP TABLE ratings; --»"),
        ('"quoted" &amp; <i>', '«"quoted" &amp; <i>»'),
        ("😀🏛️ пицца", "«😀🏛️ пицца»"),
    ],
)
async def test_user_text_is_echoed_escaped(bot: BotProcess, query: str, echoed: str) -> None:
    reply = await UserChat(bot, 2012).send(query)
    # The fake accepted the HTML; what the user reads is exactly what they typed.
    assert echoed in plain(reply)
    assert "<b>жирный" not in (reply.text or "")
    assert "<script>" not in (reply.text or "")


async def test_the_ratings_survive_an_sql_injection_attempt(bot: BotProcess) -> None:
    """Checked on the database itself, not only on /rank (which answers from the bot's
    cached book whatever happened to the file): every table is as it was except for the
    user's own registration row, and the injected text is stored nowhere."""
    injections = ("'; DROP TABLE ratings; --", "Robert'); DELETE FROM agencies; --")
    chat = UserChat(bot, 2013)
    before = snapshot(bot.database_path)
    assert all(user_id != chat.user_id for user_id, *_ in before["users"])

    for text in injections:
        await chat.send(text)
    reply = await chat.send("/rank")

    assert "Страница 1 из 4" in plain(reply)
    after = snapshot(bot.database_path)
    registered = [row for row in after["users"] if row[0] == chat.user_id]
    assert len(registered) == 1, "the user is registered once, on first contact"
    assert [row for row in after["users"] if row[0] != chat.user_id] == before["users"]
    assert {table: rows for table, rows in after.items() if table != "users"} == {
        table: rows for table, rows in before.items() if table != "users"
    }
    for table in ("ratings", "releases", "agencies"):
        assert after[table], f"{table} is still there and not emptied"
    stored = [
        (table, row)
        for table, rows in after.items()
        for row in rows
        if any(fragment in str(cell) for cell in row for fragment in ("DROP TABLE", "DELETE FROM"))
    ]
    assert stored == [], "the injected text was stored"


async def test_emoji_around_a_name_still_finds_it(bot: BotProcess) -> None:
    reply = await UserChat(bot, 2014).send("🏥 минздрав 🙏")
    assert plain(reply).startswith("Министерство здравоохранения")


@pytest.mark.parametrize("command", ["/foo", "/foo bar", "/RANKING", "/"])
async def test_unknown_command(bot: BotProcess, command: str) -> None:
    reply = await UserChat(bot, 2015).send(command)
    assert plain(reply) == "Такой команды я не знаю. Что я умею — смотрите в /help."


# ---------------------------------------------------------------------- buttons


@pytest.mark.parametrize(
    "data",
    [
        "rk:2025:99:0",
        "rk:2025:-1:0",
        "rk:abc:1:0",
        "rk:1999:0:0",
        "rk:1999:0:1",
        "ag:nope:0",
        "ag:moh:10000",
        "cp:000000000000:1",
        "lang:xx",
        "ch:1999",
        "ch:2024",
        "menu:nope",
        "zzz",
        "",
    ],
)
async def test_forged_callback_data_gets_an_alert(bot: BotProcess, data: str) -> None:
    chat = UserChat(bot, 2020)
    page = await chat.send("/rank")
    page_id = message_id(page)
    answer, _ = await chat.press(data, page_id)
    assert answer.ok, answer.describe()
    assert answer.params.get("show_alert") is True
    assert answer.params.get("text") == STALE
    # Nothing else happened: the list stays as it was.
    assert await chat.expect_silence(0.4) == []
    assert bot.fake.message(chat.chat, page_id)["text"] == plain(page)


async def test_forged_callback_alert_is_in_the_users_language(bot: BotProcess) -> None:
    chat = UserChat(bot, 2021, "kk")
    page = await chat.send("/rank")
    answer, _ = await chat.press("ag:nope:0", message_id(page))
    assert answer.params.get("show_alert") is True
    assert answer.params.get("text") == "Бұл батырма ескірген. Команданы қайта жіберіңіз."


async def test_a_button_on_a_message_that_no_longer_exists(bot: BotProcess) -> None:
    """The user deleted the list, then pressed "Next" on a copy still on screen: the edit
    fails, so the page comes as a new message and the press is answered."""
    chat = UserChat(bot, 2022)
    page = await chat.send("/rank")
    page_id = message_id(page)
    since = bot.fake.mark()
    bot.fake.push_callback(chat.user_id, "rk:2025:1:0", message_id=page_id)
    # Delete it on the "server" before the bot sees the press.
    del bot.fake._messages[(chat.chat, page_id)]
    [answer] = await bot.wait_for("answerCallbackQuery", since=since, include_failed=True)
    assert answer.ok
    [fresh] = await bot.wait_for("sendMessage", chat_id=chat.chat, since=since)
    assert "Страница 2 из 4" in plain(fresh)
    [edit] = bot.fake.calls("editMessageText", chat_id=chat.chat, since=since, include_failed=True)
    assert edit.failed_with == 400


@pytest.mark.parametrize(
    ("chat_id", "chat_type"), [(None, "private"), (GROUP - 4, "group")], ids=["private", "group"]
)
async def test_a_button_on_an_inaccessible_message(
    bot: BotProcess, chat_id: int | None, chat_type: str
) -> None:
    """Telegram sends an old message as an "inaccessible" stub (date 0, no text): the
    press is answered and the page comes as a new message in that message's chat (in a
    group: the group, not the private chat of whoever pressed)."""
    chat = UserChat(bot, 2024, chat_id=chat_id, chat_type=chat_type)
    page = await chat.send("/rank" if chat_type == "private" else f"/rank@{BOT_USERNAME}")
    since = bot.fake.mark()
    query_id = f"777000111{chat.chat}"
    bot.fake._callback_queries[query_id] = False  # a query the fake will accept an answer to
    chat_info: dict[str, object] = {"id": chat.chat, "type": chat_type}
    chat_info.update({"first_name": "Test"} if chat_type == "private" else {"title": "A group"})
    bot.fake.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": chat.user_id, "is_bot": False, "first_name": "Test", "language_code": "ru"},
                "message": {"chat": chat_info, "message_id": message_id(page), "date": 0},
                "chat_instance": "1",
                "data": "rk:2025:1:0",
            }
        }
    )
    [answer] = await bot.wait_for("answerCallbackQuery", since=since, include_failed=True)
    assert answer.ok
    [fresh] = await bot.wait_for("sendMessage", chat_id=chat.chat, since=since)
    assert "Страница 2 из 4" in plain(fresh)
    await bot.fake.wait_idle(0.4)
    sent = bot.fake.calls("sendMessage", since=since, include_failed=True)
    assert [call.chat_id for call in sent] == [chat.chat]  # nothing went anywhere else


async def test_html_in_the_users_name_is_escaped(bot: BotProcess) -> None:
    since = bot.fake.mark()
    bot.fake.push_message(2025, "/start", first_name="<b>Ann & Co</b>")
    [reply] = await bot.wait_for("sendMessage", chat_id=2025, since=since)
    assert plain(reply).startswith("Здравствуйте, <b>Ann & Co</b>!")


async def test_pressing_the_same_page_twice_is_harmless(bot: BotProcess) -> None:
    chat = UserChat(bot, 2023)
    page = await chat.send("/rank")
    page_id = message_id(page)
    answer, _ = await chat.press("rk:2025:0:0", page_id)
    assert answer.ok
    assert not answer.params.get("show_alert")
    # Telegram refuses an edit that changes nothing; the bot must not send a copy instead.
    calls = await chat.expect_silence(0.4)
    assert [c.method for c in calls if c.method == "sendMessage"] == []


# ---------------------------------------------------------------------- groups


async def test_a_command_addressed_to_this_bot_in_a_group_is_answered(bot: BotProcess) -> None:
    chat = UserChat(bot, 2030, chat_id=GROUP, chat_type="group")
    reply = await chat.send(f"/rank@{BOT_USERNAME}")
    assert reply.chat_id == GROUP
    assert "Страница 1 из 4" in plain(reply)
    help_reply = await chat.send("/help")
    assert "/rank" in plain(help_reply)


async def test_a_command_for_another_bot_in_a_group_is_ignored(bot: BotProcess) -> None:
    chat = UserChat(bot, 2031, chat_id=GROUP - 1, chat_type="supergroup")
    chat.push("/rank@other_bot")
    assert await chat.expect_silence() == []


@pytest.mark.parametrize("text", ["минздрав", "pizza", "/foo", "/rank@other_bot 2024", "/foo@other_bot"])
async def test_group_chatter_is_ignored(bot: BotProcess, text: str) -> None:
    """Neither a name that does not mention the bot nor a command written to nobody or to
    another bot is addressed to it."""
    chat = UserChat(bot, 2032, chat_id=GROUP - 2, chat_type="group")
    chat.push(text)
    assert await chat.expect_silence() == []


async def test_an_unknown_command_addressed_to_this_bot_in_a_group_is_answered(bot: BotProcess) -> None:
    """/foo@thisbot was once ignored in a group like any chatter; written to the bot by
    name, it gets the same reply as an unknown command in private, in the group."""
    chat = UserChat(bot, 2034, chat_id=GROUP - 5, chat_type="supergroup")
    reply = await chat.send(f"/foo@{BOT_USERNAME}")
    assert reply.chat_id == GROUP - 5
    assert plain(reply) == "Такой команды я не знаю. Что я умею — смотрите в /help."
    assert await chat.expect_silence(0.4) == []  # one reply, nothing more


async def test_a_sticker_in_a_group_is_ignored(bot: BotProcess) -> None:
    bot.fake.push_sticker(2033, chat_id=GROUP - 3, chat_type="group")
    assert await UserChat(bot, 2033, chat_id=GROUP - 3, chat_type="group").expect_silence() == []


# ---------------------------------------------------------------------- still alive


async def test_after_all_that_the_bot_still_answers(bot: BotProcess) -> None:
    assert bot.running
    reply = await UserChat(bot, 2099).send("МЧС")
    assert plain(reply).startswith("Министерство по чрезвычайным ситуациям")
    log = bot.log()
    assert "Traceback" not in log, log
    assert " ERROR " not in log, log
    # Every failed request, whatever ran before in this module, was an expected one: an
    # edit of a deleted message (by the test of that, at most twice).
    failed = [(c.method, c.failed_with) for c in bot.fake.calls(include_failed=True) if not c.ok]
    assert set(failed) <= {("editMessageText", 400)}, bot.fake.report()
    assert len(failed) <= 2, bot.fake.report()
