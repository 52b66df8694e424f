"""Import by upload: an admin sends a rating file (XLSX or CSV) to the bot in private.

The bot downloads it (refusing a large file before downloading), has the importer check
it without writing, shows what it would change, and writes only on "Confirm". Anyone
else's file, and an admin's file in a group, go on to the fallback like any other
message that is not text: only ADMIN_IDS can change what everyone reads.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Router
from aiogram.enums import ChatType
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Document, Message
from aiohttp import ClientError

from bot.config import Settings
from bot.domain.snapshot import Snapshot
from bot.domain.uploads import MAX_UPLOAD_BYTES, Outcome, Uploads, is_table_name
from bot.views import common
from bot.views import upload as views
from bot.views.callbacks import UploadAction

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

#: Seconds a download from Telegram may take: 5 MB is a second or two.
DOWNLOAD_TIMEOUT = 60


class TooBigError(Exception):
    """The download went past the limit; ``size`` is how far it got, or Telegram's figure."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class BoundedFile(io.FileIO):
    """A file that refuses to grow past ``limit`` bytes: a download that is larger than
    Telegram said (or said nothing) stops there."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(path, "wb")
        self.limit = limit
        self.written = 0

    def write(self, data: ReadableBuffer, /) -> int:
        self.written += memoryview(data).nbytes
        if self.written > self.limit:
            raise TooBigError(self.written)
        return super().write(data)


class AdminDocument(Filter):
    """A document an admin sent in a private chat; hands on ``document`` and ``admin_id``.

    Anyone else's file is logged with their user id, as /stats does: how an operator
    finds their own id for ADMIN_IDS.
    """

    async def __call__(self, message: Message, settings: Settings) -> bool | dict[str, Any]:
        if message.document is None or message.chat.type != ChatType.PRIVATE:
            return False
        user = message.from_user
        if user is None or user.id not in settings.admin_ids:
            log.info("A file from user %s, who is not in ADMIN_IDS", user.id if user else "unknown")
            return False
        return {"document": message.document, "admin_id": user.id}


class AdminPress(Filter):
    """A press of Confirm or Cancel by an admin (the buttons are only ever an admin's)."""

    async def __call__(self, query: CallbackQuery, settings: Settings) -> bool:
        return query.from_user.id in settings.admin_ids


async def download(bot: Bot, document: Document, path: Path) -> None:
    """The document's bytes into ``path``; :class:`TooBigError` past the limit."""
    found = await bot.get_file(document.file_id)
    if found.file_size is not None and found.file_size > MAX_UPLOAD_BYTES:
        raise TooBigError(found.file_size)
    if found.file_path is None:
        raise OSError(f"Telegram gave no file_path for {document.file_id}")
    with BoundedFile(path, MAX_UPLOAD_BYTES) as out:
        await bot.download_file(found.file_path, out, timeout=DOWNLOAD_TIMEOUT, seek=False)


async def upload_document(
    message: Message, document: Document, admin_id: int, bot: Bot, uploads: Uploads, snapshot: Snapshot
) -> None:
    """Refuse what cannot be a rating file at once; download, check and report the rest."""
    name = document.file_name or ""
    if not is_table_name(name):
        await message.answer(views.not_a_table(name))
        return
    if document.file_size is not None and document.file_size > MAX_UPLOAD_BYTES:
        await message.answer(views.too_big(document.file_size))
        return
    try:
        year = common.parse_year(message.caption)
    except ValueError:
        await message.answer(views.bad_caption())
        return
    status = await message.answer(views.checking(name))
    upload = uploads.start(admin_id, name, year)
    try:
        await download(bot, document, upload.path)
    except TooBigError as error:
        uploads.discard(upload)
        await status.edit_text(views.too_big(error.size))
        return
    except (TelegramAPIError, ClientError, TimeoutError, OSError) as error:
        uploads.discard(upload)
        log.warning("Could not download %s from Telegram: %s", document.file_id, error)
        await status.edit_text(views.download_failed())
        return
    screen = views.report(await uploads.check(upload), snapshot, name, upload.token)
    await status.edit_text(screen.text, reply_markup=screen.markup)


async def upload_action(
    query: CallbackQuery, callback_data: UploadAction, bot: Bot, uploads: Uploads, snapshot: Snapshot
) -> None:
    """Confirm imports the checked file, Cancel drops it; either only once."""
    message = query.message if isinstance(query.message, Message) else None
    if not callback_data.confirm:
        upload = uploads.get(callback_data.token)
        result = uploads.cancel(callback_data.token, query.from_user.id)
        if result is not Outcome.DONE or upload is None:
            await query.answer(views.outcome(result), show_alert=True)
            return
        await query.answer()
        await show(bot, query, message, views.cancelled(upload.name))
        return
    claimed = uploads.claim(callback_data.token, query.from_user.id)
    if isinstance(claimed, Outcome):
        await query.answer(views.outcome(claimed), show_alert=True)
        return
    await query.answer()
    await show(bot, query, message, views.importing(claimed.name))  # the buttons go at once
    result, report = await uploads.apply(claimed)
    text = views.outcome(result) if report is None else views.imported(report, snapshot, claimed.name)
    await show(bot, query, message, text)


async def show(bot: Bot, query: CallbackQuery, message: Message | None, text: str) -> None:
    """In place of the report (its buttons gone); in a new message when it cannot be edited."""
    if message is not None:
        try:
            await message.edit_text(text)
            return
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
    await bot.send_message(query.from_user.id, text)


async def cleanup(uploads: Uploads) -> None:
    """At shutdown: the staged files go with the process."""
    uploads.close()


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(upload_document, AdminDocument())
    routes.callback_query.register(upload_action, UploadAction.filter(), AdminPress())
    routes.shutdown.register(cleanup)
    return routes
