"""One log line per update: its id, kind, chat, user, the handler that took it, the time
taken and how it ended; what the person wrote only at DEBUG."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage

from bot.views.callbacks import RankPage

from .conftest import GROUP_ID, USER_ID, App, Updates, running_app

LOGGER = "bot.runtime.update_log"


def lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == LOGGER]


def fields(line: str) -> dict[str, str]:
    """key=value pairs of a line (the text, at DEBUG, is the last and may hold spaces)."""
    head, _, text = line.partition(" text=")
    found = dict(pair.split("=", 1) for pair in head.split(" "))
    if text:
        found["text"] = text
    return found


async def test_a_message_gets_one_line_with_every_field_and_not_the_text(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    update = updates.private("минздрав, мой паспорт 1234")

    await app.feed(update)

    [line] = lines(caplog)
    assert re.fullmatch(
        rf"update={update.update_id} kind=message chat={USER_ID} user={USER_ID} "
        r"handler=handlers\.lookup\.lookup_text ms=\d+\.\d outcome=ok",
        line,
    ), line
    assert "минздрав" not in caplog.text
    assert "1234" not in caplog.text


async def test_at_debug_the_line_also_has_the_text_quoted_on_one_line(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)

    await app.feed(updates.private('минздрав\n"второй" ряд'))

    [line] = lines(caplog)
    assert "\n" not in line
    assert fields(line)["text"] == '"минздрав\\n\\"второй\\" ряд"'
    assert fields(line)["handler"] == "handlers.lookup.lookup_text"


async def test_a_button_press_names_its_kind_and_handler(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)

    await app.feed(updates.press(RankPage(year=2025, page=2), on=updates.bot_message(USER_ID)))

    [line] = lines(caplog)
    assert fields(line) | {"update": "", "ms": ""} == {
        "update": "",
        "kind": "callback_query",
        "chat": str(USER_ID),
        "user": str(USER_ID),
        "handler": "handlers.rank.rank_page",
        "ms": "",
        "outcome": "ok",
    }
    assert "rk:" not in line  # the button's data is the user's too


async def test_an_update_no_handler_takes_says_unhandled(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)

    await app.feed(updates.group("просто разговор в группе"))  # not addressed to the bot

    [line] = lines(caplog)
    assert fields(line)["handler"] == "unhandled"
    assert fields(line)["outcome"] == "ok"
    assert fields(line)["chat"] == str(GROUP_ID)


async def test_a_handler_that_fails_gives_the_error_type_as_outcome(
    app: App, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    app.session.fail_next(SendMessage, TelegramBadRequest, "Bad Request: message is too long")

    with pytest.raises(TelegramBadRequest):
        await app.feed(updates.private("/help"))

    [line] = lines(caplog)
    assert fields(line)["handler"] == "handlers.start.help_command"
    assert fields(line)["outcome"] == "TelegramBadRequest"


async def test_a_throttled_update_says_so(
    database: Path, updates: Updates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    async with running_app(database, throttle_rate=0.001, throttle_burst=1) as app:
        await app.feed(updates.private("минздрав"))
        await app.feed(updates.private("минздрав"))

    first, second = lines(caplog)
    assert fields(first)["outcome"] == "ok"
    assert (fields(second)["handler"], fields(second)["outcome"]) == ("unhandled", "throttled")
