"""End to end: the bot's profile (name, description, short description) in each language.

The bot sets it at start, reading each value first, so a second start sets nothing; a
429 on setMyName (Telegram asks for an hour) neither holds up the first reply nor stops
the bot: one log line.
"""

from __future__ import annotations

from pathlib import Path

from tests.unit.views.test_profile import NAMES, SAYS

from .dialog import UserChat, plain
from .fake_telegram import FakeTelegram
from .harness import BotProcess, copy_rating_db, wait_until

SETS = ("setMyDescription", "setMyShortDescription", "setMyName")


def shown(fake: FakeTelegram, key: str, language: str) -> str:
    """What Telegram shows a user of ``language``: its own text, else the default's."""
    texts = fake.bot_texts(key)
    return texts.get(language, texts.get("", ""))


async def test_the_bot_sets_its_profile_at_start_and_a_second_start_sets_nothing(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    bot = BotProcess(fake_telegram, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path))
    async with bot:
        await wait_until(lambda: bot.log_contains("Bot profile set"), 20, failure=bot.log)

    # The name for other languages stays the one given to @BotFather.
    assert {language: shown(fake_telegram, "name", language) for language in NAMES} == NAMES
    assert "" not in fake_telegram.bot_texts("name")
    for language, phrase in SAYS.items():
        assert phrase in shown(fake_telegram, "description", language)
    # Everyone else (language_code unset) reads DEFAULT_LANGUAGE's text, Russian here.
    for key in ("description", "short_description"):
        assert fake_telegram.bot_texts(key)[""] == shown(fake_telegram, key, "ru")
    assert len({shown(fake_telegram, "short_description", language) for language in NAMES}) == 3
    assert bot.returncode == 0, bot.log()

    mark = fake_telegram.mark()
    async with bot:  # the same Telegram, a new process
        for method, count in (("getMyDescription", 4), ("getMyShortDescription", 4), ("getMyName", 3)):
            await bot.wait_for(method, count=count, since=mark, include_failed=True, timeout=20)
        await fake_telegram.wait_idle(0.5)
        for method in SETS:
            assert fake_telegram.calls(method, include_failed=True, since=mark) == []
    assert bot.log().count("Bot profile set") == 1  # the first start's line only
    assert "Bot profile not set" not in bot.log()
    assert bot.returncode == 0, bot.log()


async def test_a_429_on_set_my_name_neither_delays_the_first_reply_nor_stops_the_bot(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    """Sent before polling, or through the session's RetryAfter, the 429 would be waited
    out (100 s here) before the bot polled or answered anyone."""
    fake_telegram.fail_next("setMyName", description="Too Many Requests: retry after 100")
    bot = BotProcess(fake_telegram, tmp_path, database_path=copy_rating_db(rating_db_template, tmp_path))
    async with bot:
        reply = await UserChat(bot, 3101).send("/start")
        assert "Я отвечаю на вопросы" in plain(reply)
        await wait_until(lambda: bot.log_contains("Bot profile not set"), 10, failure=bot.log)

        [refused] = fake_telegram.calls("setMyName", include_failed=True)[:1]
        assert refused.failed_with == 429
        warnings = [line for line in bot.log().splitlines() if "Bot profile not set" in line]
        assert len(warnings) == 1
        assert "the name (Telegram asks to wait 100 s)" in warnings[0]
        # The descriptions were set all the same; the name is tried again at the next start.
        for language, phrase in SAYS.items():
            assert phrase in shown(fake_telegram, "description", language)
        assert len(fake_telegram.calls("setMyName", include_failed=True)) == 1
    assert "Traceback" not in bot.log()
    assert bot.returncode == 0, bot.log()
