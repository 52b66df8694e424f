"""A body's place, figures and change as short phrases, shared by cards, lists and notifications."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.ratings import Change, Standing
from bot.views.formatting import fmt_percent, fmt_score, fmt_signed, mark, rounded


def position_text(standing: Standing) -> str:
    """ "rank 20 of 32", with the mark when the list has illustrative values, and a word
    when another body shares the place."""
    if standing.position is None:
        return _("partial list, no rank")
    if standing.tied:
        text = _("rank {position}{mark} of {total} (tied)")
    else:
        text = _("rank {position}{mark} of {total}")
    return text.format(
        position=standing.position, mark=mark(standing.position_illustrative), total=standing.total
    )


def movement_text(change: Change) -> str:
    gained = change.positions_gained
    if gained is None:
        return ""
    if gained > 0:
        text = ngettext("up {n} place", "up {n} places", gained).format(n=gained)
    elif gained < 0:
        text = ngettext("down {n} place", "down {n} places", -gained).format(n=-gained)
    else:
        text = _("same place")
    return text + mark(change.positions_illustrative)


def score_change(change: Change) -> str:
    """The change in score with its mark; "unchanged" rather than a zero."""
    if rounded(change.score_delta, 2) == 0:
        return _("score unchanged") + mark(change.score_illustrative)
    return _("score {delta}").format(
        delta=fmt_signed(change.score_delta, 2) + mark(change.score_illustrative)
    )


def satisfaction_change(change: Change) -> str:
    """The change in the share of satisfied people, in percentage points, with its mark."""
    delta = fmt_signed(change.satisfaction_delta, 1) + mark(change.satisfaction_illustrative)
    return _("{delta} p.p.").format(delta=delta)


def figures(standing: Standing) -> str:
    """Score and satisfaction, each with its mark when illustrative."""
    rating = standing.rating
    score = fmt_score(rating.score) + mark(rating.score_provenance)
    satisfaction = fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance)
    return f"{score} · {satisfaction}"


def change_line(change: Change) -> str:
    if rounded(change.satisfaction_delta, 1) == 0:
        satisfaction = _("satisfaction unchanged") + mark(change.satisfaction_illustrative)
    else:
        satisfaction = _("satisfaction {delta} p.p.").format(
            delta=fmt_signed(change.satisfaction_delta, 1) + mark(change.satisfaction_illustrative)
        )
    parts = [score_change(change), satisfaction]
    movement = movement_text(change)
    if movement:
        parts.append(movement)
    return _("Since {year}: {changes}").format(year=change.previous_year, changes=", ".join(parts))


def mover_details(change: Change) -> str:
    """A riser's or faller's line: the p.p. first (what it is ranked by), the rest after."""
    details = satisfaction_change(change)
    extra = [score_change(change)]
    movement = movement_text(change)
    if movement:
        extra.append(movement)
    return f"{details} ({', '.join(extra)})"
