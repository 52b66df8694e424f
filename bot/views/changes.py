"""/changes: the biggest risers and fallers in satisfaction against the year before."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import common, keyboards
from bot.views.callbacks import Chart
from bot.views.charts.buttons import chart_button
from bot.views.figures import mover_details
from bot.views.formatting import body_name, locale, with_footnote
from bot.views.screen import Screen

MOVERS = 5


def changes(snapshot: Snapshot, year: int | None) -> Screen:
    """The movers of ``year`` against the year before (the latest such pair when None),
    with buttons to the other years that have changes."""
    book = snapshot.book
    comparable = book.comparable_years()
    if not book.ranked_years():
        return Screen(common.no_data())
    year = (comparable[0] if comparable else book.ranked_years()[0]) if year is None else year
    others = [y for y in comparable if y != year]
    markup = keyboards.changes_years(others) if others else None
    if year not in book.all_years():
        return Screen(common.unknown_year(year, comparable), markup)
    if not book.comparable(year):
        return Screen(nothing_to_compare(year), markup)
    chart = [chart_button(Chart(kind="changes", year=year))]
    rows = [*(markup.inline_keyboard if markup is not None else []), chart]
    return Screen(movers_text(snapshot, year), InlineKeyboardMarkup(inline_keyboard=rows))


def nothing_to_compare(year: int) -> str:
    """Changes are only claimed between two complete lists of consecutive years."""
    return _(
        "There are no changes for {year}: changes compare two complete lists of consecutive "
        "years, and {previous} has no complete list here."
    ).format(year=year, previous=year - 1)


def movers_text(snapshot: Snapshot, year: int) -> str:
    book = snapshot.book
    risers, fallers = book.movers(year, MOVERS)
    language = locale()
    lines = [
        _("<b>Biggest changes in the share of satisfied people, {year} vs {previous}</b>").format(
            year=year, previous=year - 1
        ),
    ]
    if not risers and not fallers:
        lines += ["", _("No body's share of satisfied people changed.")]
    for title, group in ((_("Risers"), risers), (_("Fallers"), fallers)):
        if not group:
            continue
        lines += ["", f"<b>{title}</b>"]
        for number, change in enumerate(group, start=1):
            name = snapshot.short_name(change.agency, language)
            lines.append(f"{number}. {body_name(name)}: {mover_details(change)}")
    return "\n".join(with_footnote(lines))
