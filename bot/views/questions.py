"""Answers to plain questions (bot.domain.intents): each starts by saying how the question
was understood ("Топ-5 по баллу, 2025"), so a misreading shows at once, then the figures,
marked as the cards mark them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.intents.grammar import (
    ABOVE,
    AVERAGE,
    BETTER,
    BOTTOM,
    COMPARE,
    FALL,
    PLACES,
    RANK,
    RISE,
    SATISFACTION,
    SCORE,
    TOP,
)
from bot.domain.intents.parse import Intent
from bot.domain.ratings import Change, Standing
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.changes import nothing_to_compare
from bot.views.compare import compare, comparison
from bot.views.figures import figures, movement_text, position_text, satisfaction_change, score_change
from bot.views.formatting import body_name, fmt_percent, fmt_score, locale, mark, with_footnote
from bot.views.screen import Screen


def compare_text(intent: Intent) -> str:
    """The names of a COMPARE question as /compare reads them (and its buttons find them)."""
    return ", ".join(intent.names)


def answer(snapshot: Snapshot, intent: Intent) -> Screen:
    """The reply to ``intent``: what was understood, in bold, then the answer."""
    if intent.intent == COMPARE:
        return _compared(snapshot, intent)
    if intent.intent in (RISE, FALL):
        return Screen(_movers(snapshot, intent))
    book = snapshot.book
    year = intent.year or book.latest_year()
    if year is None:
        return Screen(common.no_data())
    if not book.is_complete(year):
        return Screen(common.unknown_year(year, book.ranked_years()))
    return Screen(_ANSWERS[intent.intent](snapshot, intent, year))


def understood(snapshot: Snapshot, intent: Intent, when: str) -> str:
    """How the question was read, in one bold line: what, by which measure, of whom, when."""
    measure = intent.measure or (SATISFACTION if intent.intent in (RISE, FALL) else SCORE)
    title = _title(snapshot, intent)
    if intent.intent in (TOP, BOTTOM, RISE, FALL, AVERAGE, ABOVE, BETTER):
        title = _("{title} {measure}").format(title=title, measure=_measure_name(measure))
    parts = [title]
    if intent.group:
        parts.append(_("ministries only") if intent.group == "ministry" else _("agencies only"))
    parts.append(when)
    return "<b>" + ", ".join(parts) + "</b>"


def _title(snapshot: Snapshot, intent: Intent) -> str:
    n = intent.n
    names = [body_name(snapshot.short_name(slug, locale())) for slug in intent.slugs]
    titles: dict[str, Callable[[], str]] = {
        TOP: lambda: _("First place") if n == 1 else _("Top {n}").format(n=n),
        BOTTOM: lambda: _("Last place") if n == 1 else _("Bottom {n}").format(n=n),
        RISE: lambda: _("Biggest rise") if n == 1 else _("{n} biggest rises").format(n=n),
        FALL: lambda: _("Biggest fall") if n == 1 else _("{n} biggest falls").format(n=n),
        AVERAGE: lambda: _("Average"),
        ABOVE: lambda: _("How many are above {value}").format(value=_value(intent)),
        RANK: lambda: _("Place of {body}").format(body=names[0]),
        BETTER: lambda: _("Which is higher: {first} or {second}").format(first=names[0], second=names[1]),
    }
    return titles[intent.intent]()


def _measure_name(measure: str) -> str:
    if measure == SATISFACTION:
        return _("by satisfaction")
    if measure == PLACES:
        return _("by places")
    return _("by score")


def _value(intent: Intent) -> str:
    return fmt_percent(intent.value) if intent.measure == SATISFACTION else fmt_score(intent.value)


def _in_group(snapshot: Snapshot, intent: Intent, year: int) -> list[Standing]:
    standings = snapshot.book.standings.get(year, [])
    if not intent.group:
        return list(standings)
    return [s for s in standings if (body := snapshot.body(s.rating.agency)) and body.kind == intent.group]


def _line(snapshot: Snapshot, number: int, standing: Standing) -> str:
    name = body_name(snapshot.short_name(standing.rating.agency, locale()))
    return f"{number}. {name} — {figures(standing)} · {position_text(standing)}"


def _ends(snapshot: Snapshot, intent: Intent, year: int) -> str:
    """The first or the last n of the year's list (of one group), by score or satisfaction."""
    standings = _in_group(snapshot, intent, year)
    if intent.measure == SATISFACTION:
        standings.sort(key=lambda s: (-s.rating.satisfaction, -s.rating.score, s.rating.agency))
    if intent.intent == BOTTOM:
        standings.reverse()
    lines = [understood(snapshot, intent, str(year)), ""]
    lines += [_line(snapshot, number, s) for number, s in enumerate(standings[: intent.n], start=1)]
    return "\n".join(with_footnote(lines))


def _figure(standing: Standing, measure: str) -> float:
    rating = standing.rating
    return rating.satisfaction if measure == SATISFACTION else rating.score


def _illustrative(standing: Standing, measure: str) -> bool:
    rating = standing.rating
    provenance = rating.satisfaction_provenance if measure == SATISFACTION else rating.score_provenance
    return provenance == "illustrative"


def _average(snapshot: Snapshot, intent: Intent, year: int) -> str:
    measure = intent.measure if intent.measure == SATISFACTION else SCORE
    standings = _in_group(snapshot, intent, year)
    mean = sum(_figure(s, measure) for s in standings) / len(standings)
    shown = fmt_percent(mean) if measure == SATISFACTION else fmt_score(mean)
    shown += mark(any(_illustrative(s, measure) for s in standings))
    count = len(standings)
    text = ngettext("{value}, over {count} body", "{value}, over {count} bodies", count)
    lines = [understood(snapshot, intent, str(year)), "", text.format(value=shown, count=count)]
    return "\n".join(with_footnote(lines))


