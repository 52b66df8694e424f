"""What a name typed by a user finds: one body's card, buttons to choose, or how to ask.

A year written with the name ("минздрав 2024") opens the card at that year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.bodies import Agency
from bot.domain.intents.parse import looks_like_question
from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.callbacks import ChoicePage
from bot.views.cards import card
from bot.views.elsewhere import not_rated_here
from bot.views.formatting import echo
from bot.views.lineage import old_name
from bot.views.question_help import not_understood
from bot.views.ranking import page_count
from bot.views.screen import Screen

#: Choices shown at once; the rest are a "More" press away.
CHOICES_PER_PAGE = 6
#: Candidates considered at all (the whole list has 32 bodies).
MAX_CANDIDATES = 40
_YEAR = re.compile(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)")


def year_in(query: str) -> int | None:
    """A year written in the query (1990..2099), when there is exactly one."""
    years = set(_YEAR.findall(query))
    return int(years.pop()) if len(years) == 1 else None


def lookup(snapshot: Snapshot, query: str, page: int = 0, username: str = "") -> Screen:
    """One confident match: its card; several: buttons to choose, a page at a time; none: say so.

    A query of only spaces is no search at all: it gets the hint, not a miss echoing «».
    """
    if not query.split():
        return Screen(empty_query())
    year = year_in(query) or 0
    aside = before_search(snapshot, query, year, username)
    if aside is not None:
        return aside
    resolved = snapshot.index.resolve(query)
    if resolved is not None:
        return card(snapshot, resolved.slug, year, username)
    matches = snapshot.index.search(query, limit=MAX_CANDIDATES)
    if len(matches) == 1:
        return card(snapshot, matches[0].agency.slug, year, username)
    if not matches:  # a question the grammar cannot read gets examples to press
        return not_understood(query) if looks_like_question(query) else Screen(no_match(query))
    key = query_key(query)
    return choices_screen(
        query, [m.agency for m in matches], page, lambda number: ChoicePage(key=key, page=number), year=year
    )


def before_search(snapshot: Snapshot, query: str, year: int, username: str = "") -> Screen | None:
    """What a text gets before any fuzzy match: a former name, what became of it; something
    outside this rating (a court, a bank, egov.kz), where it belongs."""
    old = snapshot.lineage.named(query)
    if old is not None:
        return old_name(snapshot, old, year, username)
    return not_rated_here(snapshot, query)


def choices_screen(
    query: str,
    bodies: Sequence[Agency],
    page: int,
    page_button: Callable[[int], CallbackData],
    *,
    year: int = 0,
    choice: Callable[[Agency], CallbackData] | None = None,
) -> Screen:
    """Which of several bodies: a page of buttons (each opens the card, or ``choice``), and
    ‹ Back / More › buttons made by ``page_button`` to the pages before and after."""
    pages = page_count(len(bodies), CHOICES_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    markup = keyboards.body_choices(
        bodies[page * CHOICES_PER_PAGE : (page + 1) * CHOICES_PER_PAGE],
        year=year,
        choice=choice,
        back=page_button(page - 1) if page > 0 else None,
        more=page_button(page + 1) if page < pages - 1 else None,
    )
    return Screen(choices(query, len(bodies)), markup)


def choices(query: str, count: int) -> str:
    return ngettext(
        "{count} body matches «{query}». Which one do you mean?",
        "{count} bodies match «{query}». Which one do you mean?",
        count,
    ).format(query=echo(query), count=count)


def empty_query() -> str:
    """For a message with nothing to search for (only spaces): no «» echo, just how to ask."""
    return _(
        "Send the name of a ministry or agency — for example <i>Минздрав</i>, <i>МЧС</i> or "
        "<i>KNB</i>. /help lists what else I can do."
    )


def no_match(query: str) -> str:
    return _(
        "I couldn't find a state body matching «{query}». Try a short name or an abbreviation, "
        "for example <i>Минфин</i>, <i>МЧС</i> or <i>KNB</i>, or see the whole list: /rank"
    ).format(query=echo(query))


def agency_prompt() -> Screen:
    """/agency with nothing after it."""
    return Screen(_("Send the name of a ministry or agency after the command, e.g. /agency Минздрав"))
