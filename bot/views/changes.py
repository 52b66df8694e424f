"""/changes: the biggest risers and fallers in satisfaction against the year before."""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import common, keyboards
from bot.views.figures import mover_details
from bot.views.formatting import illustrative_footnote, locale
from bot.views.screen import Screen

MOVERS = 5


def changes(snapshot: Snapshot, year: int | None) -> Screen:
    """The movers of ``year`` (the latest complete one when None), with buttons to other years."""
    book = snapshot.book
    available = book.ranked_years()
    if not available:
        return Screen(common.no_data())
    year = available[0] if year is None else year
    if year not in book.all_years():
        return Screen(common.unknown_year(year, available))
    others = [y for y in available if y != year and book.changes(y)]
    return Screen(movers_text(snapshot, year), keyboards.changes_years(others) if others else None)


def movers_text(snapshot: Snapshot, year: int) -> str:
    book = snapshot.book
    risers, fallers = book.movers(year, MOVERS)
    if not risers and not fallers:
        return _("There is nothing to compare {year} with.").format(year=year)
    previous = (risers or fallers)[0].previous_year
    language = locale()
    lines = [
        _("<b>Biggest changes in satisfaction, {year} against {previous}</b>").format(
            year=year, previous=previous
        ),
    ]
    for title, group in ((_("Risers"), risers), (_("Fallers"), fallers)):
        if not group:
            continue
        lines += ["", f"<b>{title}</b>"]
        for number, change in enumerate(group, start=1):
            name = snapshot.short_name(change.agency, language)
            lines.append(f"{number}. {html.escape(name)}: {mover_details(change)}")
    if any(s.rating.illustrative for s in book.standings[year]):
        lines += ["", illustrative_footnote()]
    return "\n".join(lines)
