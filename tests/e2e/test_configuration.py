"""End to end: ``python -m bot`` with a bad setting, and the token in a verbose log.

A bad value must end the process at once with exit code 2 and exactly one line on
stderr naming the setting: nothing on stdout, no traceback, no token, no call to
Telegram. And a whole session logged at DEBUG must not show the token anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .dialog import UserChat
from .fake_telegram import FakeTelegram, make_token
from .harness import BotProcess, copy_rating_db


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("ADMIN_IDS", "42,root"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
        ("WEBHOOK_URL", "http://bot.example.org/{token}/webhook"),
        ("WEBHOOK_PORT", "70000"),
        ("WEBHOOK_PATH", "webhook"),
        ("WEBHOOK_SECRET", "not allowed: spaces"),
        ("DEFAULT_LANGUAGE", "fr"),
        ("LOG_LEVEL", "LOUD"),
        ("DATABASE_PATH", "{blocker}/rating.db"),
    ],
)
async def test_bad_setting_exits_2_with_one_line(
    fake_telegram: FakeTelegram, tmp_path: Path, setting: str, value: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    token = make_token(int(fake_telegram.bot_user["id"]))
    bot = BotProcess(
        fake_telegram, tmp_path, token=token, env={setting: value.format(token=token, blocker=blocker)}
    )
    exited = await bot.run_until_exit(tmp_path)
    code, out, err = exited.code, exited.stdout, exited.stderr
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert setting in lines[0]
    assert bot.token.split(":")[1] not in err
    assert fake_telegram.calls(include_failed=True) == []
    assert not bot.database_path.exists()


async def test_debug_log_of_a_session_never_shows_the_token(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    bot = BotProcess(fake_telegram, tmp_path, database_path=database, env={"LOG_LEVEL": "DEBUG"})
    chat = UserChat(bot, 5001)
    async with bot:
        # One failed reply on the way, so that an error and its traceback are logged too.
        fake_telegram.fail_next("sendMessage", error_code=500, description="Internal Server Error")
        chat.push("/start")
        await bot.wait_for("sendMessage", chat_id=5001, include_failed=True)
        await chat.send("/start")
    assert bot.returncode == 0
    log = bot.log()
    assert " DEBUG " in log, "the log is verbose"
    assert "is handled" in log, "the session's updates went through"
    assert "Traceback" in log, "the failed reply was logged with its traceback"
    assert bot.token not in log
    assert bot.token.split(":")[1] not in log
