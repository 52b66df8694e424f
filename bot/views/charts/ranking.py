"""The year's list as a chart: every body's score as a sorted bar, coloured by the report's bands."""

from __future__ import annotations

from collections.abc import Collection

from aiogram.utils.i18n import gettext as _

from bot.domain.ratings import Standing
from bot.domain.snapshot import Snapshot
from bot.views.charts.common import as_text_hint, caption, chart_name, frame, legend
from bot.views.charts.spec import Bar, BarsSpec
from bot.views.figures import figures
from bot.views.formatting import body_name, fmt_score, locale, mark, with_footnote
from bot.views.sources import source_line

#: The report's "very high" band: a score above this.
VERY_HIGH = 4.8
#: Lines of the list the caption shows from each end; the rest are behind "As text".
CAPTION_ENDS = 3


def place(standing: Standing) -> str:
    return f"{standing.position}{mark(standing.position_illustrative)}"


def year_spec(snapshot: Snapshot, year: int, followed: Collection[str]) -> BarsSpec:
    """``year`` must be a complete year; ``followed``: the bodies to outline."""
    language = locale()
    bars = []
    for standing in snapshot.book.standings[year]:
        rating = standing.rating
        name = chart_name(snapshot.short_name(rating.agency, language))
        bars.append(
            Bar(
                label=f"{place(standing)}. {name}",
                value=rating.score,
                value_label=fmt_score(rating.score) + mark(rating.score_provenance),
                illustrative=rating.score_provenance == "illustrative",
                highlighted=rating.agency in followed,
                group=0 if rating.score > VERY_HIGH else 1,
            )
        )
    threshold = fmt_score(VERY_HIGH)
    return BarsSpec(
        frame=frame(
            _("Rating of state bodies by the quality of public services, {year}").format(year=year),
            _("Score out of 5, highest first"),
            snapshot.book,
            [year],
            [b.label + b.value_label for b in bars],
        ),
        legend=legend(),
        bars=tuple(bars),
        axis=_("Score out of 5"),
        groups=(
            _("very high: above {score}").format(score=threshold),
            _("{score} or lower").format(score=threshold),
        ),
        highlight=_("followed in this chat") if any(b.highlighted for b in bars) else "",
        threshold=VERY_HIGH,
    )


def highlighted(snapshot: Snapshot, year: int, followed: Collection[str]) -> list[str]:
    """The followed bodies this year's chart outlines: part of what makes the picture."""
    return sorted(s.rating.agency for s in snapshot.book.standings[year] if s.rating.agency in followed)


def year_lines(snapshot: Snapshot, year: int, followed: Collection[str]) -> list[str]:
    """Every body's place and figures as text, the followed ones in bold."""
    language = locale()
    lines = [
        _("<b>Rating of state bodies by the quality of public services, {year}</b>").format(year=year),
        _("Score out of 5 · share of satisfied service recipients"),
        "",
    ]
    for standing in snapshot.book.standings[year]:
        name = body_name(snapshot.short_name(standing.rating.agency, language))
        if standing.rating.agency in followed:
            name = f"<b>{name}</b>"
        lines.append(f"{place(standing)}. {name} — {figures(standing)}")
    lines += ["", source_line(snapshot.book.years[year].source)]
    return with_footnote(lines)


def year_caption(snapshot: Snapshot, year: int, followed: Collection[str]) -> str:
    """The list's title, its first and last places, and where the rest are."""
    lines = year_lines(snapshot, year, followed)
    rows = lines[3 : 3 + len(snapshot.book.standings[year])]
    if len(rows) > 2 * CAPTION_ENDS:
        rows = [*rows[:CAPTION_ENDS], "…", *rows[-CAPTION_ENDS:]]
    return caption(with_footnote([*lines[:3], *rows, "", as_text_hint()]))
