"""Which drawing a chart is: the key its Telegram file_id is remembered under.

A chart is the same picture for everyone who asks in one language until the figures
change, so the key is the release in force for every year, the language and the view.
An import, a correction or a removal changes a year's release, hence every key.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot

#: (releases, language, kind, subject, year, highlighted slugs)
ChartKey = tuple[tuple[tuple[int, int], ...], str, str, str, int, tuple[str, ...]]


def releases(book: RatingBook) -> tuple[tuple[int, int], ...]:
    """The identity of what the book holds: each year with the release in force for it."""
    return tuple(sorted((year, info.release_id) for year, info in book.years.items()))


def chart_key(
    snapshot: Snapshot,
    language: str,
    kind: str,
    *,
    subject: str = "",
    year: int = 0,
    highlighted: Iterable[str] = (),
) -> ChartKey:
    """``year`` as resolved (never 0 for a year's list); ``highlighted``: the followed bodies drawn."""
    return (releases(snapshot.book), language, kind, subject, year, tuple(sorted(highlighted)))


def history_key(snapshot: Snapshot, slug: str, language: str) -> ChartKey:
    """The key of a body's history chart in ``language`` (for the inline mode's cached photo)."""
    return chart_key(snapshot, language, "history", subject=slug)
