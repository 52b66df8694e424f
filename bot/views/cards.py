"""A body's card: its place and figures in one year, the change, and every year on record."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.eras import era_label
from bot.views.figures import change_line, figures, position_text
from bot.views.formatting import body_name, fmt_percent, fmt_score, locale, mark, with_footnote
from bot.views.screen import Screen
from bot.views.sharing import card_link, share_query


def card(snapshot: Snapshot, slug: str, year: int = 0, username: str = "") -> Screen:
    """The card of a body on the list, led by ``year`` (0: the latest complete year).

    Callers check a slug that came from outside; a year with no rating on record says so.
    With the bot's ``username`` the card ends with its own deep link, to copy and pass on.
    """
    body = snapshot.bodies[slug]
    book = snapshot.book
    history = book.history(slug)
    lines = [f"<b>{body_name(body.name(locale()))}</b>"]
    latest = book.latest_year()
    shown = year or latest
    # The whole list of the year the card leads with, when there is one.
    markup = keyboards.agency_card(
        shown if shown in book.ranked_years() else latest,
        slug,
        share=share_query(snapshot, body),
        chart=bool(history),
    )
    if not history:
        lines.append(_("No rating on record for this body yet."))
        return Screen("\n".join(lines + card_link(username, slug)), markup)

    current = book.standing(slug, shown) if shown is not None else None
    if current is not None:
        rating = current.rating
        lines += [
            "",
            _("<b>{year}</b>: {position}").format(
                year=year_as(snapshot, slug, rating.year), position=position_text(current)
            ),
            _("Score: {score}{mark} out of 5").format(
                score=fmt_score(rating.score), mark=mark(rating.score_provenance)
            ),
            _("Satisfaction: {pct}{mark}").format(
                pct=fmt_percent(rating.satisfaction), mark=mark(rating.satisfaction_provenance)
            ),
        ]
        change = book.change(slug, rating.year)
        if change is not None:
            lines.append(change_line(change))
    elif shown is not None and shown not in book.all_years():
        years = ", ".join(str(y) for y in book.all_years())
        lines += [
            "",
            _("There is no rating for {year}. Years on record: {years}.").format(year=shown, years=years),
        ]
    elif shown is not None:
        lines += ["", _("Not rated in {year}.").format(year=shown)]

    lines += ["", _("<b>Every year on record</b>")]
    for standing in history:
        year_text = year_as(snapshot, slug, standing.rating.year)
        lines.append(f"{year_text}: {figures(standing)} · {position_text(standing)}")
    return Screen("\n".join(with_footnote(lines) + card_link(username, slug)), markup)


def year_as(snapshot: Snapshot, slug: str, year: int) -> str:
    """ "2020 (as the Ministry of ...)" for a year rated under a predecessor; else the year."""
    era = era_label(snapshot, slug, year)
    return f"{year} ({body_name(era)})" if era else str(year)
