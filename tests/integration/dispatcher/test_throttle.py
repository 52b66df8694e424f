"""Flood control, seen from outside: one user flooding gets a polite "slow down", once; the
others are answered as usual; a button pressed too often stops spinning.

The app is built with a burst of 3 and a rate so slow (one update in ~17 minutes) that no
update is ever held for its turn: each is answered at once or refused, nothing sleeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.methods import AnswerCallbackQuery, SendMessage

from bot.runtime.throttle import Throttle
from bot.views.callbacks import RankPage

from .conftest import ADMIN_ID, GROUP_ID, OTHER_USER_ID, USER_ID, App, Updates, kinds, only_reply, running_app
from .recording import BOT_USERNAME
from .test_inline import inline

SLOW_DOWN = {
    "ru": "Слишком много сообщений подряд. Подождите несколько секунд и отправьте вопрос ещё раз.",
    "kk": "Хабарламаларды тым жиі жіберіп жатырсыз. Бірнеше секунд күтіп, сұрағыңызды қайта жіберіңіз.",
    "en": "Too many messages in a row. Please wait a few seconds and send your question again.",
}
PRESSES = {
    "ru": "Слишком много нажатий подряд. Подождите несколько секунд.",
    "kk": "Батырманы тым жиі басып жатырсыз. Бірнеше секунд күте тұрыңыз.",
    "en": "Too many presses at once. Please wait a few seconds.",
}
CARD = "Министерство здравоохранения"


@pytest.fixture
async def app(database: Path) -> AsyncIterator[App]:
    async with running_app(database, throttle_rate=0.001, throttle_burst=3) as running:
        yield running


async def test_a_flooding_user_is_told_once_and_then_left_unanswered(app: App, updates: Updates) -> None:
    answered = [await app.feed(updates.private("минздрав")) for _ in range(3)]
    refused = [await app.feed(updates.private("минздрав")) for _ in range(20)]

    assert all(CARD in only_reply(requests).text for requests in answered)
    assert only_reply(refused[0]).text == SLOW_DOWN["ru"]
    assert refused[1:] == [[]] * 19  # once per burst, not once per message


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
async def test_the_slow_down_is_in_the_users_language(app: App, updates: Updates, language: str) -> None:
    for _ in range(3):
        await app.feed(updates.private("/help", language_code=language))

    notice = only_reply(await app.feed(updates.private("/help", language_code=language)))

    assert notice.text == SLOW_DOWN[language]


async def test_a_flood_does_not_touch_other_users(app: App, updates: Updates) -> None:
    flood = [updates.private("минздрав") for _ in range(200)]
    await asyncio.gather(*(app.feed(update) for update in flood))  # all at once: no crash

    sent = app.session.of_type(SendMessage)
    assert len([m for m in sent if CARD in m.text]) == 3
    assert [m.text for m in sent if CARD not in m.text] == [SLOW_DOWN["ru"]]
    reply = only_reply(await app.feed(updates.private("минздрав", user_id=OTHER_USER_ID)))
    assert CARD in reply.text


async def test_a_button_pressed_too_often_is_answered_so_it_stops_spinning(
    app: App, updates: Updates
) -> None:
    page = RankPage(year=2025, page=2)
    listing = updates.bot_message(USER_ID, text="…")
    for _ in range(3):
        await app.feed(updates.press(page, on=listing, language_code="kk"))

    refused = [await app.feed(updates.press(page, on=listing, language_code="kk")) for _ in range(2)]

    for requests in refused:  # every press is answered, or its button spins for a while
        assert kinds(requests) == ["AnswerCallbackQuery"]
        answer = requests[0]
        assert isinstance(answer, AnswerCallbackQuery)
        assert answer.text == PRESSES["kk"]


async def test_admins_are_never_throttled(app: App, updates: Updates) -> None:
    replies = [await app.feed(updates.private("минздрав", user_id=ADMIN_ID)) for _ in range(10)]

    assert all(CARD in only_reply(requests).text for requests in replies)


async def test_in_a_group_nothing_is_said_to_everyone(app: App, updates: Updates) -> None:
    for _ in range(3):
        await app.feed(updates.group(f"@{BOT_USERNAME} минздрав"))

    assert await app.feed(updates.group(f"@{BOT_USERNAME} минздрав")) == []
    assert len(app.session.of_type(SendMessage)) == 3
    assert all(int(m.chat_id) == GROUP_ID for m in app.session.of_type(SendMessage))


async def test_the_throttle_comes_before_everything_that_reads_the_database(app: App) -> None:
    """Outer middlewares on ``update`` run in order, before those of the event observers
    (the language middleware, the inactive chats); the snapshot is taken after it."""
    order = [type(m).__name__ for m in app.dispatcher.update.outer_middleware]
    assert order.index("Throttle") < order.index("SnapshotMiddleware")
    assert not any(isinstance(m, Throttle) for m in app.dispatcher.message.outer_middleware)


async def test_an_update_over_the_burst_is_answered_late_when_its_turn_is_near(
    database: Path, updates: Updates
) -> None:
    """A burst of 1 at 20 a second: the second message waits 50 ms and is answered."""
    async with running_app(database, throttle_rate=20.0, throttle_burst=1) as app:
        first = await app.feed(updates.private("минздрав"))
        second = await app.feed(updates.private("минздрав"))

    assert CARD in only_reply(first).text
    assert CARD in only_reply(second).text


async def test_throttle_rate_zero_turns_it_off(database: Path, updates: Updates) -> None:
    async with running_app(database, throttle_rate=0, throttle_burst=1) as app:
        replies = [await app.feed(updates.private("минздрав")) for _ in range(5)]

    assert all(CARD in only_reply(requests).text for requests in replies)
    assert not any(isinstance(m, Throttle) for m in app.dispatcher.update.outer_middleware)


async def test_an_inline_query_over_the_burst_is_dropped_not_held(database: Path, updates: Updates) -> None:
    """A burst of 1 at 20 a second: a message would wait 50 ms (above), but an inline query
    is typed letter by letter and a held one is stale: it is dropped, and nothing is said."""
    async with running_app(database, throttle_rate=20.0, throttle_burst=1) as app:
        first = await app.feed(inline("минздрав"))
        second = await app.feed(inline("минздрав 2024"))

    assert "AnswerInlineQuery" in kinds(first)
    assert second == []
    assert app.session.of_type(SendMessage) == []
