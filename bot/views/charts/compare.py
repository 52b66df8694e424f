"""2-3 bodies side by side as a chart: score and satisfaction, the year before and the latest."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views.charts.common import caption, chart_name, frame, legend
from bot.views.charts.spec import CompareBody, CompareSpec, CompareValue
from bot.views.figures import figures, position_text
from bot.views.formatting import body_name, fmt_percent, fmt_score, locale, mark, with_footnote


def compare_years(snapshot: Snapshot) -> list[int]:
    """The latest complete year and the year before it, when that has figures; older first."""
    latest = snapshot.book.latest_year()
    if latest is None:
        return []
    return [y for y in (latest - 1, latest) if y in snapshot.book.all_years()]


def compare_spec(snapshot: Snapshot, slugs: Sequence[str]) -> CompareSpec:
    """``slugs``: 2-3 known bodies, in the order asked; the book has a complete year."""
    book = snapshot.book
    years = compare_years(snapshot)
    not_rated = _("not rated")
    bodies = []
    for slug in slugs:
        scores, satisfactions = [], []
        for year in years:
            standing = book.standing(slug, year)
            if standing is None:
                scores.append(CompareValue(None, not_rated))
                satisfactions.append(CompareValue(None, not_rated))
                continue
            rating = standing.rating
            scores.append(
                CompareValue(
                    rating.score,
                    fmt_score(rating.score) + mark(rating.score_provenance),
                    rating.score_provenance == "illustrative",
                )
            )
            satisfactions.append(
                CompareValue(
                    rating.satisfaction,
                    fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance),
                    rating.satisfaction_provenance == "illustrative",
                )
            )
        name = chart_name(snapshot.short_name(slug, locale()))
        bodies.append(CompareBody(name, tuple(scores), tuple(satisfactions)))
    labels = [v.label for b in bodies for v in (*b.scores, *b.satisfactions)]
    return CompareSpec(
        frame=frame(
            compare_title(years),
            _("Score out of 5 · share of satisfied service recipients"),
            book,
            years,
            labels,
        ),
        legend=legend(),
        years=tuple(years),
        bodies=tuple(bodies),
        score_axis=_("Score out of 5"),
        satisfaction_axis=_("Satisfied, %"),
        not_rated=not_rated,
    )


def compare_title(years: Sequence[int]) -> str:
    if len(years) == 1:
        return _("Comparison, {year}").format(year=years[0])
    return _("Comparison, {previous} and {year}").format(previous=years[0], year=years[-1])


def compare_caption(snapshot: Snapshot, slugs: Sequence[str]) -> str:
    """Each body's figures in both years, as text: what the bars show."""
    years = compare_years(snapshot)
    language = locale()
    lines = [f"<b>{compare_title(years)}</b>"]
    for slug in slugs:
        lines += ["", f"<b>{body_name(snapshot.bodies[slug].short_name(language))}</b>"]
        for year in reversed(years):
            standing = snapshot.book.standing(slug, year)
            if standing is None:
                lines.append(_("{year}: not rated").format(year=year))
            else:
                lines.append(f"{year}: {figures(standing)} · {position_text(standing)}")
    return caption(with_footnote(lines))
