"""The ``distinct`` workload of ``bench/replies.py``: hundreds of different look-ups, each
with the reply it must get.

The ``lookup`` workload repeats six texts, so after the first round every reply is a
search-memo and screen-cache hit. These queries are all different strings, so each one is
analysed, searched and drawn from scratch (the search memo is keyed by the text, the
screen cache by the view, the language and the text). They are generated from
``data/agencies.csv`` with a fixed seed, so every run sends the same ones:

* each body's own names in Russian, Kazakh and English (full, short, abbreviation) and
  its aliases, as written and in upper or lower case;
* case forms: "Министерства здравоохранения", "Минздрава", "в Минфине", "МЧС-а",
  "Денсаулық сақтау министрлігінің", "ҰҚК-ның", "Ministry of Finance's";
* typos: one letter dropped, doubled, swapped with the next or replaced, in a word of
  seven letters or more;
* Latin script: English names and Latin abbreviations sent by Russian- and Kazakh-speaking
  users too, and Russian words typed with a mixed layout (Latin "а", "о", "с"... inside);
* a name with a year ("минздрав 2024") or with "РК", "ҚР", "of the Republic of Kazakhstan";
* ambiguous queries: a name several bodies share ("Министерство образования", "МОН",
  "education") and a bare "министерство" / "агентство" / "agency";
* misses: made-up words in each alphabet and a few unrelated phrases ("погода завтра",
  "доллар бағамы", "pizza delivery"), none near any word of any name (see
  :func:`far_from_names`).

What each must get is decided here, from the reference list, not by the bot's search: a
name of one body is that body's card; a name two bodies share (the same words once the
generic ones, "Министерство", "ministry of", "РК"..., are set aside) offers both to
choose from; a bare kind word offers bodies of that kind; a miss gets the no-match reply.
:func:`check` reads the reply the way a user does.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz.distance import OSA

AGENCIES_CSV = Path(__file__).resolve().parents[1] / "data" / "agencies.csv"
LANGUAGES = ("ru", "kk", "en")
#: The fixed seed: the same queries in every run.
SEED = 20260
#: Share of the queries that are misses.
MISS_SHARE = 0.15

#: A stable fragment of the no-match reply per language (locales/*/LC_MESSAGES/messages.po).
NO_MATCH = {
    "ru": "госорган не найден",
    "kk": "мемлекеттік орган табылмады",
    "en": "I couldn't find a state body matching",
}
#: ... and of the list of choices ("{count} bodies match «{query}». Which one do you mean?").
CHOICES = {
    "ru": "Какой из них вы имеете в виду?",
    "kk": "Сізге қайсысы керек?",
    "en": "Which one do you mean?",
}

#: Words every body's name shares, set aside when deciding whether two names are the same.
# fmt: off
GENERIC = frozenset((
    "министерство", "министрлігі", "ministry", "агентство", "агенттігі", "agency", "of", "the",
    "and", "по", "и", "при", "жанындағы", "республики", "республикасы", "казахстан", "рк", "қр",
    "republic", "kazakhstan",
))
# fmt: on
#: The kinds a bare "министерство" / "agency" asks for, and the word stems that say them.
KIND_WORDS = {
    "ministry": ("министерств", "министрлі", "ministry"),
    "agency": ("агентств", "агенттіг", "agency"),
}
#: Bare kind words, as people type them: the bot offers the bodies of that kind.
BARE_KINDS = {
    "ministry": ("министерство", "Министерства", "министерствО РК", "министрлігі", "Ministry", "ministries"),
    "agency": ("агентство", "Агентства", "агентство РК", "агенттігі", "Agency", "agencies"),
}
#: Cyrillic letters with a Latin look-alike, for "mixed layout" queries.
LOOK_ALIKES = "аеорсхук"
_TO_LATIN = str.maketrans(LOOK_ALIKES + LOOK_ALIKES.upper(), "aeopcxyk" + "AEOPCXYK")
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_KAZAKH = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)

#: Made-up words are built of these syllables, per alphabet.
# fmt: off
_SYLLABLES = {
    "ru": ("бра", "вол", "гру", "дым", "жук", "зор", "кля", "мух", "пыр", "ршо", "сыч", "тюф", "фыр", "хло"),
    "kk": ("қаз", "бөр", "түл", "ғыс", "шөң", "жұм", "үрк", "сөл", "ұлқ", "әмб", "тіз", "қыр", "өгі"),
    "en": ("blo", "zim", "quo", "vex", "trun", "glab", "frim", "wob", "snar", "plit", "yux", "drov"),
}
# fmt: on
#: Unrelated things people send a bot; kept only when far from every name.
_UNRELATED = {
    "ru": ("курс доллара", "погода завтра", "расписание поездов", "рецепт борща", "котики", "футбол"),
    "kk": ("ауа райы", "ертеңгі ауа райы", "доллар бағамы", "пойыздар кестесі", "мысықтар"),
    "en": ("weather tomorrow", "pizza delivery", "football scores", "cute kittens", "bitcoin price"),
}


@dataclass(frozen=True)
class Body:
    """One row of the reference list, as much of it as the queries need."""

    slug: str
    names: dict[str, str]
    short: dict[str, str]
    abbreviations: dict[str, str]
    aliases: tuple[str, ...]

    def name(self, language: str) -> str:
        """The full name a card shows on its first line in ``language``."""
        return self.names.get(language) or self.names["ru"]

    def kinds(self) -> set[str]:
        text = " ".join(self.names.values()).casefold()
        return {kind for kind, stems in KIND_WORDS.items() if any(s in text for s in stems)}


@dataclass(frozen=True)
class Expect:
    """The reply a query must get: a body's card, a list of choices, or the no-match reply."""

    kind: str  # "card", "choices" or "miss"
    slugs: frozenset[str] = frozenset()  # card: the body; choices: bodies that must be offered
    within: frozenset[str] | None = None  # choices: every body offered must be one of these


