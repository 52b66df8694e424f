"""The outer middlewares, seen from outside: the language a reply is in, the data it shows,
and a gone chat coming back.

Texts are the catalogs' (locales/{ru,kk,en}/LC_MESSAGES/messages.po).
"""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest
from aiogram.methods import EditMessageText

from bot.importer.cli import main as run_importer
from bot.views.callbacks import LanguageChoice

from .conftest import GROUP_ID, USER_ID, App, Updates, callback_data, kinds, only_reply, query

RATINGS = Path(__file__).resolve().parents[3] / "data" / "ratings"

HELP_HEADING = {
    "ru": "<b>Что я умею</b>",
    "kk": "<b>Мен не істей аламын</b>",
    "en": "<b>What I can do</b>",
}


# -- the language middleware --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language_code", "language"),
    [
        ("kk", "kk"),
        ("ru", "ru"),
        ("en", "en"),
        ("en-US", "en"),  # an IETF tag: its language part counts
        ("uk", "ru"),  # a neighbour's app: Russian is read there
        ("de", "ru"),  # nothing close: the default language
        (None, "ru"),  # no language_code at all: the default language
    ],
)
async def test_the_reply_is_in_the_language_of_the_users_app(
    app: App, updates: Updates, language_code: str | None, language: str
) -> None:
    reply = only_reply(await app.feed(updates.private("/help", language_code=language_code)))

    assert reply.text.startswith(HELP_HEADING[language])


async def test_a_kazakh_user_gets_the_whole_list_in_kazakh(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/rank", language_code="kk")))

    assert reply.text.startswith(
        "<b>Мемлекеттік қызметтер көрсету сапасы бойынша мемлекеттік органдардың рейтингі, 2025</b>"
    )
    assert "4 беттің 1-беті" in reply.text


async def test_a_chosen_language_wins_over_the_apps_and_is_saved(app: App, updates: Updates) -> None:
    menu_reply = only_reply(await app.feed(updates.private("/language", language_code="ru")))
    assert menu_reply.text == "Выберите, на каком языке мне с вами говорить:"
    assert LanguageChoice(code="en").pack() in callback_data(menu_reply.reply_markup)
    menu = app.session.messages[-1]

    requests = await app.feed(updates.press(LanguageChoice(code="en"), on=menu, language_code="ru"))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText", "SetMyCommands"]
    confirmation = requests[1]
    assert isinstance(confirmation, EditMessageText)
    assert confirmation.text == "Done: I will speak English with you."
    assert query(app.database, "SELECT language FROM users WHERE user_id = ?", USER_ID) == [("en",)]

    later = only_reply(await app.feed(updates.private("/help", language_code="ru")))
    assert later.text.startswith(HELP_HEADING["en"])


async def test_choosing_kazakh_confirms_in_kazakh(app: App, updates: Updates) -> None:
    menu = updates.bot_message(text="Выберите, на каком языке мне с вами говорить:")

    requests = await app.feed(updates.press(LanguageChoice(code="kk"), on=menu, language_code="en"))

    confirmation = requests[1]
    assert isinstance(confirmation, EditMessageText)
    assert confirmation.text == "Жарайды: енді сізбен қазақша сөйлесемін."
    assert query(app.database, "SELECT language FROM users WHERE user_id = ?", USER_ID) == [("kk",)]


async def test_a_forged_language_choice_is_refused_and_not_saved(app: App, updates: Updates) -> None:
    menu = updates.bot_message(text="Выберите, на каком языке мне с вами говорить:")

    requests = await app.feed(updates.press(LanguageChoice(code="de"), on=menu))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    assert query(app.database, "SELECT language FROM users WHERE user_id = ?", USER_ID) == [(None,)]


# -- the snapshot middleware ----------------------------------------------------------------


def write_2026(path: Path) -> Path:
    """All 32 bodies with 2025's figures, except the 2025 leader, who falls to 4.50."""
    with (RATINGS / "2025.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["agency", "score", "satisfaction"])
        for row in rows:
            leader = row["agency"] == "Академия правосудия при Высшем Судебном Совете"
            writer.writerow([row["agency"], "4.50" if leader else row["score"], row["satisfaction"]])
    return path


async def test_a_year_imported_while_the_bot_runs_is_shown_by_the_next_rank(
    app: App, updates: Updates, tmp_path: Path
) -> None:
    before = only_reply(await app.feed(updates.private("/rank")))
    assert ", 2025</b>" in before.text.splitlines()[0]

    csv_path = write_2026(tmp_path / "ratings-2026.csv")
    argv = [str(csv_path), "--year", "2026", "--source", "Test figures 2026", "--database", str(app.database)]
    assert await asyncio.to_thread(run_importer, argv) == 0  # its own event loop, its own connection

    after = only_reply(await app.feed(updates.private("/rank")))
    assert after.text.splitlines()[0] == (
        "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2026</b>"
    )
    assert "\n1. Генпрокуратура — 4,99" in after.text
    assert "Источник: Test figures 2026" in after.text


# -- InactiveChats ----------------------------------------------------------------------------


async def test_a_chat_found_gone_is_active_again_once_it_writes(app: App, updates: Updates) -> None:
    await app.store.subscriptions.remember_chat(USER_ID, "private", "ru")
    await app.store.subscriptions.deactivate(USER_ID, "Forbidden: bot was blocked by the user")
    app.inactive.mark(USER_ID)  # what the delivery worker does along with the store
    assert query(app.database, "SELECT active FROM chats WHERE chat_id = ?", USER_ID) == [(0,)]

    only_reply(await app.feed(updates.private("Минздрав")))

    assert query(app.database, "SELECT active, inactive_reason FROM chats WHERE chat_id = ?", USER_ID) == [
        (1, None)
    ]
    assert USER_ID not in app.inactive.inactive


async def test_a_button_pressed_in_a_gone_group_makes_it_active_again(app: App, updates: Updates) -> None:
    await app.store.subscriptions.remember_chat(GROUP_ID, "supergroup", "ru")
    await app.store.subscriptions.deactivate(GROUP_ID, "Forbidden: bot was kicked from the supergroup chat")
    app.inactive.mark(GROUP_ID)

    await app.feed(updates.press("zz:1", on=updates.bot_message(GROUP_ID)))

    assert query(app.database, "SELECT active FROM chats WHERE chat_id = ?", GROUP_ID) == [(1,)]
