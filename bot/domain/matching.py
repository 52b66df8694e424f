"""Which bodies a filter text finds: the bot's own search, so the page's filter box agrees
with the chat (any language, abbreviations, typos, a former name, the other keyboard layout).

A filter is typed a letter at a time, and the chat's search rightly finds nothing in "мин" or
"денс"; so when it finds nothing, a plain substring of any name form still narrows the list.
"""

from __future__ import annotations

from bot.domain.snapshot import Snapshot

#: The longest filter text taken, as the chat's search clips a message.
MAX_FILTER_CHARS = 200


def matching_slugs(snapshot: Snapshot, text: str) -> list[str]:
    """The slugs a filter text finds, in the reference list's order; every slug for a blank text."""
    text = text[:MAX_FILTER_CHARS]
    if not text.split():
        return list(snapshot.bodies)
    found: set[str] = set()
    former = snapshot.lineage.named(text)
    if former is not None:
        found.update(former.successors)
    found.update(m.agency.slug for m in snapshot.index.search(text, limit=len(snapshot.bodies)))
    if not found:
        typed = _fold(" ".join(text.split()))
        found = {
            slug
            for slug, body in snapshot.bodies.items()
            if any(typed in _fold(name) for name in body.all_names())
        }
    return [slug for slug in snapshot.bodies if slug in found]


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")
