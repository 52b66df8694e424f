"""Subscribing through the dispatcher: to every rating or, by name, to one body; in private
anyone may, in a group only its admins.

Whether someone is a group admin is Telegram's answer to getChatMember, which the
recording session gives per (chat, user); it says "member" unless told otherwise.
"""

from __future__ import annotations

import pytest
from aiogram.enums import ChatMemberStatus
from aiogram.methods import AnswerCallbackQuery, EditMessageText, GetChatMember, SendMessage

from bot.views.callbacks import DropAll, Follow, FollowPage, Unfollow

from .conftest import GROUP_ID, USER_ID, App, Updates, callback_data, kinds, only_reply, query

SUBSCRIBED = "Готово: я напишу, когда выйдет новый рейтинг. Список подписок — в /subscriptions."
SUBSCRIBED_HEALTH = (
    "Подписка оформлена: Министерство здравоохранения. Напишу, когда в новом рейтинге появятся данные по "
    "этому госоргану."
)
LISTING_ALL = "<b>Подписки в этом чате</b>\n• все новые рейтинги"
ADMINS_ONLY = "Менять подписки этой группы могут только её администраторы."


def subscriptions_of(app: App, chat_id: int) -> list[tuple[object, ...]]:
    return query(app.database, "SELECT agency FROM subscriptions WHERE chat_id = ? ORDER BY agency", chat_id)


async def test_subscribe_in_private_then_subscriptions_lists_it(app: App, updates: Updates) -> None:
    done = only_reply(await app.feed(updates.private("/subscribe")))
    assert done.chat_id == USER_ID
    assert done.text == SUBSCRIBED

    listing = only_reply(await app.feed(updates.private("/subscriptions")))

    assert listing.text == LISTING_ALL
    assert callback_data(listing.reply_markup) == [Unfollow(topic="*", listing=True).pack()]
    assert subscriptions_of(app, USER_ID) == [("*",)]
    assert query(app.database, "SELECT kind, language, active FROM chats WHERE chat_id = ?", USER_ID) == [
        ("private", "ru", 1)
    ]


async def test_subscribing_twice_says_so_and_keeps_one_subscription(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))

    again = only_reply(await app.feed(updates.private("/subscribe")))

    assert again.text == "Вы уже подписаны на уведомления о новых рейтингах."
    assert subscriptions_of(app, USER_ID) == [("*",)]


async def test_a_kazakh_users_subscription_is_kept_in_kazakh(app: App, updates: Updates) -> None:
    done = only_reply(await app.feed(updates.private("/subscribe", language_code="kk")))

    assert done.text.startswith("Жарайды: жаңа рейтинг жарияланғанда хабарлаймын.")
    assert query(app.database, "SELECT language FROM chats WHERE chat_id = ?", USER_ID) == [("kk",)]


