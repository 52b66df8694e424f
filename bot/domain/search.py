"""The agency index: find a state body from whatever a citizen types.

People name a ministry in many ways: "Министерство здравоохранения РК", "минздрава",
"ДСМ", "Денсаулық сақтау", "helth ministry", "МЧС-а". The index turns every name form of
every agency into normalized word stems once, at start-up, so that a query costs a few
dictionary look-ups and one C-level fuzzy scan per word (rapidfuzz) instead of a database
round trip or a Python loop of fuzzy comparisons. The reference list has ~30 bodies, so
everything lives in memory.

How a text becomes comparable (the same pipeline for names and queries, so both sides
always agree):

1. case-fold, ``ё`` -> ``е``, HTML tags and entities dropped, every non-letter (quotes,
   dashes, punctuation, emoji) becomes a space, a case ending written after a hyphen
   ("МЧС-а", "ҚР-дың") is dropped;
2. generic words that every body shares ("Министерство", "министрлігі", "Ministry of",
   "Агентство", "Республики Казахстан", "ҚР", "of the Republic of Kazakhstan", "по", "и")
   are removed; "ministry"/"agency" is remembered as a hint;
3. each remaining word is stemmed lightly: one Russian case/adjective ending, up to three
   Kazakh suffixes for words written with Kazakh letters, a plural "s" in English;
4. Kazakh letters are folded to their Russian look-alikes (қ -> к, ұ -> у, і -> и ...),
   so "Денсаулык" typed on a Russian keyboard still meets "Денсаулық".

Matching a query:

* exact: the set of query words equals the set of words of one name form (full name,
  short name, abbreviation or alias), first compared unstemmed (so "СИМ" and "СІМ", two
  different Kazakh abbreviations, stay apart), then stemmed ("минздрава" = "Минздрав").
  Exact matches score 100 and always rank first.
* otherwise every query word is matched against the vocabulary of stems: equal (1.0), a
  truncated word ("здрав" -> "здравоохранен", 0.75..0.95), an inflected longer word
  ("финансов" -> "финанс", 0.8), or a typo by OSA edit distance (1 edit for 4-6 letters,
  2 for 7-11, 3 for longer; 1 - 0.08 per edit). An agency scores
  ``100 * q * (0.6 + 0.4 * e)``, where ``q`` is the mean weight of the query words it
  explains and ``e`` how much of its best-covered name form the query covers: every query
  word must count, a longer name is only mildly penalized for words the user left out.
* one-letter words and numbers never match by themselves; a query of two or three words
  that finds nothing is retried glued together ("мин здрав"); a query of generic words
  only ("министерство") lists the bodies of that kind, so the user can pick one.

Any script, any keyboard (bot/domain/scripts.py): an inner index holds the Latin skeleton of
every Cyrillic name ("Ұлттық Банк" -> "ultik bank"); a query with Latin letters and no exact
answer is folded the same way and searched there too, each body keeping its better match.
A query that finds nothing at all is tried once in the other keyboard layout
("vbyj,jhjys" -> "минобороны"), where only a confident match counts.

``resolve`` answers only when one body is clearly meant (see ``RESOLVE_MARGIN``): the
importer and the direct agency card rely on it never guessing between two bodies.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.domain.bodies import Agency
from bot.domain.scripts import has_cyrillic, has_latin, layout_swaps, prepare, skeleton_texts

__all__ = [
    "MAX_QUERY_CHARS",
    "MIN_SCORE",
    "RESOLVE_MARGIN",
    "RESOLVE_MIN_SCORE",
    "AgencyIndex",
    "Match",
]

#: Only the start of a message is searched: a name fits in far less, and a pasted article
#: must not cost more than a short query.
MAX_QUERY_CHARS = 200
#: Words considered after normalization (bounds the work for text full of short words).
MAX_QUERY_WORDS = 24
#: Below this a candidate is noise (e.g. one word of a three-word query matched).
MIN_SCORE = 45.0
#: ``resolve`` answers with a non-exact match only from this score up ...
RESOLVE_MIN_SCORE = 65.0
#: ... and only when it leads the runner-up by at least this many points. Bodies that
#: merely share the query's word score within ten points of each other (one word of a
#: two-, three- or four-word name: 80, 73, 70 for "развития"), while a real difference
#: (a body that explains a word the others do not, or an exact word against a fragment
#: or a typo) opens a wider gap. Closer than that, the user is asked to choose.
RESOLVE_MARGIN = 10.0
#: A non-exact match never looks as certain as an exact one.
NON_EXACT_CAP = 95.0
#: Queries whose answers are remembered (see ``AgencyIndex.search``).
SEARCH_MEMO_SIZE = 4096
#: Score given to the listing returned for a bare "министерство" / "agency".
KIND_ONLY_SCORE = 30.0
#: A query that says "министерство" prefers ministries (and "агентство" agencies).
KIND_MISMATCH_FACTOR = 0.9

_EXACT_WEIGHT = 1.0
_LONGER_QUERY_WEIGHT = 0.8
_MIN_AFFIX_LEN = 4
_PREFIX_SCAN_LIMIT = 40
_TYPO_PENALTY = 0.08
_FUZZY_CANDIDATES = 8

_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
# Latin letters that look like Cyrillic ones, for words typed with a mixed layout.
_HOMOGLYPHS = str.maketrans("aceopxyikmt", "асеорхуікмт")

_TAG = re.compile(r"<[^<>]{0,100}>")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_HYPHEN_CASE_ENDING = re.compile(
    r"(?<=\w)-(?:а|я|у|ю|е|ы|и|ом|ем|ой|ей|ов|ам|ах|ами|ым|ею|"
    r"ға|ге|қа|ке|на|не|да|де|та|те|ны|ні|ды|ді|ты|ті|ның|нің|дың|дің|тың|тің|"
    r"нан|нен|дан|ден|тан|тен|мен|бен|пен|тағы|дағы)(?!\w)"
)
_NON_WORD = re.compile(r"[\W_]+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")

# fmt: off
_RU_ENDINGS = (
    "иями", "ями", "ами", "иях", "иям", "ией", "ием", "ого", "его", "ому", "ему", "ыми",
    "ими", "ях", "ах", "ов", "ев", "ам", "ям", "ом", "ем", "ия", "ии", "ию", "ие", "ье",
    "ья", "ью", "ой", "ей", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ых", "их",
    "ым", "им", "ую", "юю", "а", "я", "о", "е", "ы", "и", "у", "ю", "й", "ь",
)
_KK_ENDINGS = (
    "ның", "нің", "дың", "дің", "тың", "тің", "нан", "нен", "дан", "ден", "тан", "тен",
    "нда", "нде", "мен", "бен", "пен", "лар", "лер", "дар", "дер", "тар", "тер", "ға", "ге",
    "қа", "ке", "на", "не", "да", "де", "та", "те", "ны", "ні", "ды", "ді", "ты", "ті",
    "ын", "ін", "сы", "сі", "ы", "і",
)
# fmt: on


def _ending_pattern(endings: Iterable[str]) -> re.Pattern[str]:
    """Longest ending that leaves a stem of three letters (the lazy stem makes it so)."""
    ordered = sorted(set(endings), key=len, reverse=True)
    return re.compile(r"^(\w{3,}?)(?:" + "|".join(ordered) + r")$")


_RU_ENDING = _ending_pattern(_RU_ENDINGS)
_KK_ENDING = _ending_pattern(_KK_ENDINGS)

# Generic words, compared after Kazakh folding. A prefix covers every inflection.
_GENERIC_PREFIXES: dict[str, str | None] = {
    "министерств": "ministry",
    "министр": "ministry",  # министр, министрлігі, министрлік
    "ministr": "ministry",  # ministry, ministries, minister
    "агентств": "agency",
    "агенттиг": "agency",
    "агенттик": "agency",
    "agenc": "agency",
    "республик": None,
    "republic": None,
    "казахстан": None,
    "казакстан": None,
    "kazakhstan": None,
}
# fmt: off
_GENERIC_WORDS = frozenset(
    (
        "рк", "кр", "rk", "рф", "of", "the", "and", "for", "on", "in", "at", "under", "по",
        "и", "при", "в", "во", "о", "об", "а", "жане", "жанындагы",
    )
)
# fmt: on
# Typos of generic words ("Минисерство", "агенство", "Mnistry") are recognized by edit
# distance, but only for words that are not themselves a name of something.
_GENERIC_SPELLINGS: dict[str, str | None] = {
    "министерство": "ministry",
    "министерства": "ministry",
    "министерстве": "ministry",
    "министрлиги": "ministry",
    "ministry": "ministry",
    "агентство": "agency",
    "агентства": "agency",
    "агенттиги": "agency",
    "agency": "agency",
    "республики": None,
    "республикасынын": None,
    "казахстан": None,
    "казакстан": None,
    "kazakhstan": None,
    "republic": None,
}
_GENERIC_SPELLING_LIST = tuple(_GENERIC_SPELLINGS)
_MIN_GENERIC_TYPO_LEN = 6


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate for a query."""

    agency: Agency
    score: float  # 0..100, higher is better
    exact: bool  # matched a whole name/abbreviation/alias after normalization


