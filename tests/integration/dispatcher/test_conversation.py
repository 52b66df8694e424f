"""How the conversation is routed since issue 10: commands in any case, greetings and thanks
typed as text, names with /subscribe and /unsubscribe, the whole rating opened below a card,
choices paged in place, a group answered when the bot is mentioned or replied to, and the
command menu following the chosen language.

Expected texts are the catalogs' (locales/{ru,kk,en}/LC_MESSAGES/messages.po).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from aiogram.enums import ChatType
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, SetMyCommands
from aiogram.types import BotCommandScopeChat, Chat, Message, Update

from bot.domain.recent import query_key
from bot.views.callbacks import (
    AgencyCard,
    ChangesView,
    Chart,
    ChoicePage,
    ExportFile,
    LanguageChoice,
    MenuAction,
    RankPage,
)

from .conftest import (
    GROUP_ID,
    OTHER_USER_ID,
    USER_ID,
    App,
    Request,
    Updates,
    callback_data,
    kinds,
    only_reply,
)
from .recording import BOT_USERNAME

RANK_2025 = "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2025</b>"
RANK_2024 = "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2024</b>"
HEALTH = "<b>Министерство здравоохранения</b>"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."
UNKNOWN_COMMAND = "Такой команды я не знаю. Что я умею — смотрите в /help."
MINISTRIES = "Под запрос «министерство» подходит 21 госорган. Какой из них вы имеете в виду?"


def group_reply(updates: Updates, text: str, *, to: Message) -> Update:
    """A message in the group answering ``to`` (Telegram's "reply")."""
    chat = Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")
    return updates.message(chat, updates.user(), text=text, reply_to_message=to)


def replies(requests: Sequence[Request]) -> list[SendMessage]:
    return [request for request in requests if isinstance(request, SendMessage)]


# -- commands in any case -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "start"),
    [
        ("/START", "Здравствуйте, Айгерим!"),
        ("/Start", "Здравствуйте, Айгерим!"),
        ("/Help", "<b>Что я умею</b>"),
        ("/Rank", RANK_2025),
        ("/RANK 2024", RANK_2024),
        ("/Changes", "<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>"),
        ("/AGENCY Минздрав", HEALTH),
        ("/Language", "Выберите, на каком языке мне с вами говорить:"),
        ("/Subscriptions", "В этом чате пока нет подписок."),
        ("/UNSUBSCRIBE", "Отменять нечего: подписок нет."),
    ],
)
async def test_a_command_is_understood_whatever_its_case(
    app: App, updates: Updates, command: str, start: str
) -> None:
    """Phones capitalise the first letter: "/Rank" is /rank, not an unknown command."""
    reply = only_reply(await app.feed(updates.private(command)))

    assert reply.text.startswith(start)
    assert reply.text != UNKNOWN_COMMAND


async def test_a_capitalised_command_addressed_to_this_bot_in_a_group_is_answered(
    app: App, updates: Updates
) -> None:
    requests = await app.feed(updates.group(f"/Rank@{BOT_USERNAME}"))

    [reply] = replies(requests)
    assert reply.chat_id == GROUP_ID
    assert reply.text.startswith(RANK_2025)


# -- small talk -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language_code", "start"),
    [
        ("привет", "ru", "Здравствуйте, Айгерим!\n\nЯ отвечаю на вопросы"),
        ("Здравствуйте!", "ru", "Здравствуйте, Айгерим!\n\nЯ отвечаю на вопросы"),
        ("сәлем", "kk", "Сәлеметсіз бе, Айгерим!\n\nМен мемлекеттік қызметтер"),
        ("Hello", "en", "Hello, Айгерим!\n\nI answer questions"),
    ],
)
async def test_a_greeting_typed_as_text_is_answered_with_the_greeting_and_its_menu(
    app: App, updates: Updates, text: str, language_code: str, start: str
) -> None:
    reply = only_reply(await app.feed(updates.private(text, language_code=language_code)))

    assert reply.text.startswith(start)
    assert callback_data(reply.reply_markup) == [
        MenuAction(action="rank").pack(),
        MenuAction(action="changes").pack(),
        MenuAction(action="language").pack(),
    ]


