"""The rated state bodies: the reference list every other part of the bot names them by.

The list is read from ``data/agencies.csv`` with the standard ``csv`` module (the bot
process must not load pandas); the store keeps each body's slug, so the ratings, the
search index and the importer all agree on one slug per body.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.domain.languages import LANGUAGES

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
AGENCIES_CSV = DATA_DIR / "agencies.csv"

REQUIRED_COLUMNS = (
    "slug",
    "kind",
    *(f"{part}_{language}" for part in ("name", "short", "abbr") for language in LANGUAGES),
    "aliases",
)


@dataclass(frozen=True, slots=True)
class Agency:
    """One state body, with every name people use for it."""

    slug: str
    kind: str  # "ministry" or "agency"
    names: dict[str, str]  # full name per language
    short_names: dict[str, str]  # short name per language, for lists
    abbreviations: dict[str, str]  # may be empty for a language
    aliases: tuple[str, ...]

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["ru"]

    def short_name(self, language: str) -> str:
        return self.short_names.get(language) or self.name(language)

    def own_names(self) -> Iterable[str]:
        """The body's own names: full, short and abbreviated, in every language."""
        yield from self.names.values()
        yield from (s for s in self.short_names.values() if s)
        yield from (a for a in self.abbreviations.values() if a)

    def all_names(self) -> Iterable[str]:
        """Every form of the name, for building the search index: its own and the aliases."""
        yield from self.own_names()
        yield from self.aliases


class AgencyFileError(ValueError):
    """The reference file is missing columns or holds a broken row."""


def agency_from_row(row: dict[str, str]) -> Agency:
    return Agency(
        slug=row["slug"].strip(),
        kind=row["kind"].strip(),
        names={lang: row[f"name_{lang}"].strip() for lang in LANGUAGES},
        short_names={lang: row[f"short_{lang}"].strip() for lang in LANGUAGES},
        abbreviations={lang: row[f"abbr_{lang}"].strip() for lang in LANGUAGES},
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
    )


def load_agencies(path: Path = AGENCIES_CSV) -> list[Agency]:
    """Read the reference list; fail with one line naming the file and the problem."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise AgencyFileError(f"{path}: missing columns: {', '.join(missing)}")
        agencies = [agency_from_row(row) for row in reader]
    slugs = [a.slug for a in agencies]
    if len(set(slugs)) != len(slugs) or not all(slugs):
        raise AgencyFileError(f"{path}: every row needs a unique, non-empty slug")
    return agencies
