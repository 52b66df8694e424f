"""The dispatcher when the database takes no writes (a full disk): reads are still answered.

The store's connection is switched to ``PRAGMA query_only``, so every write fails the way a
full disk makes it fail (an sqlite3.OperationalError) while reads work. Before the fix, a
new user's first message failed in the language middleware and got no answer at all; a
/subscribe or a language choice ended in the same error, unanswered.
"""

from __future__ import annotations

import logging

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText

from bot.store import Store
from bot.views.callbacks import DropAll, Follow, LanguageChoice

from .conftest import GROUP_ID, USER_ID, App, Updates, kinds, only_reply, query

NOT_SAVED = "Сейчас не удалось это сохранить, поэтому ничего не изменилось. Пожалуйста, попробуйте позже."
NOT_SAVED_EN = (
    "I will speak English with you, but I could not save this choice right now, so I may forget it "
    "when I restart. Please choose again later."
)
NEW_USER = 4004
LATER_USER = 5005


async def refuse_writes(store: Store, refuse: bool = True) -> None:
    """Every write on the store's connection fails from now on (or works again)."""
    await store._db.execute(f"PRAGMA query_only = {int(refuse)}")  # the test's fault


def users(app: App, *user_ids: int) -> set[int]:
    rows = query(app.database, "SELECT user_id FROM users")
    return {row[0] for row in rows} & set(user_ids)


def write_failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.levelname for r in caplog.records if r.name == "bot.store.failures"]


async def test_a_new_users_question_is_answered_when_the_database_takes_no_writes(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    await refuse_writes(app.store)

    with caplog.at_level(logging.INFO):
        first = only_reply(await app.feed(updates.private("/rank", user_id=NEW_USER)))
        again = only_reply(await app.feed(updates.private("Минздрав", user_id=NEW_USER + 1)))

    assert "Страница 1 из 4" in first.text
    assert "Министерство здравоохранения" in again.text
    assert users(app, NEW_USER, NEW_USER + 1) == set()
    assert write_failures(caplog) == ["WARNING"]


async def test_the_new_users_are_written_once_another_write_works(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    await refuse_writes(app.store)
    only_reply(await app.feed(updates.private("/rank", user_id=NEW_USER)))
    await refuse_writes(app.store, refuse=False)
    caplog.clear()

    with caplog.at_level(logging.INFO):
        only_reply(await app.feed(updates.private("/subscribe", user_id=LATER_USER)))  # a write: it works
        only_reply(await app.feed(updates.private("/help", user_id=LATER_USER)))

    assert users(app, NEW_USER, LATER_USER) == {NEW_USER, LATER_USER}
    assert write_failures(caplog) == ["INFO"]


async def test_subscribe_on_a_full_disk_says_it_could_not_save(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/help")))  # a known user
    await refuse_writes(app.store)

    reply = only_reply(await app.feed(updates.private("/subscribe")))

    assert reply.text == NOT_SAVED
    assert query(app.database, "SELECT * FROM subscriptions WHERE chat_id = ?", USER_ID) == []


async def test_follow_on_a_full_disk_says_it_could_not_save(app: App, updates: Updates) -> None:
    card = updates.bot_message(text="<b>Министерство здравоохранения</b>")
    await refuse_writes(app.store)

    requests = await app.feed(updates.press(Follow(topic="moh"), on=card))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (NOT_SAVED, True)


async def test_cancelling_everything_on_a_full_disk_says_it_could_not_save(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))
    confirm = updates.bot_message(text="Отменить подписку?")
    await refuse_writes(app.store)

    requests = await app.feed(updates.press(DropAll(confirm=True), on=confirm))

    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.text == NOT_SAVED
    assert query(app.database, "SELECT agency FROM subscriptions WHERE chat_id = ?", USER_ID) == [("*",)]


async def test_a_language_chosen_on_a_full_disk_holds_for_now_and_says_it_was_not_saved(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/help")))
    menu = updates.bot_message(text="Выберите, на каком языке мне с вами говорить:")
    await refuse_writes(app.store)

    requests = await app.feed(updates.press(LanguageChoice(code="en"), on=menu))

    edited = [request for request in requests if isinstance(request, EditMessageText)]
    assert [message.text for message in edited] == [NOT_SAVED_EN]
    later = only_reply(await app.feed(updates.private("/help")))
    assert later.text.startswith("<b>What I can do</b>")  # this session speaks English
    assert query(app.database, "SELECT language FROM users WHERE user_id = ?", USER_ID) == [(None,)]


async def test_a_gone_chat_writing_on_a_full_disk_is_answered_and_made_active_later(
    app: App, updates: Updates
) -> None:
    await app.store.subscriptions.remember_chat(GROUP_ID, "supergroup", "ru")
    await app.store.subscriptions.deactivate(GROUP_ID, "Forbidden: bot was kicked from the supergroup chat")
    app.inactive.mark(GROUP_ID)
    await refuse_writes(app.store)

    reply = only_reply(await app.feed(updates.group("/help")))

    assert reply.chat_id == GROUP_ID
    assert query(app.database, "SELECT active FROM chats WHERE chat_id = ?", GROUP_ID) == [(0,)]

    await refuse_writes(app.store, refuse=False)
    only_reply(await app.feed(updates.group("/help")))
    assert query(app.database, "SELECT active FROM chats WHERE chat_id = ?", GROUP_ID) == [(1,)]
    assert GROUP_ID not in app.inactive.inactive
