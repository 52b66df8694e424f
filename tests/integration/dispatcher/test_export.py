"""/export and the "⬇️ Export" button through the real dispatcher: the document's name, its
bytes (read back), its caption, and the answers to a wrong year or format.

Expected texts are the Russian catalog's unless a test writes in another language.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from aiogram.methods import AnswerCallbackQuery, SendDocument
from aiogram.types import BufferedInputFile

from bot.views.callbacks import ExportFile

from .conftest import USER_ID, App, Request, Updates, callback_data, kinds, only_reply

TITLE_2025 = "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2025</b>"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."


@pytest.fixture
async def exporting(app: App) -> App:
    """The app: its recording session takes documents as Telegram does."""
    return app


def only_document(requests: list[Request]) -> SendDocument:
    assert kinds(requests) == ["SendDocument"]
    sent = requests[0]
    assert isinstance(sent, SendDocument)
    assert isinstance(sent.document, BufferedInputFile)
    return sent


def file_bytes(sent: SendDocument) -> bytes:
    assert isinstance(sent.document, BufferedInputFile)
    return sent.document.data


async def test_export_sends_the_latest_year_as_an_xlsx(exporting: App, updates: Updates) -> None:
    sent = only_document(await exporting.feed(updates.private("/export")))

    assert sent.chat_id == USER_ID
    assert isinstance(sent.document, BufferedInputFile)
    assert sent.document.filename == "gosrating-2025.xlsx"
    assert sent.caption is not None
    assert sent.caption.startswith(TITLE_2025)
    book = openpyxl.load_workbook(io.BytesIO(file_bytes(sent)))
    assert book.sheetnames == ["Рейтинг 2025", "О данных"]
    sheet = book["Рейтинг 2025"]
    assert sheet.max_row == 33  # the header and 32 bodies
    assert [c.value for c in sheet[2][:4]] == [1, "Академия правосудия при Высшем Судебном Совете", 5.0, 99.8]


async def test_export_csv_of_a_year_in_the_users_language(exporting: App, updates: Updates) -> None:
    sent = only_document(await exporting.feed(updates.private("/export CSV 2024", language_code="kk")))

    assert isinstance(sent.document, BufferedInputFile)
    assert sent.document.filename == "gosrating-2024.csv"
    rows = list(csv.reader(io.StringIO(file_bytes(sent).decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Орын", "Мемлекеттік орган", "Балл (5 балдан)"]
    assert rows[1][:3] == ["1", "Жоғары Сот Кеңесі жанындағы Сот төрелігі академиясы", "4.99"]
    assert len(rows) == 33
    assert sent.caption is not None
    assert "Файлдағы дереккөз кодтары" in sent.caption


async def test_export_of_a_partial_year_has_no_ranks(exporting: App, updates: Updates) -> None:
    sent = only_document(await exporting.feed(updates.private("/export 2020 csv")))

    rows = list(csv.reader(io.StringIO(file_bytes(sent).decode("utf-8-sig"), newline="")))
    assert {row[0] for row in rows[1:]} == {""}
    assert sent.caption is not None
    assert "Неполный список" in sent.caption


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        ("/export 2023", "Рейтинга за 2023 год нет. Есть данные за: 2025, 2024, 2020."),
        ("/export pdf", "«pdf» — это не год и не формат."),
        ("/export 2024 2025", "Укажите не больше одного года и одного формата."),
    ],
)
async def test_a_wrong_year_or_format_is_answered_and_nothing_is_sent(
    exporting: App, updates: Updates, command: str, first_line: str
) -> None:
    reply = only_reply(await exporting.feed(updates.private(command)))

    assert reply.text.split("\n") == [
        first_line,
        "Отправьте /export [год] [xlsx|csv], например: /export 2025 csv. Есть данные за: 2025, 2024, 2020; "
        "форматы: XLSX (по умолчанию) и CSV.",
    ]


async def test_the_button_under_rank_sends_that_years_table(exporting: App, updates: Updates) -> None:
    listing = only_reply(await exporting.feed(updates.private("/rank 2024")))
    assert ExportFile(year=2024).pack() in callback_data(listing.reply_markup)
    on = updates.bot_message(text=listing.text, reply_markup=listing.reply_markup)

    requests = await exporting.feed(updates.press(ExportFile(year=2024), on=on))

    assert kinds(requests) == ["AnswerCallbackQuery", "SendDocument"]
    sent = requests[1]
    assert isinstance(sent, SendDocument)
    assert isinstance(sent.document, BufferedInputFile)
    assert sent.chat_id == USER_ID
    assert sent.document.filename == "gosrating-2024.xlsx"


@pytest.mark.parametrize("data", [ExportFile(year=2019), ExportFile(year=2025, format="pdf")])
async def test_a_forged_or_stale_button_is_told_so(
    exporting: App, updates: Updates, data: ExportFile
) -> None:
    on = updates.bot_message(text="…")

    requests = await exporting.feed(updates.press(data, on=on))

    assert kinds(requests) == ["AnswerCallbackQuery"]
    answer = requests[0]
    assert isinstance(answer, AnswerCallbackQuery)
    assert answer.text == STALE
    assert answer.show_alert
