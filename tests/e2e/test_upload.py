"""End to end: an admin sends a rating file to the running bot, reads the dry run's report,
presses Confirm, and every user's card shows the new year.

What only a process shows: the file goes through the Bot API's getFile and download, the
importer runs as its own process on the bot's database, the bot sees the new release
through its commit watch, and the staged file is gone after the import.
"""

from __future__ import annotations

from pathlib import Path

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import Call
from .releases import db_rows, write_release

ADMIN = 5301
USER = 5302
NAME = "rating-2026.csv"


def has_buttons(call: Call) -> bool:
    return bool(call.buttons)


async def test_an_admin_uploads_a_new_year_confirms_it_and_cards_show_it(
    tmp_path: Path, rating_db_template: Path
) -> None:
    staging = tmp_path / "tmp"
    staging.mkdir()
    data = write_release(tmp_path / NAME, {"moh": (4.98, 98.5)}).read_bytes()
    async with running_bot(
        tmp_path / "bot", rating_db_template, admin_ids=[ADMIN], env={"TMPDIR": str(staging)}
    ) as bot:
        fake = bot.fake
        admin = UserChat(bot, ADMIN, "ru")
        user = UserChat(bot, USER, "ru")
        assert "2026" not in plain(await user.send("минздрав"))

        since = fake.mark()
        fake.push_document(ADMIN, data, file_name=NAME, mime_type="text/csv")
        [checking] = await bot.wait_for("sendMessage", chat_id=ADMIN, since=since)
        [report] = await bot.wait_for(
            "editMessageText", chat_id=ADMIN, since=since, predicate=has_buttons, timeout=60
        )

        assert plain(checking) == f"⏳ Проверяю «{NAME}»…"
        assert plain(report).split("\n")[:3] == [
            f"📄 Файл «{NAME}» проверен, пока ничего не записано.",
            "",
            "2026: новый рейтинг, 32 госоргана.",
        ]
        assert report.button_texts == ["✅ Подтвердить", "✖️ Отмена"]
        assert list(fake.downloads.values()) == [1]
        assert db_rows(bot.database_path, "SELECT COUNT(*) FROM releases WHERE year = 2026") == [(0,)]
        assert len([p for p in staging.rglob("*") if p.is_file()]) == 1

        since = fake.mark()
        await admin.click("Подтвердить", message_id(checking))
        [_, done] = await bot.wait_for("editMessageText", chat_id=ADMIN, since=since, count=2, timeout=60)

        assert plain(done).startswith(f"✅ Файл «{NAME}» загружен: теперь бот отвечает по новым данным.")
        assert db_rows(bot.database_path, "SELECT COUNT(*) FROM ratings WHERE year = 2026") == [(32,)]
        assert [p for p in staging.rglob("*") if p.is_file()] == []
        card = plain(await user.send("минздрав"))
        assert card.split("\n")[2] == "2026: 4-е место из 32"  # the card leads with the new year

        again, _ = await admin.press(report.callback_data[0], message_id(checking))
        assert again.params.get("text") == "Этот файл уже загружен, или его загрузка отменена."
        assert db_rows(bot.database_path, "SELECT COUNT(*) FROM releases WHERE year = 2026") == [(1,)]
    assert not list(staging.iterdir())  # the staging directory goes with the process
