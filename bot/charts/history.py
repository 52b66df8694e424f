"""A body's history: score above, satisfaction below, one point a year, its place annotated."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from bot.charts.style import BLUE, GREEN, GREY, INK, MUTED, Page, decimal_ticks, plain_axes
from bot.views.charts.spec import HistoryPoint, HistorySpec

PANEL_HEIGHT = 2.3  # inches
RANK_WIDTH = 24  # characters of a place's label on a line


def segment_style(
    left: HistoryPoint, right: HistoryPoint, illustrative: Callable[[HistoryPoint], bool]
) -> str:
    """Dotted across years with no rating, dashed to or from an illustrative value, else solid."""
    if right.year - left.year > 1:
        return ":"
    if illustrative(left) or illustrative(right):
        return "--"
    return "-"


def panel(
    axes: Axes,
    points: Sequence[HistoryPoint],
    *,
    value: Callable[[HistoryPoint], float],
    label: Callable[[HistoryPoint], str],
    illustrative: Callable[[HistoryPoint], bool],
    colour: str,
    places: int,
    separator: str,
    ceiling: float,
) -> None:
    """One figure's line: a segment per pair of years, a marker (hollow when illustrative) and its value."""
    for x, (left, right) in enumerate(itertools.pairwise(points)):
        style = segment_style(left, right, illustrative)
        axes.plot(
            [x, x + 1],
            [value(left), value(right)],
            linestyle=style,
            color=GREY if style == ":" else colour,
            linewidth=2,
            zorder=2,
        )
    for x, point in enumerate(points):
        hollow = illustrative(point)
        axes.plot(
            [x],
            [value(point)],
            marker="o",
            markersize=9,
            linestyle="none",
            zorder=3,
            markerfacecolor="white" if hollow else colour,
            markeredgecolor=colour,
            markeredgewidth=2,
            gid="illustrative" if hollow else "published",
        )
        axes.annotate(
            label(point),
            (x, value(point)),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=10,
            fontweight="bold",
            color=INK,
        )
    values = [value(p) for p in points]
    low, high = min(values), max(values)
    span = max(high - low, 0.2 if places else 2.0)
    axes.set_ylim(low - 0.45 * span, high + 0.75 * span)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    axes.set_yticks([t for t in axes.get_yticks() if t <= ceiling])  # no 5.10 on a scale of 5
    axes.yaxis.set_major_formatter(decimal_ticks(separator, places))
    axes.grid(axis="y", color="#e8eaed", linewidth=0.8)
    plain_axes(axes)


def figure(spec: HistorySpec) -> Figure:
    page = Page(spec.frame, 2 * PANEL_HEIGHT + 0.4)
    score, satisfaction = page.figure.subplots(2, 1, sharex=True)
    points = spec.points
    separator = spec.frame.decimal
    panel(
        score,
        points,
        value=lambda p: p.score,
        label=lambda p: p.score_label,
        illustrative=lambda p: p.score_illustrative,
        colour=BLUE,
        places=2,
        separator=separator,
        ceiling=5.0,  # no 5.10 on a scale of 5
    )
    panel(
        satisfaction,
        points,
        value=lambda p: p.satisfaction,
        label=lambda p: p.satisfaction_label,
        illustrative=lambda p: p.satisfaction_illustrative,
        colour=GREEN,
        places=0,
        separator=separator,
        ceiling=100.0,
    )
    for x, point in enumerate(points):  # the place in that year's list, under the score's value
        score.annotate(
            "\n".join(textwrap.wrap(point.rank_label, RANK_WIDTH)),
            (x, point.score),
            xytext=(0, -12),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            color=MUTED,
            gid="rank",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
    score.set_ylabel(spec.score_axis, fontsize=9, color=INK)
    satisfaction.set_ylabel(spec.satisfaction_axis, fontsize=9, color=INK)
    # Evenly spaced, a year apart or ten: a dotted segment says where years are missing.
    satisfaction.set_xticks(
        range(len(points)), [f"{p.year}\n{p.era_label}" if p.era_label else str(p.year) for p in points]
    )
    satisfaction.set_xlim(-0.6, len(points) - 0.4)
    handles: list[Artist] = [
        Line2D([], [], color=INK, linestyle="-", marker="o", markerfacecolor=INK, markersize=7),
        Line2D([], [], color=INK, linestyle="--", marker="o", markerfacecolor="white", markersize=7),
    ]
    labels = [spec.legend.published, spec.legend.illustrative]
    if spec.legend.gap:
        handles.append(Line2D([], [], color=GREY, linestyle=":", linewidth=2))
        labels.append(spec.legend.gap)
    return page.finish(handles, labels)
