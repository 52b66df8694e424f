"""End to end: /export through the running bot. What only a process shows: the file goes to
the Bot API as a multipart upload, with its name and its bytes, and an XLSX is written by
the openpyxl the bot loads only then (tests/unit/export checks the loading itself).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import Call, html_to_text

USER = 5401
KAZAKH_USER = 5402


def upload(call: Call) -> tuple[str | None, bytes]:
    """The file name and bytes of a sendDocument's upload (a multipart part the ``document``
    parameter points to, as ``attach://<part>``)."""
    [document] = call.files.values()
    assert call.params["document"] == f"attach://{document.field}"
    return document.filename, document.data


async def test_export_sends_the_table_as_a_file_in_the_users_language(
    tmp_path: Path, rating_db_template: Path
) -> None:
    async with running_bot(tmp_path / "bot", rating_db_template) as bot:
        fake = bot.fake
        since = fake.mark()
        UserChat(bot, USER, "ru").push("/export")
        [sent] = await bot.wait_for("sendDocument", chat_id=USER, since=since, timeout=30)

        name, data = upload(sent)
        assert name == "gosrating-2025.xlsx"
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames == ["Рейтинг 2025", "О данных"]
        rows = list(book["Рейтинг 2025"].iter_rows(values_only=True))
        assert len(rows) == 33
        assert rows[1][:4] == (1, "Академия правосудия при Высшем Судебном Совете", 5.0, 99.8)
        assert html_to_text(str(sent.params["caption"])).startswith(
            "Рейтинг государственных органов по качеству оказания государственных услуг, 2025"
        )

        since = fake.mark()
        UserChat(bot, KAZAKH_USER, "kk").push("/export csv 2020")
        [sent] = await bot.wait_for("sendDocument", chat_id=KAZAKH_USER, since=since, timeout=30)

        name, data = upload(sent)
        assert name == "gosrating-2020.csv"
        assert data.startswith(b"\xef\xbb\xbf")
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert table[0][:2] == ["Орын", "Мемлекеттік орган"]
        assert len(table) == 8
        assert {row[0] for row in table[1:]} == {""}  # 7 published bodies, no ranks

        wrong = await UserChat(bot, USER, "ru").send("/export 2023")
        assert plain(wrong).startswith("Рейтинга за 2023 год нет. Есть данные за: 2025, 2024, 2020.")

        listing = await UserChat(bot, USER, "ru").send("/rank 2024")
        since = fake.mark()
        await UserChat(bot, USER, "ru").click("⬇️ Скачать таблицу", message_id(listing))
        [sent] = await bot.wait_for("sendDocument", chat_id=USER, since=since, timeout=30)
        assert upload(sent)[0] == "gosrating-2024.xlsx"
