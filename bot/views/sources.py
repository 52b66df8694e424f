"""Where a year's figures come from, written by the bot in the reader's language."""

from __future__ import annotations

import datetime as dt
import html

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date, format_skeleton

from bot.store.records import Source
from bot.views.formatting import locale


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
    if len(published) == 7:  # YYYY-MM
        return format_skeleton("yMMMM", dt.date.fromisoformat(published + "-01"), locale=locale())
    return format_date(dt.date.fromisoformat(published), format="long", locale=locale())


def source_line(source: Source) -> str:
    """ "Source: Kazinform / finprom.kz, 29 января 2026 г. (a news report)", a link when there is one."""
    publisher = html.escape(source.publisher)
    if publisher and source.url:
        publisher = f'<a href="{html.escape(source.url, quote=True)}">{publisher}</a>'
    details = ", ".join(part for part in (publisher, publication_date(source.published)) if part)
    kind = kind_text(source.kind)
    if details and kind:
        return _("Source: {details} ({kind})").format(details=details, kind=kind)
    if details or kind:
        return _("Source: {source}").format(source=details or kind)
    return _("Source: not given")
