"""A body's place, figures and change as short phrases, shared by cards, lists and notifications."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.ratings import Change, Standing
from bot.views.formatting import fmt_percent, fmt_score, fmt_signed, mark


def position_text(standing: Standing) -> str:
    if standing.position is None:
        return _("partial list, no rank")
    return _("rank {position} of {total}").format(position=standing.position, total=standing.total)


def movement_text(change: Change) -> str:
    gained = change.positions_gained
    if gained is None:
        return ""
    if gained > 0:
        return ngettext("up {n} place", "up {n} places", gained).format(n=gained)
    if gained < 0:
        return ngettext("down {n} place", "down {n} places", -gained).format(n=-gained)
    return _("same place")


def figures(standing: Standing) -> str:
    """Score and satisfaction, each with its mark when illustrative."""
    rating = standing.rating
    score = fmt_score(rating.score) + mark(rating.score_provenance)
    satisfaction = fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance)
    return f"{score} · {satisfaction}"


def change_line(change: Change) -> str:
    parts = [
        _("score {delta}").format(delta=fmt_signed(change.score_delta, 2)),
        _("satisfaction {delta} p.p.").format(delta=fmt_signed(change.satisfaction_delta, 1)),
    ]
    movement = movement_text(change)
    if movement:
        parts.append(movement)
    return _("Since {year}: {changes}").format(year=change.previous_year, changes=", ".join(parts))


def mover_details(change: Change) -> str:
    """A riser's or faller's line: the p.p. first (what it is ranked by), the rest after."""
    details = _("{delta} p.p.").format(delta=fmt_signed(change.satisfaction_delta, 1))
    extra = [_("score {delta}").format(delta=fmt_signed(change.score_delta, 2))]
    movement = movement_text(change)
    if movement:
        extra.append(movement)
    return f"{details} ({', '.join(extra)})"