MISS = Expect("miss")


@dataclass(frozen=True)
class Probe:
    """One query, the language of the user who sends it, and what it must get."""

    text: str
    language: str
    category: str
    expect: Expect = field(compare=False)


@dataclass(frozen=True)
class Form:
    """A name of a body as the reference list writes it."""

    text: str
    slug: str
    language: str | None  # None: Latin script, typed by anyone
    category: str  # "name", "short name", "abbreviation", "alias"


def load_bodies(path: Path = AGENCIES_CSV) -> list[Body]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Body(
                slug=row["slug"],
                names={lang: row[f"name_{lang}"].strip() for lang in LANGUAGES},
                short={lang: row[f"short_{lang}"].strip() for lang in LANGUAGES},
                abbreviations={lang: row[f"abbr_{lang}"].strip() for lang in LANGUAGES},
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]


@cache
def bodies_by_slug() -> dict[str, Body]:
    return {body.slug: body for body in load_bodies()}


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


def key(text: str) -> frozenset[str]:
    """The words that tell one name from another: generic ones and one-letter ones set aside."""
    return frozenset(w for w in words(text) if w not in GENERIC and len(w) > 1)


def script_language(text: str) -> str | None:
    """The language a name's alphabet says: "kk" (Kazakh letters), "ru" (other Cyrillic), None."""
    if _KAZAKH.search(text):
        return "kk"
    return "ru" if _CYRILLIC.search(text) else None


def forms(bodies: Iterable[Body]) -> list[Form]:
    """Every name of every body: own names by the column's language, aliases by their alphabet."""
    found: list[Form] = []
    for body in bodies:
        for language in LANGUAGES:
            own = (
                (body.names[language], "name"),
                (body.short[language], "short name"),
                (body.abbreviations[language], "abbreviation"),
            )
            found += [
                Form(text, body.slug, language if script_language(text) else None, category)
                for text, category in own
                if text
            ]
        found += [Form(alias, body.slug, script_language(alias), "alias") for alias in body.aliases]
    return found


# ---------------------------------------------------------------------- variants of a name


def ru_case_forms(form: Form) -> list[str]:
    """Russian genitive and prepositional forms of a name, where they are regular."""
    first, _, rest = form.text.partition(" ")
    if rest and first in ("Министерство", "Агентство"):
        return [f"{first[:-1]}а {rest}", f"в {first[:-1]}е {rest}"]
    if rest and first == "Комитет":
        return [f"Комитета {rest}"]
    if rest:
        return []
    if form.category == "abbreviation" and form.text.isupper():
        return [f"{form.text}-а"]
    if len(form.text) > 4 and form.text[-1] in "вднстркмлг":
        return [f"{form.text}а", f"в {form.text}е"]
    return []


def kk_case_forms(form: Form) -> list[str]:
    """Kazakh genitive and dative forms of a name, where they are regular."""
    for ending in ("министрлігі", "агенттігі"):
        if form.text.endswith(ending):
            return [f"{form.text}нің", f"{form.text}не"]
    if form.category == "abbreviation" and form.text.isupper():
        back = form.text[-1] in "АҚҒҰЫОУХ"  # the last letter's name has a back vowel
        return [f"{form.text}-{'ның' if back else 'нің'}"]
    return []


