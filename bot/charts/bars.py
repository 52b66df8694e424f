"""Sorted horizontal bars: a year's whole list, or the biggest risers and fallers."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.charts.style import (
    AMBER,
    GREEN,
    GREY,
    ILLUSTRATIVE_HATCH,
    INK,
    RED,
    Page,
    decimal_ticks,
    plain_axes,
)
from bot.views.charts.spec import BarsSpec

ROW = 0.3  # inches a bar: 32 bars stay readable on a phone
#: The colour of each group: the bands of a year's list, or risers and fallers.
LIST_COLOURS = (GREEN, AMBER)
CHANGE_COLOURS = (GREEN, RED)


def value_range(spec: BarsSpec) -> tuple[float, float]:
    """Where the axis starts and ends: room for each bar's value written beyond its end."""
    values = [bar.value for bar in spec.bars] or [0.0]
    if spec.diverging:
        reach = max(*(abs(v) for v in values), 0.5)
        return -reach * 1.45, reach * 1.45
    # A list's scores are all between 4 and 5: starting at 0 would show 32 equal bars.
    low = math.floor((min(values) - 0.1) * 10) / 10
    high = max(values)
    return low, high + (high - low) * 0.16


def figure(spec: BarsSpec) -> Figure:
    rows = len(spec.bars)
    page = Page(spec.frame, ROW * max(rows, 3) + 0.5)
    axes = page.figure.subplots()
    colours = CHANGE_COLOURS if spec.diverging else LIST_COLOURS
    low, high = value_range(spec)
    base = 0.0 if spec.diverging else low
    positions = list(range(rows))
    for position, bar in zip(positions, spec.bars, strict=True):
        colour = colours[bar.group % len(colours)]
        axes.barh(
            position,
            bar.value - base,
            left=base,
            height=0.72,
            color="white" if bar.illustrative else colour,
            hatch=ILLUSTRATIVE_HATCH if bar.illustrative else None,
            edgecolor=INK if bar.highlighted else colour,
            hatchcolor=colour,
            linewidth=2.2 if bar.highlighted else 1.0,
            gid=bar.label,
        )
        outward = bar.value >= 0 or not spec.diverging
        axes.annotate(
            bar.value_label,
            (bar.value, position),
            xytext=(4 if outward else -4, 0),
            textcoords="offset points",
            ha="left" if outward else "right",
            va="center",
            fontsize=8.5,
            color=INK,
            fontweight="bold" if bar.highlighted else "normal",
        )
    axes.set_yticks(positions, [bar.label for bar in spec.bars])
    for tick, bar in zip(axes.get_yticklabels(), spec.bars, strict=True):
        if bar.highlighted:
            tick.set_fontweight("bold")
    axes.set_ylim(rows - 0.4, -0.6)  # the first bar on top
    axes.set_xlim(low, high)
    axes.xaxis.set_major_formatter(decimal_ticks(spec.frame.decimal, 0 if high - low > 6 else 1))
    axes.set_xlabel(spec.axis, fontsize=9, color=INK)
    axes.grid(axis="x", color="#e8eaed", linewidth=0.8)
    axes.set_axisbelow(True)
    if spec.diverging:
        axes.axvline(0, color=INK, linewidth=1)
    if spec.threshold is not None and low < spec.threshold < high:
        axes.axvline(spec.threshold, color=GREY, linewidth=1, linestyle="--")
    plain_axes(axes)
    axes.tick_params(axis="y", length=0)
    handles: list[Artist] = [
        Patch(facecolor=colours[i], edgecolor=colours[i]) for i in range(len(spec.groups))
    ]
    labels = list(spec.groups)
    if any(bar.illustrative for bar in spec.bars):
        handles.append(Patch(facecolor="white", edgecolor=GREY, hatch=ILLUSTRATIVE_HATCH))
        labels.append(spec.legend.illustrative)
    if spec.highlight:
        handles.append(Patch(facecolor="white", edgecolor=INK, linewidth=2.2))
        labels.append(spec.highlight)
    return page.finish(handles, labels)
