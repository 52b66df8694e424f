"""From a chart button or /chart to what is sent: the picture's spec, caption and key, or a reply.

Data from a button is checked here like any outside input: a forged or stale one gets the
stale-button answer, never an exception.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.callbacks import Chart, ChoicePage
from bot.views.changes import movers_text, nothing_to_compare
from bot.views.charts.buttons import as_text
from bot.views.charts.compare import compare_caption, compare_spec, compare_years
from bot.views.charts.history import history_caption, history_lines, history_spec
from bot.views.charts.keys import ChartKey, chart_key
from bot.views.charts.movers import movers_caption, movers_spec
from bot.views.charts.ranking import highlighted, year_caption, year_lines, year_spec
from bot.views.charts.spec import ChartSpec
from bot.views.formatting import locale
from bot.views.lookup import CHOICES_PER_PAGE, choices_screen, no_match, year_in
from bot.views.screen import Screen

KINDS = ("history", "year", "changes", "compare")


@dataclass(frozen=True)
class ChartView:
    """A picture to send: what to draw, its caption and key, and the figures as text."""

    spec: ChartSpec
    caption: str
    key: ChartKey
    text: str  # every figure the picture shows, as an HTML message
    markup: InlineKeyboardMarkup | None  # "As text", when the caption holds only part of ``text``


def chart_view(snapshot: Snapshot, data: Chart, followed: Collection[str] = ()) -> ChartView | Screen:
    """The chart ``data`` asks for; a Screen saying why not when it cannot be drawn."""
    if data.kind == "history":
        return history_view(snapshot, data)
    if data.kind == "year":
        return year_view(snapshot, data, followed)
    if data.kind == "changes":
        return changes_view(snapshot, data)
    if data.kind == "compare":
        return compare_view(snapshot, data)
    return Screen(common.stale_button())


def history_view(snapshot: Snapshot, data: Chart) -> ChartView | Screen:
    slug = data.subject
    if snapshot.body(slug) is None or data.year:
        return Screen(common.stale_button())
    spec = history_spec(snapshot, slug)
    if spec is None:
        return Screen(_("No rating on record for this body yet."))
    text = "\n".join(history_lines(snapshot, slug))
    key = chart_key(snapshot, locale(), "history", subject=slug)
    return ChartView(spec, history_caption(snapshot, slug), key, text, None)


def year_view(snapshot: Snapshot, data: Chart, followed: Collection[str]) -> ChartView | Screen:
    available = snapshot.book.ranked_years()
    if not available:
        return Screen(common.no_data())
    year = data.year or available[0]
    if year not in available:
        return Screen(common.unknown_year(year, available))
    outlined = highlighted(snapshot, year, followed)
    key = chart_key(snapshot, locale(), "year", year=year, highlighted=outlined)
    text = "\n".join(year_lines(snapshot, year, outlined))
    return ChartView(
        year_spec(snapshot, year, outlined), year_caption(snapshot, year, outlined), key, text, as_text(data)
    )


def changes_view(snapshot: Snapshot, data: Chart) -> ChartView | Screen:
    book = snapshot.book
    comparable = book.comparable_years()
    if not book.ranked_years():
        return Screen(common.no_data())
    year = data.year or (comparable[0] if comparable else book.ranked_years()[0])
    if not book.comparable(year):
        return Screen(nothing_to_compare(year))
    text = movers_text(snapshot, year)
    caption = movers_caption(snapshot, year)
    key = chart_key(snapshot, locale(), "changes", year=year)
    return ChartView(
        movers_spec(snapshot, year), caption, key, text, None if caption == text else as_text(data)
    )


def compare_view(snapshot: Snapshot, data: Chart) -> ChartView | Screen:
    slugs = data.subject.split("+")
    if data.year or not 2 <= len(slugs) <= 3 or len(set(slugs)) != len(slugs):
        return Screen(common.stale_button())
    if any(snapshot.body(slug) is None for slug in slugs):
        return Screen(common.stale_button())
    if not compare_years(snapshot):
        return Screen(common.no_data())
    caption = compare_caption(snapshot, slugs)
    key = chart_key(snapshot, locale(), "compare", subject=data.subject)
    return ChartView(compare_spec(snapshot, slugs), caption, key, caption, None)


def chart_request(snapshot: Snapshot, argument: str | None) -> Chart | Screen:
    """What /chart's argument asks for: nothing or a year, the list; a name, the body's history.

    A name is found as everywhere (the search index); several matches offer buttons that
    draw the chosen body's chart; a year written with a name is allowed (the history
    shows every year anyway).
    """
    text = (argument or "").strip()
    try:
        year = common.parse_year(text)
    except ValueError:
        year = None
    else:
        return Chart(kind="year", year=year or 0)
    name = text if year_in(text) is None else " ".join(w for w in text.split() if not w.isdigit())
    if not name.strip():
        return Screen(chart_usage())
    resolved = snapshot.index.resolve(name)
    if resolved is not None:
        return Chart(kind="history", subject=resolved.slug)
    matches = snapshot.index.search(name, limit=CHOICES_PER_PAGE)
    if len(matches) == 1:
        return Chart(kind="history", subject=matches[0].agency.slug)
    if not matches:
        return Screen(no_match(name))
    return choices_screen(
        name,
        [m.agency for m in matches],
        0,
        lambda page: ChoicePage(key=query_key(name), page=page),  # one page: never pressed
        choice=lambda body: Chart(kind="history", subject=body.slug),
    )


def chart_usage() -> str:
    return _(
        "Send /chart for the whole list, /chart 2024 for a year, or /chart and a name, e.g. /chart Минздрав"
    )
