"""What a name typed by a user finds: one body's card, buttons to choose, or how to ask."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.cards import card
from bot.views.formatting import echo
from bot.views.screen import Screen

MAX_CHOICES = 5


def lookup(snapshot: Snapshot, query: str) -> Screen:
    """One confident match: its card; several: buttons to choose; none: say so.

    A query of only spaces is no search at all: it gets the hint, not a miss echoing «».
    """
    if not query.split():
        return Screen(empty_query())
    resolved = snapshot.index.resolve(query)
    if resolved is not None:
        return card(snapshot, resolved.slug)
    matches = snapshot.index.search(query, limit=MAX_CHOICES)
    if len(matches) == 1:
        return card(snapshot, matches[0].agency.slug)
    if matches:
        return Screen(choices(query), keyboards.agency_choices([m.agency for m in matches]))
    return Screen(no_match(query))


def choices(query: str) -> str:
    return _("Several bodies match «{query}». Which one do you mean?").format(query=echo(query))


def empty_query() -> str:
    """For a message with nothing to search for (only spaces): no «» echo, just how to ask."""
    return _(
        "Send the name of a ministry or agency — for example <i>Минздрав</i>, <i>МЧС</i> or "
        "<i>KNB</i>. /help lists what else I can do."
    )


def no_match(query: str) -> str:
    return _(
        "I found no state body for «{query}». Try a short name or an abbreviation — "
        "for example <i>Минфин</i>, <i>МЧС</i>, <i>KNB</i> — or see the whole list: /rank"
    ).format(query=echo(query))


def agency_prompt() -> Screen:
    """/agency with nothing after it."""
    return Screen(_("Send the name of a ministry or agency after the command, e.g. /agency Минздрав"))
