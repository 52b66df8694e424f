"""A body's history chart as inline SVG: the bot's history chart, drawn for the page.

It draws the very ``HistorySpec`` the bot's matplotlib chart draws (bot/views/charts/history.py),
so the two show the same points, labels, places and predecessor names, with the same rules:
a dotted line across missing years, dashed to or from an illustrative value, a hollow marker
for an illustrative value. Drawn on the server as markup, it shows with JavaScript off, takes
its colours from the page's CSS variables (Telegram's light and dark themes) and costs a few
kilobytes, where matplotlib's SVG is tens of kilobytes in fixed colours and needs the chart
worker process, which the page server (``python -m bot web``) does not start.
"""

from __future__ import annotations

import html
import itertools
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.views.charts.spec import HistoryPoint, HistorySpec

WIDTH = 640
LEFT = 52  # room for the value axis' ticks
RIGHT = 12
PANEL = 170  # each panel's height
GAP = 34  # between the panels: the score panel's places hang into it
LINE = 14  # a text line
RANK_WIDTH = 24  # characters of a place's label on a line, as in the bot's chart
CHAR_WIDTH = 8.0  # a wide character at 12 px: labels are wrapped to their year's column
MIN_WRAP = 10
TICKS = 5

STYLE = (
    ".grid{stroke:var(--line);stroke-width:1}.ink{fill:var(--fg)}.muted{fill:var(--muted)}"
    ".score{stroke:var(--score,#1a73e8)}.sat{stroke:var(--sat,#188038)}"
    ".gap{stroke:var(--muted)}path,line{fill:none;stroke-width:2}"
    "circle{stroke-width:2}.hollow{fill:var(--bg)}.score.full{fill:var(--score,#1a73e8)}"
    ".sat.full{fill:var(--sat,#188038)}text{font:12px system-ui,sans-serif}.value{font-weight:bold}"
)


@dataclass(frozen=True, slots=True)
class Measure:
    """One panel's figure: how to read it off a point, and its axis."""

    css: str
    value: Callable[[HistoryPoint], float]
    label: Callable[[HistoryPoint], str]
    illustrative: Callable[[HistoryPoint], bool]
    places: int  # decimals of the axis' ticks
    ceiling: float  # no tick above the scale's top (5.0, 100.0)
    axis: str


def svg(spec: HistorySpec, chart_id: str = "history-chart") -> str:
    """The chart as an ``<svg>`` element; its title and axis names come from ``spec``."""
    points = spec.points
    separator = spec.frame.decimal
    score = Measure(
        "score",
        lambda p: p.score,
        lambda p: p.score_label,
        lambda p: p.score_illustrative,
        2,
        5.0,
        spec.score_axis,
    )
    satisfaction = Measure(
        "sat",
        lambda p: p.satisfaction,
        lambda p: p.satisfaction_label,
        lambda p: p.satisfaction_illustrative,
        0,
        100.0,
        spec.satisfaction_axis,
    )
    step = (WIDTH - LEFT - RIGHT) / len(points)
    xs = [LEFT + (i + 0.5) * step for i in range(len(points))]
    parts = [_panel(score, points, xs, LINE, separator)]
    width = max(MIN_WRAP, min(RANK_WIDTH, int(step / CHAR_WIDTH)))  # a year's column, in characters
    score_y = _scale(score, points, LINE)
    for x, point in zip(xs, points, strict=True):  # the place that year, under the score
        y = score_y(point.score) + 2 * LINE
        parts.append(_text(textwrap.wrap(point.rank_label, width), x, y, "muted"))
    top = LINE + PANEL + GAP
    parts.append(_panel(satisfaction, points, xs, top, separator))
    bottom = top + PANEL + LINE
    eras = 0
    for x, point in zip(xs, points, strict=True):
        era = textwrap.wrap(" ".join(point.era_label.split()), max(MIN_WRAP, int(step / CHAR_WIDTH)))
        eras = max(eras, len(era))
        parts.append(_text([str(point.year)], x, bottom, "ink"))
        if era:
            parts.append(_text(era, x, bottom + LINE, "muted"))
    legend, below = _legend(spec, bottom + (eras + 1.5) * LINE)
    parts.append(legend)
    height = math.ceil(below)
    title = html.escape(spec.frame.title)
    return (
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{title}</title><style>{STYLE}</style>' + "".join(parts) + "</svg>"
    )


