"""A body's card: its latest place and figures, the change, and every year on record."""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.figures import change_line, figures, position_text
from bot.views.formatting import fmt_percent, fmt_score, illustrative_footnote, locale, mark
from bot.views.screen import Screen


def card(snapshot: Snapshot, slug: str) -> Screen:
    """The card of a body on the list (callers check a slug that came from outside)."""
    body = snapshot.bodies[slug]
    book = snapshot.book
    history = book.history(slug)
    lines = [f"<b>{html.escape(body.name(locale()))}</b>"]
    latest = book.latest_year()
    markup = keyboards.agency_card(latest, slug)
    if not history:
        lines.append(_("No rating on record for this body yet."))
        return Screen("\n".join(lines), markup)

    current = book.standing(slug, latest) if latest is not None else None
    if current is not None:
        rating = current.rating
        lines += [
            "",
            _("<b>{year}</b>: {position}").format(year=rating.year, position=position_text(current)),
            _("Score: {score}{mark} of 5").format(
                score=fmt_score(rating.score), mark=mark(rating.score_provenance)
            ),
            _("Satisfaction: {pct}{mark}").format(
                pct=fmt_percent(rating.satisfaction), mark=mark(rating.satisfaction_provenance)
            ),
        ]
        change = book.change(slug, rating.year)
        if change is not None:
            lines.append(change_line(change))
    elif latest is not None:
        lines += ["", _("Not rated in {year}.").format(year=latest)]

    lines += ["", _("<b>Every year on record</b>")]
    for standing in history:
        lines.append(f"{standing.rating.year}: {figures(standing)} · {position_text(standing)}")
    if any(s.rating.illustrative for s in history):
        lines += ["", illustrative_footnote()]
    return Screen("\n".join(lines), markup)
