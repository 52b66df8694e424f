"""What the bot shows for each request: text and keyboard, decided from the data alone.

Handlers only parse the update and send a :class:`Screen`; every decision (which year,
which page, one match or several) is made here so it can be tested without Telegram.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from bot import keyboards, render
from bot.catalog import RatingCatalog
from bot.rating import RatingBook

MAX_CHOICES = 5


@dataclass(frozen=True, slots=True)
class Screen:
    text: str
    markup: InlineKeyboardMarkup | None = None


class _Drawn:
    """Screens already drawn from the current book, shown again without drawing them again.

    A card or a page of /rank is the same text and keyboard for everyone who asks in the
    same language until the importer loads new figures, yet drawing it (gettext, babel's
    number formatting, the keyboard builder's deep copies) was a third of the bot's own
    time per reply (``bench/replies.py``). A screen depends only on the catalog, the book,
    its arguments and the locale, so those are the key; a new book starts afresh. The
    keys are bounded by the data (bodies, years, pages, locales), never by what users type.
    """

    def __init__(self) -> None:
        self._book: RatingBook | None = None
        self._screens: dict[tuple[Hashable, ...], Screen] = {}

    def get(self, book: RatingBook, key: tuple[Hashable, ...], draw: Callable[[], Screen]) -> Screen:
        i18n = I18n.get_current(no_error=True)
        if i18n is None:  # no gettext context: nothing to key the texts' language by
            return draw()
        if book is not self._book:
            self._book, self._screens = book, {}
        full_key = (*key, i18n, i18n.current_locale)
        screen = self._screens.get(full_key)
        if screen is None:
            screen = self._screens[full_key] = draw()
        return screen


_drawn = _Drawn()


def parse_year(argument: str | None) -> int | None:
    """The year a command names, None when it names none; ValueError when it is not a year."""
    if not argument or not argument.strip():
        return None
    text = argument.strip()
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(text)
    return int(text)


def for_year_argument(argument: str | None, show: Callable[[int | None], Screen]) -> Screen:
    """A command's optional year: the screen for that year, or how to write one."""
    try:
        year = parse_year(argument)
    except ValueError:
        return Screen(render.year_format(argument or ""))
    return show(year)


def greeting(book: RatingBook, first_name: str) -> Screen:
    return Screen(render.greeting(first_name, book), keyboards.main_menu())


def rank(catalog: RatingCatalog, book: RatingBook, year: int | None, page: int, language: str) -> Screen:
    available = book.ranked_years()
    if not available:
        return Screen(render.no_data())
    year = available[0] if year is None else year
    if year not in available:
        return Screen(render.unknown_year(year, available))
    pages = render.page_count(len(book.standings[year]))
    page = min(max(page, 0), pages - 1)
    return _drawn.get(
        book,
        ("rank", catalog, year, page, language),
        lambda: Screen(
            render.rank_page(book, year, page, catalog.agencies, language),
            keyboards.rank_pages(year, page, pages, [y for y in available if y != year]),
        ),
    )


def rank_page_exists(book: RatingBook, year: int, page: int) -> bool:
    """A button's page must still exist: a forged or stale one gets a polite refusal."""
    return year in book.ranked_years() and 0 <= page < render.page_count(len(book.standings[year]))


def agency(catalog: RatingCatalog, book: RatingBook, slug: str, language: str) -> Screen | None:
    found = catalog.agency(slug)
    if found is None:
        return None
    return _drawn.get(
        book,
        ("agency", catalog, found.slug, language),
        lambda: Screen(
            render.agency_card(book, found, language), keyboards.agency_card(book.latest_year(), found.slug)
        ),
    )


def search(catalog: RatingCatalog, book: RatingBook, query: str, language: str) -> Screen:
    """One confident match: its card; several: buttons to choose; none: say so.

    A query of only spaces is no search at all: it gets the hint, not a miss echoing «».
    """
    if not query.split():
        return Screen(render.empty_query())
    resolved = catalog.index.resolve(query)
    if resolved is not None:
        screen = agency(catalog, book, resolved.slug, language)
        if screen is not None:
            return screen
    matches = catalog.search(query, limit=MAX_CHOICES)
    if len(matches) == 1:
        screen = agency(catalog, book, matches[0].agency.slug, language)
        if screen is not None:
            return screen
    if matches:
        return Screen(
            render.choices(query),
            keyboards.agency_choices([m.agency for m in matches], language),
        )
    return Screen(render.no_match(query))


def changes(catalog: RatingCatalog, book: RatingBook, year: int | None, language: str) -> Screen:
    available = book.ranked_years()
    if not available:
        return Screen(render.no_data())
    year = available[0] if year is None else year
    if year not in book.all_years():
        return Screen(render.unknown_year(year, available))

    def draw() -> Screen:
        others = [y for y in available if y != year and book.changes(y)]
        return Screen(
            render.changes(book, year, catalog.agencies, language),
            keyboards.changes_years(others) if others else None,
        )

    return _drawn.get(book, ("changes", catalog, year, language), draw)


def language_menu(current: str) -> Screen:
    return Screen(render.language_prompt(), keyboards.languages(current))
