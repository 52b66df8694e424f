"""Which handler answers which update, through the real routers and filters.

Expected texts are the Russian catalog's (locales/ru/LC_MESSAGES/messages.po): the test
users write with ``language_code="ru"``, and Russian is the default language too.
"""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage
from aiogram.types import Update

from bot.views.callbacks import AgencyCard, ChangesView, Chart, ExportFile, Follow, MenuAction, RankPage

from .conftest import ADMIN_ID, GROUP_ID, USER_ID, App, Updates, callback_data, kinds, only_reply

RANK_2025 = "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2025</b>"
RANK_2024 = "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2024</b>"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."
UNKNOWN_COMMAND = "Такой команды я не знаю. Что я умею — смотрите в /help."
NOT_TEXT = "Я понимаю только текстовые сообщения."


# -- messages in a private chat -------------------------------------------------------


async def test_a_name_sent_in_private_gets_that_bodys_card(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("Минздрав")))

    assert reply.chat_id == USER_ID
    assert reply.text.startswith("<b>Министерство здравоохранения</b>")
    assert "<b>2025</b>: 20*-е место из 32" in reply.text
    buttons = callback_data(reply.reply_markup)
    assert Follow(topic="moh").pack() in buttons
    assert RankPage(year=2025, page=0, fresh=True).pack() in buttons
    assert buttons[-1] == ""  # Share: a switch_inline_query button (see test_inline.py)


async def test_a_name_that_matches_nothing_is_echoed_back_with_a_hint(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("<b>привет</b>")))

    assert reply.text.startswith("По запросу «&lt;b&gt;привет&lt;/b&gt;» госорган не найден.")


