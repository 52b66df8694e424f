"""One moment of the catalog: the ratings, the bodies and their search index together.

A handler gets one per update and answers from it alone, so an import committed while
it works cannot show it half the old figures and half the new.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from bot.domain.bodies import Agency
from bot.domain.lineage import NO_LINEAGE, Lineage
from bot.domain.ratings import RatingBook
from bot.domain.search import AgencyIndex


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Immutable: a new import makes a new snapshot, never changes this one."""

    book: RatingBook
    bodies: Mapping[str, Agency]  # by slug, in the reference list's order
    index: AgencyIndex
    lineage: Lineage = NO_LINEAGE  # the bodies' former names (bot/domain/lineage.py)

    @classmethod
    def build(
        cls,
        book: RatingBook,
        bodies: Sequence[Agency],
        index: AgencyIndex | None = None,
        lineage: Lineage = NO_LINEAGE,
    ) -> Snapshot:
        """``index`` is reused when the bodies are the same: it is the costly part to build."""
        by_slug = MappingProxyType({body.slug: body for body in bodies})
        if index is None:
            index = AgencyIndex(bodies, lineage.old_names())
        return cls(book, by_slug, index, lineage)

    def with_book(self, book: RatingBook) -> Snapshot:
        """The same bodies and index with newer ratings."""
        return Snapshot(book, self.bodies, self.index, self.lineage)

    def body(self, slug: str) -> Agency | None:
        return self.bodies.get(slug)

    def short_name(self, slug: str, language: str) -> str:
        """A body's short name in ``language``; its slug if the list no longer names it."""
        body = self.bodies.get(slug)
        return body.short_name(language) if body else slug
