"""What an old name finds: today's body with the line "now called ...", or the bodies it
was split into, as buttons to choose from."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.lineage import MERGED, SPLIT, Predecessor
from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.cards import card
from bot.views.formatting import body_name, locale
from bot.views.screen import Screen


def old_name(snapshot: Snapshot, predecessor: Predecessor, year: int = 0, username: str = "") -> Screen:
    """The successor's card under a line saying what became of the old name; several
    successors: a button each (led by ``year`` when the query named one)."""
    successors = [b for b in map(snapshot.body, predecessor.successors) if b is not None]
    old = body_name(predecessor.name(locale()))
    if predecessor.change == SPLIT or len(successors) != 1:
        text = _("In {year}, the {old} was split into several bodies. Which one do you need?").format(
            year=predecessor.to_year, old=old
        )
        return Screen(text, keyboards.body_choices(successors, year=year))
    body = successors[0]
    now = body_name(body.name(locale()))
    if predecessor.change == MERGED:
        line = _("In {year}, the {old} was merged into the {now}.")
    else:
        line = _("The {old} is now called the {now} (since {year}).")
    screen = card(snapshot, body.slug, year, username)
    return Screen(
        line.format(old=old, now=now, year=predecessor.to_year) + "\n\n" + screen.text, screen.markup
    )
