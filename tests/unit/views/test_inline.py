"""@bot NAME in any chat: the cards offered, their titles and lines in each language, the
button back to the bot, the chart once drawn, and what an empty or fruitless query gets."""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from aiogram.types import InlineQueryResultArticle, InlineQueryResultCachedPhoto, InputTextMessageContent

from bot.domain.bodies import Agency, load_agencies
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, Source, YearInfo
from bot.views.cards import card
from bot.views.charts.keys import history_key
from bot.views.formatting import MESSAGE_LIMIT
from bot.views.inline import MAX_BODIES, START_PARAMETER, InlineAnswer, inline_answer, whole_list
from bot.views.sharing import deep_link
from tests.unit.views.conftest import LANGUAGES, NBSP, Speaker

BOT = "gosrating_bot"
OPEN = {"ru": "Открыть в боте", "kk": "Ботта ашу", "en": "Open in the bot"}


def ids(answer: InlineAnswer) -> list[str]:
    return [result.id for result in answer.results]


def article(answer: InlineAnswer, index: int = 0) -> InlineQueryResultArticle:
    result = answer.results[index]
    assert isinstance(result, InlineQueryResultArticle)
    return result


def message_text(result: InlineQueryResultArticle) -> str:
    content = result.input_message_content
    assert isinstance(content, InputTextMessageContent)
    assert content.parse_mode == "HTML"
    return content.message_text


class Charts:
    """The charts' record of uploaded pictures, with one history chart in it."""

    def __init__(self, key: Hashable, file_id: str) -> None:
        self.files = {key: file_id}

    def file_id(self, key: Hashable, /) -> str | None:
        return self.files.get(key)


# -- nothing typed: the ends of the latest list, and the whole of it -----------------------


@pytest.mark.parametrize(
    ("language", "titles", "descriptions"),
    [
        (
            "ru",
            ["1*. Министерство здравоохранения", "2*. Министерство по чрезвычайным ситуациям",
             "2*. Министерство обороны", "Весь рейтинг за 2025 год"],
            [f"2025: 4,86 · 97,5{NBSP}% · 1*-е место из 3",
             f"2025: 4,70* · 95,0{NBSP}% · делит 2*-е место из 3",
             f"2025: 4,70 · 95,0{NBSP}%* · делит 2*-е место из 3", "3 госоргана, по убыванию балла"],
        ),
        (
            "kk",
            ["1*. Денсаулық сақтау министрлігі", "2*. Төтенше жағдайлар министрлігі",
             "2*. Қорғаныс министрлігі", "2025 жылғы толық рейтинг"],
            ["2025: 4,86 · 97,5% · 3 органның ішінде 1*-орын",
             "2025: 4,70* · 95,0% · 3 органның ішінде 2*-орын (басқалармен ортақ)",
             "2025: 4,70 · 95,0%* · 3 органның ішінде 2*-орын (басқалармен ортақ)",
             "3 мемлекеттік орган, ең жоғары балдан бастап"],
        ),
        (
            "en",
            ["1*. Ministry of Health", "2*. Ministry of Emergency Situations", "2*. Ministry of Defence",
             "The whole rating, 2025"],
            ["2025: 4.86 · 97.5% · rank 1* of 3", "2025: 4.70* · 95.0% · rank 2* of 3 (tied)",
             "2025: 4.70 · 95.0%* · rank 2* of 3 (tied)", "3 bodies, from the highest score"],
        ),
    ],
)  # fmt: skip
def test_nothing_typed_offers_the_top_of_the_latest_list_and_the_whole_list(
    speak: Speaker, snapshot: Snapshot, language: str, titles: list[str], descriptions: list[str]
) -> None:
    answer = speak(language, inline_answer, snapshot, "", BOT)

    assert ids(answer) == ["card-moh-2025", "card-mes-2025", "card-mod-2025", "list-2025"]
    assert [article(answer, i).title for i in range(4)] == titles
    assert [article(answer, i).description for i in range(4)] == descriptions
    assert message_text(article(answer, 0)) == speak(language, card, snapshot, "moh", 2025).text
    assert answer.button is None


