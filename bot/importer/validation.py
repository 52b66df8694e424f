"""Check every row of an import file and collect every problem before anything is written.

Pure: takes the rows as text and the agency index, returns the ratings or the list of
problems, each with the row number a person sees in a spreadsheet (the header is row 1).
What a problem quotes from the file goes through ``excerpt``: a few dozen characters, the
invisible ones (terminal escapes, bidi overrides) written as escapes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.bodies import Agency
from bot.domain.search import AgencyIndex
from bot.importer.excerpt import excerpt
from bot.store.records import PROVENANCES, Rating

# Accepted headers, normalized (lower case, ё as е, no punctuation or units).
HEADERS: dict[str, tuple[str, ...]] = {
    "agency": (
        "agency",
        "body",
        "state body",
        "name",
        "agency name",
        "ministry",
        "organization",
        "орган",
        "ведомство",
        "государственный орган",
        "центральный государственный орган",
        "наименование",
        "наименование органа",
        "министерство",
        "агентство",
        "организация",
        "мемлекеттік орган",
        "атауы",
    ),
    "score": ("score", "points", "rating", "балл", "баллы", "оценка", "средний балл", "итоговый балл"),
    "satisfaction": (
        "satisfaction",
        "satisfied",
        "satisfaction rate",
        "удовлетворенность",
        "уровень удовлетворенности",
        "доля удовлетворенных",
        "удовлетворенность услугами",
        "қанағаттану",
        "қанағаттанушылық",
    ),
    "year": ("year", "год", "жыл"),
    "score_provenance": ("score provenance", "источник балла"),
    "satisfaction_provenance": ("satisfaction provenance", "источник удовлетворенности"),
    "provenance": ("provenance", "источник значения"),
    "note": ("note", "notes", "comment", "примечание", "комментарий"),
}
REQUIRED = ("agency", "score", "satisfaction")
#: The first year the rating's reports give figures for (the 2025 report quotes 2016).
FIRST_RATING_YEAR = 2016


def last_rating_year() -> int:
    """A rating is published early in the year after the one it rates: next year at most."""
    return dt.date.today().year + 1


def is_rating_year(year: int) -> bool:
    return FIRST_RATING_YEAR <= year <= last_rating_year()


def year_range_hint() -> str:
    return f"not a rating year (from {FIRST_RATING_YEAR} to {last_rating_year()})"


MAX_SHOWN = 60


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None  # None for a problem with the whole file
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row is not None else self.message


@dataclass(frozen=True)
class Checked:
    ratings: list[Rating]
    problems: list[Problem]
    year: int | None


def normalize_header(name: str) -> str:
    name = name.lower().replace("ё", "е").replace("\ufeff", "")
    name = re.sub(r"\(.*?\)|%|,|\.|:", " ", name)
    return " ".join(name.replace("_", " ").replace("-", " ").split())


def map_columns(columns: Sequence[str]) -> tuple[dict[str, str], list[Problem]]:
    """Which file column holds which field; a problem for each required one missing."""
    found: dict[str, str] = {}
    for column in columns:
        key = normalize_header(column)
        for field_name, names in HEADERS.items():
            if key in names and field_name not in found:
                found[field_name] = column
    problems = [
        Problem(None, f"missing column: {name} (accepted headers: {', '.join(HEADERS[name][:6])}…)")
        for name in REQUIRED
        if name not in found
    ]
    return found, problems


def parse_number(text: str) -> float | None:
    """'4,99', '4.99', '97,5 %', ' 88 ' -> float; anything else -> None."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("%").replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        return None
    return float(cleaned)


