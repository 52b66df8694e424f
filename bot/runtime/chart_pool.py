"""Charts are drawn in one worker process, started on the first chart, so the bot stays light.

matplotlib takes tens of megabytes and a second to import, and drawing a chart holds
the CPU for a fraction of a second: in the bot's process that would stall every other
user's answer. The worker is a ``spawn`` process (no copy of the bot's memory, the same
on every platform); the spec sent to it is plain data, already translated.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bot.domain.chart_files import ChartDrawingError

log = logging.getLogger(__name__)


def draw_png(spec: Any) -> bytes:
    """Runs in the worker. The drawing module is imported by name, here, so the bot process
    (which imports this module) never loads matplotlib: tests/unit/test_chart_layers.py checks."""
    drawing = importlib.import_module("bot.charts.draw")
    result: bytes = drawing.png(spec)
    return result


class ChartPool:
    """One lazily started drawing process; ``render`` awaits its PNG without blocking the loop.

    A :class:`~bot.domain.chart_files.Renderer`; raises ChartDrawingError when the worker
    dies mid-chart (killed, out of memory), and the next chart starts a new one.
    """

    def __init__(self, render: Callable[[Any], bytes] = draw_png) -> None:
        self._render = render  # a module-level function: it is sent to the worker by name
        self._executor: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    async def render(self, spec: Any) -> bytes:
        if self._executor is None:
            log.info("Starting the chart worker process")
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        executor = self._executor
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, self._render, spec)
        except BrokenProcessPool as error:
            if self._executor is executor:
                self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
            raise ChartDrawingError("the chart worker process stopped while drawing") from error

    def close(self) -> None:
        """Stops the worker (if it was ever started); a chart being drawn is abandoned."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
