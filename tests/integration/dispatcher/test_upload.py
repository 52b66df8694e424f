"""Import by upload through the real dispatcher: who may upload, what is refused before a
download, the report, and Confirm / Cancel, each at most once.

The Bot API here also serves files (getFile and the download); the importer is the real
one (``python -m bot.importer --json``) where the test is about what gets written, and a
stand-in where it is about routing.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ChatType
from aiogram.methods import AnswerCallbackQuery, EditMessageText, GetFile, SendMessage
from aiogram.types import Chat, Document, File, Message, Update

from bot.domain.import_report import ImportReport, ReleaseReport
from bot.domain.uploads import MAX_UPLOAD_BYTES, Uploads
from bot.views.callbacks import UploadAction

from .conftest import (
    ADMIN_ID,
    GROUP_ID,
    TOKEN,
    USER_ID,
    App,
    Updates,
    callback_data,
    kinds,
    only_reply,
    query,
)
from .recording import Method, RecordingSession

ROOT = Path(__file__).resolve().parents[3]
RATINGS_2025 = (ROOT / "data" / "ratings" / "2025.csv").read_bytes()
NOT_TEXT = "Я понимаю только текстовые сообщения."
CHECKING = "⏳ Проверяю «rating-2026.csv»…"
STALE = "Эта кнопка устарела. Отправьте команду ещё раз."


class FilesSession(RecordingSession):
    """The recording session that also serves the files users sent, as Telegram does."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}
        self.tell_size = True  # False: getFile says nothing of the size (it is optional)

    def _answer(self, method: Method) -> object:
        if isinstance(method, GetFile):
            data = self.files[method.file_id]
            return File(
                file_id=method.file_id,
                file_unique_id="u" + method.file_id,
                file_size=len(data) if self.tell_size else None,
                file_path=f"documents/{method.file_id}",
            )
        return super()._answer(method)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - BaseSession's signature
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        data = self.files[url.rsplit("/", 1)[1]]
        for start in range(0, len(data), chunk_size):
            yield data[start : start + chunk_size]


class StandIn:
    """An importer that answers at once: ``checked`` for a dry run, the same as written."""

    def __init__(self, checked: ImportReport) -> None:
        self.checked = checked
        self.writes = 0
        self.hold: asyncio.Event | None = None

    async def run(self, path: Path, *, year: int | None, dry_run: bool) -> ImportReport:
        if dry_run:
            return self.checked
        self.writes += 1
        if self.hold is not None:
            await self.hold.wait()
        return ImportReport(self.checked.database, False, 0, self.checked.releases)


NEW_2026 = ImportReport("/db", True, 0, (ReleaseReport(2026, "new", 32, queued=4),))


@pytest.fixture
async def uploading(app: App) -> AsyncIterator[App]:
    """The app, with a Bot API that serves files."""
    session = FilesSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    yield App(bot, app.dispatcher, session, app.store, app.inactive, app.settings, app.database)
    app.dispatcher["uploads"].close()


@pytest.fixture
def stand_in(uploading: App, tmp_path: Path) -> StandIn:
    importer = StandIn(NEW_2026)
    uploading.dispatcher["uploads"] = Uploads(importer, root=tmp_path / "staged")
    return importer


_file_ids = itertools.count(1)


def document(
    app: App,
    updates: Updates,
    data: bytes,
    *,
    name: str = "rating-2026.csv",
    user_id: int = ADMIN_ID,
    caption: str | None = None,
    size: int | None = -1,
    chat: Chat | None = None,
) -> Update:
    """A document message; its bytes are served by the session. ``size`` -1: the real size."""
    file_id = f"BQACAgIAAxkBAAE{next(_file_ids)}"
    app.session.files[file_id] = data  # type: ignore[attr-defined]
    sent = Document(
        file_id=file_id,
        file_unique_id="AgAD" + file_id[-4:],
        file_name=name,
        mime_type="text/csv",
        file_size=len(data) if size == -1 else size,
    )
    chat = chat or Chat(id=user_id, type=ChatType.PRIVATE, first_name="Админ")
    return updates.message(chat, updates.user(user_id), document=sent, caption=caption)


