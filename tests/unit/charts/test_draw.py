"""Each chart's figure from the small book, in each language: its texts and data, not its pixels."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text

from bot.charts.draw import figure, png
from bot.charts.style import Page, legend_columns
from bot.domain.snapshot import Snapshot
from bot.runtime.i18n import make_i18n
from bot.views.callbacks import Chart
from bot.views.charts.request import ChartView, chart_view
from bot.views.charts.spec import ChartSpec, Frame, HistoryPoint, HistorySpec, Legend
from tests.unit.views.conftest import AGENCIES, LANGUAGES, Speaker, long_snapshot

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def spec_of(
    speak: Speaker, language: str, snapshot: Snapshot, data: Chart, followed: tuple[str, ...] = ()
) -> ChartSpec:
    view = speak(language, chart_view, snapshot, data, followed)
    assert isinstance(view, ChartView)
    return view.spec


def texts(chart: Figure) -> list[str]:
    """Every text on the figure: titles, tick labels, annotations, legend, source."""
    return [t.get_text() for t in chart.findobj(Text) if t.get_text()]


def block(chart: Figure, gid: str) -> str:
    """The page's title or source block (gid "title" or "source"), its wrapping undone."""
    (found,) = [t.get_text() for t in chart.findobj(Text) if t.get_gid() == gid]
    return " ".join(found.split())


def legend_texts(chart: Figure) -> list[str]:
    return [t.get_text() for legend in chart.legends for t in legend.get_texts()]


def bars(chart: Figure) -> list[Rectangle]:
    return [p for ax in chart.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()]


