"""Subscribing through the dispatcher: in private anyone may, in a group only its admins.

Whether someone is a group admin is Telegram's answer to getChatMember, which the
recording session gives per (chat, user); it says "member" unless told otherwise.
"""

from __future__ import annotations

import pytest
from aiogram.enums import ChatMemberStatus
from aiogram.methods import AnswerCallbackQuery, GetChatMember, SendMessage

from bot.views.callbacks import DropAll, Follow, Unfollow

from .conftest import GROUP_ID, USER_ID, App, Updates, callback_data, kinds, only_reply, query

SUBSCRIBED = "Готово: я напишу, когда будет опубликован новый рейтинг. Ваши подписки — в /subscriptions."
ADMINS_ONLY = "Менять подписки этой группы могут только её администраторы."


def subscriptions_of(app: App, chat_id: int) -> list[tuple[object, ...]]:
    return query(app.database, "SELECT agency FROM subscriptions WHERE chat_id = ? ORDER BY agency", chat_id)


async def test_subscribe_in_private_then_subscriptions_lists_it(app: App, updates: Updates) -> None:
    done = only_reply(await app.feed(updates.private("/subscribe")))
    assert done.chat_id == USER_ID
    assert done.text == SUBSCRIBED

    listing = only_reply(await app.feed(updates.private("/subscriptions")))

    assert listing.text == "<b>Ваши подписки</b>\n• все новые рейтинги"
    assert callback_data(listing.reply_markup) == [Unfollow(topic="*", listing=True).pack()]
    assert subscriptions_of(app, USER_ID) == [("*",)]
    assert query(app.database, "SELECT kind, language, active FROM chats WHERE chat_id = ?", USER_ID) == [
        ("private", "ru", 1)
    ]


async def test_subscribing_twice_says_so_and_keeps_one_subscription(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))

    again = only_reply(await app.feed(updates.private("/subscribe")))

    assert again.text == "Вы уже получаете сообщение, когда публикуется новый рейтинг."
    assert subscriptions_of(app, USER_ID) == [("*",)]


async def test_a_kazakh_users_subscription_is_kept_in_kazakh(app: App, updates: Updates) -> None:
    done = only_reply(await app.feed(updates.private("/subscribe", language_code="kk")))

    assert done.text.startswith("Дайын: жаңа рейтинг жарияланғанда хабарлаймын.")
    assert query(app.database, "SELECT language FROM chats WHERE chat_id = ?", USER_ID) == [("kk",)]


async def test_subscriptions_of_a_chat_following_nothing_says_how_to_start(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/subscriptions")))

    assert reply.text.startswith("У вас пока нет подписок. Отправьте /subscribe")
    assert reply.reply_markup is None


async def test_a_group_member_who_is_no_admin_may_not_subscribe_the_group(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group("/subscribe"))

    assert kinds(requests) == ["GetChatMember", "SendMessage"]
    asked, reply = requests
    assert isinstance(asked, GetChatMember)
    assert (asked.chat_id, asked.user_id) == (GROUP_ID, USER_ID)
    assert isinstance(reply, SendMessage)
    assert (reply.chat_id, reply.text) == (GROUP_ID, ADMINS_ONLY)
    assert subscriptions_of(app, GROUP_ID) == []


@pytest.mark.parametrize("status", [ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.CREATOR])
async def test_a_group_admin_may_subscribe_the_group(
    app: App, updates: Updates, status: ChatMemberStatus
) -> None:
    app.session.set_status(GROUP_ID, USER_ID, status)

    requests = await app.feed(updates.group("/subscribe"))

    assert kinds(requests) == ["GetChatMember", "SendMessage"]
    reply = requests[1]
    assert isinstance(reply, SendMessage)
    assert (reply.chat_id, reply.text) == (GROUP_ID, SUBSCRIBED)
    assert subscriptions_of(app, GROUP_ID) == [("*",)]
    assert query(app.database, "SELECT kind FROM chats WHERE chat_id = ?", GROUP_ID) == [("supergroup",)]


async def test_anyone_in_a_group_may_see_what_it_follows(app: App, updates: Updates) -> None:
    app.session.set_status(GROUP_ID, USER_ID, ChatMemberStatus.ADMINISTRATOR)
    await app.feed(updates.group("/subscribe"))

    requests = await app.feed(updates.group("/subscriptions", user_id=USER_ID + 1))

    assert kinds(requests) == ["SendMessage"]
    assert app.session.of_type(SendMessage)[-1].text == "<b>Ваши подписки</b>\n• все новые рейтинги"


async def test_follow_on_a_card_in_private_follows_that_body(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("Минздрав")))
    card = app.session.messages[-1]

    requests = await app.feed(updates.press(Follow(topic="moh"), on=card))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.show_alert is True
    assert answer.text == (
        "Вы подписались: Министерство здравоохранения. Я напишу, когда в новом рейтинге появятся его "
        "показатели."
    )
    assert subscriptions_of(app, USER_ID) == [("moh",)]


async def test_follow_pressed_by_a_group_member_who_is_no_admin_is_refused(
    app: App, updates: Updates
) -> None:
    card = updates.bot_message(GROUP_ID, text="<b>Министерство здравоохранения</b>")

    requests = await app.feed(updates.press(Follow(topic="moh"), on=card))

    assert kinds(requests) == ["GetChatMember", "AnswerCallbackQuery"]
    answer = requests[1]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (ADMINS_ONLY, True)
    assert subscriptions_of(app, GROUP_ID) == []


async def test_unsubscribe_confirmed_drops_everything(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))
    confirm = only_reply(await app.feed(updates.private("/unsubscribe")))
    assert confirm.text == "Отменить 1 подписку?"
    assert callback_data(confirm.reply_markup) == [
        DropAll(confirm=True).pack(),
        DropAll(confirm=False).pack(),
    ]

    requests = await app.feed(updates.press(DropAll(confirm=True), on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    assert app.session.messages[-1].text == "Готово: у вас больше нет подписок."
    assert subscriptions_of(app, USER_ID) == []
