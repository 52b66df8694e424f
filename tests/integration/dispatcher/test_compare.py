"""/compare through the real dispatcher: the names read from the command, what cannot be
compared answered with an example, a name of several bodies asked about with buttons that
compare again in place, and forged or forgotten buttons refused. The bundled data."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText, GetMe

from bot.domain.recent import query_key
from bot.views.callbacks import Chart, ComparePick

from .conftest import GROUP_ID, USER_ID, App, Updates, callback_data, kinds, only_reply
from .recording import BOT_USERNAME

HEALTH = "<b>Министерство здравоохранения</b>"
EMERGENCIES = "<b>Министерство по чрезвычайным ситуациям</b>"
EDUCATION = "<b>Министерство просвещения</b>"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."
HOW_TO = "Названия пишите через запятую, например: /compare Минздрав, МЧС"
CHOICES = "Под запрос «образования» подходят 2 госоргана. Какой из них вы имеете в виду?"


@pytest.mark.parametrize(
    "command",
    [
        "/compare Минздрав, МЧС",
        "/compare минздрав и мчс",
        "/COMPARE Минздрав; МЧС",
        f"/compare@{BOT_USERNAME} Минздрав vs МЧС",
    ],
)
async def test_two_bodies_side_by_side_with_a_chart_button(app: App, updates: Updates, command: str) -> None:
    reply = only_reply([r for r in await app.feed(updates.private(command)) if not isinstance(r, GetMe)])

    lines = reply.text.split("\n")
    assert lines[2] == HEALTH
    assert lines[3].startswith("2025: 4,86* · 89,9\u00a0%* · 20*-е место из 32")
    assert lines[4].startswith("2024: 4,79* · 82,6\u00a0%* · 29*-е место из 32")
    assert lines[7] == EMERGENCIES
    assert callback_data(reply.reply_markup) == [Chart(kind="compare", subject="moh+mes").pack()]


async def test_a_group_gets_the_comparison_too(app: App, updates: Updates) -> None:
    requests = await app.feed(updates.group(f"/compare@{BOT_USERNAME} Минздрав, МЧС"))
    reply = only_reply([r for r in requests if not isinstance(r, GetMe)])  # the mention: is it us?

    assert reply.chat_id == GROUP_ID
    assert HEALTH in reply.text


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            "/compare",
            "Напишите после команды названия двух или трёх госорганов через запятую, например: "
            "/compare Минздрав, МЧС, Минфин",
        ),
        (
            "/compare   ",
            "Напишите после команды названия двух или трёх госорганов через запятую, например: "
            "/compare Минздрав, МЧС, Минфин",
        ),
        ("/compare минздрав", f"«минздрав» — это одно название, а сравниваю я два или три. {HOW_TO}"),
        ("/compare Минздрав, МЧС, КНБ, Минфин", f"За раз я сравниваю не больше трёх госорганов. {HOW_TO}"),
        (
            "/compare минздрав, абырвалг",
            "По запросу «абырвалг» госорган не найден.\n"
            "Попробуйте короткое название или аббревиатуру, например: /compare Минздрав, МЧС",
        ),
        (
            "/compare минздрав, ДСМ",
            "«минздрав» и «ДСМ» — один и тот же госорган: Министерство здравоохранения. "
            "Назовите разные, например: /compare Минздрав, МЧС",
        ),
    ],
)
async def test_what_cannot_be_compared_is_answered_with_an_example(
    app: App, updates: Updates, command: str, expected: str
) -> None:
    reply = only_reply(await app.feed(updates.private(command)))

    assert (reply.text, reply.reply_markup) == (expected, None)


async def test_the_answer_comes_in_the_users_language(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/compare health, emergencies", language_code="en")))

    assert "<b>Ministry of Health</b>\n2025: 4.86* · 89.9%* · rank 20* of 32" in reply.text
    kazakh = only_reply(
        await app.feed(updates.private("/compare ДСМ, ТЖМ", user_id=USER_ID + 1, language_code="kk"))
    )
    assert (
        "<b>Денсаулық сақтау министрлігі</b>\n2025: 4,86* · 89,9%* · 32 органның ішінде 20*-орын"
        in kazakh.text
    )


async def test_a_name_of_several_bodies_is_asked_about_and_the_choice_compares_in_place(
    app: App, updates: Updates
) -> None:
    asked = only_reply(await app.feed(updates.private("/compare минздрав, образования")))
    assert asked.text == CHOICES
    choose = ComparePick(key=query_key("минздрав, образования"), picks="moh.edu")
    assert callback_data(asked.reply_markup) == [
        choose.pack(),
        ComparePick(key=choose.key, picks="moh.mshe").pack(),
    ]
    choices = app.session.messages[-1]

    requests = await app.feed(updates.press(choose, on=choices))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert (edit.chat_id, edit.message_id) == (USER_ID, choices.message_id)
    blocks = [line for line in edit.text.split("\n") if line.startswith("<b>Мин")]
    assert blocks == [HEALTH, EDUCATION]
    assert callback_data(edit.reply_markup) == [Chart(kind="compare", subject="moh+edu").pack()]


@pytest.mark.parametrize(
    "data",
    [
        ComparePick(key=query_key("минздрав, образования"), picks="moh.edu"),  # never sent: forgotten
        ComparePick(key="zzzzzzzzzzzz", picks="moh.edu"),
    ],
)
async def test_a_button_whose_text_is_forgotten_gets_the_stale_alert(
    app: App, updates: Updates, data: ComparePick
) -> None:
    """After a restart (or long ago) the /compare text behind the key is gone."""
    requests = await app.feed(updates.press(data, on=updates.bot_message(text=CHOICES)))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


@pytest.mark.parametrize("picks", ["moh.nope", "moh.edu.mes.mof", "../../etc"])
async def test_a_forged_choice_is_refused_and_nothing_is_drawn(
    app: App, updates: Updates, picks: str
) -> None:
    only_reply(await app.feed(updates.private("/compare минздрав, образования")))
    forged = ComparePick(key=query_key("минздрав, образования"), picks=picks)

    requests = await app.feed(updates.press(forged, on=app.session.messages[-1]))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert (answer.text, answer.show_alert) == (STALE, True)


async def test_a_raw_forged_payload_is_not_a_compare_button(app: App, updates: Updates) -> None:
    """Callback data that does not parse (a page that is not a number) reaches no handler of ours."""
    requests = await app.feed(updates.press("cmp:abc:moh.mes:x", on=updates.bot_message(text=CHOICES)))

    assert all(not isinstance(request, EditMessageText) for request in requests)