@dataclass(frozen=True, slots=True)
class _Word:
    """A content word of a text: as typed (normalized) and as compared (stemmed)."""

    text: str
    stem: str


@dataclass(frozen=True, slots=True)
class _Analysis:
    """What a text says once its generic words are set aside."""

    words: tuple[_Word, ...]
    kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name form of one agency, as a set of stems."""

    agency: int
    stems: frozenset[str]


def _normalize(text: str) -> list[str]:
    """Lower-case words with punctuation, markup, emoji and hyphenated endings removed."""
    text = html.unescape(_TAG.sub(" ", text)).casefold().replace("ё", "е")
    text = _INVISIBLE.sub("", text)
    text = _HYPHEN_CASE_ENDING.sub("", _DASHES.sub("-", text))
    return [w for w in _NON_WORD.split(text) if w]


def _stem(word: str) -> str:
    """Strip inflection so that case forms meet, then fold Kazakh letters.

    Light on purpose: a wrong cut only matters when it makes two different names equal,
    and the same function runs on names and queries, so regular forms always agree.
    """
    has_latin = _LATIN.search(word) is not None
    has_cyrillic = _CYRILLIC.search(word) is not None
    if has_latin and has_cyrillic:
        word = word.translate(_HOMOGLYPHS)
    elif has_latin:
        return _stem_en(word)
    if _KAZAKH_LETTERS.intersection(word):
        for _ in range(3):
            cut = _KK_ENDING.match(word)
            if cut is None:
                break
            word = cut.group(1)
    else:
        cut = _RU_ENDING.match(word)
        if cut is not None:
            word = cut.group(1)
    return word.translate(_KAZAKH_FOLD)


def _stem_en(word: str) -> str:
    """English plural only: "affairs" = "affair", "emergencies" = "emergency"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _generic_kind(word: str) -> tuple[bool, str | None]:
    """Whether a word is a generic one, and which kind of body it names if any."""
    folded = word.translate(_KAZAKH_FOLD)
    if folded in _GENERIC_WORDS:
        return True, None
    for prefix, kind in _GENERIC_PREFIXES.items():
        if folded.startswith(prefix):
            return True, kind
    return False, None


