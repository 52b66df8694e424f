"""A body's history chart: score and satisfaction over every year on record, its place each year."""

from __future__ import annotations

import itertools
import textwrap

from aiogram.utils.i18n import gettext as _

from bot.domain.ratings import Standing
from bot.domain.snapshot import Snapshot
from bot.views.charts.common import caption, frame, legend
from bot.views.charts.spec import HistoryPoint, HistorySpec
from bot.views.eras import era_label
from bot.views.figures import figures, position_text
from bot.views.formatting import (
    NAME_LIMIT,
    body_name,
    clip,
    fmt_percent,
    fmt_score,
    locale,
    mark,
    with_footnote,
)

ILLUSTRATIVE = "illustrative"
#: A predecessor's name under its year is wrapped to this many characters a line.
ERA_WIDTH = 30


def point(snapshot: Snapshot, standing: Standing) -> HistoryPoint:
    rating = standing.rating
    return HistoryPoint(
        year=rating.year,
        score=rating.score,
        satisfaction=rating.satisfaction,
        score_label=fmt_score(rating.score) + mark(rating.score_provenance),
        satisfaction_label=fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance),
        score_illustrative=rating.score_provenance == ILLUSTRATIVE,
        satisfaction_illustrative=rating.satisfaction_provenance == ILLUSTRATIVE,
        rank_label=position_text(standing),
        era_label="\n".join(textwrap.wrap(era_label(snapshot, rating.agency, rating.year), ERA_WIDTH)),
    )


def history_spec(snapshot: Snapshot, slug: str) -> HistorySpec | None:
    """None when the body has no year on record (nothing to draw)."""
    body = snapshot.bodies[slug]
    history = list(reversed(snapshot.book.history(slug)))  # oldest first, left to right
    if not history:
        return None
    points = tuple(point(snapshot, standing) for standing in history)
    years = [p.year for p in points]
    title = _("{name}: score and satisfaction, {first}–{last}").format(
        name=clip(body.name(locale()), NAME_LIMIT), first=years[0], last=years[-1]
    )
    labels = [label for p in points for label in (p.score_label, p.satisfaction_label, p.rank_label)]
    return HistorySpec(
        frame=frame(
            title, _("Every year on record; the place in that year's list"), snapshot.book, years, labels
        ),
        legend=legend(gap=any(b - a > 1 for a, b in itertools.pairwise(years))),
        points=points,
        score_axis=_("Score out of 5"),
        satisfaction_axis=_("Satisfied, %"),
    )


def history_lines(snapshot: Snapshot, slug: str) -> list[str]:
    """The same figures as text: a line a year, newest first (the caption, for screen readers)."""
    body = snapshot.bodies[slug]
    history = snapshot.book.history(slug)
    years = [s.rating.year for s in history]
    lines = [
        f"<b>{body_name(body.name(locale()))}</b>",
        _("Score and satisfaction by year, {first}–{last}").format(first=min(years), last=max(years)),
        "",
    ]
    for standing in history:
        era = era_label(snapshot, slug, standing.rating.year)
        suffix = f" ({body_name(era)})" if era else ""
        lines.append(f"{standing.rating.year}: {figures(standing)} · {position_text(standing)}{suffix}")
    return with_footnote(lines)


def history_caption(snapshot: Snapshot, slug: str) -> str:
    """The photo's caption (HTML, current locale): the body, the years, every figure drawn."""
    return caption(history_lines(snapshot, slug))
