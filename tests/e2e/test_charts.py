"""End to end: /chart against the fake Bot API, the real bot process and its chart worker.

What only a process shows: the picture is uploaded as a multipart file by the bot's own
session, a real PNG drawn in the worker process; the second ask re-sends Telegram's
file_id; the "As text" button answers with every figure.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, message_id, running_bot
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("charts"), rating_db_template) as process:
        yield process


async def test_a_chart_is_uploaded_once_then_resent_by_file_id(bot: BotProcess) -> None:
    chat = UserChat(bot, 4001, language_code="kk")
    since = bot.fake.mark()
    chat.push("/chart минздрав")
    [upload] = await bot.wait_for("sendPhoto", chat_id=chat.chat, since=since, timeout=60)
    [photo_file] = upload.files.values()  # aiogram names the part, "photo" says attach:// it
    assert photo_file.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(photo_file.data) > 10_000
    assert "Денсаулық сақтау министрлігі" in (upload.params.get("caption") or "")
    assert bot.fake.calls("sendChatAction", chat_id=chat.chat, since=since)
    file_id = upload.result["photo"][-1]["file_id"]

    other = UserChat(bot, 4002, language_code="kk")
    since = bot.fake.mark()
    other.push("/chart Минздрав")
    [resent] = await bot.wait_for("sendPhoto", chat_id=other.chat, since=since, timeout=30)
    assert not resent.files
    assert resent.params["photo"] == file_id


async def test_the_list_chart_has_its_figures_as_text(bot: BotProcess) -> None:
    chat = UserChat(bot, 4003, language_code="en")
    since = bot.fake.mark()
    chat.push("/chart")
    [photo] = await bot.wait_for("sendPhoto", chat_id=chat.chat, since=since, timeout=60)
    buttons = [b for row in photo.params["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["🔤 As text"]
    _, text = await chat.press(buttons[0]["callback_data"], message_id(photo), expect="sendMessage")
    assert text is not None
    assert (text.text or "").count("\n") > 32
