"""End to end: the menu button opens the rating page when WEB_APP_URL is set, and is put
back to Telegram's default at the next start without it; a start with nothing to change
sets nothing."""

from __future__ import annotations

from pathlib import Path

from .fake_telegram import FakeTelegram
from .harness import BotProcess, copy_rating_db

WEB_APP_URL = "https://rating.example.org/"


async def test_web_app_url_sets_the_menu_button_and_removing_it_resets_the_button(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    database = copy_rating_db(rating_db_template, tmp_path)
    bot = BotProcess(fake_telegram, tmp_path, database_path=database, env={"WEB_APP_URL": WEB_APP_URL})
    async with bot:
        [call] = await bot.wait_for("setChatMenuButton", timeout=20)
    assert call.params["menu_button"] == {
        "type": "web_app",
        "text": "Рейтинг",
        "web_app": {"url": WEB_APP_URL},
    }
    assert "chat_id" not in call.params  # the default button, for every private chat
    assert bot.returncode == 0, bot.log()

    mark = fake_telegram.mark()
    async with bot:  # the same settings again: read, nothing to set
        await bot.wait_for("getChatMenuButton", since=mark, timeout=20)
        await fake_telegram.wait_idle(0.5)
        assert fake_telegram.calls("setChatMenuButton", since=mark) == []

    mark = fake_telegram.mark()
    without = BotProcess(fake_telegram, tmp_path, database_path=database, env={"WEB_APP_URL": None})
    async with without:
        [reset] = await without.wait_for("setChatMenuButton", since=mark, timeout=20)
    assert reset.params["menu_button"] == {"type": "default"}
    assert "Menu button reset" in without.log()
    assert without.returncode == 0, without.log()
