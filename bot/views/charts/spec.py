"""What a chart shows, as plain frozen data: picklable, to send to the drawing process.

Every text is already in the reader's language and every number already written the way
that language writes it (``value_label``); the drawing code only places them. The floats
are there to size bars and place points.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """What every picture carries around its plot: a title, the source and the year, the footnote."""

    title: str
    subtitle: str
    source: str  # plain text, one or more lines: who published the figures, of which year
    footnote: str = ""  # what the "*" means, when an illustrative value is shown
    decimal: str = "."  # the language's decimal separator, for axis ticks


@dataclass(frozen=True, slots=True)
class Legend:
    """The legend's words for the ways values are drawn."""

    published: str
    illustrative: str
    gap: str = ""  # a dotted line across years with no rating; "" when there is none


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One year of a body's history."""

    year: int
    score: float
    satisfaction: float
    score_label: str  # "4,86" or "4,70*"
    satisfaction_label: str  # "97,5 %" or "95,0 %*"
    score_illustrative: bool
    satisfaction_illustrative: bool
    rank_label: str  # "rank 1* of 32", or "partial list, no rank"
    #: The year was rated under a predecessor's name: e.g. "as the Ministry of X". Empty
    #: until the lineage of bodies is on record (issue 11): the drawing already shows it.
    era_label: str = ""


@dataclass(frozen=True, slots=True)
class HistorySpec:
    """A body's score and satisfaction over every year on record, oldest first."""

    frame: Frame
    legend: Legend
    points: tuple[HistoryPoint, ...]
    score_axis: str
    satisfaction_axis: str


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal bar: a body in a list, or a body's change."""

    label: str  # "1. Минздрав"
    value: float
    value_label: str  # "4,86", "+2,5 п.п.*"
    illustrative: bool = False
    highlighted: bool = False  # a body this chat follows
    group: int = 0  # the colour: the band (0 very high, 1 the rest), or riser (0) / faller (1)


@dataclass(frozen=True, slots=True)
class BarsSpec:
    """Sorted horizontal bars, first on top: a year's list or the risers and fallers."""

    frame: Frame
    legend: Legend
    bars: tuple[Bar, ...]
    axis: str
    groups: tuple[str, ...]  # the legend's name of each colour, by ``Bar.group``
    highlight: str = ""  # the legend's name of an outlined bar; "" when no bar is one
    threshold: float | None = None  # a band's edge, drawn as a line (4.8 on the year's list)
    diverging: bool = False  # values either side of zero (changes)


@dataclass(frozen=True, slots=True)
class CompareValue:
    """One body's figure in one year; ``None`` when the body was not rated that year."""

    value: float | None
    label: str
    illustrative: bool = False


@dataclass(frozen=True, slots=True)
class CompareBody:
    name: str
    scores: tuple[CompareValue, ...]  # one per year in CompareSpec.years
    satisfactions: tuple[CompareValue, ...]


@dataclass(frozen=True, slots=True)
class CompareSpec:
    """2-3 bodies side by side: score and satisfaction, the year before and the latest."""

    frame: Frame
    legend: Legend
    years: tuple[int, ...]  # older first
    bodies: tuple[CompareBody, ...]
    score_axis: str
    satisfaction_axis: str
    not_rated: str  # written where a body has no bar


ChartSpec = HistorySpec | BarsSpec | CompareSpec
