"""The words every chart shares: the legend, the footnote, the source, the caption's bounds."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.utils.i18n import gettext as _
from babel.numbers import get_decimal_symbol

from bot.domain.ratings import RatingBook
from bot.views.charts.spec import Frame, Legend
from bot.views.formatting import ILLUSTRATIVE_MARK, clip, illustrative_footnote, locale, plain
from bot.views.sources import source_line

#: Telegram refuses a photo caption longer than this.
CAPTION_LIMIT = 1024
#: A body's name on a chart: longer ones are cut with "…" so no label runs off the picture.
CHART_NAME_LIMIT = 48


def legend(*, gap: bool = False) -> Legend:
    """``gap``: the chart joins two years with none between them rated."""
    return Legend(
        published=_("published value"),
        illustrative=_("illustrative value ({mark})").format(mark=ILLUSTRATIVE_MARK),
        gap=_("no rating in the years between") if gap else "",
    )


def year_source(book: RatingBook, year: int) -> str:
    """ "2025 — Source: Kazinform, 29 января 2026 г. (a news report)", as plain text for a picture."""
    info = book.years.get(year)
    source = plain(source_line(info.source)) if info is not None else _("Source: not given")
    return f"{year} — {source}"


def frame(title: str, subtitle: str, book: RatingBook, years: Iterable[int], labels: Iterable[str]) -> Frame:
    """The picture's frame; the footnote only when a label carries the illustrative mark."""
    sources = "\n".join(year_source(book, year) for year in sorted(set(years), reverse=True))
    footnote = illustrative_footnote() if any(ILLUSTRATIVE_MARK in label for label in labels) else ""
    return Frame(title, subtitle, sources, footnote, get_decimal_symbol(locale()))


def chart_name(name: str) -> str:
    """A body's name as a chart shows it: on one line, bounded (plain text, not HTML)."""
    return clip(name, CHART_NAME_LIMIT)


def caption(lines: list[str]) -> str:
    """A photo caption from HTML lines, kept under Telegram's limit by dropping whole lines.

    Lines are dropped from the end but one (the footnote or the pointer to the text), so
    a cut never breaks a tag; the full figures are behind the "as text" button.
    """
    text = "\n".join(lines)
    while len(text) > CAPTION_LIMIT and len(lines) > 2:
        lines = [*lines[:-2], lines[-1]]
        text = "\n".join(lines)
    return text


def as_text_hint() -> str:
    """The caption's last line when it shows only part of the figures."""
    return _("Every figure as text: the «As text» button.")


def drawing_failed() -> str:
    """The worker process stopped mid-chart (it is started again on the next one)."""
    return _("The chart could not be drawn just now. Please try again.")
