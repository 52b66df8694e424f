"""What Telegram says about a chat itself: a group that became a supergroup tells the bot
so with a service message from the old group, and what it followed moves to the new id."""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.types import Chat

from bot.store.records import ALL

from .conftest import GROUP_ID, USER_ID, App, Updates, query

OLD_GROUP = -4242


async def test_a_group_that_became_a_supergroup_keeps_what_it_follows_at_its_new_id(
    app: App, updates: Updates
) -> None:
    await app.store.subscriptions.remember_chat(OLD_GROUP, "group", "kk")
    await app.store.subscriptions.add(OLD_GROUP, ALL)
    await app.store.subscriptions.add(OLD_GROUP, "moh")
    old = Chat(id=OLD_GROUP, type=ChatType.GROUP, title="Госуслуги")

    requests = await app.feed(updates.message(old, updates.user(), migrate_to_chat_id=GROUP_ID))

    assert requests == [], "a service message gets no answer"
    assert await app.store.subscriptions.topics(GROUP_ID) == ["*", "moh"]
    assert await app.store.subscriptions.topics(OLD_GROUP) == []
    assert query(app.database, "SELECT chat_id, kind, language, active FROM chats ORDER BY chat_id") == [
        (GROUP_ID, "supergroup", "kk", 1),
        (OLD_GROUP, "group", "kk", 0),
    ]


async def test_the_new_supergroups_own_service_message_gets_no_answer(app: App, updates: Updates) -> None:
    new = Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги")
    requests = await app.feed(updates.message(new, updates.user(USER_ID), migrate_from_chat_id=OLD_GROUP))
    assert requests == []
