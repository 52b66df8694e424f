"""The chart worker process and the file_id memory."""

from __future__ import annotations

import asyncio
import os

import pytest

from bot.domain.chart_files import ChartDrawingError, ChartFiles
from bot.runtime.chart_pool import ChartPool
from bot.views.charts.spec import Frame, HistoryPoint, HistorySpec, Legend


def drawer_pid(spec: object) -> bytes:
    """Runs in the worker: which process drew."""
    return str(os.getpid()).encode()


def die(spec: object) -> bytes:
    os._exit(3)


SPEC = HistorySpec(
    Frame("Қазақстан: әғқңөұүһі", "", "2025 — Source: test"),
    Legend("published", "illustrative (*)"),
    (HistoryPoint(2025, 4.5, 90.0, "4,50", "90,0%", False, False, "1-орын"),),
    "Балл",
    "Қанағаттанғандар, %",
)


async def test_the_pool_starts_on_the_first_chart_and_draws_in_another_process() -> None:
    pool = ChartPool()
    assert not pool.started  # nothing asked for: no process, no matplotlib
    try:
        data = await pool.render(SPEC)
        assert pool.started
        assert data.startswith(b"\x89PNG")
    finally:
        pool.close()
    assert not pool.started


async def test_drawing_happens_outside_the_bot_process() -> None:
    pool = ChartPool(drawer_pid)
    try:
        assert int(await pool.render(SPEC)) != os.getpid()
    finally:
        pool.close()


async def test_a_worker_that_dies_is_replaced_on_the_next_chart() -> None:
    pool = ChartPool(die)
    try:
        with pytest.raises(ChartDrawingError):
            await pool.render(SPEC)
        assert not pool.started
        pool._render = drawer_pid  # the next chart starts a new worker
        assert int(await pool.render(SPEC)) != os.getpid()
    finally:
        pool.close()


def test_file_ids_are_remembered_and_bounded() -> None:
    files = ChartFiles(size=2)
    files.remember("a", "A")
    files.remember("b", "B")
    assert files.file_id("a") == "A"  # now the most recent
    files.remember("c", "C")
    assert (files.file_id("a"), files.file_id("b"), files.file_id("c")) == ("A", None, "C")
    assert len(files) == 2


async def test_two_askers_of_one_new_chart_draw_it_once() -> None:
    files = ChartFiles()
    drawn: list[str] = []
    gate = asyncio.Event()

    async def ask(key: str) -> str:
        async with files.drawing(key):
            found = files.file_id(key)
            if found is None:
                await gate.wait()
                drawn.append(key)
                files.remember(key, f"id-{key}")
                found = f"id-{key}"
        return found

    first, second = asyncio.create_task(ask("k")), asyncio.create_task(ask("k"))
    await asyncio.sleep(0)
    gate.set()
    assert await asyncio.gather(first, second) == ["id-k", "id-k"]
    assert drawn == ["k"]
    assert files._locks == {}  # nothing kept once no one waits
