"""End to end: following new ratings through the bot, in a private chat and in a group.

One ``python -m bot`` process serves the module; each test is a different user (or
group), and what the bot stored is checked in its SQLite file with plain ``sqlite3``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import Call
from .harness import BotProcess
from .releases import db_rows

pytestmark = pytest.mark.asyncio(loop_scope="module")

ADMIN = 2900


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(
        tmp_path_factory.mktemp("subscriptions"), rating_db_template, admin_ids=[ADMIN]
    ) as process:
        yield process


def topics(bot: BotProcess, chat_id: int) -> list[str]:
    rows = db_rows(
        bot.database_path, "SELECT agency FROM subscriptions WHERE chat_id = ? ORDER BY agency", chat_id
    )
    return [row[0] for row in rows]


async def follow_from_card(chat: UserChat, query: str = "минздрав") -> Call:
    """Open an agency's card and press its Follow button; return the button's answer."""
    card = await chat.send(query)
    follow = [data for data in card.callback_data if data.startswith("fo:")]
    assert follow, f"no Follow button on the card: {card.button_texts}"
    answer, _ = await chat.press(follow[0], message_id(card))
    return answer


# ---------------------------------------------------------------------- subscribing


async def test_subscribe_twice_is_one_subscription(bot: BotProcess) -> None:
    chat = UserChat(bot, 2001)
    first = await chat.send("/subscribe")
    assert plain(first) == "Готово: я напишу, когда выйдет новый рейтинг. Список подписок — в /subscriptions."
    second = await chat.send("/subscribe")
    assert plain(second) == "Вы уже подписаны на уведомления о новых рейтингах."
    assert topics(bot, 2001) == ["*"]
    [(kind, language, active)] = db_rows(
        bot.database_path, "SELECT kind, language, active FROM chats WHERE chat_id = 2001"
    )
    assert (kind, language, active) == ("private", "ru", 1)


async def test_follow_button_on_an_agency_card(bot: BotProcess) -> None:
    chat = UserChat(bot, 2002)
    card = await chat.send("минздрав")
    assert "🔔 Подписаться" in card.button_texts
    answer, _ = await chat.click("Подписаться", message_id(card))
    assert answer.params.get("show_alert") is True
    assert answer.params["text"] == (
        "Подписка оформлена: Министерство здравоохранения. "
        "Напишу, когда в новом рейтинге появятся данные по этому госоргану."
    )
    assert topics(bot, 2002) == ["moh"]

    again, _ = await chat.click("Подписаться", message_id(card))
    assert again.params["text"] == "Подписка уже оформлена: Министерство здравоохранения."
    assert topics(bot, 2002) == ["moh"]


async def test_follow_button_speaks_the_users_language(bot: BotProcess) -> None:
    chat = UserChat(bot, 2003, "kk")
    answer = await follow_from_card(chat)
    assert "Денсаулық сақтау министрлігі" in answer.params["text"]
    assert db_rows(bot.database_path, "SELECT language FROM chats WHERE chat_id = 2003") == [("kk",)]


# ---------------------------------------------------------------------- /subscriptions


async def test_subscriptions_lists_both_and_a_cross_removes_one(bot: BotProcess) -> None:
    chat = UserChat(bot, 2004)
    empty = await chat.send("/subscriptions")
    assert plain(empty).startswith("В этом чате пока нет подписок.")
    assert "/subscribe" in plain(empty)
    assert empty.buttons == []

    await chat.send("/subscribe")
    await follow_from_card(chat)
    listing = await chat.send("/subscriptions")
    assert plain(listing).splitlines() == [
        "Подписки в этом чате",
        "• все новые рейтинги",
        "• Министерство здравоохранения",
    ]
    assert len(listing.button_texts) == 2
    assert all(label.startswith("❌ ") for label in listing.button_texts)
    assert listing.button_texts[1] == "❌ Минздрав"

    answer, edited = await chat.click("❌ Минздрав", message_id(listing), expect="editMessageText")
    assert answer.ok
    assert edited is not None
    assert edited.params["message_id"] == message_id(listing)
    assert plain(edited).splitlines() == ["Подписки в этом чате", "• все новые рейтинги"]
    assert len(edited.button_texts) == 1
    assert topics(bot, 2004) == ["*"]
    # The listing was edited in place: no new message.
    assert bot.fake.calls("sendMessage", chat_id=2004, since=edited.index) == []


async def test_a_stale_cross_is_answered_once(bot: BotProcess) -> None:
    """Pressing ❌ for a topic already removed (a double tap, an old message) answers the
    button exactly once: Telegram refuses a second answer to the same query."""
    chat = UserChat(bot, 2005)
    await follow_from_card(chat)
    listing = await chat.send("/subscriptions")
    [cross] = listing.callback_data
    await chat.press(cross, message_id(listing), expect="editMessageText")
    assert topics(bot, 2005) == []

    since = bot.fake.mark()
    update = bot.fake.push_callback(2005, cross, message_id=message_id(listing))
    query_id = update["callback_query"]["id"]
    await bot.fake.wait_idle(0.5)
    answers = [
        c
        for c in bot.fake.calls("answerCallbackQuery", include_failed=True, since=since)
        if c.params.get("callback_query_id") == query_id
    ]
    assert len(answers) == 1, answers
    assert "Traceback" not in bot.log()


# ---------------------------------------------------------------------- /unsubscribe


async def test_unsubscribe_asks_first_cancel_keeps_confirm_drops_all(bot: BotProcess) -> None:
    chat = UserChat(bot, 2006)
    await chat.send("/subscribe")
    await follow_from_card(chat)
    assert topics(bot, 2006) == ["*", "moh"]

    question = await chat.send("/unsubscribe")
    assert plain(question) == "Отменить все 2 подписки в этом чате?"
    assert question.button_texts == ["Да, отменить все", "Нет"]
    _, cancelled = await chat.click("Нет", message_id(question), expect="editMessageText")
    assert cancelled is not None
    assert plain(cancelled) == "Ничего не изменилось."
    assert topics(bot, 2006) == ["*", "moh"]

    question = await chat.send("/unsubscribe")
    _, done = await chat.click("Да, отменить все", message_id(question), expect="editMessageText")
    assert done is not None
    assert plain(done) == "Готово: в этом чате больше нет подписок."
    assert done.buttons == []
    assert topics(bot, 2006) == []

    nothing = await chat.send("/unsubscribe")
    assert plain(nothing) == "Отменять нечего: подписок нет."
    assert nothing.buttons == []

    # One subscription: no count and no "all" in the question.
    await chat.send("/subscribe")
    question = await chat.send("/unsubscribe")
    assert plain(question) == "Отменить подписку?"
    assert question.button_texts == ["Да, отменить", "Нет"]
    _, done = await chat.click("Да, отменить", message_id(question), expect="editMessageText")
    assert done is not None
    assert plain(done) == "Готово: в этом чате больше нет подписок."
    assert topics(bot, 2006) == []


# ---------------------------------------------------------------------- groups

GROUP = -100_2100


async def test_in_a_group_only_admins_change_subscriptions(bot: BotProcess) -> None:
    bot.fake.set_chat_admins(GROUP, [2101])
    member = UserChat(bot, 2102, chat_id=GROUP, chat_type="supergroup")
    admin = UserChat(bot, 2101, chat_id=GROUP, chat_type="supergroup")

    refused = await member.send("/subscribe@gosrating_test_bot")
    assert plain(refused) == "Менять подписки этой группы могут только её администраторы."
    assert topics(bot, GROUP) == []

    accepted = await admin.send("/subscribe@gosrating_test_bot")
    assert plain(accepted).startswith("Готово: я напишу, когда выйдет новый рейтинг.")
    assert topics(bot, GROUP) == ["*"]
    assert db_rows(bot.database_path, "SELECT kind FROM chats WHERE chat_id = ?", GROUP) == [("supergroup",)]

    # A member may look at the list, but not remove from it or drop it all.
    listing = await member.send("/subscriptions@gosrating_test_bot")
    answer, _ = await member.press(listing.callback_data[0], message_id(listing))
    assert answer.params.get("show_alert") is True
    assert answer.params["text"] == "Менять подписки этой группы могут только её администраторы."
    refused = await member.send("/unsubscribe@gosrating_test_bot")
    assert plain(refused) == "Менять подписки этой группы могут только её администраторы."
    assert topics(bot, GROUP) == ["*"]


# ---------------------------------------------------------------------- /stats


async def test_stats_for_an_admin_and_an_unknown_command_for_others(bot: BotProcess) -> None:
    stranger = UserChat(bot, 2901)
    unknown = await stranger.send("/nosuchcommand")
    refused = await stranger.send("/stats")
    assert plain(refused) == plain(unknown)

    reply = await UserChat(bot, ADMIN).send("/stats")
    lines = plain(reply).splitlines()
    users, active, inactive, to_all, to_agencies = db_rows(
        bot.database_path,
        "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM chats WHERE active = 1), "
        "(SELECT count(*) FROM chats WHERE active = 0), "
        "(SELECT count(*) FROM subscriptions WHERE agency = '*'), "
        "(SELECT count(*) FROM subscriptions WHERE agency != '*')",
    )[0]
    assert users >= 10
    assert lines[:4] == [
        "Статистика бота",
        f"Пользователи: {users}",
        f"Активные чаты: {active} (неактивные: {inactive})",
        f"Подписки: на все рейтинги — {to_all}, на отдельные госорганы — {to_agencies}",
    ]
    assert lines[4] == "Уведомления: до 25 в секунду, бесплатно"
    assert lines[6].startswith("Последний рейтинг: 2025, загружен ")
    assert lines[7] == "Рассылка: отправлено — 0, в очереди — 0, с ошибкой — 0, отменено — 0"
