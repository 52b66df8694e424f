"""End to end: starting and restarting the bot the way an operator does.

A first run with no database loads the bundled data by itself; a saved language choice
outlives a restart; a missing, malformed or rejected ``BOT_TOKEN`` stops the process at
once with one line that names the setting and never shows the token.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .dialog import UserChat, message_id, plain
from .fake_telegram import FakeTelegram, make_token
from .harness import BotProcess, Exited, copy_rating_db

#: A token of the right shape that the fake server does not know: Telegram answers 401.
FOREIGN_TOKEN = "1000:" + "ZZrevokedTokenNotKnownToTelegram123"


async def test_first_run_without_a_database_loads_the_bundled_data(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    database = tmp_path / "var" / "data" / "rating.db"  # not even the directory exists
    bot = BotProcess(fake_telegram, tmp_path, database_path=database)
    async with bot:
        assert database.exists()
        reply = await UserChat(bot, 3001).send("/rank")
        assert "услуг, 2025" in plain(reply)
        assert "Страница 1 из 4" in plain(reply)
        card = await UserChat(bot, 3002, "en").send("KNB")
        assert "rank 3* of 32" in plain(card)  # a place among illustrative values carries the mark
    with sqlite3.connect(database) as connection:
        years = [row[0] for row in connection.execute("SELECT DISTINCT year FROM ratings ORDER BY year")]
    assert years == [2020, 2024, 2025]
    assert "Traceback" not in bot.log()


async def test_saved_language_survives_a_restart(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    bot = BotProcess(fake_telegram, tmp_path, database_path=database)
    chat = UserChat(bot, 3010, "en")
    async with bot:
        menu = await chat.send("/language")
        _, done = await chat.click("Қазақша", message_id(menu), expect="editMessageText")
        assert done is not None
        assert plain(done) == "Жарайды: енді сізбен қазақша сөйлесемін."
    assert bot.returncode == 0, bot.log()

    async with bot:  # the same database, a new process with an empty cache
        rank = await chat.send("/rank")
        assert "4 беттің 1-беті" in plain(rank)
        assert rank.button_texts == ["Келесі ›", "2024"]
        # Someone who never chose still gets their Telegram language.
        assert "Page 1 of 4" in plain(await UserChat(bot, 3011, "en").send("/rank"))
    assert bot.returncode == 0, bot.log()


# ---------------------------------------------------------------------- BOT_TOKEN


def assert_one_clear_line(result: Exited, *, mentions: str, secret: str | None) -> str:
    assert result.code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    [line] = lines
    assert "BOT_TOKEN" in line
    assert mentions in line
    assert "Traceback" not in result.stderr + result.stdout
    if secret:
        assert secret not in result.stderr + result.stdout
    return line


async def test_missing_token_stops_with_one_line(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    bot = BotProcess(fake_telegram, tmp_path, env={"BOT_TOKEN": None})
    result = await bot.run_until_exit(tmp_path)
    assert_one_clear_line(result, mentions="not set", secret=None)
    assert fake_telegram.calls(include_failed=True) == []
    assert not bot.database_path.exists()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "not-a-token",
        "123456:tooShortSecret",
        "1000:" + "secret with spaces in it 0123456789",
        "botfather says 1000:AAFakeTokenForTests_0123456789abcde",
    ],
)
async def test_malformed_token_stops_with_one_line(
    fake_telegram: FakeTelegram, tmp_path: Path, token: str
) -> None:
    bot = BotProcess(fake_telegram, tmp_path, env={"BOT_TOKEN": token})
    result = await bot.run_until_exit(tmp_path)
    line = assert_one_clear_line(result, mentions="BOT_TOKEN", secret=token or None)
    assert "@BotFather" in line or "not set" in line
    assert fake_telegram.calls(include_failed=True) == []


async def test_token_rejected_by_telegram_stops_with_one_line(
    tmp_path: Path, rating_db_template: Path
) -> None:
    async with FakeTelegram(token=make_token()) as fake:
        database = copy_rating_db(rating_db_template, tmp_path)
        bot = BotProcess(fake, tmp_path, database_path=database, token=FOREIGN_TOKEN)
        result = await bot.run_until_exit(tmp_path)
        line = assert_one_clear_line(result, mentions="Unauthorized", secret=FOREIGN_TOKEN.split(":")[1])
        assert "rejected" in line
        [get_me] = fake.calls("getMe", include_failed=True)
        assert get_me.failed_with == 401
        assert fake.calls("getUpdates", include_failed=True) == []
