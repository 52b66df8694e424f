"""Checks on the translation catalogs in ``locales/``: complete, consistent, compilable.

The messages are extracted from the code itself on every run, as ``make extract`` does
(babel's Python extractor, ``babel.cfg``'s files, the Makefile's keywords), so a new
``_()`` string fails here until it is extracted and translated: ``messages.pot`` must
equal the extraction, and every extracted message must be in each language's catalog,
translated and not fuzzy (``pybabel compile`` skips fuzzy entries, so a fuzzy string
silently shows up in English). The translations keep the same ``{placeholders}`` and
the same HTML tags (the bot sends HTML).
"""

from __future__ import annotations

import gettext
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
TEMPLATE = LOCALES / "messages.pot"
LANGUAGES = ("ru", "kk", "en")
# What `make extract` passes to `pybabel extract`: `-F babel.cfg -k _ -k N_ -k ngettext:1,2`,
# on top of pybabel's default keywords.
MAPPING = ROOT / "babel.cfg"
KEYWORDS = ("_", "N_", "ngettext:1,2")

# "{name}", "{value:.2f}", "{0}"; doubled braces are literal text, not placeholders.
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Telegram's HTML: any opening or closing tag, e.g. <b>, </i>, <a href="...">.
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>")
# Counts that reach every plural form in ru (one, few, many) and kk/en (one, other).
PLURAL_SAMPLES = (0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111)


def load(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def msgids(message: Message) -> tuple[str, ...]:
    """(msgid,) or, for a plural message, (msgid, msgid_plural)."""
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def msgstrs(message: Message) -> tuple[str, ...]:
    """Every msgstr of a message: one, or msgstr[0..n-1]; empty strings where missing."""
    if isinstance(message.string, (tuple, list)):
        return tuple(text or "" for text in message.string)
    return (message.string or "",)


def key(message: Message) -> str:
    """The catalog key: the msgid, or the singular msgid of a plural message."""
    return msgids(message)[0]


def translated(catalog: Catalog) -> list[Message]:
    """The catalog's messages, without the header entry (msgid "")."""
    return [message for message in catalog if message.id]


def forms(message: Message) -> list[tuple[int, str, str]]:
    """(form index, msgstr, the msgid it must match) for every msgstr of a message.

    Plural forms are compared with the plural msgid: a language's "one" form is used for
    21 or 101 too, so it keeps the same placeholders as the others.
    """
    source = msgids(message)[-1]
    return [(index, text, source) for index, text in enumerate(msgstrs(message))]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def tags(text: str) -> list[str]:
    return TAG.findall(text)


def extract() -> Catalog:
    """The messages ``make extract`` would write to ``messages.pot``, from the code as it is
    now: the same walk of the project as ``pybabel extract ... .`` with the same keywords."""
    with MAPPING.open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(list(KEYWORDS))}
    extracted = Catalog()
    for filename, lineno, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=keywords
    ):
        extracted.add(message, None, [(filename, lineno)], context=context)
    return extracted


def where(catalog: Catalog, msgid: str, context: str | None = None) -> str:
    """Where an extracted message is (file:line), for a failure that says where to look."""
    message = catalog.get(msgid, context=context)
    return ", ".join(f"{file}:{line}" for file, line in message.locations) if message else "?"


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return extract()


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def catalog(language: str) -> Catalog:
    return load(LOCALES / language / "LC_MESSAGES" / "messages.po")


def test_template_has_messages() -> None:
    assert translated(load(TEMPLATE)), f"{TEMPLATE} holds no messages"


def test_template_is_what_the_code_says_no_message_missing_and_none_stale(extracted: Catalog) -> None:
    template = load(TEMPLATE)
    in_code = {(message.context, msgids(message)) for message in translated(extracted)}
    in_template = {(message.context, msgids(message)) for message in translated(template)}
    missing = sorted(in_code - in_template, key=str)
    stale = sorted(in_template - in_code, key=str)
    assert not missing, "in the code, not in messages.pot, run `make extract`: " + "; ".join(
        f"{ids} at {where(extracted, ids[0], context)}" for context, ids in missing
    )
    assert not stale, f"in messages.pot, no longer in the code, run `make extract`: {stale}"


def test_every_message_in_the_code_is_translated_and_not_fuzzy(
    extracted: Catalog, catalog: Catalog, language: str
) -> None:
    """Against the code, not the .pot: a new `_()` string fails here until it is extracted
    (`make extract`) and translated, whatever the template says."""
    missing: list[str] = []
    untranslated: list[str] = []
    fuzzy: list[str] = []
    for message in translated(extracted):
        found = catalog.get(key(message), context=message.context)
        label = f"{key(message)!r} at {where(extracted, key(message), message.context)}"
        if found is None or msgids(found) != msgids(message):
            missing.append(label)
        elif not all(msgstrs(found)) or len(msgstrs(found)) != (
            catalog.num_plurals if found.pluralizable else 1
        ):
            untranslated.append(label)
        elif found.fuzzy:
            fuzzy.append(label)
    assert not missing, f"{language}: not in the catalog, run `make extract` and translate: {missing}"
    assert not untranslated, f"{language}: not translated: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy (pybabel compile skips them): {fuzzy}"