async def test_rank_shows_the_first_page_of_the_latest_complete_year(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/rank")))

    assert reply.chat_id == USER_ID
    assert reply.text.startswith(RANK_2025)
    assert "\n1. Академия правосудия — 5,00" in reply.text
    assert "\n10. " in reply.text
    assert "\n11. " not in reply.text
    assert "Страница 1 из 4" in reply.text
    assert callback_data(reply.reply_markup) == [
        RankPage(year=2025, page=1).pack(),
        RankPage(year=2024, page=0).pack(),
        Chart(kind="year", year=2025).pack(),
        ExportFile(year=2025).pack(),
    ]


async def test_rank_with_a_year_shows_that_year(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/rank 2024")))

    assert reply.text.startswith(RANK_2024)
    assert RankPage(year=2025, page=0).pack() in callback_data(reply.reply_markup)


@pytest.mark.parametrize("year", [2020, 2030])
async def test_rank_of_a_partial_or_unknown_year_names_the_years_there_are_with_their_buttons(
    app: App, updates: Updates, year: int
) -> None:
    reply = only_reply(await app.feed(updates.private(f"/rank {year}")))

    assert reply.text == f"Полного рейтинга за {year} год нет. Есть данные за: 2025, 2024."
    assert callback_data(reply.reply_markup) == [
        RankPage(year=2025, page=0).pack(),
        RankPage(year=2024, page=0).pack(),
    ]


async def test_rank_with_something_that_is_not_a_year_says_how_to_write_one(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/rank abc")))

    assert reply.text == "«abc» — это не год. Укажите год четырьмя цифрами, например: /rank 2024"
    assert reply.reply_markup is None


async def test_changes_lists_the_risers_and_fallers_of_the_latest_year(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/changes")))

    assert reply.text.startswith("<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>")
    assert "<b>Выросли</b>" in reply.text
    assert "<b>Снизились</b>" in reply.text
    assert "\n2. Минздрав: +7,3* п. п. (балл +0,07*, вверх на 9 мест*)\n" in reply.text
    # 2024 follows the partial 2020: no other year has changes; the one button is the chart
    assert callback_data(reply.reply_markup) == [Chart(kind="changes", year=2025).pack()]


async def test_changes_of_a_year_after_a_partial_one_says_there_are_none_and_offers_the_year_that_has(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/changes 2024")))

    assert reply.text == (
        "Изменений за 2024 год нет: их считают между полными списками двух соседних лет, "
        "а полного списка за 2023 год здесь нет."
    )
    assert callback_data(reply.reply_markup) == [ChangesView(year=2025).pack()]


async def test_changes_with_something_that_is_not_a_year_gives_its_own_example(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/changes abc")))

    assert reply.text == "«abc» — это не год. Укажите год четырьмя цифрами, например: /changes 2024"


async def test_agency_with_a_name_shows_the_card(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/agency Минздрав")))

    assert reply.text.startswith("<b>Министерство здравоохранения</b>")


async def test_agency_without_a_name_asks_for_one(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/agency")))

    assert reply.text == (
        "Напишите название министерства или агентства после команды, например: /agency Минздрав"
    )


async def test_agency_matching_several_bodies_offers_buttons_and_a_press_opens_one(
    app: App, updates: Updates
) -> None:
    reply = only_reply(await app.feed(updates.private("/agency министерство")))
    assert reply.text == "Под запрос «министерство» подходит 21 госорган. Какой из них вы имеете в виду?"
    assert AgencyCard(slug="mof").pack() in callback_data(reply.reply_markup)

    choices = app.session.messages[-1]
    requests = await app.feed(updates.press(AgencyCard(slug="mof"), on=choices))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert (edit.chat_id, edit.message_id) == (USER_ID, choices.message_id)
    assert edit.text.startswith("<b>Министерство финансов</b>")


async def test_start_greets_by_name_with_the_main_menu(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start", first_name="Айгерим")))

    assert reply.text.startswith("Здравствуйте, Айгерим!")
    assert "Последний рейтинг — за 2025 год, в нём 32 госоргана." in reply.text
    assert callback_data(reply.reply_markup) == [
        MenuAction(action="rank").pack(),
        MenuAction(action="changes").pack(),
        MenuAction(action="language").pack(),
    ]


async def test_help_lists_the_commands(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/help")))

    assert reply.text.startswith("<b>Что я умею</b>\n/rank [год]")
    assert "/subscribe" in reply.text


async def test_an_unknown_command_in_private_is_named_as_such(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/frobnicate now")))

    assert reply.text == UNKNOWN_COMMAND


@pytest.mark.parametrize("kind", ["sticker", "photo"])
async def test_a_message_without_text_in_private_asks_for_text(app: App, updates: Updates, kind: str) -> None:
    update: Update = getattr(updates, kind)()

    reply = only_reply(await app.feed(update))

    assert reply.chat_id == USER_ID
    assert reply.text.startswith(NOT_TEXT)


# -- groups -----------------------------------------------------------------------------


async def test_plain_text_in_a_group_is_not_answered_at_all(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group("Минздрав опять всё сломал"))

    assert kinds(requests) == []  # who the bot is is known (see conftest): said nothing


async def test_an_unknown_command_in_a_group_not_addressed_to_the_bot_is_not_answered(
    app: App, updates: Updates
) -> None:
    requests = await app.feed(updates.group("/frobnicate"))

    assert kinds(requests) == []  # read the command against the known username; said nothing


async def test_rank_addressed_to_this_bot_in_a_group_is_answered_in_the_group(
    app: App, updates: Updates
) -> None:
    requests = await app.feed(updates.group("/rank@gosrating_test_bot"))

    assert kinds(requests) == ["SendMessage"]  # the bot's username is known: no getMe per message
    reply = requests[0]
    assert isinstance(reply, SendMessage)
    assert reply.chat_id == GROUP_ID
    assert reply.text.startswith(RANK_2025)


async def test_rank_addressed_to_another_bot_in_a_group_is_left_to_it(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group("/rank@some_other_bot"))

    assert kinds(requests) == []  # read the mention against the known username; said nothing


# -- admin ------------------------------------------------------------------------------


async def test_stats_answers_an_admin_with_the_totals(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/stats", user_id=ADMIN_ID)))

    assert reply.chat_id == ADMIN_ID
    assert reply.text.startswith("<b>Статистика бота</b>\nПользователи: 1\n")


async def test_stats_is_an_unknown_command_to_anyone_else(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/stats", user_id=USER_ID)))

    assert reply.text == UNKNOWN_COMMAND


# -- buttons ----------------------------------------------------------------------------


async def test_next_page_edits_the_list_in_place(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("/rank")))
    listing = app.session.messages[-1]

    requests = await app.feed(updates.press(RankPage(year=2025, page=1), on=listing))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    answer, edit = requests
    assert isinstance(answer, AnswerCallbackQuery)
    assert not answer.show_alert
    assert isinstance(edit, EditMessageText)
    assert (edit.chat_id, edit.message_id) == (USER_ID, listing.message_id)
    assert edit.text.startswith(RANK_2025)
    assert "\n11. " in edit.text
    assert "Страница 2 из 4" in edit.text
    assert callback_data(edit.reply_markup)[:2] == [
        RankPage(year=2025, page=0).pack(),
        RankPage(year=2025, page=2).pack(),
    ]


async def test_a_forged_page_of_a_year_not_on_record_gets_an_alert(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.press(RankPage(year=1999, page=0), on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.show_alert is True
    assert answer.text == STALE


async def test_a_page_past_the_end_gets_an_alert(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.press(RankPage(year=2025, page=4), on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_a_card_button_of_an_unknown_body_gets_an_alert(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.press(AgencyCard(slug="ministry-of-magic"), on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_the_menus_rank_button_answers_below_the_menu(app: App, updates: Updates) -> None:
    menu = updates.bot_message(text="Здравствуйте, Айгерим!")

    requests = await app.feed(updates.press(MenuAction(action="rank"), on=menu))

    assert kinds(requests) == ["AnswerCallbackQuery", "SendMessage"]
    reply = requests[1]
    assert isinstance(reply, SendMessage)
    assert reply.chat_id == USER_ID
    assert reply.text.startswith(RANK_2025)


@pytest.mark.parametrize("data", ["zz:1", "rk:abc:1", "rk:2025", "", "ag"])
async def test_a_button_nobody_knows_gets_an_alert(app: App, updates: Updates, data: str) -> None:
    requests = await app.feed(updates.press(data, on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_message_is_not_modified_on_a_double_tap_is_swallowed(app: App, updates: Updates) -> None:
    listing = updates.bot_message(text="…")
    app.session.fail_next(
        EditMessageText,
        TelegramBadRequest,
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message",
    )

    requests = await app.feed(updates.press(RankPage(year=2025, page=1), on=listing))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]


async def test_an_edit_telegram_refuses_otherwise_is_sent_as_a_new_message(
    app: App, updates: Updates
) -> None:
    listing = updates.bot_message(text="…")
    app.session.fail_next(EditMessageText, TelegramBadRequest, "Bad Request: message to edit not found")

    requests = await app.feed(updates.press(RankPage(year=2025, page=1), on=listing))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText", "SendMessage"]
    reply = requests[2]
    assert isinstance(reply, SendMessage)
    assert reply.chat_id == USER_ID
    assert "Страница 2 из 4" in reply.text