def _analyze(text: str) -> _Analysis:
    """Split a text into content words and kind hints; shared by index and queries."""
    words: list[_Word] = []
    kinds: set[str] = set()
    for token in _normalize(text):
        if token.isdigit():  # years and numbers never name a body
            continue
        generic, kind = _generic_kind(token)
        if generic:
            if kind is not None:
                kinds.add(kind)
            continue
        words.append(_Word(token, _stem(token)))
    return _Analysis(tuple(words), frozenset(kinds))


def _spelling_key(name: str) -> str:
    return " ".join(name.casefold().replace("ё", "е").split())


def _clip(query: str) -> str:
    """The first ``MAX_QUERY_CHARS`` characters, without a word cut in half at the end."""
    if len(query) <= MAX_QUERY_CHARS:
        return query
    clipped = query[:MAX_QUERY_CHARS]
    if query[MAX_QUERY_CHARS].isalnum():
        clipped = clipped.rpartition(" ")[0] or clipped
    return clipped


def _text_key(words: Iterable[_Word]) -> str:
    return " ".join(sorted({w.text for w in words}))


def _stem_key(stems: Iterable[str]) -> str:
    return " ".join(sorted(set(stems)))


def _skeleton_names(names: Iterable[str]) -> list[str]:
    """The Latin skeletons of the Cyrillic names among ``names`` (English ones are indexed
    as they are)."""
    return [
        reading
        for name in names
        if has_cyrillic(name)
        for reading in skeleton_texts(_normalize(prepare(name)), readings=False)
    ]