def check_rows(
    rows: Sequence[dict[str, str]],
    columns: Sequence[str],
    index: AgencyIndex,
    *,
    year: int | None = None,
    default_provenance: str = "published",
) -> Checked:
    mapping, problems = map_columns(columns)
    if not any(_filled(row) for row in rows):
        problems.append(Problem(None, "the file is empty: it has a header but no rows"))
    if problems:
        return Checked([], problems, year)

    years_in_file = {r.get(mapping["year"], "") for r in rows if _filled(r)} if "year" in mapping else set()
    if year is None and years_in_file:
        parsed = {parse_number(y) for y in years_in_file}
        if len(parsed) == 1 and (only := parsed.pop()) is not None and only.is_integer():
            year = int(only)
            if not is_rating_year(year):
                problems.append(
                    Problem(None, f"the year column says {excerpt(str(year))}: {year_range_hint()}")
                )
        else:
            problems.append(Problem(None, "the year column holds more than one year: pass --year"))

    ratings: list[Rating] = []
    first_row_of: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not _filled(row):  # a blank separator row: counted for the numbering, not checked
            continue
        # Duplicates are told apart by the body, before the row's other checks, so a
        # second row for a body whose first row has another problem is reported too.
        name = row.get(mapping["agency"], "")
        agency = _resolve(index, name)
        if agency is not None and agency.slug in first_row_of:
            problems.append(
                Problem(
                    number,
                    f"duplicate agency: «{excerpt(name)}» is already on row {first_row_of[agency.slug]}",
                )
            )
            continue
        if agency is not None:
            first_row_of[agency.slug] = number
        rating = _check_row(
            number=number,
            row=row,
            mapping=mapping,
            name=name,
            agency=agency,
            index=index,
            year=year or 0,
            default_provenance=default_provenance,
            problems=problems,
        )
        if rating is not None:
            ratings.append(rating)
    return Checked(ratings if not problems else [], problems, year)


def _resolve(index: AgencyIndex, name: str) -> Agency | None:
    """A slug, a body's own name written out, or any name the bot surely understands."""
    return (index.get(name) or index.by_own_name(name) or index.resolve(name)) if name else None


def _filled(row: dict[str, str]) -> bool:
    return any(value for value in row.values())


def _check_row(  # noqa: PLR0917 - one call site, every argument named there
    number: int,
    row: dict[str, str],
    mapping: dict[str, str],
    name: str,
    agency: Agency | None,
    index: AgencyIndex,
    year: int,
    default_provenance: str,
    problems: list[Problem],
) -> Rating | None:
    """The row's rating, or None with its problems added; ``agency`` is what ``name`` resolved to."""
    before = len(problems)
    if not name:
        problems.append(Problem(number, "the agency is empty"))
    elif agency is None:
        guesses = [m.agency.name("ru") for m in index.search(name, limit=2)]
        hint = f" (did you mean: {'; '.join(guesses)}?)" if guesses else ""
        problems.append(Problem(number, f"unknown agency «{excerpt(name)}»{hint}"))

    score = _bounded(number, row.get(mapping["score"], ""), "score", 5, problems)
    satisfaction = _bounded(number, row.get(mapping["satisfaction"], ""), "satisfaction", 100, problems)

    provenance = {}
    for field_name in ("score_provenance", "satisfaction_provenance"):
        value = row.get(mapping.get(field_name, ""), "") or row.get(mapping.get("provenance", ""), "")
        value = value.lower() or default_provenance
        if value not in PROVENANCES:
            label, allowed = field_name.replace("_", " "), ", ".join(PROVENANCES)
            problems.append(Problem(number, f"{label} «{excerpt(value)}» is not one of {allowed}"))
        provenance[field_name] = value

    if len(problems) > before or agency is None or score is None or satisfaction is None:
        return None
    return Rating(
        year=year,
        agency=agency.slug,
        score=score,
        satisfaction=satisfaction,
        note=row.get(mapping.get("note", ""), ""),
        **provenance,
    )


def _bounded(number: int, text: str, label: str, upper: int, problems: list[Problem]) -> float | None:
    value = parse_number(text)
    if not text:
        problems.append(Problem(number, f"the {label} is empty"))
    elif value is None:
        problems.append(Problem(number, f"the {label} «{excerpt(text)}» is not a number"))
    elif not 0 <= value <= upper:
        problems.append(Problem(number, f"the {label} {excerpt(text)} is outside 0..{upper}"))
    else:
        return round(value, 4)
    return None