def report_message(app: App) -> Message:
    """The bot's last message, as Telegram holds it after the edits: the report with its buttons."""
    return app.session.messages[-1]


def staged_files(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "staged").rglob("*") if p.is_file())


# -- who may upload, and what is refused before a download ------------------------


async def test_a_users_file_gets_the_answer_any_non_text_message_gets(
    uploading: App, updates: Updates, stand_in: StandIn
) -> None:
    reply = only_reply(await uploading.feed(document(uploading, updates, RATINGS_2025, user_id=USER_ID)))

    assert reply.text.startswith(NOT_TEXT)


async def test_an_admins_file_in_a_group_is_not_taken(
    uploading: App, updates: Updates, stand_in: StandIn
) -> None:
    group = Chat(id=GROUP_ID, type=ChatType.SUPERGROUP, title="Госуслуги")

    requests = await uploading.feed(document(uploading, updates, RATINGS_2025, chat=group))

    assert requests == []
    assert stand_in.writes == 0


async def test_a_file_over_the_limit_is_refused_before_it_is_downloaded(
    uploading: App, updates: Updates, stand_in: StandIn
) -> None:
    update = document(uploading, updates, b"x", size=MAX_UPLOAD_BYTES + 1)

    reply = only_reply(await uploading.feed(update))

    assert reply.text.startswith("Файл весит 5,1 МБ — больше, чем я принимаю (5 МБ).")


async def test_a_download_longer_than_telegram_said_stops_at_the_limit(
    uploading: App, updates: Updates, stand_in: StandIn, tmp_path: Path
) -> None:
    uploading.session.tell_size = False  # type: ignore[attr-defined]
    update = document(uploading, updates, b"a" * (MAX_UPLOAD_BYTES + 70_000), size=None)

    requests = await uploading.feed(update)

    assert kinds(requests) == ["SendMessage", "GetFile", "EditMessageText"]
    edit = requests[-1]
    assert isinstance(edit, EditMessageText)
    assert edit.text.startswith("Файл весит 5,1 МБ")
    assert staged_files(tmp_path) == []


REFUSED_AT_ONCE = [
    (
        "rating-2026.xls",
        None,
        "Загрузить можно только файл XLSX или CSV, а «rating-2026.xls» — ни то ни другое.",
    ),
    ("rating.pdf", "2026", "Загрузить можно только файл XLSX или CSV, а «rating.pdf» — ни то ни другое."),
    ("rating.csv", "за 2026 год", "В подписи к файлу можно указать только год рейтинга, например 2026."),
]


@pytest.mark.parametrize("case", REFUSED_AT_ONCE, ids=["xls", "pdf", "caption"])
async def test_a_file_that_is_no_table_or_a_caption_that_is_no_year_is_refused_at_once(
    uploading: App, updates: Updates, stand_in: StandIn, case: tuple[str, str | None, str]
) -> None:
    name, caption, answer = case
    update = document(uploading, updates, RATINGS_2025, name=name, caption=caption)

    reply = only_reply(await uploading.feed(update))

    assert reply.text.startswith(answer)
    assert stand_in.writes == 0


# -- the report, and Confirm / Cancel -----------------------------------------------


async def test_the_real_importer_checks_then_confirm_writes_once(
    uploading: App, updates: Updates, tmp_path: Path
) -> None:
    requests = await uploading.feed(document(uploading, updates, RATINGS_2025))

    assert kinds(requests) == ["SendMessage", "GetFile", "EditMessageText"]
    assert isinstance(requests[0], SendMessage)
    assert requests[0].text == CHECKING
    report = requests[-1]
    assert isinstance(report, EditMessageText)
    assert report.text.split("\n")[:3] == [
        "📄 Файл «rating-2026.csv» проверен, пока ничего не записано.",
        "",
        "<b>2026</b>: новый рейтинг, 32 госоргана.",
    ]
    assert query(uploading.database, "SELECT COUNT(*) FROM releases WHERE year = 2026") == [(0,)]
    [confirm, cancel] = callback_data(report.reply_markup)
    assert UploadAction.unpack(cancel).confirm is False

    on = report_message(uploading)
    requests = await uploading.feed(updates.press(confirm, on=on, user_id=ADMIN_ID))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText", "EditMessageText"]
    importing, done = requests[1], requests[2]
    assert isinstance(importing, EditMessageText)
    assert importing.text == "⏳ Загружаю «rating-2026.csv»…"
    assert importing.reply_markup is None  # the buttons go at once
    assert isinstance(done, EditMessageText)
    assert done.text.startswith("✅ Файл «rating-2026.csv» загружен: теперь бот отвечает по новым данным.")
    assert query(uploading.database, "SELECT COUNT(*) FROM ratings WHERE year = 2026") == [(32,)]

    again = await uploading.feed(updates.press(confirm, on=on, user_id=ADMIN_ID))

    assert kinds(again) == ["AnswerCallbackQuery"]
    assert isinstance(again[0], AnswerCallbackQuery)
    assert again[0].text == "Этот файл уже загружен, или его загрузка отменена."
    assert query(uploading.database, "SELECT COUNT(*) FROM releases WHERE year = 2026") == [(1,)]