def _skeleton_agency(agency: Agency) -> Agency:
    """The same body named by the Latin skeletons of its Cyrillic names, for the inner index."""

    def one(name: str) -> str:
        return next(iter(_skeleton_names([name])), "")

    return Agency(
        slug=agency.slug,
        kind=agency.kind,
        names={language: one(name) for language, name in agency.names.items()},
        short_names={language: one(name) for language, name in agency.short_names.items()},
        abbreviations={language: one(name) for language, name in agency.abbreviations.items()},
        aliases=tuple(_skeleton_names(agency.aliases)),
    )


def _max_typos(length: int) -> int:
    """Edits tolerated in a word: none in short ones, where one edit is another word."""
    if length < 4:
        return 0
    if length <= 6:
        return 1
    if length <= 11:
        return 2
    return 3


class AgencyIndex:
    """In-memory index of every name of every agency; built once, searched many times."""

    __slots__ = (
        "_agencies",
        "_by_own_name",
        "_by_slug",
        "_entries",
        "_entries_by_stem",
        "_found",
        "_kinds",
        "_latin",
        "_numbers",
        "_stem_keys",
        "_text_keys",
        "_vocabulary",
    )

    def __init__(
        self,
        agencies: Sequence[Agency],
        old_names: Mapping[str, Sequence[str]] | None = None,
        *,
        latin: bool = True,
    ) -> None:
        """``old_names``: a body's former names by slug (bot/domain/lineage.py), found only
        when typed whole, so that a fragment of an old name never outweighs today's names.
        ``latin``: also index the Latin skeleton of every Cyrillic name (bot/domain/scripts.py),
        in an inner index of its own (built with ``latin=False``)."""
        self._agencies: tuple[Agency, ...] = tuple(agencies)
        self._by_slug: dict[str, Agency] = {a.slug: a for a in self._agencies}
        self._by_own_name: dict[str, Agency | None] = {}
        for agency in self._agencies:
            for own in agency.own_names():
                key = _spelling_key(own)
                known = self._by_own_name.get(key, agency)
                self._by_own_name[key] = agency if known is agency else None  # None: two bodies
        self._text_keys: dict[str, set[int]] = {}
        self._stem_keys: dict[str, set[int]] = {}
        self._entries: list[_Entry] = []
        self._entries_by_stem: dict[str, list[int]] = {}
        kinds: list[frozenset[str]] = []
        for number, agency in enumerate(self._agencies):
            agency_kinds: set[str] = set()
            for name in agency.names.values():
                agency_kinds |= _analyze(name).kinds
            kinds.append(frozenset(agency_kinds))
            for form in dict.fromkeys(agency.all_names()):
                self._add_form(number, form)
        self._kinds: tuple[frozenset[str], ...] = tuple(kinds)
        self._vocabulary: list[str] = sorted(self._entries_by_stem)
        self._found: OrderedDict[tuple[str, int], list[Match]] = OrderedDict()
        numbers = {agency.slug: number for number, agency in enumerate(self._agencies)}
        self._numbers: dict[str, int] = numbers
        self._latin: AgencyIndex | None = (
            AgencyIndex(
                [_skeleton_agency(a) for a in self._agencies],
                {slug: _skeleton_names(names) for slug, names in (old_names or {}).items()},
                latin=False,
            )
            if latin
            else None
        )
        for slug, names in (old_names or {}).items():
            for name in names:
                if slug in numbers:
                    self._add_whole_name(numbers[slug], name)

    def _add_whole_name(self, number: int, form: str) -> None:
        """A form that matches exactly only: its words join no fuzzy scoring."""
        analysis = _analyze(form)
        if analysis.words:
            self._text_keys.setdefault(_text_key(analysis.words), set()).add(number)
            stems = [w.stem for w in analysis.words if len(w.text) > 1]
            if stems:
                self._stem_keys.setdefault(_stem_key(stems), set()).add(number)

    def _add_form(self, number: int, form: str) -> None:
        analysis = _analyze(form)
        if not analysis.words:
            return
        self._text_keys.setdefault(_text_key(analysis.words), set()).add(number)
        # One-letter words count for the exact text key only: alone they mean nothing.
        stems = frozenset(w.stem for w in analysis.words if len(w.text) > 1)
        if not stems:
            return
        self._stem_keys.setdefault(_stem_key(stems), set()).add(number)
        entry_id = len(self._entries)
        self._entries.append(_Entry(number, stems))
        for stem in stems:
            self._entries_by_stem.setdefault(stem, []).append(entry_id)

    def by_own_name(self, name: str) -> Agency | None:
        """The body whose own full name, short name or abbreviation this is, written out in
        full (any case and spacing); None for anything else, or a name two bodies share.

        Sure even where the search asks to choose: "Ministry of Education" is one body's
        official name, though "education ministry" may mean either of two.
        """
        return self._by_own_name.get(_spelling_key(name))

    def get(self, slug: str) -> Agency | None:
        """The agency with this slug, for callback data and links."""
        return self._by_slug.get(slug)

    def search(self, query: str, limit: int = 5) -> list[Match]:
        """Candidates for a query, best first; [] when nothing is plausible.

        Exact matches come first with score 100; the rest score below 100 and under
        ``NON_EXACT_CAP``. A query made only of "министерство"/"агентство" lists bodies
        of that kind with a low score, so a caller can offer them as choices. A name
        split by a stray space ("мин здрав") is retried as one word.
        """
        if limit <= 0:
            return []
        # The index never changes, so an answer holds for good; names repeat (the same 32
        # bodies on every row of a file), so a bounded LRU memo spares the analysis.
        key = (query, limit)
        found = self._found.get(key)
        if found is not None:
            self._found.move_to_end(key)
            return list(found)  # a copy: the caller may change its list
        found = self._search(query, limit)
        self._found[key] = found
        if len(self._found) > SEARCH_MEMO_SIZE:
            self._found.popitem(last=False)
        return list(found)

    def _search(self, query: str, limit: int) -> list[Match]:
        """As typed (Cyrillic, English, then the Latin skeleton); if that finds nothing, as
        typed in the other keyboard layout, where only a confident answer counts."""
        found = self._search_scripts(query, limit)
        if found or self._latin is None:
            return found
        for swapped in layout_swaps(_clip(query)):
            found = [m for m in self._search_scripts(swapped, limit) if m.score >= RESOLVE_MIN_SCORE]
            if found:
                return found
        return []

    def _search_scripts(self, query: str, limit: int) -> list[Match]:
        """The names as written, then, for a query with Latin letters and no exact answer,
        the Latin skeleton of the Cyrillic names too ("Ulttyq bank", "minjust")."""
        found = self._search_as_typed(query, limit)
        if self._latin is None or not has_latin(query) or (found and found[0].exact):
            return found
        readings = skeleton_texts(_normalize(prepare(_clip(query))))
        latin = [m for reading in readings for m in self._latin.search(reading, limit)]
        return self._merged(found, latin, limit)

    def _merged(self, found: list[Match], latin: list[Match], limit: int) -> list[Match]:
        """Each body once, with its better match (exact first), ranked as ``_ranked`` does."""
        best: dict[str, Match] = {}
        for match in (*found, *latin):
            slug = match.agency.slug
            known = best.get(slug)
            if known is None or (match.exact, match.score) > (known.exact, known.score):
                best[slug] = Match(self._by_slug[slug], match.score, match.exact)
        ranked = sorted(best.values(), key=lambda m: (-m.score, not m.exact, self._numbers[m.agency.slug]))
        return ranked[:limit]

    def _search_as_typed(self, query: str, limit: int) -> list[Match]:
        analysis = self._analyze_query(query)
        found = self._search_words(analysis, limit)
        if not found and 2 <= len(analysis.words) <= 3:
            joined = "".join(w.text for w in analysis.words)
            found = self._search_words(_Analysis((_Word(joined, _stem(joined)),), analysis.kinds), limit)
        return found

    def _search_words(self, analysis: _Analysis, limit: int) -> list[Match]:
        stems = [w.stem for w in analysis.words if len(w.text) > 1]
        text_key = _text_key(analysis.words)
        if not stems:
            exact_only = self._text_keys.get(text_key, set())
            if exact_only:
                return self._ranked(exact_only, {}, limit)
            return self._kind_listing(analysis.kinds, limit) if analysis.kinds else []
        exact = self._text_keys.get(text_key) or self._stem_keys.get(_stem_key(stems), set())
        scores = self._score(stems)
        if analysis.kinds:
            for number in scores:
                if not analysis.kinds & self._kinds[number]:
                    scores[number] *= KIND_MISMATCH_FACTOR
        return self._ranked(exact, scores, limit)

    def resolve(self, query: str) -> Agency | None:
        """The one agency a query surely means, else None.

        Sure means: the best match is exact and no other match is exact, or it scores at
        least ``RESOLVE_MIN_SCORE`` and leads the runner-up by ``RESOLVE_MARGIN`` points.
        """
        matches = self.search(query, limit=2)
        if not matches:
            return None
        best = matches[0]
        runner_up = matches[1] if len(matches) > 1 else None
        if best.exact:
            return best.agency if runner_up is None or not runner_up.exact else None
        if best.score < RESOLVE_MIN_SCORE:
            return None
        if runner_up is not None and best.score - runner_up.score < RESOLVE_MARGIN:
            return None
        return best.agency

    def _analyze_query(self, query: str) -> _Analysis:
        """``_analyze`` plus typo-tolerant removal of generic words ("Минисерство")."""
        analysis = _analyze(_clip(query))
        words: list[_Word] = []
        kinds = set(analysis.kinds)
        for word in analysis.words[:MAX_QUERY_WORDS]:
            kind = self._generic_typo(word)
            if kind is None:
                words.append(word)
            elif kind:
                kinds.add(kind)
        return _Analysis(tuple(words), frozenset(kinds))

    def _generic_typo(self, word: _Word) -> str | None:
        """A kind ("" for none) if the word is a misspelt generic word; None if content."""
        if len(word.text) < _MIN_GENERIC_TYPO_LEN or word.stem in self._entries_by_stem:
            return None
        folded = word.text.translate(_KAZAKH_FOLD)
        found = process.extractOne(
            folded,
            _GENERIC_SPELLING_LIST,
            scorer=OSA.distance,
            score_cutoff=1 if len(folded) < 9 else 2,
        )
        if found is None:
            return None
        return _GENERIC_SPELLINGS[found[0]] or ""

    def _match_word(self, stem: str) -> dict[str, float]:
        """Vocabulary stems this query stem may stand for, with a weight 0..1 each."""
        found: dict[str, float] = {}
        if stem in self._entries_by_stem:
            found[stem] = _EXACT_WEIGHT
        if len(stem) < _MIN_AFFIX_LEN:
            return found
        vocabulary = self._vocabulary
        # The query is the start of a longer word: "здрав" for "здравоохранения".
        position = bisect_left(vocabulary, stem)
        for known in vocabulary[position : position + _PREFIX_SCAN_LIMIT]:
            if not known.startswith(stem):
                break
            if known != stem:
                found[known] = max(found.get(known, 0.0), 0.75 + 0.2 * len(stem) / len(known))
        # The query is a longer form of a known word: "финансов" for "финанс".
        for length in range(max(_MIN_AFFIX_LEN, (len(stem) + 1) // 2), len(stem)):
            known = stem[:length]
            if known in self._entries_by_stem:
                found[known] = max(found.get(known, 0.0), _LONGER_QUERY_WEIGHT)
        if stem not in self._entries_by_stem:
            for known, typos, _ in process.extract(
                stem,
                vocabulary,
                scorer=OSA.distance,
                score_cutoff=_max_typos(len(stem)),
                limit=_FUZZY_CANDIDATES,
            ):
                weight = 1.0 - _TYPO_PENALTY * typos
                found[known] = max(found.get(known, 0.0), weight)
        return found

    def _score(self, stems: Sequence[str]) -> dict[int, float]:
        """Score every agency that explains at least one query word (see module doc)."""
        per_word: dict[int, list[float]] = {}
        per_entry: dict[int, dict[str, float]] = {}
        for position, stem in enumerate(stems):
            for known, weight in self._match_word(stem).items():
                for entry_id in self._entries_by_stem[known]:
                    number = self._entries[entry_id].agency
                    best = per_word.setdefault(number, [0.0] * len(stems))
                    best[position] = max(best[position], weight)
                    covered = per_entry.setdefault(entry_id, {})
                    covered[known] = max(covered.get(known, 0.0), weight)
        coverage: dict[int, float] = {}
        for entry_id, covered in per_entry.items():
            entry = self._entries[entry_id]
            share = sum(covered.values()) / len(entry.stems)
            coverage[entry.agency] = max(coverage.get(entry.agency, 0.0), share)
        return {
            number: 100.0 * (sum(best) / len(stems)) * (0.6 + 0.4 * coverage[number])
            for number, best in per_word.items()
        }

    def _ranked(self, exact: set[int], scores: dict[int, float], limit: int) -> list[Match]:
        """Exact matches first, then plausible others, best first, ties in list order."""
        ranked = [(100.0, True, number) for number in exact]
        ranked += [
            (min(score, NON_EXACT_CAP), False, number)
            for number, score in scores.items()
            if number not in exact and score >= MIN_SCORE
        ]
        ranked.sort(key=lambda item: (-item[0], not item[1], item[2]))
        return [
            Match(self._agencies[number], round(score, 2), is_exact)
            for score, is_exact, number in ranked[:limit]
        ]

    def _kind_listing(self, kinds: frozenset[str], limit: int) -> list[Match]:
        """Bodies of the kind a bare "министерство"/"agency" asks for, in list order."""
        return [
            Match(agency, KIND_ONLY_SCORE, False)
            for number, agency in enumerate(self._agencies)
            if kinds & self._kinds[number]
        ][:limit]