@pytest.mark.parametrize(
    ("text", "language_code", "expected"),
    [
        (
            "спасибо",
            "ru",
            "Не за что! Присылайте другие названия, когда захотите, или посмотрите весь список: /rank",
        ),
        (
            "Спасибо большое!",
            "ru",
            "Не за что! Присылайте другие названия, когда захотите, или посмотрите весь список: /rank",
        ),
        (
            "рахмет",
            "kk",
            "Оқасы жоқ! Басқа атауды кез келген уақытта жібере беріңіз немесе толық тізімді қараңыз: /rank",
        ),
        ("thanks", "en", "You're welcome! Send another name whenever you like, or see the whole list: /rank"),
    ],
)
async def test_thanks_typed_as_text_get_a_welcome(
    app: App, updates: Updates, text: str, language_code: str, expected: str
) -> None:
    reply = only_reply(await app.feed(updates.private(text, language_code=language_code)))

    assert reply.text == expected


@pytest.mark.parametrize(
    ("text", "language_code", "heading"),
    [
        ("помощь", "ru", "<b>Что я умею</b>"),
        ("көмек", "kk", "<b>Мен не істей аламын</b>"),
        ("help", "en", "<b>What I can do</b>"),
    ],
)
async def test_help_typed_as_text_gets_the_help(
    app: App, updates: Updates, text: str, language_code: str, heading: str
) -> None:
    reply = only_reply(await app.feed(updates.private(text, language_code=language_code)))

    assert reply.text.startswith(heading + "\n/rank")


async def test_thanks_with_a_name_is_still_a_search(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("спасибо минздрав")))

    assert reply.text.startswith(HEALTH)


# -- the whole rating below a card ------------------------------------------------------------


async def test_the_whole_rating_under_a_card_opens_below_it_and_leaves_the_card(
    app: App, updates: Updates
) -> None:
    only_reply(await app.feed(updates.private("Минздрав")))
    card = app.session.messages[-1]
    assert RankPage(year=2025, page=0, fresh=True).pack() in callback_data(card.reply_markup)

    requests = await app.feed(updates.press(RankPage(year=2025, page=0, fresh=True), on=card))

    assert kinds(requests) == ["AnswerCallbackQuery", "SendMessage"]
    listing = requests[1]
    assert isinstance(listing, SendMessage)
    assert listing.chat_id == USER_ID
    assert listing.text.startswith(RANK_2025)
    assert callback_data(listing.reply_markup) == [
        RankPage(year=2025, page=1).pack(),
        RankPage(year=2024, page=0).pack(),
        Chart(kind="year", year=2025).pack(),
        ExportFile(year=2025).pack(),
    ]


async def test_the_whole_rating_under_a_notification_opens_below_it(app: App, updates: Updates) -> None:
    notification = updates.bot_message(text="<b>🔔 Опубликован рейтинг за 2025 год</b>")

    requests = await app.feed(updates.press(RankPage(year=2025, page=0, fresh=True), on=notification))

    assert kinds(requests) == ["AnswerCallbackQuery", "SendMessage"]
    assert app.session.of_type(EditMessageText) == []


async def test_the_list_opened_below_a_card_pages_in_place(app: App, updates: Updates) -> None:
    card = updates.bot_message(text=HEALTH)
    await app.feed(updates.press(RankPage(year=2025, page=0, fresh=True), on=card))
    listing = app.session.messages[-1]

    requests = await app.feed(updates.press(RankPage(year=2025, page=1), on=listing))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert edit.message_id == listing.message_id
    assert "Страница 2 из 4" in edit.text


async def test_a_fresh_page_of_a_year_not_on_record_gets_the_stale_alert(app: App, updates: Updates) -> None:
    requests = await app.feed(
        updates.press(RankPage(year=2020, page=0, fresh=True), on=updates.bot_message())
    )

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


