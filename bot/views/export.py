"""/export: a year's table as cells and words in the reader's language, ready for a file writer.

Numbers stay numbers (a spreadsheet sorts and sums them); a value that is illustrative, or
worked out from one, is flagged on its cell, and the writer marks it with the cards' ``*``
where the format can (an XLSX number format) without turning it into text. Every value's
provenance is in the row too, in words and as the raw code, so a CSV read by a program
says as much as the sheet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.export import ExportRow, default_year, export_rows, exportable_years
from bot.domain.snapshot import Snapshot
from bot.store.records import Source
from bot.views import common
from bot.views.formatting import (
    ILLUSTRATIVE_MARK,
    MESSAGE_LIMIT,
    NAME_LIMIT,
    PUBLISHER_LIMIT,
    clip,
    echo,
    illustrative_footnote,
    locale,
    plain,
)
from bot.views.screen import Screen
from bot.views.sources import kind_text, link, publication_date, source_line

FORMATS: tuple[str, ...] = ("xlsx", "csv")
DEFAULT_FORMAT = "xlsx"
#: Telegram's limit on a document's caption.
CAPTION_LIMIT = 1024
#: Excel refuses a sheet name longer than this.
SHEET_NAME_LIMIT = 31

CellKind = Literal["text", "rank", "score", "percent", "score_change", "percent_change", "places"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One value; ``marked``: illustrative, or worked out from an illustrative value."""

    value: str | int | float | None
    kind: CellKind = "text"
    marked: bool = False


@dataclass(frozen=True, slots=True)
class ExportTable:
    """What a file holds, every word already in the reader's language."""

    year: int
    partial: bool
    sheet_name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    about_name: str
    about: tuple[tuple[str, str], ...]  # (what, text): the source, the date, what the marks mean


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What /export (or the button) asked for: a year on record and "xlsx" or "csv"."""

    year: int
    format: str

    @property
    def file_name(self) -> str:
        return f"gosrating-{self.year}.{self.format}"


def parse_request(snapshot: Snapshot, argument: str | None) -> ExportRequest | Screen:
    """``/export [year] [xlsx|csv]`` in any order; a Screen says what is wrong and what is possible."""
    book = snapshot.book
    latest = default_year(book)
    if latest is None:
        return Screen(common.no_data())
    years: list[int] = []
    formats: list[str] = []
    for word in re.split(r"[\s,;]+", (argument or "").strip()):
        token = word.lower().lstrip(".")
        if not token:
            continue
        if token in FORMATS:
            formats.append(token)
        elif re.fullmatch(r"[0-9]{4}", token):
            years.append(int(token))
        else:
            return Screen("\n".join([_unreadable(word), usage(snapshot)]))
    if len(years) > 1 or len(formats) > 1:
        return Screen("\n".join([_("Give at most one year and one format."), usage(snapshot)]))
    year = years[0] if years else latest
    if year not in exportable_years(book):
        return Screen("\n".join([_no_year(year, exportable_years(book)), usage(snapshot)]))
    return ExportRequest(year, formats[0] if formats else DEFAULT_FORMAT)


def usage(snapshot: Snapshot) -> str:
    years = exportable_years(snapshot.book)
    return _(
        "Send /export [year] [xlsx|csv], e.g. /export {year} csv. Years on record: {years}; "
        "formats: XLSX (the default) and CSV."
    ).format(year=years[0] if years else "", years=", ".join(str(y) for y in years) or "—")


def _unreadable(word: str) -> str:
    return _("«{argument}» is neither a year nor a format.").format(argument=echo(word))


def _no_year(year: int, years: Sequence[int]) -> str:
    return _("There is no rating for {year}. Years on record: {years}.").format(
        year=year, years=", ".join(str(y) for y in years)
    )


def provenance_text(code: str) -> str:
    """A value's provenance code in words; an unknown code is shown as it is."""
    texts = {
        "published": _("published"),
        "article": _("from a news report"),
        "illustrative": _("illustrative"),
    }
    return texts.get(code, code)


def headers() -> tuple[str, ...]:
    return (
        _("Rank"),
        _("State body"),
        _("Score (out of 5)"),
        _("Satisfied, %"),
        _("Score change"),
        _("Satisfaction change, p.p."),
        _("Rank change, places (+ up)"),
        _("Score: provenance"),
        _("Score: provenance code"),
        _("Satisfaction: provenance"),
        _("Satisfaction: provenance code"),
        _("Rank and changes: provenance"),
        _("Rank and changes: provenance code"),
    )


def _derived_names() -> dict[str, str]:
    """Each worked-out value by the header of its column."""
    names = headers()
    return {
        "rank": names[0],
        "score_change": names[4],
        "satisfaction_change": names[5],
        "places_change": names[6],
    }


