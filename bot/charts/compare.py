"""2-3 bodies side by side: grouped bars, a group per body and a bar per year, score and satisfaction."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from bot.charts.style import (
    BLUE,
    GREY,
    ILLUSTRATIVE_HATCH,
    INK,
    LIGHT_BLUE,
    MUTED,
    Page,
    decimal_ticks,
    plain_axes,
)
from bot.views.charts.spec import CompareSpec, CompareValue

PLOT_HEIGHT = 3.6  # inches
NAME_WIDTH = 16  # characters of a body's name on a line under its group
#: The older year light, the latest dark.
YEAR_COLOURS = (LIGHT_BLUE, BLUE)


def bars(axes: Axes, spec: CompareSpec, values: Sequence[Sequence[CompareValue]], places: int) -> None:
    years = len(spec.years)
    width = 0.8 / max(years, 1)
    known = [v.value for row in values for v in row if v.value is not None] or [0.0]
    low = math.floor(min(known) * (10 if places else 0.1) - 1) / (10 if places else 0.1)
    high = max(known)
    top = high + (high - low) * 0.22
    for group, row in enumerate(values):
        for index, value in enumerate(row):
            x = group + (index - (years - 1) / 2) * width
            colour = YEAR_COLOURS[-years:][index] if years <= 2 else BLUE
            if value.value is None:
                axes.text(
                    x,
                    low + (high - low) * 0.05,
                    value.label,
                    rotation=90,
                    ha="center",
                    va="bottom",
                    fontsize=8.5,
                    color=MUTED,
                    gid="not-rated",
                )
                continue
            axes.bar(
                x,
                value.value - low,
                bottom=low,
                width=width * 0.92,
                color="white" if value.illustrative else colour,
                edgecolor=colour,
                hatch=ILLUSTRATIVE_HATCH if value.illustrative else None,
                linewidth=1.2,
                gid=f"{spec.years[index]}",
            )
            axes.annotate(
                value.label,
                (x, value.value),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5,
                color=INK,
            )
    axes.set_ylim(low, top)
    axes.yaxis.set_major_formatter(decimal_ticks(spec.frame.decimal, places))
    axes.set_xticks(
        range(len(spec.bodies)), ["\n".join(textwrap.wrap(b.name, NAME_WIDTH)) for b in spec.bodies]
    )
    axes.grid(axis="y", color="#e8eaed", linewidth=0.8)
    axes.set_axisbelow(True)
    plain_axes(axes)


def figure(spec: CompareSpec) -> Figure:
    page = Page(spec.frame, PLOT_HEIGHT)
    score, satisfaction = page.figure.subplots(1, 2)
    bars(score, spec, [b.scores for b in spec.bodies], 1)
    bars(satisfaction, spec, [b.satisfactions for b in spec.bodies], 0)
    score.set_title(spec.score_axis, fontsize=10, color=INK)
    satisfaction.set_title(spec.satisfaction_axis, fontsize=10, color=INK)
    colours = YEAR_COLOURS[-len(spec.years) :]
    handles: list[Artist] = [Patch(facecolor=c, edgecolor=c) for c in colours]
    labels = [str(year) for year in spec.years]
    illustrative = any(v.illustrative for b in spec.bodies for v in (*b.scores, *b.satisfactions))
    if illustrative:
        handles.append(Patch(facecolor="white", edgecolor=GREY, hatch=ILLUSTRATIVE_HATCH))
        labels.append(spec.legend.illustrative)
    return page.finish(handles, labels)