# -- choices, a page at a time ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["министерство", "/agency министерство"])
async def test_more_choices_replace_the_page_in_place(app: App, updates: Updates, text: str) -> None:
    first = only_reply(await app.feed(updates.private(text)))
    assert first.text == MINISTRIES
    more = ChoicePage(key=query_key("министерство"), page=1)
    assert callback_data(first.reply_markup)[-1] == more.pack()
    choices = app.session.messages[-1]

    requests = await app.feed(updates.press(more, on=choices))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert (edit.chat_id, edit.message_id) == (USER_ID, choices.message_id)
    assert edit.text == MINISTRIES
    data = callback_data(edit.reply_markup)
    assert AgencyCard(slug="moh").pack() in data
    assert AgencyCard(slug="mof").pack() not in data  # it was on the first page
    assert data[-2:] == [
        ChoicePage(key=more.key, page=0).pack(),
        ChoicePage(key=more.key, page=2).pack(),
    ]


async def test_choices_for_a_name_with_a_year_keep_the_year_on_every_page(app: App, updates: Updates) -> None:
    only_reply(await app.feed(updates.private("министерство 2024")))

    requests = await app.feed(
        updates.press(ChoicePage(key=query_key("министерство 2024"), page=1), on=app.session.messages[-1])
    )

    edit = requests[-1]
    assert isinstance(edit, EditMessageText)
    assert AgencyCard(slug="moh", year=2024).pack() in callback_data(edit.reply_markup)


async def test_a_choice_for_a_year_opens_the_card_at_that_year(app: App, updates: Updates) -> None:
    choices = updates.bot_message(text=MINISTRIES)

    requests = await app.feed(updates.press(AgencyCard(slug="moh", year=2024), on=choices))

    edit = requests[-1]
    assert isinstance(edit, EditMessageText)
    assert edit.text.split("\n")[2].startswith("<b>2024</b>: ")


async def test_a_more_button_for_a_query_no_longer_remembered_gets_the_stale_alert(
    app: App, updates: Updates
) -> None:
    """After a restart (or long ago) the query behind the key is gone."""
    stale = ChoicePage(key=query_key("министерство"), page=1)

    requests = await app.feed(updates.press(stale, on=updates.bot_message(text=MINISTRIES)))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_a_name_with_a_year_opens_the_card_at_that_year(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/agency минздрав 2024")))

    assert reply.text.split("\n")[:3] == [HEALTH, "", "<b>2024</b>: 29*-е место из 32"]


# -- groups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [f"@{BOT_USERNAME} Минздрав", f"Минздрав @{BOT_USERNAME}", f"@{BOT_USERNAME.upper()} минздрав"],
)
async def test_a_name_with_a_mention_of_the_bot_in_a_group_is_looked_up(
    app: App, updates: Updates, text: str
) -> None:
    requests = await app.feed(updates.group(text))

    [reply] = replies(requests)
    assert reply.chat_id == GROUP_ID
    assert reply.text.startswith(HEALTH)


async def test_a_reply_to_the_bots_message_in_a_group_is_looked_up(app: App, updates: Updates) -> None:
    requests = await app.feed(group_reply(updates, "минздрав", to=updates.bot_message(GROUP_ID)))

    [reply] = replies(requests)
    assert reply.chat_id == GROUP_ID
    assert reply.text.startswith(HEALTH)


async def test_a_reply_to_someone_else_in_a_group_is_left_alone(app: App, updates: Updates) -> None:
    chat = Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги: обсуждение")
    someone = Message(
        message_id=1, date=datetime.now(UTC), chat=chat, from_user=updates.user(OTHER_USER_ID), text="…"
    )

    requests = await app.feed(group_reply(updates, "минздрав", to=someone))

    assert replies(requests) == []


async def test_a_mention_of_another_bot_in_a_group_is_left_alone(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group("@some_other_bot минздрав"))

    assert replies(requests) == []


async def test_thanks_with_a_mention_in_a_group_get_a_welcome(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group(f"@{BOT_USERNAME} спасибо!"))

    [reply] = replies(requests)
    assert reply.text.startswith("Не за что!")