async def test_subscriptions_of_a_chat_following_nothing_says_how_to_start(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/subscriptions")))

    assert reply.text.startswith("В этом чате пока нет подписок. Отправьте /subscribe")
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
    assert app.session.of_type(SendMessage)[-1].text == LISTING_ALL


async def test_follow_on_a_card_in_private_follows_that_body(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("Минздрав")))
    card = app.session.messages[-1]

    requests = await app.feed(updates.press(Follow(topic="moh"), on=card))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.show_alert is True
    assert answer.text == SUBSCRIBED_HEALTH
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
    assert confirm.text == "Отменить подписку?"
    assert callback_data(confirm.reply_markup) == [
        DropAll(confirm=True).pack(),
        DropAll(confirm=False).pack(),
    ]

    requests = await app.feed(updates.press(DropAll(confirm=True), on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    assert app.session.messages[-1].text == "Готово: в этом чате больше нет подписок."
    assert subscriptions_of(app, USER_ID) == []


# -- /subscribe NAME and /unsubscribe NAME ----------------------------------------------------


async def test_subscribe_with_a_name_follows_that_body_only(app: App, updates: Updates) -> None:
    done = only_reply(await app.feed(updates.private("/subscribe Минздрав")))

    assert done.text == SUBSCRIBED_HEALTH
    assert subscriptions_of(app, USER_ID) == [("moh",)]

    listing = only_reply(await app.feed(updates.private("/subscriptions")))
    assert listing.text == "<b>Подписки в этом чате</b>\n• Министерство здравоохранения"
    assert callback_data(listing.reply_markup) == [Unfollow(topic="moh", listing=True).pack()]


async def test_subscribing_to_a_body_twice_says_so(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/subscribe Минздрав")))

    again = only_reply(await app.feed(updates.private("/subscribe минздрав")))

    assert again.text == "Подписка уже оформлена: Министерство здравоохранения."
    assert subscriptions_of(app, USER_ID) == [("moh",)]


async def test_subscribe_with_a_name_of_several_bodies_offers_them_and_a_press_follows_one(
    app: App, updates: Updates
) -> None:
    choices = only_reply(await app.feed(updates.private("/subscribe министерство")))
    assert choices.text == "Под запрос «министерство» подходит 21 госорган. Какой из них вы имеете в виду?"
    assert Follow(topic="mof").pack() in callback_data(choices.reply_markup)
    assert subscriptions_of(app, USER_ID) == []

    requests = await app.feed(updates.press(Follow(topic="mof"), on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    assert subscriptions_of(app, USER_ID) == [("mof",)]


async def test_subscribe_with_a_name_of_no_body_says_so_and_follows_nothing(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/subscribe Министерство магии")))

    assert reply.text.startswith("По запросу «Министерство магии» госорган не найден.")
    assert subscriptions_of(app, USER_ID) == []
    assert query(app.database, "SELECT COUNT(*) FROM chats WHERE chat_id = ?", USER_ID) == [(0,)]


async def test_unsubscribe_with_a_name_drops_that_body_at_once_and_keeps_the_rest(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))
    only_reply(await app.feed(updates.private("/subscribe Минздрав")))

    reply = only_reply(await app.feed(updates.private("/unsubscribe Минздрав")))

    assert reply.text == "Подписка отменена: Министерство здравоохранения."
    assert reply.reply_markup is None
    assert subscriptions_of(app, USER_ID) == [("*",)]


async def test_unsubscribe_with_a_name_not_followed_says_so_and_does_not_offer_to_drop_all(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/subscribe")))

    reply = only_reply(await app.feed(updates.private("/unsubscribe Минздрав")))

    assert reply.text == "В этом чате нет подписки: Министерство здравоохранения."
    assert DropAll(confirm=True).pack() not in callback_data(reply.reply_markup)
    assert subscriptions_of(app, USER_ID) == [("*",)]


async def test_unsubscribe_with_a_name_of_several_bodies_offers_only_those_the_chat_follows(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/subscribe Минфин")))
    only_reply(await app.feed(updates.private("/subscribe Минздрав")))

    choices = only_reply(await app.feed(updates.private("/unsubscribe министерство")))
    offered = [data for data in callback_data(choices.reply_markup) if data.startswith("uf:")]
    assert sorted(offered) == sorted([Unfollow(topic="mof").pack(), Unfollow(topic="moh").pack()])

    requests = await app.feed(updates.press(Unfollow(topic="mof"), on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == ("Подписка отменена: Министерство финансов.", True)
    assert subscriptions_of(app, USER_ID) == [("moh",)]


async def test_unsubscribe_with_a_name_that_fits_one_followed_body_cancels_it_at_once(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("/subscribe Минфин")))

    reply = only_reply(await app.feed(updates.private("/unsubscribe министерство")))

    assert reply.text == "Подписка отменена: Министерство финансов."
    assert subscriptions_of(app, USER_ID) == []


async def test_a_group_member_who_is_no_admin_may_not_unsubscribe_a_body_either(
    app: App, updates: Updates
) -> None:
    await app.store.subscriptions.remember_chat(GROUP_ID, "supergroup", "ru")
    await app.store.subscriptions.add(GROUP_ID, "moh")

    requests = await app.feed(updates.group("/unsubscribe Минздрав"))

    assert kinds(requests) == ["GetChatMember", "SendMessage"]
    reply = requests[1]
    assert isinstance(reply, SendMessage)
    assert reply.text == ADMINS_ONLY
    assert subscriptions_of(app, GROUP_ID) == [("moh",)]


@pytest.mark.parametrize("command", ["/SUBSCRIBE Минздрав", "/Subscribe Минздрав"])
async def test_subscribe_is_understood_whatever_its_case(app: App, updates: Updates, command: str) -> None:
    reply = only_reply(await app.feed(updates.private(command)))

    assert reply.text == SUBSCRIBED_HEALTH


async def test_subscribe_with_a_name_of_many_bodies_pages_through_them_in_place(
    app: App, updates: Updates
) -> None:
    first = only_reply(await app.feed(updates.private("/subscribe министерство")))
    first_page = [data for data in callback_data(first.reply_markup) if data.startswith("fo:")]
    [more] = [data for data in callback_data(first.reply_markup) if data.startswith("fp:")]
    assert len(first_page) == 6
    assert FollowPage.unpack(more).page == 1

    requests = await app.feed(updates.press(more, on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edited = requests[1]
    assert isinstance(edited, EditMessageText)
    second_page = [data for data in callback_data(edited.reply_markup) if data.startswith("fo:")]
    assert len(second_page) == 6
    assert not set(second_page) & set(first_page)
    assert subscriptions_of(app, USER_ID) == [], "paging subscribes to nothing"


async def test_a_page_of_choices_the_bot_no_longer_remembers_is_out_of_date(
    app: App, updates: Updates
) -> None:
    stale = FollowPage(key="000000000000", page=1, unfollow=False)

    requests = await app.feed(updates.press(stale, on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.show_alert
