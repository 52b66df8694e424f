"""The page's history chart draws the bot's chart spec as SVG, with the bot's rules."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from bot.views.charts.spec import Frame, HistoryPoint, HistorySpec, Legend
from bot.web.history_chart import CHAR_WIDTH, LEFT, RIGHT, WIDTH, svg, ticks

SVG = "{http://www.w3.org/2000/svg}"


def point(
    year: int, score: float, satisfaction: float, *, illustrative: bool = False, era: str = ""
) -> HistoryPoint:
    mark = "*" if illustrative else ""
    return HistoryPoint(
        year=year,
        score=score,
        satisfaction=satisfaction,
        score_label=f"{score:.2f}{mark}",
        satisfaction_label=f"{satisfaction:.1f} %{mark}",
        score_illustrative=illustrative,
        satisfaction_illustrative=illustrative,
        rank_label=f"rank {year - 2000} of 32",
        era_label=era,
    )


def spec(*points: HistoryPoint, gap: str = "") -> HistorySpec:
    return HistorySpec(
        frame=Frame(title="Ministry <of> Health", subtitle="", source=""),
        legend=Legend(published="published value", illustrative="illustrative value (*)", gap=gap),
        points=points,
        score_axis="Score out of 5",
        satisfaction_axis="Satisfied, %",
    )


def drawn(chart: HistorySpec) -> ET.Element:
    """The chart parsed as XML: it must be well-formed to be parsed at all."""
    return ET.fromstring(svg(chart))


def height(root: ET.Element) -> float:
    return float(root.get("viewBox", "").split()[3])


def data_circles(root: ET.Element) -> list[ET.Element]:
    """The points' markers (the legend's come after the x axis, at the bottom)."""
    circles = list(root.iter(f"{SVG}circle"))
    legend = 2
    return circles[:-legend]


def test_every_year_is_a_point_in_both_panels_with_its_label_and_place() -> None:
    root = drawn(spec(point(2024, 4.79, 82.6), point(2025, 4.86, 89.9)))
    assert len(data_circles(root)) == 4
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for label in ("4.79", "4.86", "82.6 %", "89.9 %", "rank 24 of 32", "rank 25 of 32", "2024", "2025"):
        assert label in texts
    assert root.find(f"{SVG}title") is not None
    assert root.findtext(f"{SVG}title") == "Ministry <of> Health"  # escaped in the markup


def test_an_illustrative_value_is_a_hollow_point_on_a_dashed_line() -> None:
    root = drawn(spec(point(2024, 4.79, 82.6), point(2025, 4.86, 89.9, illustrative=True)))
    hollow = [c for c in data_circles(root) if "hollow" in c.get("class", "")]
    assert len(hollow) == 2  # 2025's score and satisfaction
    lines = [line for line in root.iter(f"{SVG}line") if "grid" not in line.get("class", "")]
    assert {line.get("stroke-dasharray") for line in lines} == {"7 4"}


def test_years_with_no_rating_between_are_a_dotted_grey_line_and_a_legend_entry() -> None:
    root = drawn(spec(point(2020, 4.1, 85.0), point(2024, 4.8, 96.0), gap="no rating in the years between"))
    segments = [line for line in root.iter(f"{SVG}line") if line.get("class") == "gap"]
    assert len(segments) == 3  # one per panel, one in the legend
    assert all(line.get("stroke-dasharray") == "2 4" for line in segments)
    assert "no rating in the years between" in "".join(root.itertext())


def test_published_years_in_a_row_are_solid() -> None:
    root = drawn(spec(point(2024, 4.79, 82.6), point(2025, 4.86, 89.9)))
    lines = [line for line in root.iter(f"{SVG}line") if line.get("class") in ("score", "sat")]
    assert len(lines) == 2
    assert all(line.get("stroke-dasharray") is None for line in lines)


def test_a_predecessors_name_is_written_under_its_year_and_makes_room() -> None:
    plain = drawn(spec(point(2024, 4.8, 96.0), point(2025, 4.86, 97.5)))
    named = drawn(spec(point(2024, 4.8, 96.0, era="as the Ministry of\nHealthcare"), point(2025, 4.86, 97.5)))
    assert "as the Ministry of" in "".join(named.itertext())
    assert "Healthcare" in "".join(named.itertext())
    assert height(named) > height(plain)


def test_text_from_data_is_escaped() -> None:
    hostile = point(2025, 4.86, 97.5, era='<script>alert("x")</script>')
    text = svg(spec(hostile))
    assert "<script>" not in text
    assert "alert" in "".join(ET.fromstring(text).itertext())


def test_a_single_year_is_drawn_without_lines() -> None:
    root = drawn(spec(point(2025, 5.0, 100.0)))
    assert len(data_circles(root)) == 2
    assert [line for line in root.iter(f"{SVG}line") if line.get("class") in ("score", "sat")] == []


@pytest.mark.parametrize(
    ("low", "high", "ceiling"), [(4.6, 5.2, 5.0), (78.0, 101.0, 100.0), (4.79, 4.81, 5.0)]
)
def test_axis_ticks_are_round_steps_never_above_the_scale(low: float, high: float, ceiling: float) -> None:
    found = ticks(low, high, ceiling)
    assert 2 <= len(found) <= 7
    assert all(low <= t <= min(high, ceiling) for t in found)
    steps = {round(b - a, 6) for a, b in itertools.pairwise(found)}
    assert len(steps) == 1


def test_long_labels_are_wrapped_to_their_years_column() -> None:
    era = "as the Ministry of Digital Development, Innovation and Aerospace Industry"
    years = [point(year, 4.5, 90.0, era=era) for year in range(2020, 2026)]
    root = drawn(spec(*years))
    column = (WIDTH - LEFT - RIGHT) / len(years)
    lines = [
        "".join(span.itertext())
        for text in root.iter(f"{SVG}text")
        for span in text.iter(f"{SVG}tspan")
        if text.get("class") == "muted"
    ]
    wrapped = [line for line in lines if line and line in era]
    assert len(wrapped) > len(years)  # each year's name took more than one line
    assert all(len(line) * CHAR_WIDTH <= column for line in wrapped)