def _above(snapshot: Snapshot, intent: Intent, year: int) -> str:
    measure = intent.measure if intent.measure == SATISFACTION else SCORE
    standings = _in_group(snapshot, intent, year)
    above = [s for s in standings if _figure(s, measure) > intent.value]
    count = f"{len(above)}{mark(any(_illustrative(s, measure) for s in standings))}"
    text = ngettext("{count} of {total} body", "{count} of {total} bodies", len(standings))
    lines = [understood(snapshot, intent, str(year)), "", text.format(count=count, total=len(standings))]
    if above:
        lines.append("")
        lines += [_line(snapshot, number, s) for number, s in enumerate(above, start=1)]
    return "\n".join(with_footnote(lines))


def _rank(snapshot: Snapshot, intent: Intent, year: int) -> str:
    return "\n".join(
        with_footnote(
            [understood(snapshot, intent, str(year)), "", *_standing_lines(snapshot, intent.slugs, year)]
        )
    )


def _standing_lines(snapshot: Snapshot, slugs: Sequence[str], year: int) -> list[str]:
    lines = []
    for slug in slugs:
        name = body_name(snapshot.bodies[slug].name(locale()))
        standing = snapshot.book.standing(slug, year)
        if standing is None:
            lines.append(_("{body}: not rated in {year}").format(body=name, year=year))
        else:
            lines.append(f"{name}: {figures(standing)} · {position_text(standing)}")
    return lines


def _better(snapshot: Snapshot, intent: Intent, year: int) -> str:
    """Which of two is higher on the list (by score) or in satisfaction, and the figures."""
    first, second = (snapshot.book.standing(slug, year) for slug in intent.slugs)
    lines = [understood(snapshot, intent, str(year)), "", *_standing_lines(snapshot, intent.slugs, year)]
    if first is not None and second is not None:
        keys: list[tuple[float, ...]]
        if intent.measure == SATISFACTION:
            keys = [(s.rating.satisfaction,) for s in (first, second)]
        else:
            keys = [(s.rating.score, s.rating.satisfaction) for s in (first, second)]
        lines.append("")
        if keys[0] == keys[1]:
            lines.append(_("They are level."))
        else:
            winner = intent.slugs[0] if keys[0] > keys[1] else intent.slugs[1]
            name = body_name(snapshot.short_name(winner, locale()))
            lines.append(_("Higher: {body}.").format(body=name))
    return "\n".join(with_footnote(lines))


def _change_key(measure: str) -> Callable[[Change], float | None]:
    if measure == SCORE:
        return lambda change: change.score_delta
    if measure == PLACES:
        return lambda change: change.positions_gained
    return lambda change: change.satisfaction_delta


def _movers(snapshot: Snapshot, intent: Intent) -> str:
    """Who rose or fell most between two complete consecutive years, by the asked measure."""
    book = snapshot.book
    comparable = book.comparable_years()
    year = intent.year or (comparable[0] if comparable else 0)
    if not year:
        return common.no_data()
    if not book.comparable(year):
        return nothing_to_compare(year)
    measure = intent.measure or SATISFACTION
    key = _change_key(measure)
    changes = [c for c in book.changes(year) if (delta := key(c)) is not None and delta != 0]
    if intent.group:
        changes = [c for c in changes if (body := snapshot.body(c.agency)) and body.kind == intent.group]
    rising = intent.intent == RISE
    moved = sorted(
        (c for c in changes if ((key(c) or 0) > 0) == rising),
        key=lambda c: (key(c) or 0, c.score_delta, c.satisfaction_delta),
        reverse=rising,
    )
    when = _("{year} against {previous}").format(year=year, previous=year - 1)
    lines = [understood(snapshot, intent, when), ""]
    if not moved:
        lines.append(_("No body rose.") if rising else _("No body fell."))
    for number, change in enumerate(moved[: intent.n], start=1):
        name = body_name(snapshot.short_name(change.agency, locale()))
        parts = {SCORE: score_change(change), SATISFACTION: satisfaction_change(change)}
        movement = movement_text(change)
        if movement:
            parts[PLACES] = movement
        first = parts.pop(measure)
        lines.append(f"{number}. {name}: {first} ({', '.join(parts.values())})")
    return "\n".join(with_footnote(lines))


def _compared(snapshot: Snapshot, intent: Intent) -> Screen:
    """As /compare answers: the comparison, or the buttons to choose a body for a name."""
    if len(intent.slugs) == len(intent.names):
        screen = comparison(snapshot, intent.slugs)
    else:
        screen = compare(snapshot, compare_text(intent))
    if len(intent.slugs) == len(intent.names):
        names = ", ".join(body_name(snapshot.short_name(slug, locale())) for slug in intent.slugs)
    else:
        names = ", ".join(body_name(name) for name in intent.names)
    header = "<b>" + _("Comparison: {bodies}").format(bodies=names) + "</b>"
    return Screen(f"{header}\n\n{screen.text}", screen.markup)


_ANSWERS: dict[str, Callable[[Snapshot, Intent, int], str]] = {
    TOP: _ends,
    BOTTOM: _ends,
    AVERAGE: _average,
    ABOVE: _above,
    RANK: _rank,
    BETTER: _better,
}
