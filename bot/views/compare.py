"""/compare A, B[, C]: two or three bodies side by side in the latest year and the year before.

A block per body rather than a table: full names need the width of a phone's chat, and a
monospace table narrow enough for it (about 32 characters) has room for abbreviations only,
which Kazakh lacks for several bodies. :func:`comparison` draws bodies already known (the
plain-question feature calls it with the slugs it found); :func:`compare` reads a text.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.bodies import Agency
from bot.domain.name_list import Found, find, split_names
from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.views.callbacks import Chart, ComparePick
from bot.views.charts.buttons import chart_button
from bot.views.charts.compare import compare_title, compare_years
from bot.views.common import no_data
from bot.views.figures import change_line, figures, position_text
from bot.views.formatting import body_name, echo, locale, with_footnote
from bot.views.lookup import MAX_CANDIDATES, choices_screen
from bot.views.screen import Screen

#: Bodies compared at once: three blocks still fit a phone's screen or two.
MAX_BODIES = 3
MIN_BODIES = 2
#: Separates the bodies chosen so far in a button's data ("moh..mes": the second not yet).
PICKS_SEPARATOR = "."


def compare(snapshot: Snapshot, text: str, picks: tuple[str, ...] = (), page: int = 0) -> Screen:
    """What ``/compare TEXT`` answers: the comparison, or what to fix, nothing guessed.

    ``picks``: a body chosen from buttons for each name so far ("" where none was); a name
    that could be several bodies gets the buttons to choose (``page`` of them).
    """
    names = split_names(text, snapshot.index, MAX_BODIES)
    if not names:  # nothing, or only commas
        return Screen(prompt())
    if not MIN_BODIES <= len(names) <= MAX_BODIES:
        return Screen(one_name(text) if len(names) < MIN_BODIES else too_many())
    found = [
        Found(name, picks[number])
        if number < len(picks) and picks[number]
        else find(name, snapshot.index, MAX_CANDIDATES)
        for number, name in enumerate(names)
    ]
    problem = _problem(snapshot, found)
    if problem is not None:
        return Screen(problem)
    for number, item in enumerate(found):
        if item.slug is None:
            return _choose(text, found, number, page)
    return comparison(snapshot, [item.slug for item in found if item.slug is not None])


def comparison(snapshot: Snapshot, slugs: Sequence[str]) -> Screen:
    """Bodies side by side: each one's place and figures in the latest complete year and the
    year before, and the change between them. ``slugs``: 2-3 different bodies on the list,
    in the order asked for."""
    years = compare_years(snapshot)
    if not years:
        return Screen(no_data())
    book = snapshot.book
    latest = years[-1]
    lines = [f"<b>{compare_title(years)}</b>"]
    for slug in slugs:
        lines += ["", f"<b>{body_name(snapshot.bodies[slug].name(locale()))}</b>"]
        for year in reversed(years):
            standing = book.standing(slug, year)
            if standing is None:
                lines.append(_("{year}: not rated").format(year=year))
            else:
                lines.append(f"{year}: {figures(standing)} · {position_text(standing)}")
        change = book.change(slug, latest)
        if change is not None:
            lines.append(change_line(change))
    chart = chart_button(Chart(kind="compare", subject="+".join(slugs)))
    return Screen("\n".join(with_footnote(lines)), InlineKeyboardMarkup(inline_keyboard=[[chart]]))


def pack_picks(picks: Sequence[str]) -> str:
    return PICKS_SEPARATOR.join(picks)


def unpack_picks(packed: str) -> tuple[str, ...]:
    return tuple(packed.split(PICKS_SEPARATOR)) if packed else ()


def _problem(snapshot: Snapshot, found: Sequence[Found]) -> str | None:
    """What to fix before anything is compared: names that find nothing, or one body twice."""
    missing = [item.name for item in found if item.slug is None and not item.candidates]
    if missing:
        return "\n".join([*(not_found(name) for name in missing), retry_hint()])
    twice = _same_body(found)
    if twice is not None:
        return same_body(snapshot, *twice)
    return None


def _same_body(found: Sequence[Found]) -> tuple[Found, Found] | None:
    """The first two names that found the same body."""
    seen: dict[str, Found] = {}
    for item in found:
        if item.slug is None:
            continue
        if item.slug in seen:
            return seen[item.slug], item
        seen[item.slug] = item
    return None


def _choose(text: str, found: Sequence[Found], number: int, page: int) -> Screen:
    """Buttons for the bodies name ``number`` may mean; a press compares again with it."""
    key = query_key(text)
    picks = [item.slug or "" for item in found]

    def choice(body: Agency) -> CallbackData:
        chosen = [*picks[:number], body.slug, *picks[number + 1 :]]
        return ComparePick(key=key, picks=pack_picks(chosen))

    def page_button(other: int) -> CallbackData:
        return ComparePick(key=key, picks=pack_picks(picks), page=other)

    item = found[number]
    return choices_screen(item.name, item.candidates, page, page_button, choice=choice)


def prompt() -> str:
    """/compare with nothing after it."""
    return _(
        "Name two or three bodies after the command, separated by commas, e.g. /compare Минздрав, МЧС, Минфин"
    )


def how_to() -> str:
    return _("Separate the names with commas, e.g. /compare Минздрав, МЧС")


def retry_hint() -> str:
    """After a name that found nothing."""
    return _("Try a short name or an abbreviation, e.g. /compare Минздрав, МЧС")


def one_name(text: str) -> str:
    return _("«{query}» is one name; I compare two or three. {how}").format(query=echo(text), how=how_to())


def too_many() -> str:
    return _("I compare at most three bodies at a time. {how}").format(how=how_to())


def not_found(name: str) -> str:
    return _("I couldn't find a state body matching «{query}».").format(query=echo(name))


def same_body(snapshot: Snapshot, first: Found, second: Found) -> str:
    slug = first.slug or ""
    return _(
        "«{first}» and «{second}» are the same body: {body}. Name different ones, e.g. /compare Минздрав, МЧС"
    ).format(
        first=echo(first.name), second=echo(second.name), body=body_name(snapshot.bodies[slug].name(locale()))
    )