def test_header_language(catalog: Catalog, language: str) -> None:
    assert str(catalog.locale) == language


def test_plural_forms_header_is_babels(catalog: Catalog, language: str) -> None:
    """The header's plural rule picks the same form as babel's rule for the language.

    Compared by what it means, not as text: babel's spelling of the same rule changes
    between versions (2.19 drops the outer parentheses and adds spaces).
    """
    header = dict(catalog.mime_headers).get("Plural-Forms", "")
    # "nplurals=3; plural=(n%10==1 ? 0 : 1);", as the header states the rule.
    found = re.fullmatch(
        r"nplurals\s*=\s*(?P<nplurals>\d+)\s*;\s*plural\s*=\s*(?P<plural>[^;]+?)\s*;?", header.strip()
    )
    assert found, f"{language}: no valid Plural-Forms header: {header!r}"
    nplurals, expression = get_plural(language)
    assert int(found["nplurals"]) == nplurals == catalog.num_plurals
    header_form, babel_form = gettext.c2py(found["plural"]), gettext.c2py(expression)
    differ = [n for n in range(1001) if header_form(n) != babel_form(n)]
    assert not differ, f"{language}: the header's plural rule differs from babel's for n in {differ[:10]}"


def test_nothing_fuzzy(catalog: Catalog, language: str) -> None:
    assert not catalog.fuzzy, f"{language}: the header is marked fuzzy"
    fuzzy = [key(message) for message in translated(catalog) if message.fuzzy]
    assert not fuzzy, f"{language}: fuzzy entries (pybabel compile skips them): {fuzzy}"


def test_every_template_message_is_in_catalog(catalog: Catalog, language: str) -> None:
    missing: list[str] = []
    obsolete: list[str] = []
    wrong_plural: list[str] = []
    for template in translated(load(TEMPLATE)):
        message = catalog.get(key(template))
        if message is None:
            (obsolete if key(template) in catalog.obsolete else missing).append(key(template))
        elif msgids(message) != msgids(template):
            wrong_plural.append(key(template))
    assert not missing, f"{language}: not in the catalog, run `make extract`: {missing}"
    assert not obsolete, f"{language}: marked obsolete (#~) in the catalog: {obsolete}"
    assert not wrong_plural, f"{language}: singular/plural msgids differ from the .pot: {wrong_plural}"


def test_every_message_translated(catalog: Catalog, language: str) -> None:
    untranslated = [
        key(message)
        for message in translated(catalog)
        if not all(msgstrs(message))
        or len(msgstrs(message)) != (catalog.num_plurals if message.pluralizable else 1)
    ]
    assert not untranslated, f"{language}: empty or missing msgstr: {untranslated}"


def test_placeholders_kept(catalog: Catalog, language: str) -> None:
    wrong = [
        (key(message), index, sorted(placeholders(source)), sorted(placeholders(text)))
        for message in translated(catalog)
        for index, text, source in forms(message)
        if text and placeholders(text) != placeholders(source)
    ]
    assert not wrong, f"{language}: placeholders differ (msgid, form, expected, found): {wrong}"


def test_html_tags_kept(catalog: Catalog, language: str) -> None:
    wrong = [
        (key(message), index, tags(source), tags(text))
        for message in translated(catalog)
        for index, text, source in forms(message)
        if text and tags(text) != tags(source)
    ]
    assert not wrong, f"{language}: HTML tags differ (msgid, form, expected, found): {wrong}"


def test_babel_finds_no_errors(catalog: Catalog, language: str) -> None:
    problems = [(key(message), [str(e) for e in errors]) for message, errors in catalog.check()]
    assert not problems, f"{language}: {problems}"


def test_compiles_and_translates(catalog: Catalog, language: str) -> None:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue(), f"{language}: write_mo wrote nothing"
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    # Which msgstr[i] babel's own rule for the language picks for n, whatever the header says.
    form_of = gettext.c2py(get_plural(language).plural_expr)
    for message in translated(catalog):
        ids, strings = msgids(message), msgstrs(message)
        if message.fuzzy or not all(strings):
            continue  # left out of the .mo on purpose; the tests above report these
        if message.pluralizable:
            for n in PLURAL_SAMPLES:
                got = translations.ngettext(ids[0], ids[1], n)
                assert got == strings[form_of(n)], f"{language}: {ids[0]!r} for n={n}"
        else:
            assert translations.gettext(ids[0]) == strings[0], f"{language}: {ids[0]!r} did not compile"