def test_the_font_has_every_kazakh_letter() -> None:
    font = FT2Font(findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=False))
    assert "DejaVuSans" in font.fname
    assert [c for c in KAZAKH_LETTERS if font.get_char_index(ord(c)) == 0] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_history_figure(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    spec = spec_of(speak, language, snapshot, Chart(kind="history", subject="moh"))
    assert isinstance(spec, HistorySpec)
    chart = figure(spec)
    score, satisfaction = chart.axes
    assert [t.get_text() for t in satisfaction.get_xticklabels()] == ["2020", "2024", "2025"]
    found = texts(chart)
    assert block(chart, "title") == spec.frame.title
    assert block(chart, "source") == " ".join(f"{spec.frame.footnote}\n{spec.frame.source}".split())
    assert all(p.score_label in found and p.satisfaction_label in found for p in spec.points)
    assert any(spec.points[-1].rank_label in t.replace("\n", " ") for t in found)
    assert legend_texts(chart) == [spec.legend.published, spec.legend.illustrative, spec.legend.gap]
    assert score.get_ylabel() == spec.score_axis
    assert satisfaction.get_ylabel() == spec.satisfaction_axis
    markers = [line for line in score.get_lines() if line.get_gid()]
    assert [(m.get_ydata()[0], m.get_gid()) for m in markers] == [
        (4.10, "published"),
        (4.80, "published"),
        (4.86, "published"),
    ]
    decimal = "." if language == "en" else ","
    assert all(decimal in t.get_text() for t in score.get_yticklabels() if t.get_text())


def test_illustrative_points_are_hollow_and_joined_by_dashes(speak: Speaker, snapshot: Snapshot) -> None:
    spec = spec_of(speak, "kk", snapshot, Chart(kind="history", subject="mod"))
    chart = figure(spec)
    _, satisfaction = chart.axes
    markers = [line for line in satisfaction.get_lines() if line.get_gid()]
    assert [m.get_gid() for m in markers] == ["published", "illustrative"]
    assert markers[1].get_markerfacecolor() == "white"
    segments = [line for line in satisfaction.get_lines() if not line.get_gid()]
    assert [s.get_linestyle() for s in segments] == ["--"]


def test_a_predecessor_label_is_drawn_under_its_year() -> None:
    """The lineage seam: a label given in the spec appears under the year (issue 11 fills it)."""
    frame = Frame("Title", "Subtitle", "2025 — Source: x")
    points = tuple(
        HistoryPoint(year, 4.5, 90.0, "4.50", "90.0%", False, False, "rank 1 of 2", era)
        for year, era in ((2024, "as Ministry of Old"), (2025, ""))
    )
    chart = figure(HistorySpec(frame, Legend("published", "illustrative (*)"), points, "Score", "Satisfied"))
    assert [t.get_text() for t in chart.axes[1].get_xticklabels()] == ["2024\nas Ministry of Old", "2025"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_year_figure_bars_in_order_with_bands_and_outline(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    spec = spec_of(speak, language, snapshot, Chart(kind="year", year=2024), ("moh",))
    chart = figure(spec)
    (axes,) = chart.axes
    drawn = bars(chart)
    assert [round(b.get_x() + b.get_width(), 2) for b in drawn] == [4.90, 4.80, 4.50, 4.40]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == [bar.label for bar in spec.bars]
    bold = [t.get_text() for t in axes.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == [f"2. {AGENCIES['moh'].short_name(language)}"]
    assert drawn[1].get_linewidth() > drawn[0].get_linewidth()  # the followed body is outlined
    assert drawn[0].get_facecolor() != drawn[2].get_facecolor()  # very high vs the rest
    assert legend_texts(chart) == [*spec.groups, spec.highlight]
    assert axes.get_xlabel() == spec.axis
    assert block(chart, "title") == spec.frame.title
    assert block(chart, "source") == " ".join(spec.frame.source.split())  # "2024 — Source: ..."


def test_thirty_two_bars_grow_the_figure() -> None:
    snapshot = long_snapshot(32)
    speak = Speaker(make_i18n("ru"))
    small = figure(spec_of(speak, "ru", snapshot, Chart(kind="year")))
    assert len(bars(small)) == 32
    few = figure(spec_of(speak, "ru", long_snapshot(4), Chart(kind="year")))
    assert small.get_figheight() > few.get_figheight() + 32 * 0.25 - 4 * 0.3


@pytest.mark.parametrize("language", LANGUAGES)
def test_changes_figure(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    spec = spec_of(speak, language, snapshot, Chart(kind="changes"))
    chart = figure(spec)
    assert [round(b.get_width(), 1) for b in bars(chart)] == [3.7, 1.5, -3.0]
    found = texts(chart)
    assert all(bar.value_label in found for bar in spec.bars)
    assert legend_texts(chart)[:2] == list(spec.groups)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_figure(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    spec = spec_of(speak, language, snapshot, Chart(kind="compare", subject="acj+moh"))
    chart = figure(spec)
    score, _satisfaction = chart.axes
    heights = [
        round(b.get_y() + b.get_height(), 2)
        for b in score.patches
        if isinstance(b, Rectangle) and b.get_gid()
    ]
    assert heights == [4.50, 4.80, 4.86]  # acj has no 2025 bar
    assert spec.not_rated in texts(chart)
    assert legend_texts(chart)[:2] == ["2024", "2025"]
    assert score.get_title() == spec.score_axis


def test_png_is_a_png(speak: Speaker, snapshot: Snapshot) -> None:
    data = png(spec_of(speak, "kk", snapshot, Chart(kind="history", subject="moh")))
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert 10_000 < len(data) < 400_000


def test_a_dollar_in_a_name_is_not_math() -> None:
    frame = Frame("A $x$ title", "", "2025 — Source: $5 report")
    points = (HistoryPoint(2025, 4.5, 90.0, "4.50", "90.0%", False, False, "rank 1 of 2"),)
    chart = figure(HistorySpec(frame, Legend("published", "illustrative"), points, "Score", "Satisfied"))
    png_bytes = png(HistorySpec(frame, Legend("published", "illustrative"), points, "Score", "Satisfied"))
    assert png_bytes
    assert "A $x$ title" in texts(chart)


def test_a_legend_too_wide_for_one_row_takes_two_and_stays_on_the_page() -> None:
    """Was: the Kazakh year chart's fourth legend entry ran off the picture's right edge."""
    kazakh = [
        "өте жоғары: 4,80 балдан жоғары",
        "4,80 балл және одан төмен",
        "шартты мән (*)",
        "осы чаттың жазылымдары",
    ]
    russian = ["очень высокий: выше 4,80", "4,80 и ниже", "условное значение (*)", "подписки этого чата"]
    assert legend_columns(russian) == 4
    assert legend_columns(kazakh) == 2

    page = Page(Frame(title="Рейтинг", subtitle="", source="Дереккөз"), plot_height=2.0)
    page.figure.add_subplot().bar([1, 2], [1, 2])
    height_before = page.height
    drawn = page.finish([Patch(facecolor="green") for _ in kazakh], kazakh)

    [legend] = drawn.legends
    box = legend.get_window_extent(drawn.canvas.get_renderer())  # type: ignore[attr-defined]
    assert box.x1 <= drawn.bbox.x1
    assert page.height > height_before  # a second legend row: the page grew to hold it