def case_forms(form: Form) -> list[str]:
    if form.language == "ru":
        return ru_case_forms(form)
    if form.language == "kk":
        return kk_case_forms(form)
    return [f"{form.text}'s"] if form.category == "name" else []


def typo(text: str, rng: random.Random) -> str | None:
    """One edit in the longest word of seven letters or more, away from its ends."""
    candidates = [w for w in _WORD.findall(text) if len(w) >= 7 and w.casefold() not in GENERIC]
    if not candidates:
        return None
    word = max(candidates, key=len)
    at = rng.randrange(2, len(word) - 2)
    edit = rng.choice(("drop", "double", "swap", "replace"))
    if edit == "drop":
        changed = word[:at] + word[at + 1 :]
    elif edit == "double":
        changed = word[:at] + word[at] + word[at:]
    elif edit == "swap":
        changed = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        vowels = "aeiou" if _LATIN.search(word) else "аеиоу"
        changed = word[:at] + rng.choice([v for v in vowels if v != word[at]]) + word[at + 1 :]
    return None if changed == word else text.replace(word, changed, 1)


def mixed_layout(text: str, rng: random.Random) -> str | None:
    """A Cyrillic name with one or two letters typed on the Latin layout."""
    letters = [i for i, c in enumerate(text) if c.casefold() in LOOK_ALIKES]
    if not letters or not _CYRILLIC.search(text):
        return None
    chosen = set(rng.sample(letters, min(len(letters), rng.choice((1, 2)))))
    return "".join(c.translate(_TO_LATIN) if i in chosen else c for i, c in enumerate(text))


def variants(form: Form, expect: Expect, rng: random.Random) -> list[tuple[str, str | None, str, Expect]]:
    """Queries made from one name: as written, in another letter case, in case forms, with a
    typo, with a mixed layout, with a year, with the country's name."""
    language = form.language
    lettercase = form.text.lower() if rng.random() < 0.5 else form.text.upper()
    texts = [(form.text, form.category), (lettercase, "letter case")]
    texts += [(text, "case form") for text in case_forms(form)]
    if (mistyped := typo(form.text, rng)) is not None:
        texts.append((mistyped, "typo"))
    if language == "ru" and (mixed := mixed_layout(form.text, rng)) is not None:
        texts.append((mixed, "mixed layout"))
    texts.append((f"{form.text} {rng.choice(('2024', '2025', '2020'))}", "with year"))
    country = {"ru": f"{form.text} РК", "kk": f"ҚР {form.text}"}
    texts.append((country.get(language or "", f"{form.text} of the Republic of Kazakhstan"), "with country"))
    return [(text, language, category, expect) for text, category in texts]


# ---------------------------------------------------------------------- misses


def far_from_names(text: str, vocabulary: Sequence[str]) -> bool:
    """No word of ``text`` near a word of a name: two edits more apart than the bot's search
    forgives a typo in a word of that length, and no four first letters in common. Kazakh
    letters are folded to their Russian look-alikes on both sides, as the search compares
    them: "котики" (stem "котик") is one edit from "көлік" folded, "колик", and the search
    answers it with the Ministry of Transport."""
    for word in (w.translate(_KAZAKH_FOLD) for w in words(text)):
        apart = 2 + (0 if len(word) < 4 else 1 if len(word) <= 6 else 2 if len(word) <= 11 else 3)
        for known in vocabulary:
            if OSA.distance(word, known) < apart or (len(word) >= 4 and known[:4] == word[:4]):
                return False
    return True


def misses(count: int, vocabulary: Sequence[str], rng: random.Random) -> list[Probe]:
    """Queries that name nothing: unrelated phrases and a number, then made-up words."""
    found = [
        Probe(text, language, "miss", MISS)
        for language, phrases in _UNRELATED.items()
        for text in phrases
        if far_from_names(text, vocabulary)
    ]
    found.append(Probe("12345", "ru", "miss", MISS))
    texts = {p.text for p in found}
    for _ in range(100 * count):
        if len(found) >= count:
            break
        language = LANGUAGES[len(found) % len(LANGUAGES)]
        syllables = _SYLLABLES[language]
        made = " ".join(
            "".join(rng.choice(syllables) for _ in range(rng.choice((2, 3))))
            for _ in range(rng.choice((1, 1, 2)))
        )
        made = made.capitalize() if rng.random() < 0.3 else made
        if made not in texts and far_from_names(made, vocabulary):
            texts.add(made)
            found.append(Probe(made, language, "miss", MISS))
    return found[:count]


# ---------------------------------------------------------------------- the workload


