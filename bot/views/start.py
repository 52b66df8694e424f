"""/start and /help: what the bot is for and how to ask it."""

from __future__ import annotations

import html

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.snapshot import Snapshot
from bot.views import keyboards
from bot.views.screen import Screen


def greeting(snapshot: Snapshot, first_name: str, group_mention: str = "") -> Screen:
    """What the bot does; in a group (``group_mention`` is "@bot"), how to ask it there."""
    book = snapshot.book
    year = book.latest_year()
    lines = [_("Hello, {name}!").format(name=html.escape(first_name))]
    if year is not None:
        count = len(book.standings[year])
        lines.append(
            ngettext(
                "I answer questions about the yearly rating of Kazakhstan's state bodies by the "
                "quality of public services. The latest is for {year}: {count} body.",
                "I answer questions about the yearly rating of Kazakhstan's state bodies by the "
                "quality of public services. The latest is for {year}: {count} bodies.",
                count,
            ).format(year=year, count=count)
        )
    lines.append(
        _(
            "Send me the name of a ministry or agency in any language — for example "
            "<i>Минздрав</i>, <i>МЧС</i>, <i>KNB</i> or <i>health ministry</i> — and I will "
            "show its score, rank and change since the year before."
        )
    )
    if group_mention:
        lines.append(
            _(
                "In this group, mention me with the name — <i>{mention} Минздрав</i> — "
                "or reply to my message."
            ).format(mention=html.escape(group_mention))
        )
    return Screen("\n\n".join(lines), keyboards.main_menu())


def small_talk(snapshot: Snapshot, kind: str, first_name: str) -> Screen:
    """A greeting answered with the greeting, thanks with a welcome, a call for help with help."""
    if kind == "greeting":
        return greeting(snapshot, first_name)
    if kind == "thanks":
        return Screen(_("You're welcome! Send another name whenever you like, or see the whole list: /rank"))
    return help_screen()


def help_screen() -> Screen:
    return Screen(
        "\n".join(
            [
                _("<b>What I can do</b>"),
                _("/rank [year] — the whole list, page by page"),
                _("/agency NAME [year] — one body's card (or just send its name)"),
                _("/compare A, B[, C] — two or three bodies side by side"),
                _("/changes [year] — the biggest risers and fallers"),
                _("/chart [NAME] [year] — a chart: a body's history, or the whole list"),
                _("/export [year] [xlsx|csv] — the year's whole table as one file"),
                _("/subscribe [name] — get a message when a new rating (or one body's figures) is published"),
                _(
                    "/subscriptions — this chat's subscriptions; "
                    "/unsubscribe [name] — cancel one or all of them"
                ),
                _("/language — Русский, Қазақша or English"),
                "",
                _(
                    "A name can be full or short, in Russian, Kazakh or English, an abbreviation "
                    "or even with a typo: «минздрав», «ДСМ», «KNB», «Минисерство финансов»."
                ),
            ]
        )
    )