def _scale(measure: Measure, points: Sequence[HistoryPoint], top: float) -> Callable[[float], float]:
    """Value to y within a panel starting at ``top``: the bot's chart's margins around the data."""
    low, high = _limits(measure, points)
    return lambda value: top + PANEL * (high - value) / (high - low)


def _limits(measure: Measure, points: Sequence[HistoryPoint]) -> tuple[float, float]:
    values = [measure.value(p) for p in points]
    span = max(max(values) - min(values), 0.2 if measure.places else 2.0)
    return min(values) - 0.45 * span, max(values) + 0.75 * span


def ticks(low: float, high: float, ceiling: float) -> list[float]:
    """Round values between ``low`` and ``high`` (steps of 1, 2 or 5 times a power of ten)."""
    raw = (high - low) / TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step)
    found = [round(n * step, 10) for n in range(first, math.floor(high / step) + 1)]
    return [t for t in found if t <= ceiling]


def _panel(
    measure: Measure, points: Sequence[HistoryPoint], xs: Sequence[float], top: float, sep: str
) -> str:
    y = _scale(measure, points, top)
    low, high = _limits(measure, points)
    parts = []
    for tick in ticks(low, high, measure.ceiling):
        ty = y(tick)
        label = f"{tick:.{measure.places}f}".replace(".", sep)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="muted" x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">{label}</text>')
    axis_x, axis_y = 12, top + PANEL / 2
    parts.append(
        f'<text class="ink" transform="translate({axis_x} {axis_y:.1f}) rotate(-90)" '
        f'text-anchor="middle">{html.escape(measure.axis)}</text>'
    )
    for (x1, left), (x2, right) in itertools.pairwise(zip(xs, points, strict=True)):
        style = _segment(left, right, measure.illustrative)
        css = "gap" if style == "gap" else measure.css
        dash = {"gap": ' stroke-dasharray="2 4"', "dashed": ' stroke-dasharray="7 4"'}.get(style, "")
        parts.append(
            f'<line class="{css}" x1="{x1:.1f}" y1="{y(measure.value(left)):.1f}" '
            f'x2="{x2:.1f}" y2="{y(measure.value(right)):.1f}"{dash}/>'
        )
    for x, point in zip(xs, points, strict=True):
        py = y(measure.value(point))
        fill = "hollow" if measure.illustrative(point) else "full"
        parts.append(f'<circle class="{measure.css} {fill}" cx="{x:.1f}" cy="{py:.1f}" r="5"/>')
        parts.append(_text([measure.label(point)], x, py - 10, "ink value"))
    return "".join(parts)


def _segment(left: HistoryPoint, right: HistoryPoint, illustrative: Callable[[HistoryPoint], bool]) -> str:
    """As the bot's chart: a gap across years with no rating, dashed to or from an illustrative value."""
    if right.year - left.year > 1:
        return "gap"
    if illustrative(left) or illustrative(right):
        return "dashed"
    return "solid"


def _text(lines: Sequence[str], x: float, y: float, css: str) -> str:
    """Centred lines of text, the first on ``y``."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else LINE}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="middle">{spans}</text>'


def _legend(spec: HistorySpec, y: float) -> tuple[str, float]:
    """The ways values are drawn, in the bot chart's words, a line each; and the y below them."""
    legend = spec.legend
    marks: list[Callable[[str], str]] = [
        lambda cy: f'<circle class="score full" cx="{LEFT + 6}" cy="{cy}" r="5"/>',
        lambda cy: f'<circle class="score hollow" cx="{LEFT + 6}" cy="{cy}" r="5"/>',
        lambda cy: (
            f'<line class="gap" x1="{LEFT - 4}" x2="{LEFT + 16}" y1="{cy}" y2="{cy}" stroke-dasharray="2 4"/>'
        ),
    ]
    words = [legend.published, legend.illustrative, legend.gap]
    parts = []
    for symbol, text in zip(marks, words, strict=True):
        if not text:
            continue
        parts.append(symbol(f"{y - 4:.1f}"))
        parts.append(f'<text class="muted" x="{LEFT + 20}" y="{y:.1f}">{html.escape(text)}</text>')
        y += LINE + 4
    return "".join(parts), y
