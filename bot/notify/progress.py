"""The admins' view of a broadcast: one message per release, edited as it goes, then a summary.

Runs beside the delivery worker. What it shows is read from the outbox, so it is the
same from any of two bots on one database, and from ``python -m bot.notify status``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.utils.i18n import I18n

from bot.domain.preferences import LanguagePreferences
from bot.store import Store
from bot.store.records import Progress
from bot.views.admin import delivery_done, delivery_progress

log = logging.getLogger(__name__)


class ProgressReporter:
    def __init__(
        self,
        bot: Bot,
        store: Store,
        i18n: I18n,
        preferences: LanguagePreferences,
        *,
        admin_ids: Collection[int],
        interval: float = 5.0,
    ) -> None:
        self.bot = bot
        self.store = store
        self.i18n = i18n
        self.preferences = preferences
        self.admin_ids = sorted(admin_ids)
        self.interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self.report_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("progress report: unexpected error; trying again shortly")
            await asyncio.sleep(self.interval)

    async def report_once(self) -> None:
        """Start, edit or close each admin's message about the releases being delivered."""
        for progress in await self.store.outbox.progress(limit=5):
            for admin_id in self.admin_ids:
                await self._report(progress, admin_id)

    async def _report(self, progress: Progress, admin_id: int) -> None:
        known = await self.store.outbox.progress_message(progress.release_id, admin_id)
        if known is None:
            if not progress.pending:  # delivered before this bot looked: nothing to follow
                return
            if not await self.store.outbox.claim_progress_message(progress.release_id, admin_id):
                return  # another bot on this database sends it
            message_id = await self._send(admin_id, progress)
            await self.store.outbox.update_progress_message(
                progress.release_id, admin_id, message_id=message_id
            )
            return
        message_id, done = known
        if done or not message_id:
            return
        if await self._edit(admin_id, message_id, progress) and not progress.pending:
            await self.store.outbox.update_progress_message(progress.release_id, admin_id, done=True)

    async def _text(self, admin_id: int, progress: Progress) -> str:
        language = await self.preferences.get(admin_id) or self.i18n.default_locale
        with self.i18n.context(), self.i18n.use_locale(language):
            return delivery_progress(progress) if progress.pending else delivery_done(progress)

    async def _send(self, admin_id: int, progress: Progress) -> int:
        try:
            message = await self.bot.send_message(admin_id, await self._text(admin_id, progress))
        except TelegramAPIError as error:  # an admin who never started the bot, say
            log.warning("progress message to admin %s not sent: %s", admin_id, error)
            return 0
        return message.message_id

    async def _edit(self, admin_id: int, message_id: int, progress: Progress) -> bool:
        """Whether the message now shows ``progress`` (a failed edit is tried again next time)."""
        try:
            await self.bot.edit_message_text(
                await self._text(admin_id, progress), chat_id=admin_id, message_id=message_id
            )
        except TelegramBadRequest as error:
            return "not modified" in error.message  # nothing moved since the last look
        except TelegramAPIError as error:
            log.warning("progress message to admin %s not edited: %s", admin_id, error)
            return False
        return True
