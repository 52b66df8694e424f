"""/rank's "Open the table" button when WEB_APP_URL is set: a Mini App in a private chat, a
link in a group (Telegram refuses web_app buttons there), on every page, keeping the
reply's language and year; no button at all without WEB_APP_URL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.methods import EditMessageText, SendMessage
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.callbacks import RankPage

from .conftest import App, Updates, only_reply, running_app

WEB_APP_URL = "https://rating.example.org/"


@pytest.fixture
async def web_app(database: Path) -> AsyncIterator[App]:
    async with running_app(database, web_app_url=WEB_APP_URL) as running:
        yield running


def last_row(markup: object) -> list[InlineKeyboardButton]:
    assert isinstance(markup, InlineKeyboardMarkup)
    return markup.inline_keyboard[-1]


def page_buttons(markup: object) -> list[InlineKeyboardButton]:
    assert isinstance(markup, InlineKeyboardMarkup)
    return [b for row in markup.inline_keyboard for b in row if b.web_app is not None or b.url is not None]


async def test_rank_in_a_private_chat_opens_the_page_as_a_mini_app(web_app: App, updates: Updates) -> None:
    reply = only_reply(await web_app.feed(updates.private("/rank", language_code="kk")))
    [button] = last_row(reply.reply_markup)
    assert button.text == "📊 Кестені ашу"
    assert button.web_app is not None
    assert button.web_app.url == f"{WEB_APP_URL}?lang=kk"  # the latest year: the page's own default
    assert button.url is None


async def test_an_earlier_year_is_kept_in_the_address(web_app: App, updates: Updates) -> None:
    reply = only_reply(await web_app.feed(updates.private("/rank 2024", language_code="en")))
    [button] = last_row(reply.reply_markup)
    assert button.web_app is not None
    assert button.web_app.url == f"{WEB_APP_URL}?lang=en&year=2024"


async def test_rank_in_a_group_links_to_the_page(web_app: App, updates: Updates) -> None:
    reply = only_reply(await web_app.feed(updates.group("/rank")))
    [button] = last_row(reply.reply_markup)
    assert button.web_app is None
    assert button.url == f"{WEB_APP_URL}?lang=ru"


async def test_the_button_stays_on_the_next_page(web_app: App, updates: Updates) -> None:
    first = only_reply(await web_app.feed(updates.private("/rank")))
    sent = updates.bot_message(text=first.text, reply_markup=first.reply_markup)
    requests = await web_app.feed(updates.press(RankPage(year=2025, page=1), on=sent))
    [edit] = [r for r in requests if isinstance(r, EditMessageText)]
    [button] = last_row(edit.reply_markup)
    assert button.web_app is not None
    assert button.web_app.url == f"{WEB_APP_URL}?lang=ru"


async def test_without_web_app_url_there_is_no_page_button(app: App, updates: Updates) -> None:
    for update in (updates.private("/rank"), updates.group("/rank")):
        reply = only_reply(await app.feed(update))
        assert isinstance(reply, SendMessage)
        assert page_buttons(reply.reply_markup) == []


async def test_a_link_to_a_years_list_opens_it_with_the_page_button(web_app: App, updates: Updates) -> None:
    private = only_reply(await web_app.feed(updates.private("/start rank_2024", language_code="kk")))
    group = only_reply(await web_app.feed(updates.group("/start rank_2024")))
    [mini_app] = last_row(private.reply_markup)
    [link] = last_row(group.reply_markup)
    assert mini_app.web_app is not None
    assert mini_app.web_app.url == f"{WEB_APP_URL}?lang=kk&year=2024"
    assert link.url == f"{WEB_APP_URL}?lang=ru&year=2024"
