"""/rank: the whole list of a year, ten a page."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import common, keyboards
from bot.views.figures import figures
from bot.views.formatting import body_name, locale, with_footnote
from bot.views.screen import Screen
from bot.views.sources import source_line
from bot.views.web_page import WebPage, page_button

PAGE_SIZE = 10


def page_count(items: int, size: int = PAGE_SIZE) -> int:
    """Pages of ``size`` that ``items`` fill; an empty list is one (empty) page."""
    return max(1, -(-items // size))


def page_exists(snapshot: Snapshot, year: int, page: int) -> bool:
    """A button's page must still exist: a forged or stale one gets a polite refusal."""
    book = snapshot.book
    return year in book.ranked_years() and 0 <= page < page_count(len(book.standings[year]))


def rank(snapshot: Snapshot, year: int | None, page: int, web_page: WebPage | None = None) -> Screen:
    """A page of a complete year's list (the latest when ``year`` is None); with ``web_page``
    (WEB_APP_URL), a last row opening the whole table on the page, on every page."""
    book = snapshot.book
    available = book.ranked_years()
    if not available:
        return Screen(common.no_data())
    year = available[0] if year is None else year
    if year not in available:
        return Screen(common.unknown_year(year, available), keyboards.rank_years(available))
    standings = book.standings[year]
    pages = page_count(len(standings))
    page = min(max(page, 0), pages - 1)
    language = locale()
    lines = [
        _("<b>Rating of state bodies by the quality of public services, {year}</b>").format(year=year),
        _("Score out of 5 · share of satisfied service recipients"),
        "",
    ]
    for standing in standings[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        name = snapshot.short_name(standing.rating.agency, language)
        lines.append(f"{standing.position}. {body_name(name)} — {figures(standing)}")
    lines.append("")
    lines.append(_("Page {page} of {pages}").format(page=page + 1, pages=pages))
    lines.append(source_line(book.years[year].source))
    lines = with_footnote(lines)
    markup = keyboards.rank_pages(year, page, pages, [y for y in available if y != year])
    if web_page is not None:
        shown_year = None if year == available[0] else year  # the page opens on the latest itself
        rows = [*markup.inline_keyboard, [page_button(web_page, language, shown_year)]]
        markup = InlineKeyboardMarkup(inline_keyboard=rows)
    return Screen("\n".join(lines), markup)
