"""Groups: who may change what a group follows when Telegram cannot say, an anonymous admin,
and /stats, whose figures are for the operators and never posted to a whole group.

Before these were handled, a getChatMember that failed left /subscribe unanswered (the
error escaped the dispatcher), an anonymous admin was told "admins only", and an
operator's /stats sent in a group was answered in the group, figures and all.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from aiogram.enums import ChatType
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
)
from aiogram.methods import AnswerCallbackQuery, GetChatMember, SendMessage
from aiogram.types import Chat, Message, Update, User

from bot.views.callbacks import Follow

from .conftest import ADMIN_ID, GROUP_ID, USER_ID, App, Updates, kinds, query

CANNOT_CHECK = (
    "Не удалось проверить, являетесь ли вы администратором этой группы. Пожалуйста, попробуйте ещё раз."
)
SUBSCRIBED = "Готово: я напишу, когда выйдет новый рейтинг. Список подписок — в /subscriptions."
ADMINS_ONLY = "Менять подписки этой группы могут только её администраторы."
STATS_HEADING = "<b>Статистика бота</b>"
ASK_IN_PRIVATE = "Отправьте мне /stats в личные сообщения: статистику я показываю только там."
ANSWERED_IN_PRIVATE = "Ответ — в личных сообщениях."
#: The placeholder Telegram names as the sender of an anonymous admin's message.
GROUP_ANONYMOUS_BOT = User(id=1087968824, is_bot=True, first_name="Group", username="GroupAnonymousBot")


def subscriptions_of(app: App, chat_id: int) -> list[tuple[object, ...]]:
    return query(app.database, "SELECT agency FROM subscriptions WHERE chat_id = ? ORDER BY agency", chat_id)


def sent_as(sender_chat: Chat, text: str, *, update_id: int = 900, in_chat: Chat | None = None) -> Update:
    """A message written on behalf of ``sender_chat`` (the group itself, or a channel)."""
    chat = in_chat or Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")
    message = Message(
        message_id=update_id,
        date=datetime.now(UTC),
        chat=chat,
        from_user=GROUP_ANONYMOUS_BOT,
        sender_chat=sender_chat,
        text=text,
    )
    return Update(update_id=update_id, message=message)


# -- getChatMember fails --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (TelegramNetworkError, "HTTP Client says - ClientConnectorError: Cannot connect to host"),
        (TelegramBadRequest, "Bad Request: user not found"),
        (TelegramAPIError, "Internal Server Error"),
    ],
)
async def test_subscribe_in_a_group_when_telegram_cannot_say_who_is_admin_says_so(
    app: App,
    updates: Updates,
    caplog: pytest.LogCaptureFixture,
    error: type[TelegramAPIError],
    message: str,
) -> None:
    app.session.fail_next(GetChatMember, error, message)

    with caplog.at_level(logging.WARNING):
        requests = await app.feed(updates.group("/subscribe"))

    assert kinds(requests) == ["GetChatMember", "SendMessage"]
    reply = requests[1]
    assert isinstance(reply, SendMessage)
    assert (reply.chat_id, reply.text) == (GROUP_ID, CANNOT_CHECK)
    assert subscriptions_of(app, GROUP_ID) == []
    refusal = error(GetChatMember(chat_id=GROUP_ID, user_id=USER_ID), message)
    assert [r.getMessage() for r in caplog.records if r.name == "handlers.subscriptions"] == [
        f"Could not check whether user {USER_ID} is an admin of chat {GROUP_ID}: {refusal}"
    ]


async def test_unsubscribe_in_a_group_when_telegram_cannot_say_who_is_admin_says_so(
    app: App, updates: Updates
) -> None:
    app.session.fail_next(GetChatMember, TelegramNetworkError, "Request timeout error")

    requests = await app.feed(updates.group("/unsubscribe"))

    reply = requests[-1]
    assert isinstance(reply, SendMessage)
    assert reply.text == CANNOT_CHECK


async def test_follow_pressed_in_a_group_when_telegram_cannot_say_who_is_admin_says_so(
    app: App, updates: Updates
) -> None:
    app.session.fail_next(GetChatMember, TelegramNetworkError, "Request timeout error")
    card = updates.bot_message(GROUP_ID, text="<b>Министерство здравоохранения</b>")

    requests = await app.feed(updates.press(Follow(topic="moh"), on=card))

    assert kinds(requests) == ["GetChatMember", "AnswerCallbackQuery"]
    answer = requests[1]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (CANNOT_CHECK, True)
    assert subscriptions_of(app, GROUP_ID) == []


# -- an anonymous admin -----------------------------------------------------------------------


async def test_an_anonymous_admin_writing_as_the_group_may_subscribe_it(app: App) -> None:
    group = Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")

    requests = await app.feed(sent_as(group, "/subscribe"))

    assert kinds(requests) == ["SendMessage"]  # no getChatMember: the group itself wrote
    reply = requests[0]
    assert isinstance(reply, SendMessage)
    assert (reply.chat_id, reply.text) == (GROUP_ID, SUBSCRIBED)
    assert subscriptions_of(app, GROUP_ID) == [("*",)]


async def test_a_message_sent_as_a_linked_channel_is_no_admins(app: App) -> None:
    """Only the group's own admins can write as the group; a channel posting there is not one."""
    channel = Chat(id=-1009876543210, type=ChatType.CHANNEL, title="Новости")

    requests = await app.feed(sent_as(channel, "/subscribe"))

    reply = requests[-1]
    assert isinstance(reply, SendMessage)
    assert reply.text == ADMINS_ONLY
    assert subscriptions_of(app, GROUP_ID) == []


# -- /stats in a group ------------------------------------------------------------------------


async def test_an_admins_stats_in_a_group_is_answered_privately(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group("/stats", user_id=ADMIN_ID))

    assert kinds(requests) == ["SendMessage", "SendMessage"]
    private, in_group = requests
    assert isinstance(private, SendMessage)
    assert isinstance(in_group, SendMessage)
    assert private.chat_id == ADMIN_ID
    assert private.text.startswith(STATS_HEADING)
    assert (in_group.chat_id, in_group.text) == (GROUP_ID, ANSWERED_IN_PRIVATE)


async def test_an_admins_stats_in_a_group_when_the_bot_cannot_write_to_them_shows_no_figures(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    app.session.fail_next(
        SendMessage, TelegramForbiddenError, "Forbidden: bot can't initiate conversation with a user"
    )

    with caplog.at_level(logging.INFO, logger="handlers.admin"):
        requests = await app.feed(updates.group("/stats", user_id=ADMIN_ID))

    tried, in_group = requests
    assert isinstance(tried, SendMessage)
    assert isinstance(in_group, SendMessage)
    assert tried.chat_id == ADMIN_ID  # refused by Telegram: the admin never wrote to the bot
    assert (in_group.chat_id, in_group.text) == (GROUP_ID, ASK_IN_PRIVATE)
    assert len([r for r in caplog.records if r.name == "handlers.admin"]) == 1


async def test_an_admins_stats_in_private_is_answered_there(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.private("/stats", user_id=ADMIN_ID))

    assert kinds(requests) == ["SendMessage"]
    reply = requests[0]
    assert isinstance(reply, SendMessage)
    assert reply.chat_id == ADMIN_ID
    assert reply.text.startswith(STATS_HEADING)
