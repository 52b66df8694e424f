"""Any script, any keyboard: one Latin skeleton for names and queries, and the other layout.

People write a body's name in Cyrillic, in Kazakh Latin (the 2021 alphabet: ä ğ ı ñ ö ū ü
ş ç q; the 2018 one: á ǵ ń ó ú ý and s'/c'; plain ASCII: sh, ch, q or k, y or i, gh), or in
Russian typed in Latin letters (informal "minjust", "nacbank", "minselhoz"; the passport
form "ministerstvo iustitsii"). Each of these is folded onto one lossy Latin *skeleton*:
letters that the spellings disagree on become one (қ/к/q/k -> k, ы/і/и/й/y/ı -> i,
ж/zh -> j, х/һ/kh/h/x -> h, ц/ts/c -> c, ш/ş/sh/s' -> sh, ч/ç/ch/c' -> ch, doubled letters
once), so "Ulttyq bank", "Ūlttyq bank" and "Ұлттық Банк" all read "ultik bank". The index
holds the skeleton of every Cyrillic name as an extra form; a query with Latin letters is
folded the same way and looked up there.

Latin "j" is either ж (Kazakh "jasandy") or й (Russian "minjust"): a query gets both readings.

A text typed with the wrong keyboard layout ("vbyj,jhjys" for "минобороны", "ьштогые" for
"minjust") is read in the other one by ``layout_swaps``: Russian ЙЦУКЕН and the Kazakh
layout (RST KazSSR 903-90: ә і ң ғ ү ұ қ ө һ on the digit row) against QWERTY, both ways.

Why tables and not a library: anyascii/unidecode go one way only (Cyrillic -> ASCII) and
would still need the folding below; cyrtranslit and transliterate have no Kazakh; the
Kazakh Latin packages (qazaq-transliterator) write the 2021 alphabet but do not read the
2018 or ASCII spellings people type. The layout packages on PyPI are desktop hotkey tools.
Forty letters and one keyboard are clearer as data than as a dependency.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["has_latin", "layout_swaps", "prepare", "skeleton", "skeleton_texts"]

# fmt: off
#: Cyrillic (Russian and Kazakh) letters, each to its Latin spelling before folding.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k",
    "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}
#: Kazakh Latin letters whose accent changes the sound class (the rest lose the accent).
_LATIN = {
    "ş": "sh", "ç": "ch", "ı": "i", "ý": "u", "q": "k", "w": "v", "x": "h",
}
#: Letter + apostrophe of the 2017-2018 alphabet, before apostrophes split words.
_APOSTROPHE_LETTERS = {"s": "sh", "c": "ch"}
#: Digraph folds on the Latin spelling, longest first; the same for names and queries.
_FOLDS = (
    ("shch", "sh"), ("sch", "sh"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ts", "c"),
    ("tz", "c"), ("ck", "k"), ("ng", "n"), ("y", "i"),
)
#: Russian ЙЦУКЕН by QWERTY key; the Kazakh layout is the same plus its digit row.
_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./"
_JCUKEN = "ёйцукенгшщзхъфывапролджэячсмитьбю."
_KAZAKH_DIGITS = {"2": "ә", "3": "і", "4": "ң", "5": "ғ", "8": "ү", "9": "ұ", "0": "қ", "-": "ө", "=": "һ"}
#: Skeletons of the words every name shares: prefixes (any inflection) and whole words.
_GENERIC_PREFIXES: dict[str, str | None] = {
    "ministr": "ministry", "ministerstv": "ministry", "agentstv": "agency",
    "agentig": "agency", "agentik": "agency", "agenc": "agency", "respublik": None,
    "republ": None, "kazahstan": None, "kazakstan": None,
}
_GENERIC_WORDS = frozenset((
    "rk", "kr", "rf", "of", "the", "and", "for", "on", "in", "at", "under", "po", "i",
    "pri", "v", "vo", "o", "ob", "a", "jane", "janindagi",
))
# fmt: on

_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)
_LATIN_TABLE = str.maketrans(_LATIN)
_TO_CYRILLIC = str.maketrans(
    {**dict(zip(_QWERTY.upper(), _JCUKEN.upper(), strict=True)), **dict(zip(_QWERTY, _JCUKEN, strict=True))}
)
_TO_LATIN = str.maketrans(
    {
        **dict(zip(_JCUKEN.upper(), _QWERTY.upper(), strict=True)),
        **dict(zip(_JCUKEN, _QWERTY, strict=True)),
        **{letter: key for key, letter in _KAZAKH_DIGITS.items()},
        **{letter.upper(): key for key, letter in _KAZAKH_DIGITS.items()},
    }
)
_APOSTROPHE = re.compile(r"([a-z])['’ʼ`´ʻ]", re.IGNORECASE)
_FOLD = re.compile("|".join(source for source, _ in _FOLDS))
_FOLD_TARGET = dict(_FOLDS)
_DOUBLE = re.compile(r"(.)\1+")
_LATIN_LETTER = re.compile(r"[a-zA-Z]")
_HAS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN = re.compile(r"\S+")
#: Words this short are abbreviations: their doubled letters stay ("ҰҚК" -> "ukk").
_SHORT_WORD = 3


def has_latin(text: str) -> bool:
    """Whether a text has Latin letters, so the skeleton path may find what Cyrillic did not."""
    return _LATIN_LETTER.search(text) is not None


def has_cyrillic(text: str) -> bool:
    return _HAS_CYRILLIC.search(text) is not None


def prepare(text: str) -> str:
    """Spell out the 2018 apostrophe letters and drop accents, so no letter splits a word.

    "s'" and "c'" are ш and ч; "a'", "o'", "g'" ... only lose the apostrophe. Accents go
    after the letters whose accent changes the sound (ş, ç, ı, ý) are spelled out.
    """
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHE.sub(lambda m: _APOSTROPHE_LETTERS.get(m.group(1).lower(), m.group(1)), text)
    text = text.casefold().translate(_LATIN_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def skeleton(word: str) -> str:
    """One lower-case word (Cyrillic, Kazakh Latin or Russian in Latin) as its Latin skeleton."""
    spelled = prepare(word).translate(_CYRILLIC_TABLE)
    folded = _FOLD.sub(lambda m: _FOLD_TARGET[m.group(0)], spelled)
    if len(folded) > _SHORT_WORD:
        folded = _DOUBLE.sub(r"\1", folded).replace("ie", "e")
    return folded


def _generic(word: str) -> tuple[bool, str | None]:
    if word in _GENERIC_WORDS:
        return True, None
    for prefix, kind in _GENERIC_PREFIXES.items():
        if word.startswith(prefix):
            return True, kind
    return False, None


def skeleton_texts(tokens: Iterable[str], *, readings: bool = True) -> tuple[str, ...]:
    """The skeleton of a tokenized text, generic words replaced by their kind ("ministry").

    With ``readings``, a text with a Latin "j" comes twice: "j" as ж and "j" as й.
    Numbers are left out: a year never names a body.
    """
    words: list[str] = []
    for token in tokens:
        if token.isdigit():
            continue
        word = skeleton(token)
        generic, kind = _generic(word)
        if generic:
            if kind is not None:
                words.append(kind)  # "ministry"/"agency": the index reads it as a kind
            continue
        if word:
            words.append(word)
    text = " ".join(words)
    if not readings or "j" not in text:
        return (text,) if text else ()
    as_short_i = " ".join(_refold(w.replace("j", "i")) for w in words)
    return (text, as_short_i)


def _refold(word: str) -> str:
    """Fold again after a letter changed ("miniiust" -> "miniust")."""
    if len(word) > _SHORT_WORD:
        word = _DOUBLE.sub(r"\1", word).replace("ie", "e")
    return word


def layout_swaps(text: str) -> Sequence[str]:
    """The text read in the other keyboard layout: QWERTY -> ЙЦУКЕН (with the Kazakh digit
    row inside words), or ЙЦУКЕН -> QWERTY; () when there is nothing to swap."""
    if has_latin(text) and not has_cyrillic(text):
        return (_TOKEN.sub(_to_cyrillic, text),)
    if has_cyrillic(text) and not has_latin(text):
        return (text.translate(_TO_LATIN),)
    return ()


def _to_cyrillic(token: re.Match[str]) -> str:
    """One QWERTY word as typed on ЙЦУКЕН; its digits as the Kazakh letters on those keys,
    unless the word is a number ("2024")."""
    word = token.group(0).translate(_TO_CYRILLIC)
    if not any(c.isalpha() for c in word):
        return token.group(0)
    return "".join(_KAZAKH_DIGITS.get(c, c) for c in word)
