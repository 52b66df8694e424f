"""Helpers for conversation tests: the running bot of a test module, and one user's chat.

A test module starts one bot process (``python -m bot``, unchanged) against its own
:class:`FakeTelegram` and a private copy of the database loaded by the import script, and
every test talks to it as a different user, so tests never see each other's messages.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .fake_telegram import Call, FakeTelegram, html_to_text
from .harness import BotProcess, copy_rating_db

__all__ = ["UserChat", "message_id", "plain", "running_bot"]


@contextlib.asynccontextmanager
async def running_bot(tmp_path: Path, template: Path | None, **kwargs: Any) -> AsyncIterator[BotProcess]:
    """A fake Telegram and the bot polling it; ``template``: the database to copy (None:
    the bot starts without one). Stops both, even when the test fails."""
    database = copy_rating_db(template, tmp_path) if template is not None else tmp_path / "bot.sqlite3"
    async with FakeTelegram() as fake:
        bot = BotProcess(fake, tmp_path, database_path=database, **kwargs)
        try:
            await bot.start()
            yield bot
        finally:
            await bot.stop()


def plain(call: Call) -> str:
    """The text of a sendMessage/editMessageText call as the user sees it (tags removed,
    entities decoded); checks the HTML the way Telegram does."""
    return html_to_text(call.text or "")


def message_id(call: Call) -> int:
    """The id of the message a sendMessage call created: what a button press or an edit
    of that message refers to."""
    assert isinstance(call.result, dict), f"the call has no message: {call!r}"
    return int(call.result["message_id"])


@dataclass
class UserChat:
    """One user talking to the bot, privately by default (``chat_id`` < 0: a group)."""

    bot: BotProcess
    user_id: int
    language_code: str | None = "ru"
    chat_id: int | None = None
    chat_type: str = "private"

    @property
    def fake(self) -> FakeTelegram:
        return self.bot.fake

    @property
    def chat(self) -> int:
        return self.user_id if self.chat_id is None else self.chat_id

    def push(self, text: str) -> None:
        """Queue a text message from this user without waiting for an answer."""
        self.fake.push_message(
            self.user_id,
            text,
            language_code=self.language_code,
            chat_id=self.chat_id,
            chat_type=self.chat_type,
        )

    async def send(self, text: str) -> Call:
        """Send ``text`` and return the bot's one sendMessage answer to this chat."""
        since = self.fake.mark()
        self.push(text)
        [reply] = await self.bot.wait_for("sendMessage", chat_id=self.chat, since=since)
        return reply

    async def expect_silence(self, seconds: float = 0.6) -> list[Call]:
        """Wait until the bot has fetched what was pushed and then stayed quiet for
        ``seconds``; return the calls it made to this chat meanwhile ([]: ignored)."""
        since = self.fake.mark()
        for _ in range(200):
            if not self.fake.pending_updates:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"the bot never fetched the updates\n{self.fake.report()}")
        await self.fake.wait_idle(seconds)
        return [c for c in self.fake.calls(include_failed=True, since=since) if c.chat_id == self.chat]

    async def press(
        self, data: str, message_id: int, *, expect: str | None = None
    ) -> tuple[Call, Call | None]:
        """Press a button with callback ``data`` on the bot's message ``message_id``.

        Returns the answerCallbackQuery call for this press (failed ones included) and,
        when ``expect`` names a method ("editMessageText", "sendMessage"), the bot's
        first such call to this chat after the press.
        """
        since = self.fake.mark()
        update = self.fake.push_callback(
            self.user_id,
            data,
            message_id=message_id,
            chat_id=self.chat_id,
            language_code=self.language_code,
        )
        query_id = update["callback_query"]["id"]
        [answer] = await self.bot.wait_for(
            "answerCallbackQuery",
            predicate=lambda call: call.params.get("callback_query_id") == query_id,
            since=since,
            include_failed=True,
        )
        if expect is None:
            return answer, None
        [result] = await self.bot.wait_for(expect, chat_id=self.chat, since=since)
        return answer, result

    async def click(
        self, label: str, message_id: int, *, expect: str | None = None
    ) -> tuple[Call, Call | None]:
        """Press the button labelled ``label`` (exactly, else containing it) on a message."""
        message = self.fake.message(self.chat, message_id)
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        chosen = [b for b in buttons if b["text"] == label] or [b for b in buttons if label in b["text"]]
        assert chosen, f"no button {label!r}; buttons: {[b['text'] for b in buttons]}"
        return await self.press(chosen[0]["callback_data"], message_id, expect=expect)