async def test_a_bare_mention_in_a_group_gets_how_to_ask(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group(f"@{BOT_USERNAME}"))

    [reply] = replies(requests)
    assert reply.text.startswith("Пришлите название министерства или агентства")


async def test_an_unknown_command_addressed_to_this_bot_in_a_group_is_named_as_such(
    app: App, updates: Updates
) -> None:
    requests = await app.feed(updates.group(f"/foo@{BOT_USERNAME}"))

    [reply] = replies(requests)
    assert (reply.chat_id, reply.text) == (GROUP_ID, UNKNOWN_COMMAND)


async def test_an_unknown_command_addressed_to_another_bot_in_a_group_is_left_to_it(
    app: App, updates: Updates
) -> None:
    requests = await app.feed(updates.group("/foo@some_other_bot"))

    assert replies(requests) == []


async def test_start_in_a_group_says_how_to_ask_there(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group(f"/start@{BOT_USERNAME}"))

    [reply] = replies(requests)
    assert reply.text.split("\n\n")[-1] == (
        f"В этой группе упомяните меня вместе с названием — <i>@{BOT_USERNAME} Минздрав</i> — "
        "или ответьте на моё сообщение."
    )


async def test_start_in_private_has_no_word_about_groups(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start")))

    assert "В этой группе" not in reply.text


# -- the command menu follows the chosen language ---------------------------------------------


KAZAKH_MENU = [
    ("rank", "Толық рейтинг"),
    ("changes", "Ең көп өскендер мен түскендер"),
    ("chart", "Мемлекеттік органның немесе толық тізімнің графигі"),
    ("export", "Кестені файл түрінде алу (XLSX не CSV)"),
    ("agency", "Мемлекеттік органның карточкасы"),
    ("compare", "Екі не үш мемлекеттік органды салыстыру"),
    ("subscribe", "Әр жаңа рейтинг туралы хабарлама алу"),
    ("subscriptions", "Осы чаттың жазылымдары"),
    ("unsubscribe", "Жазылымнан шығу"),
    ("language", "Тіл"),
    ("help", "Мен не істей аламын"),
    ("start", "Бастау"),
]


async def test_choosing_a_language_in_private_sets_that_chats_command_menu_in_it(
    app: App, updates: Updates
) -> None:
    menu = updates.bot_message(text="Выберите, на каком языке мне с вами говорить:")

    requests = await app.feed(updates.press(LanguageChoice(code="kk"), on=menu, language_code="ru"))

    [commands] = [request for request in requests if isinstance(request, SetMyCommands)]
    assert commands.scope == BotCommandScopeChat(chat_id=USER_ID)
    assert commands.language_code is None
    assert [(c.command, c.description) for c in commands.commands] == KAZAKH_MENU


async def test_choosing_a_language_in_a_group_leaves_the_groups_menu_alone(
    app: App, updates: Updates
) -> None:
    """A group's menu is everyone's: one member's language does not change it."""
    menu = updates.bot_message(GROUP_ID, text="Выберите, на каком языке мне с вами говорить:")

    requests = await app.feed(updates.press(LanguageChoice(code="en"), on=menu))

    assert "EditMessageText" in kinds(requests)
    assert "SetMyCommands" not in kinds(requests)


async def test_a_button_to_the_changes_of_a_year_without_them_gets_the_stale_alert(
    app: App, updates: Updates
) -> None:
    """2024 follows the partial 2020: an old "2024" button under /changes no longer leads anywhere."""
    requests = await app.feed(updates.press(ChangesView(year=2024), on=updates.bot_message()))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_the_button_to_a_year_with_changes_edits_the_list_in_place(app: App, updates: Updates) -> None:
    listing = updates.bot_message(text="Изменений за 2024 год нет")

    requests = await app.feed(updates.press(ChangesView(year=2025), on=listing))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert edit.text.startswith("<b>Наибольшие изменения доли удовлетворённых, 2025 к 2024</b>")
