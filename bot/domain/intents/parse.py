"""A text to an :class:`Intent`, or None: pure, read from the grammar compiled once at import.

None means "not a question we read": the text then goes to the name look-up as before, so
a plain name is never taken for a question (every pattern must match the whole text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.intents import grammar
from bot.domain.intents.grammar import ABOVE, BETTER, COMPARE, RANK, SATISFACTION, SCORE
from bot.domain.name_list import find, split_names
from bot.domain.search import AgencyIndex

#: Longer texts are not questions but pasted articles: they go to the look-up unread.
MAX_QUESTION_CHARS = 200
#: A number of bodies asked for, beyond which it is a year or a value, not a count.
MAX_N = 40
#: Candidates a name in a question may find; past this it names nothing in particular.
MAX_CANDIDATES = 40
#: A value above this is a share in percent, not a score (scores run from 1 to 5).
MAX_SCORE = 5.0


@dataclass(frozen=True, slots=True)
class Intent:
    """What a question asks. ``year`` 0: the latest year that can answer it; ``group`` "":
    every body, else a ``kind`` of data/agencies.csv; ``slugs``: the bodies named, in order;
    ``names``: for COMPARE, the names as written (they may still need choosing)."""

    intent: str
    n: int = 1
    year: int = 0
    group: str = ""
    measure: str = ""
    value: float = 0.0
    slugs: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


def _slot(name: str, counter: list[int]) -> str:
    if name == "n":
        words = "|".join(sorted(map(re.escape, grammar.NUMBER_WORDS), key=len, reverse=True))
        return rf"(?P<n>\d{{1,2}}|{words})"
    if name == "value":
        return r"(?P<value>\d+(?:[.,]\d+)?) ?%?"
    if name == "bodies":
        return r"(?P<bodies>.+?)"
    counter[0] += 1
    return rf"(?P<{'a' if counter[0] == 1 else 'b'}>.+?)"


def _compile(pattern: str) -> re.Pattern[str]:
    counter = [0]
    source = re.sub(r"\{(\w+)\}", lambda slot: _slot(slot.group(1), counter), pattern)
    return re.compile(rf"^(?:{source})$")


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")


_PHRASINGS = tuple((phrasing, _compile(phrasing.pattern)) for phrasing in grammar.PHRASINGS)
_FILLERS = _words(grammar.FILLERS)
_YEARS = tuple(re.compile(rf"(?<!\w){pattern}(?!\w)") for pattern in grammar.YEARS)
_MEASURES = tuple((measure, _words((pattern,))) for measure, pattern in grammar.MEASURES)
_GROUPS = tuple((group, _words((pattern,))) for group, pattern in grammar.GROUPS)
_QUESTION_WORDS = _words(grammar.QUESTION_WORDS)
_PUNCTUATION = re.compile(r"[?¿!…\"«»“”„()\[\]:—–]|(?<!\w)-|-(?!\w)|\.(?!\d)")
_COMMA = re.compile(r",(?!\d)")


def normalize(text: str) -> str:
    """Lower case, "ё" as "е", no question marks, quotes or dashes, single spaces."""
    text = text[:MAX_QUESTION_CHARS].casefold().replace("ё", "е")
    return " ".join(_PUNCTUATION.sub(" ", text).replace(" ,", ",").split())


def parse(text: str, index: AgencyIndex) -> Intent | None:
    """The question ``text`` asks, or None when it is not one the grammar reads."""
    if len(text) > MAX_QUESTION_CHARS:
        return None
    words = _FILLERS.sub(" ", normalize(text))
    year, words = _take_year(words)
    measure, words = _take(_MEASURES, words)
    group, bare = _take(_GROUPS, words)
    full, bare = _tidy(words), _tidy(_COMMA.sub(" ", bare))
    for phrasing, pattern in _PHRASINGS:
        body_intent = phrasing.intent in grammar.WITH_BODIES
        found = pattern.match(full if body_intent else bare)
        if found is None:
            continue
        slots = found.groupdict()
        if body_intent:
            intent = _with_bodies(phrasing.intent, slots, index, whole=full, year=year, measure=measure)
        else:
            intent = _about_list(phrasing, slots, year, measure, group)
        if intent is not None:
            return intent
    return None


def looks_like_question(text: str) -> bool:
    """Whether ``text`` reads as a question (a "?", a question word, "top", "worst"), for
    offering example questions when the grammar cannot read it."""
    return "?" in text or _QUESTION_WORDS.search(normalize(text)) is not None


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,")


def _take_year(text: str) -> tuple[int, str]:
    for pattern in _YEARS:
        found = pattern.search(text)
        if found is not None:
            return int(found.group("year")), text[: found.start()] + " " + text[found.end() :]
    return 0, text


def _take(table: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> tuple[str, str]:
    for value, pattern in table:
        found = pattern.search(text)
        if found is not None:
            return value, text[: found.start()] + " " + text[found.end() :]
    return "", text


def _number(written: str | None, default: int) -> int | None:
    if not written:
        return default
    n = int(written) if written.isdigit() else grammar.NUMBER_WORDS.get(written, 0)
    return n if 1 <= n <= MAX_N else None


def _about_list(
    phrasing: grammar.Phrasing, slots: dict[str, str | None], year: int, measure: str, group: str
) -> Intent | None:
    n = _number(slots.get("n"), phrasing.n)
    if n is None:
        return None
    value = 0.0
    if phrasing.intent == ABOVE:
        written = slots.get("value") or ""
        value = float(written.replace(",", "."))
        if not measure:
            measure = SATISFACTION if value > MAX_SCORE else SCORE
        elif measure == SATISFACTION and value <= 1:
            return None  # "satisfaction above 0.9": a share, not a percentage; unclear
    return Intent(phrasing.intent, n=n, year=year, group=group, measure=measure, value=value)


def _with_bodies(
    intent: str, slots: dict[str, str | None], index: AgencyIndex, *, whole: str, year: int, measure: str
) -> Intent | None:
    """Bodies named in a question: each name must find a body (COMPARE: or candidates to
    choose from, as /compare offers); a list with no question word must not be one name."""
    if slots.get("bodies") is not None:
        names = split_names(slots["bodies"] or "", index, 3)
    else:
        names = [name for name in (slots.get("a"), slots.get("b")) if name]
    wanted = (2, 3) if intent == COMPARE else (2,) if intent == BETTER else (1,)
    if len(names) not in wanted:
        return None
    if any(match.exact for match in index.search(whole, limit=2)):
        return None  # a name as written ("..., инноваций и ...")
    found = [find(name, index, MAX_CANDIDATES) for name in names]
    if intent == COMPARE:
        if not all(item.slug or item.candidates for item in found):
            return None
        slugs = tuple(item.slug for item in found if item.slug)
        return Intent(COMPARE, year=year, measure=measure, slugs=slugs, names=tuple(names))
    slugs = tuple(item.slug for item in found if item.slug)
    if len(slugs) != len(names) or len(set(slugs)) != len(slugs):
        return None
    return Intent(intent, year=year, measure=measure, slugs=slugs, names=tuple(names))


__all__ = ["ABOVE", "BETTER", "COMPARE", "RANK", "Intent", "looks_like_question", "normalize", "parse"]