async def test_a_file_with_problems_is_reported_and_nothing_waits(uploading: App, updates: Updates) -> None:
    bad = "agency,score,satisfaction\nМинистерство <b>чудес</b>,9,50\n".encode()

    requests = await uploading.feed(document(uploading, updates, bad))

    report = requests[-1]
    assert isinstance(report, EditMessageText)
    assert report.text.startswith(
        "❌ В файле «rating-2026.csv» 2 ошибки, ничего не записано. Программа импорта сообщает:\n<pre>row 2: "
    )
    assert "&lt;b&gt;чудес&lt;/b&gt;" in report.text
    assert report.reply_markup is None


async def test_cancel_writes_nothing_and_a_later_confirm_is_told_so(
    uploading: App, updates: Updates, stand_in: StandIn, tmp_path: Path
) -> None:
    requests = await uploading.feed(document(uploading, updates, RATINGS_2025))
    [confirm, cancel] = callback_data(requests[-1].reply_markup)  # type: ignore[attr-defined]
    on = report_message(uploading)
    assert len(staged_files(tmp_path)) == 1

    requests = await uploading.feed(updates.press(cancel, on=on, user_id=ADMIN_ID))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    assert requests[1].text == "Загрузка «rating-2026.csv» отменена: ничего не записано."  # type: ignore[attr-defined]
    assert staged_files(tmp_path) == []
    late = await uploading.feed(updates.press(confirm, on=on, user_id=ADMIN_ID))
    assert kinds(late) == ["AnswerCallbackQuery"]
    assert stand_in.writes == 0


async def test_two_presses_of_confirm_at_once_import_once(
    uploading: App, updates: Updates, stand_in: StandIn
) -> None:
    requests = await uploading.feed(document(uploading, updates, RATINGS_2025))
    [confirm, _] = callback_data(requests[-1].reply_markup)  # type: ignore[attr-defined]
    on = report_message(uploading)
    stand_in.hold = asyncio.Event()

    first = asyncio.create_task(uploading.feed(updates.press(confirm, on=on, user_id=ADMIN_ID)))
    for _ in range(100):  # bounded: until the first press has started the import
        if stand_in.writes:
            break
        await asyncio.sleep(0.01)
    second = await uploading.feed(updates.press(confirm, on=on, user_id=ADMIN_ID))
    stand_in.hold.set()
    await first

    assert kinds(second) == ["AnswerCallbackQuery"]
    assert second[0].text == "Загрузка уже идёт."  # type: ignore[attr-defined]
    assert stand_in.writes == 1


async def test_a_forged_confirm_from_a_user_is_a_stale_button(
    uploading: App, updates: Updates, stand_in: StandIn
) -> None:
    requests = await uploading.feed(document(uploading, updates, RATINGS_2025))
    [confirm, _] = callback_data(requests[-1].reply_markup)  # type: ignore[attr-defined]

    pressed = await uploading.feed(updates.press(confirm, on=updates.bot_message(USER_ID), user_id=USER_ID))

    assert kinds(pressed) == ["AnswerCallbackQuery"]
    assert pressed[0].text == STALE  # type: ignore[attr-defined]
    assert stand_in.writes == 0
