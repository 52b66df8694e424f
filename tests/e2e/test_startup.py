"""End to end: starting and restarting the bot the way an operator does.

A first run with no database (or a zero-length file) loads the bundled data by itself; a
saved language choice outlives a restart; a missing, malformed or rejected ``BOT_TOKEN``
stops the process at once with one line that names the setting and never shows the token;
a Bot API that cannot be reached yet is waited for, one line per attempt; a file that is
not a database stops the bot with one line.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from .dialog import UserChat, message_id, plain
from .fake_telegram import FakeTelegram, make_token
from .harness import BotProcess, Exited, copy_rating_db, free_port, wait_until, webhook_env

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
        assert rank.button_texts == ["Келесі ›", "2024", "📈 График", "⬇️ Кестені жүктеп алу"]
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


# ---------------------------------------------------------------------- the Bot API at start-up
# Issue 14, parts 3 and 4: the bot may start before the network (or a proxy) does. Every
# attempt is one line, the token is never shown (an error page may echo the request's
# path, token included), and a stop while it waits is at once and clean.


def reach_lines(bot: BotProcess) -> list[str]:
    """The log's "Cannot reach the Bot API" lines, from the timestamp's end on."""
    return [line.split(": ", 1)[1] for line in bot.log().splitlines() if "Cannot reach the Bot API" in line]


def assert_nothing_leaks(bot: BotProcess) -> None:
    log = bot.log()
    secret = bot.token.split(":")[1]
    assert bot.token not in log
    assert secret not in log, "not even the token's secret half"
    assert "Traceback" not in log


async def test_an_error_page_echoing_the_token_never_shows_it(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    """Before: the bot died with ClientDecodeError's "Content: ... The requested URL
    /bot<TOKEN>/getMe was not found", token and all, on stderr."""
    fake_telegram.serve_html("getMe", status=404, count=2)
    database = copy_rating_db(rating_db_template, tmp_path)
    bot = BotProcess(fake_telegram, tmp_path, database_path=database, env={"LOG_LEVEL": "DEBUG"})
    async with bot:
        reply = await UserChat(bot, 3020).send("/start")
        assert reply.ok
    assert bot.returncode == 0, bot.log()
    pages = [call for call in fake_telegram.calls("getMe", include_failed=True) if call.failed_with == 404]
    assert len(pages) == 2, "the fake did echo the token's path twice"
    assert reach_lines(bot) == [
        f"Cannot reach the Bot API at {fake_telegram.url} (its answer is not JSON: a proxy's or "
        f"web server's page?); retrying in {wait} s"
        for wait in (1, 2)
    ]
    assert_nothing_leaks(bot)


async def test_a_bot_api_that_is_not_up_yet_is_waited_for(tmp_path: Path, rating_db_template: Path) -> None:
    """Before: three chained tracebacks ("Cannot connect to host") and exit code 1."""
    fake = FakeTelegram(port=free_port())  # the address the bot is given; nothing listens yet
    await fake.start()
    await fake.stop()
    database = copy_rating_db(rating_db_template, tmp_path)
    bot = BotProcess(fake, tmp_path, database_path=database)
    try:
        await bot.start(wait_for_polling=False)
        await wait_until(lambda: len(reach_lines(bot)) >= 1, 30, failure=bot.log)
        assert reach_lines(bot)[0] == (
            f"Cannot reach the Bot API at {fake.url} (connection refused); retrying in 1 s"
        )
        await fake.start()  # the network comes up: the next attempt gets through
        await bot.wait_until_called("getUpdates", timeout=30, skip=0)
        assert "Страница 1 из 4" in plain(await UserChat(bot, 3021).send("/rank"))
    finally:
        assert await bot.stop() == 0, bot.log()
        await fake.stop()
    assert_nothing_leaks(bot)
    assert fake.calls("getMe")[0].ok


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_stop_while_waiting_for_the_bot_api_is_at_once_and_clean(
    tmp_path: Path, rating_db_template: Path, mode: str
) -> None:
    """SIGTERM (docker stop) while start-up waits: exit code 0, long before SIGKILL; before,
    in webhook mode, a stop during start-up was only seen once start-up had finished."""
    fake = FakeTelegram(port=free_port())
    await fake.start()
    await fake.stop()
    env = webhook_env(free_port()) if mode == "webhook" else {}
    bot = BotProcess(fake, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path), env=env)
    await bot.start(wait_for_polling=False)
    await wait_until(lambda: len(reach_lines(bot)) >= 2, 30, failure=bot.log)  # in the back-off
    assert await bot.stop() == 0, bot.log()
    assert_nothing_leaks(bot)


async def test_a_bot_api_answering_html_keeps_being_retried(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    """A proxy answering an HTML page for good: the bot waits (longer each time), quietly."""
    fake_telegram.serve_html(status=502)
    bot = BotProcess(fake_telegram, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path))
    await bot.start(wait_for_polling=False)
    await wait_until(lambda: len(reach_lines(bot)) >= 3, 30, failure=bot.log)
    assert await bot.stop() == 0, bot.log()
    assert [line.rsplit("retrying in ", 1)[1] for line in reach_lines(bot)[:3]] == ["1 s", "2 s", "4 s"]
    assert fake_telegram.calls("getUpdates", include_failed=True) == []
    assert_nothing_leaks(bot)


async def test_a_server_error_at_start_up_is_retried(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    fake_telegram.fail_next("getMe", count=1, error_code=502, description="Bad Gateway")
    bot = BotProcess(fake_telegram, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path))
    async with bot:
        assert (await UserChat(bot, 3022).send("/start")).ok
    assert reach_lines(bot) == [
        f"Cannot reach the Bot API at {fake_telegram.url} (server error: Bad Gateway); retrying in 1 s"
    ]
    assert_nothing_leaks(bot)


# ---------------------------------------------------------------------- a broken database (part 7)


def random_bytes(template: Path, target: Path) -> None:
    target.write_bytes(random.Random(14).randbytes(8192))


def truncated(template: Path, target: Path) -> None:
    data = template.read_bytes()
    target.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("damage", "reason"),
    [(random_bytes, "file is not a database"), (truncated, "database disk image is malformed")],
)
async def test_a_database_that_is_not_one_stops_the_bot_with_one_line(
    fake_telegram: FakeTelegram,
    tmp_path: Path,
    rating_db_template: Path,
    damage: Callable[[Path, Path], None],
    reason: str,
) -> None:
    """Before: a raw sqlite3.DatabaseError traceback, exit code 1."""
    database = tmp_path / "broken.db"
    damage(rating_db_template, database)
    before = database.read_bytes()
    result = await BotProcess(fake_telegram, tmp_path, database_path=database).run_until_exit(tmp_path)
    assert result.code == 2, result
    assert result.stderr.strip() == (
        f"DATABASE_PATH {database} is not an SQLite database ({reason}): restore a backup or move it away"
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert database.read_bytes() == before, "the file is left as it was, for the operator"
    assert fake_telegram.calls(include_failed=True) == []


async def test_a_zero_length_database_gets_the_bundled_data(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Before: the empty file counted as a database; the bot ran with no ratings at all."""
    database = tmp_path / "rating.db"
    database.touch()
    bot = BotProcess(fake_telegram, tmp_path, database_path=database)
    async with bot:
        reply = await UserChat(bot, 3023).send("/rank")
        assert "услуг, 2025" in plain(reply)
    assert f"The database {database} is an empty file: loading the bundled data" in bot.log()
    assert_nothing_leaks(bot)
