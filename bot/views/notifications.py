"""The text of a new-rating notification, in the recipient's language.

A chat that follows every rating and some bodies gets one message covering both.
"""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot.domain.bodies import Agency
from bot.domain.snapshot import Snapshot
from bot.store.records import ALL, Delivery
from bot.views import keyboards
from bot.views.figures import change_line, figures, mover_details, position_text
from bot.views.formatting import illustrative_footnote, locale
from bot.views.screen import Screen

PODIUM = 3


def notification(snapshot: Snapshot, delivery: Delivery) -> Screen:
    book = snapshot.book
    year = delivery.year
    followed = [body for slug in delivery.topics if (body := snapshot.body(slug)) is not None]
    if delivery.kind == "corrected":
        lines = [
            _("<b>✏️ The {year} rating was corrected</b>").format(year=year),
            _("The figures have been updated; /rank {year} shows the list as it is now.").format(year=year),
        ]
    else:
        lines = [_("<b>🔔 The {year} rating is out</b>").format(year=year)]
        if ALL in delivery.topics:
            lines += summary(snapshot, year)
    for body in followed:
        lines += ["", *body_lines(snapshot, body, year)]
    if any(s.rating.illustrative for s in book.standings.get(year, [])):
        lines += ["", illustrative_footnote()]
    markup = keyboards.agency_card(year) if year in book.ranked_years() else None
    return Screen("\n".join(lines), markup)


def summary(snapshot: Snapshot, year: int) -> list[str]:
    """Top three, bottom three, and the biggest moves."""
    book = snapshot.book
    standings = book.standings.get(year, [])
    if not standings:
        return []
    language = locale()

    def line(index: int, slug: str, details: str) -> str:
        return f"{index}. {html.escape(snapshot.short_name(slug, language))} — {details}"

    lines = ["", _("<b>Top three</b>")]
    lines += [line(s.position or n, s.rating.agency, figures(s)) for n, s in enumerate(standings[:PODIUM], 1)]
    if len(standings) > 2 * PODIUM:
        lines += ["", _("<b>Bottom three</b>")]
        lines += [
            line(s.position or n, s.rating.agency, figures(s))
            for n, s in enumerate(standings[-PODIUM:], len(standings) - PODIUM + 1)
        ]
    risers, fallers = book.movers(year, PODIUM)
    for title, group in ((_("Risers"), risers), (_("Fallers"), fallers)):
        if group:
            lines += ["", f"<b>{title}</b>"]
            lines += [line(n, c.agency, mover_details(c)) for n, c in enumerate(group, 1)]
    return lines


def body_lines(snapshot: Snapshot, body: Agency, year: int) -> list[str]:
    """What a follower of one body reads about it."""
    book = snapshot.book
    lines = [f"<b>{html.escape(body.name(locale()))}</b>"]
    standing = book.standing(body.slug, year)
    if standing is None:
        lines.append(_("Not rated in {year}.").format(year=year))
        return lines
    lines.append(f"{position_text(standing)} · {figures(standing)}")
    change = book.change(body.slug, year)
    if change is not None:
        lines.append(change_line(change))
    return lines
