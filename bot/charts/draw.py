"""A spec in, a matplotlib Figure or a PNG out: the one entry point of the drawing package."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager

import matplotlib as mpl
from matplotlib.figure import Figure

from bot.charts import bars, compare, history
from bot.views.charts.spec import BarsSpec, ChartSpec, CompareSpec, HistorySpec


def settings() -> AbstractContextManager[None]:
    """Names and sources are outside text: a "$" in one must not start TeX-like math."""
    return mpl.rc_context({"text.parse_math": False, "font.family": "DejaVu Sans", "hatch.linewidth": 0.8})


def figure(spec: ChartSpec) -> Figure:
    """The chart as a Figure: what tests read (texts, bar values) and :func:`png` writes."""
    with settings():
        if isinstance(spec, HistorySpec):
            return history.figure(spec)
        if isinstance(spec, BarsSpec):
            return bars.figure(spec)
        if isinstance(spec, CompareSpec):
            return compare.figure(spec)
    raise TypeError(f"no chart for {type(spec).__name__}")


def png(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes, to upload to Telegram."""
    chart = figure(spec)
    buffer = io.BytesIO()
    with settings():
        chart.savefig(buffer, format="png", dpi=chart.dpi, facecolor="white")
    return buffer.getvalue()
