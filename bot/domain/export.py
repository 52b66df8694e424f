"""A year's table for /export: every figure the book holds for the year, with its provenance.

Language-free (slugs, numbers, codes): the view names the columns and the bodies in the
reader's language, so what a file says is decided here once and tested against the book.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.ratings import Change, RatingBook, Standing

#: The values the bot works out rather than reads: each may be illustrative through its inputs.
DERIVED: tuple[str, ...] = ("rank", "score_change", "satisfaction_change", "places_change")


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One body's line; a None is a value the year does not have (no rank, no change)."""

    agency: str
    rank: int | None
    score: float
    satisfaction: float
    score_provenance: str
    satisfaction_provenance: str
    score_change: float | None
    satisfaction_change: float | None
    places_change: int | None  # positive: up the list
    illustrative_derived: tuple[str, ...]  # which of DERIVED come from an illustrative value


def exportable_years(book: RatingBook) -> list[int]:
    """Every year with figures, newest first: a partial year too (its file says it has no ranks)."""
    return book.all_years()


def default_year(book: RatingBook) -> int | None:
    """The latest complete list, else the latest year with any figures."""
    years = exportable_years(book)
    return book.latest_year() or (years[0] if years else None)


def export_rows(book: RatingBook, year: int) -> list[ExportRow]:
    """The year's bodies in the list's order (score, then satisfaction, descending)."""
    return [
        _row(standing, book.change(standing.rating.agency, year)) for standing in book.standings.get(year, [])
    ]


def _row(standing: Standing, change: Change | None) -> ExportRow:
    rating = standing.rating
    flags = {
        "rank": standing.position is not None and standing.position_illustrative,
        "score_change": change is not None and change.score_illustrative,
        "satisfaction_change": change is not None and change.satisfaction_illustrative,
        "places_change": change is not None
        and change.positions_gained is not None
        and change.positions_illustrative,
    }
    return ExportRow(
        agency=rating.agency,
        rank=standing.position,
        score=rating.score,
        satisfaction=rating.satisfaction,
        score_provenance=rating.score_provenance,
        satisfaction_provenance=rating.satisfaction_provenance,
        score_change=change.score_delta if change else None,
        satisfaction_change=change.satisfaction_delta if change else None,
        places_change=change.positions_gained if change else None,
        illustrative_derived=tuple(name for name in DERIVED if flags[name]),
    )
