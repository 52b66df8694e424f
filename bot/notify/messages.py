"""The text of a new-rating notification, in the recipient's language (the i18n context).

Pure, like ``bot.render``: it takes the ratings and what the chat follows. A chat that
follows every rating and some agencies gets one message covering both.
"""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot import keyboards, render
from bot.agencies import Agency
from bot.rating import RatingBook
from bot.screens import Screen
from bot.store.subscriptions import ALL, Delivery

PODIUM = 3


def notification(book: RatingBook, agencies: dict[str, Agency], delivery: Delivery) -> Screen:
    year = delivery.year
    language = delivery.language
    followed = [agencies[slug] for slug in delivery.topics if slug in agencies]
    if delivery.kind == "corrected":
        lines = [
            _("<b>✏️ The {year} rating was corrected</b>").format(year=year),
            _("The figures have been updated; /rank {year} shows the list as it is now.").format(year=year),
        ]
    else:
        lines = [_("<b>🔔 The {year} rating is out</b>").format(year=year)]
        if ALL in delivery.topics:
            lines += summary(book, year, agencies, language)
    for agency in followed:
        lines += ["", *agency_lines(book, agency, year, language)]
    standings = book.standings.get(year, [])
    if any(s.rating.illustrative for s in standings):
        lines += ["", render.illustrative_footnote()]
    markup = keyboards.agency_card(year) if year in book.ranked_years() else None
    return Screen("\n".join(lines), markup)


def summary(book: RatingBook, year: int, agencies: dict[str, Agency], language: str) -> list[str]:
    """Top three, bottom three, and the biggest moves."""
    standings = book.standings.get(year, [])
    if not standings:
        return []

    def line(index: int, slug: str, details: str) -> str:
        name = html.escape(render.short_name(agencies, slug, language))
        return f"{index}. {name} — {details}"

    lines = ["", _("<b>Top three</b>")]
    lines += [
        line(s.position or n, s.rating.agency, render.figures(s, language))
        for n, s in enumerate(standings[:PODIUM], 1)
    ]
    if len(standings) > 2 * PODIUM:
        lines += ["", _("<b>Bottom three</b>")]
        lines += [
            line(s.position or n, s.rating.agency, render.figures(s, language))
            for n, s in enumerate(standings[-PODIUM:], len(standings) - PODIUM + 1)
        ]
    risers, fallers = book.movers(year, PODIUM)
    for title, group in ((_("Risers"), risers), (_("Fallers"), fallers)):
        if group:
            lines += ["", f"<b>{title}</b>"]
            lines += [line(n, c.agency, render.mover_details(c, language)) for n, c in enumerate(group, 1)]
    return lines


def agency_lines(book: RatingBook, agency: Agency, year: int, language: str) -> list[str]:
    lines = [f"<b>{html.escape(agency.name(language))}</b>"]
    standing = book.standing(agency.slug, year)
    if standing is None:
        lines.append(_("Not rated in {year}.").format(year=year))
        return lines
    lines.append(f"{render.position_text(standing)} · {render.figures(standing, language)}")
    change = book.change(agency.slug, year)
    if change is not None:
        lines.append(render.change_line(change, language))
    return lines