def _derived(row: ExportRow, partial: bool) -> tuple[str, str]:
    """The rank's and the changes' provenance, in words and as a code."""
    if partial:
        return _("partial list, no rank"), "partial"
    if not row.illustrative_derived:
        return "", ""
    names = _derived_names()
    columns = "; ".join(names[field] for field in row.illustrative_derived)
    text = _("illustrative (worked out from illustrative values): {columns}").format(columns=columns)
    return text, "illustrative:" + ";".join(row.illustrative_derived)


def _cells(snapshot: Snapshot, row: ExportRow, partial: bool) -> tuple[Cell, ...]:
    body = snapshot.body(row.agency)
    name = clip(body.name(locale()) if body else row.agency, NAME_LIMIT)
    illustrative = set(row.illustrative_derived)
    derived_text, derived_code = _derived(row, partial)
    return (
        Cell(row.rank, "rank", "rank" in illustrative),
        Cell(name),
        Cell(row.score, "score", row.score_provenance == "illustrative"),
        Cell(row.satisfaction, "percent", row.satisfaction_provenance == "illustrative"),
        Cell(row.score_change, "score_change", "score_change" in illustrative),
        Cell(row.satisfaction_change, "percent_change", "satisfaction_change" in illustrative),
        Cell(row.places_change, "places", "places_change" in illustrative),
        Cell(provenance_text(row.score_provenance)),
        Cell(row.score_provenance),
        Cell(provenance_text(row.satisfaction_provenance)),
        Cell(row.satisfaction_provenance),
        Cell(derived_text),
        Cell(derived_code),
    )


def export_table(snapshot: Snapshot, year: int) -> ExportTable:
    """The year's table (a year on record: the caller checked it)."""
    book = snapshot.book
    info = book.years.get(year)
    partial = not book.is_complete(year)
    rows = tuple(_cells(snapshot, row, partial) for row in export_rows(book, year))
    source = info.source if info is not None else Source()
    return ExportTable(
        year=year,
        partial=partial,
        sheet_name=clip(_("Rating {year}").format(year=year), SHEET_NAME_LIMIT),
        headers=headers(),
        rows=rows,
        about_name=clip(_("About the data"), SHEET_NAME_LIMIT),
        about=_about(snapshot, year, source, partial, len(rows)),
    )


def title(year: int) -> str:
    return plain(
        _("<b>Rating of state bodies by the quality of public services, {year}</b>").format(year=year)
    )


def _about(
    snapshot: Snapshot, year: int, source: Source, partial: bool, count: int
) -> tuple[tuple[str, str], ...]:
    book = snapshot.book
    if partial:
        extent = _("partial: only some bodies' figures were published, so there are no ranks and no changes")
    else:
        extent = ngettext("complete: {count} body, ranked", "complete: {count} bodies, ranked", count).format(
            count=count
        )
    if book.comparable(year):
        changes = _("against {year}").format(year=year - 1)
    else:
        changes = _("none: there is no complete list of {year} to compare with").format(year=year - 1)
    about = [
        (_("Rating"), title(year)),
        (_("List"), extent),
        (_("Source"), clip(source.publisher, PUBLISHER_LIMIT) or _("not given")),
        (_("Kind of source"), kind_text(source.kind) or _("not given")),
        (_("Release date"), plain(publication_date(source.published)) or _("not given")),
    ]
    if link(source.url):
        about.append((_("Link"), source.url))
    about += [
        (_("Figures"), _("Score out of 5 · share of satisfied service recipients")),
        (_("Changes"), changes),
        ("published", _("the figure was published for this body")),
        ("article", _("a news report of the rating states this figure for this body")),
        ("illustrative", plain(illustrative_footnote()).removeprefix(ILLUSTRATIVE_MARK).strip()),
        (
            ILLUSTRATIVE_MARK,
            _(
                "after a figure: it is illustrative, or worked out from an illustrative value "
                "(a rank is, when any figure of the year is)"
            ),
        ),
    ]
    return tuple(about)


def caption(snapshot: Snapshot, request: ExportRequest) -> str:
    """The document's caption: what it is, where it comes from, what the marks mean.

    A CSV carries no second sheet: this caption is its companion text (comment lines at
    the top of a CSV would break the programs that read it).
    """
    book = snapshot.book
    info = book.years.get(request.year)
    lines = [f"<b>{echo(title(request.year), MESSAGE_LIMIT)}</b>"]
    if info is not None:
        lines.append(source_line(info.source))
    if not book.is_complete(request.year):
        lines.append(_("A partial list: only some bodies' figures were published, so the file has no ranks."))
    if any(s.rating.illustrative for s in book.standings.get(request.year, [])):
        lines.append(
            _("{footnote}; a rank or change worked out from one is marked too.").format(
                footnote=illustrative_footnote()
            )
        )
    if request.format == "xlsx":
        lines.append(_("The second sheet says where the figures come from and what each mark means."))
    else:
        lines.append(
            _(
                "Provenance codes in the file: published — published for the body; article — from a "
                "news report of the rating; illustrative — a demo value."
            )
        )
    text = "\n".join(lines)
    return text if len(plain(text)) <= CAPTION_LIMIT else lines[0]
