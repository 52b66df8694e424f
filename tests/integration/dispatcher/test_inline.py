"""Inline mode through the real dispatcher: @bot NAME typed in any chat, answered in the
language of the text typed (Telegram shares one cached answer per text among all users),
and the deep link back that opens the card in the bot."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from pathlib import Path

from aiogram.methods import AnswerInlineQuery
from aiogram.types import InlineQuery, InlineQueryResultArticle, InlineQueryResultCachedPhoto, Update

from bot.views.callbacks import Follow, LanguageChoice

from .conftest import (
    OTHER_USER_ID,
    USER_ID,
    App,
    Request,
    Updates,
    callback_data,
    kinds,
    only_reply,
    running_app,
)
from .recording import BOT_USERNAME

_ids = itertools.count(10_000)


def inline(text: str, *, language_code: str | None = "ru", user_id: int = USER_ID) -> Update:
    """What Telegram sends when a user types ``@bot text`` in some chat."""
    query = InlineQuery(
        id=str(next(_ids)),
        from_user=Updates.user(user_id, language_code),
        query=text,
        offset="",
        chat_type="supergroup",
    )
    return Update(update_id=next(_ids), inline_query=query)


def only_answer(requests: list[Request]) -> AnswerInlineQuery:
    """The one answer; the bot's username is asked for once (getMe), then remembered."""
    assert [kind for kind in kinds(requests) if kind != "GetMe"] == ["AnswerInlineQuery"]
    answer = requests[-1]
    assert isinstance(answer, AnswerInlineQuery)
    return answer


def card_text(answer: AnswerInlineQuery, index: int = 0) -> str:
    result = answer.results[index]
    assert isinstance(result, InlineQueryResultArticle)
    return result.input_message_content.message_text  # type: ignore[union-attr]


async def test_a_kazakh_name_gets_the_kazakh_card_for_a_russian_speaking_user_too(app: App) -> None:
    answer = only_answer(await app.feed(inline("Денсаулық", language_code="ru")))

    assert [result.id for result in answer.results] == ["card-moh-0"]
    assert card_text(answer).startswith("<b>Денсаулық сақтау министрлігі</b>")
    assert answer.cache_time == 300
    assert answer.is_personal is False  # one answer per text for everyone: Telegram may share it
    button = answer.results[0].reply_markup.inline_keyboard[0][0]  # type: ignore[union-attr]
    assert (button.text, button.url) == ("Ботта ашу", f"https://t.me/{BOT_USERNAME}?start=moh")


async def test_the_same_text_gets_the_same_answer_whatever_the_users_language(
    app: App, updates: Updates
) -> None:
    """One user chose English in the bot, the other's app is in Kazakh: Telegram would give
    either's answer to both, so they must be one answer, in the language of "KNB"."""
    await app.feed(updates.press(LanguageChoice(code="en"), on=updates.bot_message()))

    english = only_answer(await app.feed(inline("KNB", language_code="ru")))
    kazakh = only_answer(await app.feed(inline("KNB", language_code="kk", user_id=OTHER_USER_ID)))

    assert english.results == kazakh.results
    assert card_text(english).startswith("<b>National Security Committee</b>")
    russian = only_answer(await app.feed(inline("минздрав", language_code="kk")))
    assert card_text(russian).startswith("<b>Министерство здравоохранения</b>")
    assert russian.results[0].description.startswith("2025: 4,86")  # type: ignore[union-attr]


async def test_nothing_typed_offers_the_ends_of_the_latest_list_and_the_whole_list(app: App) -> None:
    answer = only_answer(await app.feed(inline("")))

    assert len(answer.results) == 7
    assert answer.results[-1].id == "list-2025"
    assert card_text(answer, -1).startswith("<b>Рейтинг государственных органов")
    assert card_text(answer, -1).count("\n32. ") + card_text(answer, -1).count("\n31. ") >= 1


async def test_nothing_telling_typed_is_answered_in_the_bots_default_language(database: Path) -> None:
    """Nothing typed, or a year alone: no letter tells the language, so DEFAULT_LANGUAGE
    (English here) answers, not the Kazakh of the user who happened to ask first."""
    async with running_app(database, default_language="en") as app:
        empty = only_answer(await app.feed(inline("", language_code="kk")))
        year = only_answer(await app.feed(inline("2024", language_code="kk")))

    assert card_text(empty, -1).startswith("<b>Rating of state bodies")
    assert empty.results[-1].title == "The whole rating, 2025"  # type: ignore[union-attr]
    assert year.results == []
    assert year.button is not None
    assert year.button.text == "Nothing found — ask the bot directly"


async def test_a_drawn_chart_is_offered_as_a_cached_photo_in_the_texts_language(app: App) -> None:
    asked: list[Hashable] = []

    class Charts:
        def file_id(self, key: Hashable, /) -> str | None:
            # bot.views.charts.keys.ChartKey: (releases, language, kind, subject, year, highlighted)
            asked.append(key)
            return "PHOTO-moh" if key[1:4] == ("ru", "history", "moh") else None  # type: ignore[index]

    app.dispatcher["chart_files"] = Charts()

    answer = only_answer(await app.feed(inline("минздрав", language_code="kk")))

    assert [result.id for result in answer.results] == ["card-moh-0", "chart-moh"]
    assert isinstance(answer.results[1], InlineQueryResultCachedPhoto)
    assert answer.results[1].photo_file_id == "PHOTO-moh"
    assert [key[1] for key in asked] == ["ru"]  # type: ignore[index]


async def test_inline_queries_are_asked_for_when_polling(app: App) -> None:
    assert "inline_query" in app.dispatcher.resolve_used_update_types()


async def test_the_link_under_an_inline_card_opens_that_card_in_the_bot(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start moh")))

    assert reply.text.startswith("<b>Министерство здравоохранения</b>")
    assert Follow(topic="moh").pack() in callback_data(reply.reply_markup)


async def test_a_start_parameter_that_is_no_body_greets_as_plain_start(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start inline")))

    assert reply.text.startswith("Здравствуйте, Айгерим!")


async def test_a_card_sent_in_the_bot_can_be_shared(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("Минздрав")))

    assert reply.reply_markup is not None
    [share] = reply.reply_markup.inline_keyboard[-1]  # type: ignore[union-attr]
    assert (share.text, share.switch_inline_query) == ("↗️ Поделиться", "Минздрав")
