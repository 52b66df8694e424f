"""The text of a new-rating notification, in the recipient's language.

A chat that follows every rating and some bodies gets one message covering both; one that
follows so many bodies that their figures would pass Telegram's limit on a message gets
as many as fit and a line saying how many more it follows.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.bodies import Agency
from bot.domain.snapshot import Snapshot
from bot.store.records import ALL, Delivery
from bot.views import keyboards
from bot.views.figures import change_line, figures, mover_details, position_text
from bot.views.formatting import MESSAGE_LIMIT, body_name, locale, with_footnote
from bot.views.screen import Screen

PODIUM = 3
#: Bodies of a partial list named in a notification.
PARTIAL_SHOWN = 10
#: Room kept under the limit for what follows the bodies: the "and N more" line and the
#: footnote on illustrative values (about 150 characters in every language).
TAIL_ROOM = 400


def notification(snapshot: Snapshot, delivery: Delivery) -> Screen:
    return release_message(snapshot, delivery.year, delivery.kind, delivery.topics)


def release_message(snapshot: Snapshot, year: int, kind: str, topics: tuple[str, ...]) -> Screen:
    """What a chat following ``topics`` reads about a ``kind`` ("new", "corrected") release:
    the same for every such chat in one language, so a broadcast draws it once."""
    book = snapshot.book
    followed = [body for slug in topics if (body := snapshot.body(slug)) is not None]
    if kind == "corrected":
        lines = [_("<b>✏️ The {year} rating was corrected</b>").format(year=year)]
        if book.is_complete(year):
            lines.append(
                _("The figures have been updated; /rank {year} shows the list as it is now.").format(
                    year=year
                )
            )
        else:
            lines.append(_("The figures have been updated."))
    else:
        lines = [_("<b>🔔 The {year} rating is out</b>").format(year=year)]
        if ALL in topics:
            lines += summary(snapshot, year)
    size = len("\n".join(lines))
    for shown, body in enumerate(followed):
        block = "\n" + "\n".join(["", *body_lines(snapshot, body, year)])
        if size + len(block) > MESSAGE_LIMIT - TAIL_ROOM:
            lines += ["", more_followed(len(followed) - shown)]
            break
        lines.append(block[1:])
        size += len(block)
    lines = with_footnote(lines)
    markup = keyboards.agency_card(year) if year in book.ranked_years() else None
    return Screen("\n".join(lines), markup)


def more_followed(count: int) -> str:
    return ngettext(
        "… and {count} more body this chat follows: /subscriptions lists it, its card shows the figures.",
        "… and {count} more bodies this chat follows: /subscriptions lists them all, "
        "each card shows the figures.",
        count,
    ).format(count=count)


def summary(snapshot: Snapshot, year: int) -> list[str]:
    """Top three, bottom three and the biggest moves; of a partial list, what it holds."""
    book = snapshot.book
    standings = book.standings.get(year, [])
    if not standings:
        return []
    language = locale()

    def line(index: int, slug: str, details: str) -> str:
        return f"{index}. {body_name(snapshot.short_name(slug, language))} — {details}"

    if not book.is_complete(year):
        lines = [
            "",
            ngettext(
                "<b>A partial list: {count} body so far</b>, with no ranks",
                "<b>A partial list: {count} bodies so far</b>, with no ranks",
                len(standings),
            ).format(count=len(standings)),
        ]
        shown = standings[:PARTIAL_SHOWN]
        lines += [
            f"• {body_name(snapshot.short_name(s.rating.agency, language))} — {figures(s)}" for s in shown
        ]
        if len(standings) > len(shown):
            lines.append(_("… and {count} more").format(count=len(standings) - len(shown)))
        return lines

    lines = ["", _("<b>Top three</b>")]
    lines += [line(s.position or n, s.rating.agency, figures(s)) for n, s in enumerate(standings[:PODIUM], 1)]
    if len(standings) > 2 * PODIUM:
        lines += ["", _("<b>Bottom three</b>")]
        lines += [
            line(s.position or n, s.rating.agency, figures(s))
            for n, s in enumerate(standings[-PODIUM:], len(standings) - PODIUM + 1)
        ]
    risers, fallers = book.movers(year, PODIUM)
    titles = (
        _("<b>Biggest rises in the share of satisfied people</b>"),
        _("<b>Biggest falls in the share of satisfied people</b>"),
    )
    for title, group in zip(titles, (risers, fallers), strict=True):
        if group:
            lines += ["", title]
            lines += [line(n, c.agency, mover_details(c)) for n, c in enumerate(group, 1)]
    return lines


def body_lines(snapshot: Snapshot, body: Agency, year: int) -> list[str]:
    """What a follower of one body reads about it."""
    book = snapshot.book
    lines = [f"<b>{body_name(body.name(locale()))}</b>"]
    standing = book.standing(body.slug, year)
    if standing is None:
        lines.append(_("Not rated in {year}.").format(year=year))
        return lines
    lines.append(f"{position_text(standing)} · {figures(standing)}")
    change = book.change(body.slug, year)
    if change is not None:
        lines.append(change_line(change))
    return lines