def test_a_list_of_three_offers_no_body_twice_and_a_long_one_its_bottom_three_too(
    speak: Speaker, long_book_snapshot: Snapshot
) -> None:
    """Three bodies are the top and the bottom three at once: an id given twice makes
    Telegram refuse the whole answer (RESULT_ID_DUPLICATE). 25 bodies: 3 + 3 + the list."""
    answer = speak("ru", inline_answer, long_book_snapshot, "   ", BOT)
    slugs = [agency.slug for agency in load_agencies()[:25]]

    assert ids(answer) == [
        *(f"card-{slug}-2025" for slug in slugs[:3]),
        *(f"card-{slug}-2025" for slug in slugs[-3:]),
        "list-2025",
    ]
    assert article(answer, 5).title.startswith("25*. ")  # a place worked out from an illustrative value
    assert article(answer, 5).description.startswith("2025: 3,70* · ")  # the one illustrative score


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_list_is_one_message_with_its_source_and_footnote(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    text = message_text(article(speak(language, inline_answer, snapshot, "", BOT), -1))

    assert text == speak(language, whole_list, snapshot, 2025)
    lines = text.splitlines()
    assert lines[3:6] == [
        {"ru": f"1. Минздрав — 4,86 · 97,5{NBSP}%", "kk": "1. Денсаулық сақтау — 4,86 · 97,5%",
         "en": "1. Health — 4.86 · 97.5%"}[language],
        *lines[4:6],
    ]  # fmt: skip
    assert "Kazinform" in text
    assert lines[-1].startswith("* ")  # the footnote of the illustrative values


def test_a_list_too_long_for_one_message_is_cut_with_a_pointer_to_rank(speak: Speaker) -> None:
    """40 bodies with 119-character names would make a 5,600-character message, which
    Telegram refuses ("message is too long") and with it the whole inline answer."""
    long = [
        Agency(f"b{i:02d}", "agency", dict.fromkeys(LANGUAGES, f"Body {i:02d} " + "x" * 111),
               dict.fromkeys(LANGUAGES, f"Body {i:02d} " + "x" * 111), {}, ())
        for i in range(40)
    ]  # fmt: skip
    ratings = [Rating(2025, body.slug, round(5 - i / 100, 2), 90.0) for i, body in enumerate(long)]
    book = RatingBook.build([YearInfo(2025, partial=False, source=Source("test"), release_id=1)], ratings)
    snapshot = Snapshot.build(book, long)

    text = speak("en", whole_list, snapshot, 2025)

    assert len(text) <= MESSAGE_LIMIT
    assert "… the rest: /rank 2025" in text
    assert text.splitlines()[-1] == "Source: test"


def test_with_no_rating_loaded_nothing_is_offered_but_the_way_to_the_bot(
    speak: Speaker, empty_snapshot: Snapshot
) -> None:
    answer = speak("kk", inline_answer, empty_snapshot, "", BOT)

    assert answer.results == []
    assert answer.button is not None
    assert answer.button.text == "Рейтинг әлі жүктелмеген — ботты ашыңыз"
    assert answer.button.start_parameter == START_PARAMETER


# -- a name --------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "query"), [("ru", "минздрав"), ("kk", "денсаулық"), ("en", "health")])
def test_a_name_offers_that_bodys_card_with_a_button_back_to_the_bot(
    speak: Speaker, snapshot: Snapshot, language: str, query: str
) -> None:
    answer = speak(language, inline_answer, snapshot, query, BOT)

    assert ids(answer) == ["card-moh-0"]
    result = article(answer)
    assert message_text(result) == speak(language, card, snapshot, "moh").text
    assert result.reply_markup is not None
    [[button]] = result.reply_markup.inline_keyboard
    assert (button.text, button.url) == (OPEN[language], f"https://t.me/{BOT}?start=moh")
    assert button.callback_data is None  # a press would come from a chat the bot is not in


def test_a_year_with_the_name_opens_the_card_at_that_year(speak: Speaker, snapshot: Snapshot) -> None:
    answer = speak("ru", inline_answer, snapshot, "минздрав 2024", BOT)

    assert ids(answer) == ["card-moh-2024"]
    assert message_text(article(answer)) == speak("ru", card, snapshot, "moh", 2024).text
    assert article(answer).description == f"2024: 4,80 · 96,0{NBSP}% · 2-е место из 4"


def test_a_word_that_fits_several_bodies_offers_each_up_to_the_bound(speak: Speaker) -> None:
    snapshot = Snapshot.build(RatingBook.build([], []), load_agencies())

    answer = speak("ru", inline_answer, snapshot, "министерство", BOT)

    assert 1 < len(answer.results) <= MAX_BODIES
    assert len(set(ids(answer))) == len(answer.results)
    assert article(answer).description == "По этому госоргану пока нет данных рейтинга."


def test_a_name_that_fits_nothing_offers_the_way_to_the_bot(speak: Speaker, snapshot: Snapshot) -> None:
    answer = speak("en", inline_answer, snapshot, "<b>zzzz</b>", BOT)

    assert answer.results == []
    assert answer.button is not None
    assert answer.button.text == "Nothing found — ask the bot directly"


# -- the chart, once drawn -----------------------------------------------------------------


def test_a_drawn_history_chart_is_offered_after_the_card_in_its_own_language(
    speak: Speaker, snapshot: Snapshot
) -> None:
    charts = Charts(history_key(snapshot, "moh", "kk"), "PHOTO-kk-moh")

    kazakh = speak("kk", inline_answer, snapshot, "минздрав", BOT, charts=charts)
    russian = speak("ru", inline_answer, snapshot, "минздрав", BOT, charts=charts)

    assert ids(kazakh) == ["card-moh-0", "chart-moh"]
    photo = kazakh.results[1]
    assert isinstance(photo, InlineQueryResultCachedPhoto)
    assert photo.photo_file_id == "PHOTO-kk-moh"
    assert photo.parse_mode == "HTML"
    assert photo.caption is not None
    assert "Денсаулық сақтау министрлігі" in photo.caption
    assert photo.reply_markup is not None
    assert photo.reply_markup.inline_keyboard[0][0].url == f"https://t.me/{BOT}?start=moh"
    assert ids(russian) == ["card-moh-0"]  # drawn in Kazakh only: no Russian picture to offer


def test_a_chart_of_an_earlier_release_is_not_offered(speak: Speaker, snapshot: Snapshot) -> None:
    charts = Charts(history_key(snapshot, "moh", "ru"), "PHOTO-old")
    corrected = Snapshot.build(
        RatingBook.build(
            [YearInfo(2025, partial=False, source=Source("corrected"), release_id=9)],
            [Rating(2025, "moh", 4.9, 98.0)],
        ),
        list(snapshot.bodies.values()),
    )

    assert ids(speak("ru", inline_answer, corrected, "минздрав", BOT, charts=charts)) == ["card-moh-0"]


# -- the link back -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "link"),
    [("moh", f"https://t.me/{BOT}?start=moh"), ("", f"https://t.me/{BOT}"), ("a b&c", f"https://t.me/{BOT}")],
)
def test_the_deep_link_carries_only_what_start_accepts(slug: str, link: str) -> None:
    assert deep_link(BOT, slug) == link
