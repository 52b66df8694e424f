"""What every chart shares: the colours, the page (title above, legend and source below)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from bot.views.charts.spec import Frame, Legend

#: DejaVu Sans ships with matplotlib and has every Kazakh letter (ә ғ қ ң ө ұ ү һ і).
FONT = "DejaVu Sans"
WIDTH = 9.0  # inches: a phone shows the picture across its width
DPI = 110
GREEN = "#2e7d32"
AMBER = "#ef8f00"
RED = "#c62828"
BLUE = "#1565c0"
GREY = "#8a8f98"
LIGHT_BLUE = "#90b4e0"
INK = "#202124"
MUTED = "#5f6368"
ILLUSTRATIVE_HATCH = "////"

# Inches taken by a line of each kind of text, and the characters that fit across WIDTH.
TITLE_LINE, TITLE_CHARS = 0.3, 72
SUBTITLE_LINE, SUBTITLE_CHARS = 0.22, 105
SMALL_LINE, SMALL_CHARS = 0.19, 125
LEGEND_ROW = 0.34
MARGIN = 0.15


def wrap(text: str, width: int) -> list[str]:
    """Lines of ``text`` (its own line breaks kept), none wider than ``width`` characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, width, break_long_words=True) or [""]
    return [line for line in lines if line] or []


#: A legend entry's width in inches: its marker and gaps, and one character of 9-point text.
LEGEND_ENTRY = 0.6
LEGEND_CHAR = 0.075


class Page:
    """A figure with room above the plot for the title and below it for legend and source.

    The plot's height is what the chart needs (a bar per row); the page adds the rest, so
    a 32-row list and a 3-year history are laid out by the same rules.
    """

    def __init__(self, frame: Frame, plot_height: float, legend_rows: int = 1) -> None:
        self.frame = frame
        self.title = wrap(frame.title, TITLE_CHARS)
        self.subtitle = wrap(frame.subtitle, SUBTITLE_CHARS)
        self.small = wrap(frame.footnote, SMALL_CHARS) + wrap(frame.source, SMALL_CHARS)
        self.top = MARGIN + TITLE_LINE * len(self.title) + SUBTITLE_LINE * len(self.subtitle) + MARGIN
        self.legend_rows = legend_rows
        self.bottom = MARGIN + SMALL_LINE * len(self.small) + LEGEND_ROW * legend_rows + MARGIN
        self.height = self.top + plot_height + self.bottom
        self.figure = Figure(figsize=(WIDTH, self.height), dpi=DPI, facecolor="white")
        FigureCanvasAgg(self.figure)

    def _make_room_for_legend(self, rows: int) -> None:
        """Grow the page when its legend needs more rows than it was laid out for."""
        if rows > self.legend_rows:
            extra = LEGEND_ROW * (rows - self.legend_rows)
            self.legend_rows = rows
            self.bottom += extra
            self.height += extra
            self.figure.set_size_inches(WIDTH, self.height)

    def frac(self, inches_from_bottom: float) -> float:
        return inches_from_bottom / self.height

    def finish(self, handles: Sequence[Artist], labels: Sequence[str]) -> Figure:
        """Title, legend, footnote and source in their places; the plots fitted between."""
        figure = self.figure
        y = self.height - MARGIN
        figure.text(
            0.015,
            self.frac(y),
            "\n".join(self.title),
            ha="left",
            va="top",
            fontsize=14,
            fontweight="bold",
            color=INK,
            linespacing=1.15,
            gid="title",
        )
        y -= TITLE_LINE * len(self.title)
        if self.subtitle:
            figure.text(
                0.015,
                self.frac(y),
                "\n".join(self.subtitle),
                ha="left",
                va="top",
                fontsize=10,
                color=MUTED,
                gid="subtitle",
            )
        if handles:
            columns = legend_columns(labels)
            self._make_room_for_legend(-(-len(handles) // columns))
            figure.legend(
                handles,
                labels,
                loc="upper left",
                ncols=columns,
                frameon=False,
                fontsize=9,
                bbox_to_anchor=(0.005, self.frac(self.bottom - MARGIN / 2)),
                handlelength=2.2,
            )
        if self.small:
            figure.text(
                0.015,
                self.frac(MARGIN),
                "\n".join(self.small),
                ha="left",
                va="bottom",
                fontsize=8,
                color=MUTED,
                linespacing=1.35,
                gid="source",
            )
        figure.tight_layout(rect=(0.0, self.frac(self.bottom), 1.0, 1.0 - self.frac(self.top)))
        return figure


def legend_columns(labels: Sequence[str]) -> int:
    """Up to four entries side by side, two when their words would run off the page
    (Kazakh labels are often half as long again as English ones)."""
    needed = sum(LEGEND_ENTRY + LEGEND_CHAR * len(label) for label in labels)
    return min(len(labels), 4) if needed <= WIDTH * 0.95 else 2


def decimal_ticks(separator: str, places: int) -> FuncFormatter:
    """Ticks written with the language's decimal separator ("4,5" in Russian and Kazakh)."""
    return FuncFormatter(
        lambda value, _: f"{value:.{places}f}".replace(".", separator).replace("-", "\u2212")
    )


def legend_patches(legend: Legend, colour: str = GREY) -> tuple[list[Artist], list[str]]:
    """Published (solid) and illustrative (hatched) bars, for the legend."""
    return (
        [
            Patch(facecolor=colour, edgecolor=colour),
            Patch(facecolor="white", edgecolor=colour, hatch=ILLUSTRATIVE_HATCH),
        ],
        [legend.published, legend.illustrative],
    )


def plain_axes(axes: Axes) -> None:
    """No box: only the axis the values are read on."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=9)
