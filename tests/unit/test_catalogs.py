"""Checks on the translation catalogs in ``locales/``: complete, consistent, compilable.

Every message of ``locales/messages.pot`` (the template ``make extract`` writes) must be
translated in each language, keep the same ``{placeholders}`` and the same HTML tags (the
bot sends HTML), and nothing may be left fuzzy: ``pybabel compile`` skips fuzzy entries,
so a fuzzy string silently shows up in English. The template is read on every run, so
strings added later with ``pybabel extract`` + ``pybabel update`` are checked too.
"""

from __future__ import annotations

import gettext
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parents[2] / "locales"
TEMPLATE = LOCALES / "messages.pot"
LANGUAGES = ("ru", "kk", "en")

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


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def catalog(language: str) -> Catalog:
    return load(LOCALES / language / "LC_MESSAGES" / "messages.po")


def test_template_has_messages() -> None:
    assert translated(load(TEMPLATE)), f"{TEMPLATE} holds no messages"


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
