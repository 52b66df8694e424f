"""Ranks, yearly changes and movers: pure functions over the ratings of each year.

Kept free of I/O so the bot, the importer and the notification texts compute positions
the same way, and so the rules (ties share a position, a partial year claims no rank)
are tested in one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.store.records import Rating, YearInfo


@dataclass(frozen=True, slots=True)
class Standing:
    """A rating with its place; ``position`` is None in a partial year.

    A place is worked out from every body's figures that year, so it is illustrative
    when any of them is (``position_illustrative``).
    """

    rating: Rating
    position: int | None
    total: int
    tied: bool = False  # another body shares the position
    position_illustrative: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    """How one body moved between two consecutive complete years.

    A difference is as illustrative as the least certain value it comes from.
    """

    agency: str
    year: int
    previous_year: int
    score_delta: float
    satisfaction_delta: float  # percentage points
    position: int | None
    previous_position: int | None
    score_illustrative: bool = False
    satisfaction_illustrative: bool = False
    positions_illustrative: bool = False

    @property
    def positions_gained(self) -> int | None:
        """Positive when the body moved up the list; None when a year has no ranks."""
        if self.position is None or self.previous_position is None:
            return None
        return self.previous_position - self.position


def rank(ratings: Iterable[Rating], *, partial: bool = False) -> list[Standing]:
    """Order by score, then satisfaction, both descending; equal pairs share a position.

    Positions follow competition ranking (1, 2, 2, 4): a tie does not hide how many
    bodies stand above. A partial year is ordered the same way but claims no position.
    """
    ordered = sorted(ratings, key=lambda r: (-r.score, -r.satisfaction, r.agency))
    total = len(ordered)
    sharing = Counter(rating.figures() for rating in ordered)
    illustrative = any(rating.illustrative for rating in ordered)
    standings: list[Standing] = []
    previous: tuple[float, float] | None = None
    position = 0
    for index, rating in enumerate(ordered, start=1):
        if rating.figures() != previous:
            position = index
            previous = rating.figures()
        standings.append(
            Standing(
                rating,
                None if partial else position,
                total,
                tied=not partial and sharing[rating.figures()] > 1,
                position_illustrative=not partial and illustrative,
            )
        )
    return standings


@dataclass(frozen=True)
class RatingBook:
    """Every year on record, ranked once, for answering any question without I/O."""

    years: dict[int, YearInfo]
    standings: dict[int, list[Standing]]
    _by_agency: dict[str, dict[int, Standing]] = field(repr=False)

    @classmethod
    def build(cls, years: Sequence[YearInfo], ratings: Iterable[Rating]) -> RatingBook:
        info = {y.year: y for y in years}
        grouped: dict[int, list[Rating]] = {year: [] for year in info}
        for rating in ratings:
            grouped.setdefault(rating.year, []).append(rating)
        standings = {
            year: rank(rows, partial=info[year].partial if year in info else True)
            for year, rows in grouped.items()
        }
        by_agency: dict[str, dict[int, Standing]] = {}
        for year, ranked in standings.items():
            for standing in ranked:
                by_agency.setdefault(standing.rating.agency, {})[year] = standing
        return cls(info, standings, by_agency)

    def all_years(self) -> list[int]:
        """Years with data, newest first."""
        return sorted((y for y, s in self.standings.items() if s), reverse=True)

    def ranked_years(self) -> list[int]:
        """Years with a complete list, newest first: the ones /rank can show.

        A year with ratings but no release on record counts as partial, as in ``build``.
        """
        return [y for y in self.all_years() if y in self.years and not self.years[y].partial]

    def latest_year(self) -> int | None:
        ranked = self.ranked_years()
        return ranked[0] if ranked else None

    def standing(self, agency: str, year: int) -> Standing | None:
        return self._by_agency.get(agency, {}).get(year)

    def history(self, agency: str) -> list[Standing]:
        """Every year on record for one body, newest first."""
        years = self._by_agency.get(agency, {})
        return [years[y] for y in sorted(years, reverse=True)]

    def is_complete(self, year: int) -> bool:
        return year in self.years and not self.years[year].partial and bool(self.standings.get(year))

    def comparable(self, year: int) -> bool:
        """Whether ``year`` has changes: it and the year before are both complete lists.

        A gap (2020, then 2024) or a partial list would compare different sets of bodies,
        or a body with its predecessor, so no change is claimed across one.
        """
        return self.is_complete(year) and self.is_complete(year - 1)

    def comparable_years(self) -> list[int]:
        """Years that have changes, newest first."""
        return [year for year in self.ranked_years() if self.comparable(year)]

    def change(self, agency: str, year: int) -> Change | None:
        """Against the year before, when both are complete lists that rated this body."""
        if not self.comparable(year):
            return None
        current = self.standing(agency, year)
        before = self.standing(agency, year - 1)
        if current is None or before is None:
            return None
        now, then = current.rating, before.rating
        return Change(
            agency=agency,
            year=year,
            previous_year=year - 1,
            score_delta=round(now.score - then.score, 2),
            satisfaction_delta=round(now.satisfaction - then.satisfaction, 2),
            position=current.position,
            previous_position=before.position,
            score_illustrative="illustrative" in (now.score_provenance, then.score_provenance),
            satisfaction_illustrative="illustrative"
            in (now.satisfaction_provenance, then.satisfaction_provenance),
            positions_illustrative=current.position_illustrative or before.position_illustrative,
        )

    def changes(self, year: int) -> list[Change]:
        found = (self.change(s.rating.agency, year) for s in self.standings.get(year, []))
        return [c for c in found if c is not None]

    def movers(self, year: int, count: int = 5) -> tuple[list[Change], list[Change]]:
        """The biggest risers and fallers, by satisfaction, the figure the report leads with.

        Ties in satisfaction are broken by the score change. Only real moves count: a
        body whose satisfaction did not change is neither a riser nor a faller.
        """
        changes = self.changes(year)
        by_gain = sorted(changes, key=lambda c: (c.satisfaction_delta, c.score_delta), reverse=True)
        risers = [c for c in by_gain if c.satisfaction_delta > 0][:count]
        fallers = [c for c in reversed(by_gain) if c.satisfaction_delta < 0][:count]
        return risers, fallers
