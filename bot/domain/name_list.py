"""Several bodies named in one text ("Минздрав, МЧС и КНБ"): where each name ends, and what
each one finds.

Commas and semicolons always part names. The words "и", "или", "және", "мен", "and", "vs"
part them only where that reads better: many names hold them ("Министерство труда и
социальной защиты"), so a text that is a name as written stays whole, and another is
cut at them only when every piece then names a different body, or when cutting explains
more of the text than keeping it whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from bot.domain.bodies import Agency
from bot.domain.search import AgencyIndex

#: Only the start of a text is read: three long names and their commas fit in far less.
MAX_TEXT_CHARS = 400
#: Word separators tried in one comma-separated piece; past this the piece is taken
#: whole (each way of cutting costs a search, and no sensible list has more).
MAX_WORD_SEPARATORS = 6
#: Pieces one comma-separated piece is cut into by words: four names joined by "и" are
#: told from three, and more than that is too many for any caller.
MAX_WORD_PIECES = 4

_HARD = re.compile(r"[,;]")
_WORDS = re.compile(r"\s+(?:и|или|және|мен|бен|пен|and|vs\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """What one name finds: the body it means, or the candidates when it could be several
    (none at all: no body matches)."""

    name: str
    slug: str | None
    candidates: tuple[Agency, ...] = ()


def split_names(text: str, index: AgencyIndex, most: int) -> list[str]:
    """The names in ``text``, in the order written, each on one line of single spaces.

    Reading stops past ``most`` names: the caller needs only to know there are too many.
    """
    names: list[str] = []
    for written in _HARD.split(text[:MAX_TEXT_CHARS]):
        piece = " ".join(written.split())
        if piece:
            names.extend(_split_words(piece, index))
        if len(names) > most:
            break
    return names[: most + 1]


def find(name: str, index: AgencyIndex, limit: int) -> Found:
    """As a name sent alone is looked up: one confident match or a single candidate is the
    body; otherwise up to ``limit`` candidates to choose from, never a guess."""
    resolved = index.resolve(name)
    if resolved is not None:
        return Found(name, resolved.slug)
    matches = index.search(name, limit=limit)
    if len(matches) == 1:
        return Found(name, matches[0].agency.slug)
    return Found(name, None, tuple(match.agency for match in matches))


def _split_words(piece: str, index: AgencyIndex) -> list[str]:
    """``piece`` whole, or cut at the word separators that make it read best as names."""
    separators = list(_WORDS.finditer(piece))
    if not separators or len(separators) > MAX_WORD_SEPARATORS:
        return [piece]
    if any(match.exact for match in index.search(piece, limit=2)):
        return [piece]  # a name as written, if of two bodies ("Министерство образования и науки")
    best, best_reading = [piece], _reading([piece], index)
    for cuts in range(1, min(len(separators), MAX_WORD_PIECES - 1) + 1):
        for chosen in combinations(separators, cuts):
            parts = _cut(piece, chosen)
            reading = _reading(parts, index)
            if reading > best_reading:
                best, best_reading = parts, reading
    return best


def _cut(piece: str, separators: Sequence[re.Match[str]]) -> list[str]:
    parts, start = [], 0
    for separator in separators:
        parts.append(piece[start : separator.start()])
        start = separator.end()
    parts.append(piece[start:])
    return parts


def _reading(parts: Sequence[str], index: AgencyIndex) -> tuple[bool, bool, int, int, int]:
    """How well ``parts`` read as a list of names, best first when compared: each names
    other bodies than the rest; each is a name as written; how many name a body; how many
    find any; fewer pieces."""
    found = [_identify(part, index) for part in parts]
    bodies = [slugs for slugs, _exact, _finds in found if slugs]
    apart = len(bodies) == len(parts) and sum(map(len, bodies)) == len(frozenset().union(*bodies))
    exact = all(is_exact for _slugs, is_exact, _finds in found)
    finding = sum(1 for _slugs, _exact, finds in found if finds)
    return apart, exact, len(bodies), finding, -len(parts)


def _identify(part: str, index: AgencyIndex) -> tuple[frozenset[str], bool, bool]:
    """The bodies ``part`` names for sure (several only for a name they share), whether it
    is a name as written, and whether it finds any body at all."""
    matches = index.search(part, limit=5)
    exact = frozenset(match.agency.slug for match in matches if match.exact)
    if exact:
        return exact, True, True
    resolved = index.resolve(part)
    return frozenset({resolved.slug} if resolved else ()), False, bool(matches)
