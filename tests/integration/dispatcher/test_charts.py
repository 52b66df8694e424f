"""/chart and the 📈 buttons through the real dispatcher: photo, file_id re-send, text, no blocking."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery, SendChatAction, SendMessage, SendPhoto
from aiogram.types import BufferedInputFile

from bot.runtime.chart_pool import ChartPool
from bot.views.callbacks import Chart

from .conftest import OTHER_USER_ID, App, Updates, kinds
from .slow_drawing import GATE, gated_png

PNG = b"\x89PNG\r\n\x1a\nfake"


class CountingRenderer:
    """Draws nothing: counts the specs it is given; ``gate`` holds every drawing until set."""

    def __init__(self) -> None:
        self.specs: list[Any] = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def render(self, spec: Any) -> bytes:
        self.specs.append(spec)
        await self.gate.wait()
        return PNG

    def close(self) -> None:
        """Nothing to stop: no process was started."""


@pytest.fixture
def renderer(app: App) -> CountingRenderer:
    fake = CountingRenderer()
    app.dispatcher["chart_pool"] = fake
    return fake


def photos(requests: list[Any]) -> list[SendPhoto]:
    return [r for r in requests if isinstance(r, SendPhoto)]


async def test_chart_is_uploaded_once_then_sent_by_file_id(
    app: App, updates: Updates, renderer: CountingRenderer
) -> None:
    first = await app.feed(updates.private("/chart минздрав"))
    assert kinds(first) == ["SendChatAction", "SendPhoto"]
    assert isinstance(first[0], SendChatAction)
    assert first[0].action == "upload_photo"
    (upload,) = photos(first)
    assert isinstance(upload.photo, BufferedInputFile)
    assert upload.photo.data == PNG
    assert upload.caption is not None
    assert "Министерство здравоохранения" in upload.caption
    assert "2025: " in upload.caption
    assert "2024: " in upload.caption

    again = await app.feed(updates.private("/chart Минздрав", user_id=OTHER_USER_ID))
    (resent,) = photos(again)
    assert kinds(again) == ["SendPhoto"]  # no drawing, no upload
    assert isinstance(resent.photo, str)
    assert resent.photo.startswith("photo-")
    assert resent.caption == upload.caption
    assert len(renderer.specs) == 1

    kazakh = await app.feed(updates.private("/chart минздрав", user_id=OTHER_USER_ID, language_code="kk"))
    assert isinstance(photos(kazakh)[0].photo, BufferedInputFile)  # another language, another picture
    assert "Денсаулық сақтау министрлігі" in (photos(kazakh)[0].caption or "")
    assert len(renderer.specs) == 2


async def test_the_button_on_a_card_draws_the_history(
    app: App, updates: Updates, renderer: CountingRenderer
) -> None:
    card = await app.feed(updates.private("минздрав"))
    reply = card[-1]
    assert isinstance(reply, SendMessage)
    message = updates.bot_message(text=reply.text, reply_markup=reply.reply_markup)  # type: ignore[arg-type]
    pressed = await app.feed(updates.press(Chart(kind="history", subject="moh"), on=message))
    assert kinds(pressed) == ["AnswerCallbackQuery", "SendChatAction", "SendPhoto"]


async def test_year_chart_outlines_what_the_chat_follows_and_has_a_text_button(
    app: App, updates: Updates, renderer: CountingRenderer
) -> None:
    await app.feed(updates.private("/subscribe минздрав"))
    sent = await app.feed(updates.private("/chart 2025"))
    (photo,) = photos(sent)
    spec = renderer.specs[-1]
    assert [bar.label for bar in spec.bars if bar.highlighted] == ["20*. Минздрав"]
    assert photo.reply_markup is not None
    as_text = photo.reply_markup.inline_keyboard[0][0]
    assert Chart.unpack(as_text.callback_data or "") == Chart(kind="year", year=0, text=True) or Chart.unpack(
        as_text.callback_data or ""
    ) == Chart(kind="year", year=2025, text=True)
    message = updates.bot_message()
    text = await app.feed(updates.press(Chart.unpack(as_text.callback_data or ""), on=message))
    assert kinds(text) == ["AnswerCallbackQuery", "SendMessage"]
    body = text[1].text  # type: ignore[attr-defined]
    assert body.count("\n") > 32
    assert "<b>Минздрав</b>" in body


async def test_a_stale_chart_button_gets_an_alert_and_nothing_else(
    app: App, updates: Updates, renderer: CountingRenderer
) -> None:
    pressed = await app.feed(updates.press("cht:compare:moh+nope:0:0", on=updates.bot_message()))
    assert kinds(pressed) == ["AnswerCallbackQuery"]
    assert isinstance(pressed[0], AnswerCallbackQuery)
    assert pressed[0].show_alert
    assert renderer.specs == []


async def test_two_users_asking_for_one_new_chart_at_once_draw_it_once(
    app: App, updates: Updates, renderer: CountingRenderer
) -> None:
    renderer.gate.clear()
    first = asyncio.create_task(app.dispatcher.feed_update(app.bot, updates.private("/chart")))
    second = asyncio.create_task(
        app.dispatcher.feed_update(app.bot, updates.private("/chart", user_id=OTHER_USER_ID))
    )
    for _ in range(1000):  # until the first is drawing
        if renderer.specs:
            break
        await asyncio.sleep(0.001)
    renderer.gate.set()
    await asyncio.gather(first, second)
    sent = app.session.of_type(SendPhoto)
    assert len(renderer.specs) == 1
    assert [isinstance(p.photo, str) for p in sent] == [False, True]


async def test_other_users_are_answered_while_a_chart_is_drawn(
    app: App, updates: Updates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real worker process, held until the test lets it finish."""
    gate = tmp_path / "go"
    monkeypatch.setenv(GATE, str(gate))
    pool = ChartPool(gated_png)
    app.dispatcher["chart_pool"] = pool
    try:
        chart = asyncio.create_task(app.feed(updates.private("/chart минздрав")))
        for _ in range(3000):  # bounded: until the handler waits for the worker
            if app.session.of_type(SendChatAction):
                break
            await asyncio.sleep(0.01)
        assert app.session.of_type(SendChatAction)
        assert pool.started
        answered = await app.feed(updates.private("МЧС", user_id=OTHER_USER_ID))
        assert kinds(answered) == ["SendMessage"]
        assert not chart.done()  # the other user got the card while the chart is still drawn
        gate.touch()
        sent = await asyncio.wait_for(chart, 60)
        (photo,) = photos(sent)
        assert isinstance(photo.photo, BufferedInputFile)
        assert photo.photo.data.endswith(b"slow")
    finally:
        gate.touch()
        pool.close()