def probes(count: int = 600, *, seed: int = SEED, exclude: Iterable[str] = ()) -> list[Probe]:
    """``count`` different queries (fewer if the list does not yield that many), each with
    the language of the user who sends it and what it must get; none of ``exclude`` (in any
    letter case). Every ambiguous one, then the other categories in turn."""
    rng = random.Random(seed)
    bodies = list(bodies_by_slug().values())
    all_forms = [form for form in forms(bodies) if key(form.text)]
    owners: dict[frozenset[str], set[str]] = defaultdict(set)
    for form in all_forms:
        owners[key(form.text)].add(form.slug)

    candidates: list[tuple[str, str | None, str, Expect]] = []
    for form in all_forms:
        sharing = owners[key(form.text)]
        if len(sharing) > 1:  # a name several bodies go by: choose
            candidates.append(
                (form.text, form.language, "shared name", Expect("choices", frozenset(sharing)))
            )
        else:
            candidates += variants(form, Expect("card", frozenset({form.slug})), rng)
    for kind, texts in BARE_KINDS.items():
        of_kind = frozenset(b.slug for b in bodies if kind in b.kinds())
        candidates += [(text, None, "bare kind", Expect("choices", within=of_kind)) for text in texts]

    excluded = {text.casefold() for text in exclude}
    by_category: dict[str, list[Probe]] = defaultdict(list)
    seen: set[str] = set()
    for text, language, category, expected in candidates:
        if text in seen or text.casefold() in excluded:
            continue
        seen.add(text)
        # Latin script is sent by users of every language in turn; the card speaks theirs.
        sender = language or LANGUAGES[len(seen) % len(LANGUAGES)]
        by_category[category].append(Probe(text, sender, category, expected))
    vocabulary = sorted({w.translate(_KAZAKH_FOLD) for form in all_forms for w in words(form.text)})
    missed = misses(round(count * MISS_SHARE), vocabulary, rng)
    by_category["miss"] = [p for p in missed if p.text not in seen and p.text.casefold() not in excluded]

    chosen = by_category.pop("shared name") + by_category.pop("bare kind")
    queues = [by_category[category] for category in sorted(by_category)]
    for queue in queues:
        rng.shuffle(queue)
    while len(chosen) < count and any(queues):
        chosen += [queue.pop() for queue in queues if queue][: count - len(chosen)]
    rng.shuffle(chosen)
    return chosen


# ---------------------------------------------------------------------- the replies


def _card_problem(probe: Probe, first_line: str, text: str, offered: set[str], data: Sequence[str]) -> str:
    [slug] = probe.expect.slugs
    name = bodies_by_slug()[slug].name(probe.language)
    ok = first_line == name and f"fo:{slug}" in data
    return "" if ok else f"expected the card of {slug} ({name!r})"


def _miss_problem(probe: Probe, first_line: str, text: str, offered: set[str], data: Sequence[str]) -> str:
    ok = NO_MATCH[probe.language] in text and not offered
    return "" if ok else f"expected no match ({NO_MATCH[probe.language]!r})"


def _choices_problem(probe: Probe, first_line: str, text: str, offered: set[str], data: Sequence[str]) -> str:
    expected = probe.expect
    wanted = ", ".join(sorted(expected.slugs)) or "bodies of that kind"
    if CHOICES[probe.language] not in text or not offered:
        return f"expected a choice of {wanted}"
    if missing := expected.slugs - offered:
        return f"expected a choice of {wanted}; {', '.join(sorted(missing))} not offered"
    if expected.within is not None and (stray := offered - expected.within):
        return f"expected a choice of {wanted}; offered {', '.join(sorted(stray))}"
    return ""


_PROBLEMS: dict[str, Callable[[Probe, str, str, set[str], Sequence[str]], str]] = {
    "card": _card_problem,
    "miss": _miss_problem,
    "choices": _choices_problem,
}


def check(probe: Probe, text: str, callback_data: Sequence[str]) -> str | None:
    """What is wrong with the reply to ``probe`` (its text as the user sees it, without
    markup, and its buttons' callback data); None when it is the reply it must be."""
    offered = {data.split(":")[1] for data in callback_data if data.startswith("ag:")}
    first_line = text.split("\n", 1)[0]
    return _PROBLEMS[probe.expect.kind](probe, first_line, text, offered, callback_data) or None


def describe(probe: Probe, text: str, problem: str) -> str:
    """One line for the list of mismatches."""
    got = text.split("\n", 1)[0][:70]
    return f"[{probe.language}] {probe.text!r} ({probe.category}): {problem}; got {got!r}"
