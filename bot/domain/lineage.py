"""The lineage of bodies: the names they had before a renaming, a merger or a split.

People still type the old names ("МЦРИАП", "МОН"), and some years on record were rated
under a predecessor. ``data/lineage.csv`` holds one row per predecessor; this module
reads it with the standard ``csv`` module (the bot process must not load pandas) and
answers two questions: which predecessor a query names, and which name a year of a
body's record was rated under.

Old names are found only when typed whole (any case form, script or spelling the search
accepts): a fragment of an old name ("министерство информации") is a fragment of a
current one too, and guessing "it was renamed" from it would be a silent guess.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from bot.domain.bodies import DATA_DIR, Agency
from bot.domain.languages import LANGUAGES
from bot.domain.search import AgencyIndex

LINEAGE_CSV = DATA_DIR / "lineage.csv"

#: How a predecessor became today's body (or bodies).
RENAMED = "renamed"
MERGED = "merged"  # merged into its one successor, with other bodies or parts of them
SPLIT = "split"  # split into several successors
CHANGES = (RENAMED, MERGED, SPLIT)

REQUIRED_COLUMNS = (
    "id",
    "successors",
    "change",
    *(f"{part}_{language}" for part in ("name", "abbr") for language in LANGUAGES),
    "from_year",
    "to_year",
    "rated_years",
    "source",
)


@dataclass(frozen=True, slots=True)
class Predecessor:
    """One former body: its names, the years it existed, and what it became."""

    id: str
    successors: tuple[str, ...]  # today's slugs
    change: str  # one of CHANGES
    names: Mapping[str, str]
    abbreviations: Mapping[str, str]  # may be empty for a language
    from_year: int
    to_year: int  # the year of the change: the successors' first year
    rated_years: frozenset[int]  # years on record whose figures were published for it
    source: str

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["ru"]

    def own_names(self) -> Iterable[str]:
        """Every form a query may name it by: full names and abbreviations."""
        yield from (n for n in self.names.values() if n)
        yield from (a for a in self.abbreviations.values() if a)


class LineageFileError(ValueError):
    """The lineage file is missing columns or holds a broken row."""


class Lineage:
    """Every predecessor of the bodies on the list, searchable by its old names."""

    __slots__ = ("_by_id", "_index", "predecessors")

    def __init__(self, predecessors: Sequence[Predecessor] = ()) -> None:
        self.predecessors: tuple[Predecessor, ...] = tuple(predecessors)
        self._by_id: Mapping[str, Predecessor] = MappingProxyType({p.id: p for p in self.predecessors})
        # The same index as today's names, over the old ones: one normalization for both.
        self._index = AgencyIndex([_as_agency(p) for p in self.predecessors])

    def get(self, predecessor_id: str) -> Predecessor | None:
        return self._by_id.get(predecessor_id)

    def named(self, query: str) -> Predecessor | None:
        """The predecessor whose whole name or abbreviation the query is; None otherwise,
        or when two predecessors share that form."""
        matches = self._index.search(query, limit=2)
        exact = [m for m in matches if m.exact]
        if len(exact) != 1:
            return None
        return self._by_id[exact[0].agency.slug]

    def rated_as(self, slug: str, year: int) -> Predecessor | None:
        """The predecessor a body's figures of ``year`` were published for; None when the
        body itself was rated that year."""
        for predecessor in self.predecessors:
            if slug in predecessor.successors and year in predecessor.rated_years:
                return predecessor
        return None

    def old_names(self) -> Mapping[str, tuple[str, ...]]:
        """Each successor's predecessors' names, for the search index to find them whole."""
        found: dict[str, list[str]] = {}
        for predecessor in self.predecessors:
            for slug in predecessor.successors:
                found.setdefault(slug, []).extend(predecessor.own_names())
        return {slug: tuple(dict.fromkeys(names)) for slug, names in found.items()}


NO_LINEAGE = Lineage()


def _as_agency(predecessor: Predecessor) -> Agency:
    """A predecessor in the shape the search index reads (its id as the slug)."""
    return Agency(
        slug=predecessor.id,
        kind="",
        names=dict(predecessor.names),
        short_names={},
        abbreviations=dict(predecessor.abbreviations),
        aliases=(),
    )


def _year(path: Path, row: dict[str, str], column: str) -> int:
    value = row[column].strip()
    if not value.isdigit():
        raise LineageFileError(f"{path}: row {row['id']!r}: {column} must be a year, not {value!r}")
    return int(value)


def predecessor_from_row(path: Path, row: dict[str, str]) -> Predecessor:
    """One row, checked: a known change, at least one successor, years in order."""
    predecessor_id = row["id"].strip()
    change = row["change"].strip()
    if change not in CHANGES:
        raise LineageFileError(
            f"{path}: row {predecessor_id!r}: change must be one of {', '.join(CHANGES)}, not {change!r}"
        )
    successors = tuple(row["successors"].split())
    if not successors or (change == SPLIT) != (len(successors) > 1):
        raise LineageFileError(
            f"{path}: row {predecessor_id!r}: a split has several successors, a renaming or merger one"
        )
    from_year, to_year = _year(path, row, "from_year"), _year(path, row, "to_year")
    rated = frozenset(int(y) for y in row["rated_years"].split() if y.isdigit())
    if from_year >= to_year or any(not from_year <= y < to_year for y in rated):
        raise LineageFileError(
            f"{path}: row {predecessor_id!r}: needs from_year < to_year and rated_years between them"
        )
    if not row["source"].strip():
        raise LineageFileError(f"{path}: row {predecessor_id!r}: every change needs its source")
    return Predecessor(
        id=predecessor_id,
        successors=successors,
        change=change,
        names=MappingProxyType({lang: row[f"name_{lang}"].strip() for lang in LANGUAGES}),
        abbreviations=MappingProxyType({lang: row[f"abbr_{lang}"].strip() for lang in LANGUAGES}),
        from_year=from_year,
        to_year=to_year,
        rated_years=rated,
        source=row["source"].strip(),
    )


def load_lineage(bodies: Sequence[Agency], path: Path = LINEAGE_CSV) -> Lineage:
    """Read the lineage of the bodies on the list; fail with one line naming the file and row.

    A successor not on the list is dropped from its row (a reference list of fewer bodies,
    as tests use), and a row left with none is dropped.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LineageFileError(f"{path}: missing columns: {', '.join(missing)}")
        rows = [predecessor_from_row(path, row) for row in reader]
    ids = [p.id for p in rows]
    if len(set(ids)) != len(ids) or not all(ids):
        raise LineageFileError(f"{path}: every row needs a unique, non-empty id")
    known = {body.slug for body in bodies}
    kept = []
    for predecessor in rows:
        successors = tuple(s for s in predecessor.successors if s in known)
        if successors:
            kept.append(replace(predecessor, successors=successors))
    return Lineage(kept)
