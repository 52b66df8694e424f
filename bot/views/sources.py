"""Where a year's figures come from, written by the bot in the reader's language.

The parts are the operator's (``--source``, ``--url``, ``--published``) and shown to every
reader of /rank: each is bounded, so no source can make the list too long to send.
"""

from __future__ import annotations

import datetime as dt
import html

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date, format_skeleton

from bot.store.records import Source
from bot.views.formatting import PUBLISHER_LIMIT, echo, locale

#: A link behind the publisher's name; a longer one is left out rather than cut (a cut
#: address leads nowhere), and so is anything but http(s).
URL_LIMIT = 512


def kind_text(kind: str) -> str:
    texts = {
        "official": _("the official table"),
        "report": _("a news report of the rating"),
        "reconstruction": _("an illustrative reconstruction, not a published table"),
    }
    return texts.get(kind, "")


def publication_date(published: str) -> str:
    """'2026-01-29' as "29 января 2026 г."; '2021-04' as "апрель 2021 г."."""
    if not published:
        return ""
    try:
        if len(published) == 7:  # YYYY-MM
            return format_skeleton("yMMMM", dt.date.fromisoformat(published + "-01"), locale=locale())
        return format_date(dt.date.fromisoformat(published), format="long", locale=locale())
    except ValueError:  # not a date (the importer checks; a hand-edited database may not)
        return echo(published, 20)


def link(url: str) -> str:
    """The address to link, or "" when it is too long or not a web address."""
    if len(url) > URL_LIMIT or not url.startswith(("https://", "http://")) or len(url.split()) != 1:
        return ""
    return url


def source_line(source: Source) -> str:
    """ "Source: Kazinform / finprom.kz, 29 января 2026 г. (a news report)", a link when there is one."""
    publisher = echo(source.publisher, PUBLISHER_LIMIT)
    url = link(source.url)
    if publisher and url:
        publisher = f'<a href="{html.escape(url, quote=True)}">{publisher}</a>'
    details = ", ".join(part for part in (publisher, publication_date(source.published)) if part)
    kind = kind_text(source.kind)
    if details and kind:
        return _("Source: {details} ({kind})").format(details=details, kind=kind)
    if details or kind:
        return _("Source: {source}").format(source=details or kind)
    return _("Source: not given")
