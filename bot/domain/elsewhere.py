"""Things people ask about that this rating does not cover: which topic a text names.

The rating covers central state bodies. People also ask about a public service centre, egov.kz,
their akimat, a court, the police station down the road, a bank, a clinic, a school or the
water company; each of those deserves one sentence on where it belongs rather than "not found"
(bot/views/elsewhere.py says it). The topics are data: patterns per language (Russian, Kazakh
and English, with the Latin spellings people type), matched on whole words of the text after the
same light folding everywhere (case, ё, punctuation). A topic may name rated bodies related to
it (the Ministry of Internal Affairs for the police), offered as buttons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Bodies whose own names must never read as a topic ("Ұлттық Банк" is rated, not "a bank").
_NOT_A_BANK = (
    r"\b(?:национальн\w*|нац|центральн\w*|ұлттық|улттык|ulttyq|ulttyk|national|central|natsional\w*)"
    r" (?:банк\w*|bank\w*)",
    r"\b(?:нацбанк\w*|нбрк|nacbank\w*|natsbank\w*|nbk)\b",
)


@dataclass(frozen=True, slots=True)
class Topic:
    """One thing outside the rating: how each language names it, and rated bodies related to it."""

    key: str
    related: tuple[str, ...]  # slugs in data/agencies.csv, offered as buttons
    ru: tuple[str, ...]
    kk: tuple[str, ...]
    en: tuple[str, ...]
    unless: tuple[str, ...] = ()  # a text matching one of these is not this topic

    def patterns(self) -> tuple[str, ...]:
        return self.ru + self.kk + self.en


TOPICS: tuple[Topic, ...] = (
    Topic(
        "service_centre",
        ("maidd",),
        ru=(
            r"\bцон\w*",
            r"\bцентр\w* обслуживани\w* населени\w*",
            r"\bправительств\w* для граждан\b",
            r"\bгос ?корпораци\w*",
            r"\bгосударственн\w* корпораци\w*",
            r"\btson\w*",
            r"\bpravitel\w* dl[ya]a? grazhdan\b",
        ),
        kk=(
            r"\bх[қк]ко\w*",
            r"\bхалы[қк][қк]а [қк]ызмет к[өо]рсету орталы\w*",
            r"\bазаматтар[ғг]а арнал[ғг]ан [үу]кімет\w*",
            r"\bазаматтарга арналган укимет\w*",
            r"\bh[qk]ko\b",
            r"\bhaly[qk][qk]a [qk]yzmet\w*",
            r"\bazamattar[gğ]a arnal[gğ]an\w*",
        ),
        en=(
            r"\bpublic service cent(?:er|re)s?\b",
            r"\bcitizen service cent(?:er|re)s?\b",
            r"\bgovernment for citizens\b",
        ),
    ),
    Topic(
        "egov",
        ("maidd",),
        ru=(r"\bегов\w*", r"\bэлектронн\w* правительств\w*", r"\belektronn\w* pravitel\w*"),
        kk=(
            r"\bэлектронды[қк] [үу]кімет\w*",
            r"\bэлектрондык укимет\w*",
            r"\belektrondy[qk] [uü]kimet\w*",
        ),
        en=(r"\begov\w*", r"\be gov\b", r"\be government\b", r"\belectronic government\b"),
    ),
    Topic(
        "regions",
        (),
        ru=(
            r"\bакимат\w*",
            r"\bаким(?:а|у|ом|е|ы|ов|ам)?\b",
            r"\bмаслихат\w*",
            r"\bобласт\w*",
            r"\bрегион\w*",
            r"\bместн\w* исполнительн\w* орган\w*",
            r"\bмио\b",
            r"\bастан\w*",
            r"\bнур султан\w*",
            r"\bалмат\w*",
            r"\bшымкент\w*",
            r"\bакмолин\w*",
            r"\bакт(?:обе|юбин\w*)",
            r"\bатырау\w*",
            r"\bжамбыл\w*",
            r"\bжет[иы]су\w*",
            r"\bкараганд\w*",
            r"\bкостана[йя]\w*",
            r"\bкызылорд\w*",
            r"\bманг[иы]стау\w*",
            r"\bпавлодар\w*",
            r"\bтуркестан\w*",
            r"\bулытау\w*",
            r"\b(?:восточно|западно|северо) казахстан\w*",
            r"\b(?:вко|зко|ско)\b",
            r"\bakimat\w*",
            r"\bakim\b",
            r"\boblast\w*",
        ),
        kk=(
            r"\b[әа]кімдік\w*",
            r"\bакимдик\w*",
            r"\b[әа]кім(?:ге|нің|і|дер\w*)?\b",
            r"\bм[әа]слихат\w*",
            r"\bоблыс\w*",
            r"\b[өо]ңір\w*",
            r"\bжергілікті атқарушы орган\w*",
            r"\bжао\b",
            r"\bа[қк]мола\w*",
            r"\bа[қк]т[өо]бе\w*",
            r"\b[қк]ара[ғг]анды\w*",
            r"\b[қк]останай\w*",
            r"\b[қк]ызылорда\w*",
            r"\bма[ңн][ғг]ыстау\w*",
            r"\bт[үу]ркістан\w*",
            r"\b[ұу]лытау\w*",
            r"\bжетісу\w*",
            r"\b(?:шы[ғг]ыс|батыс|солт[үу]стік) [қк]аза[қк]стан\w*",
            r"\b[äa]kimdik\w*",
            r"\boblys\w*",
            r"\b(?:almaty|astana|shymkent|aqmola|aqtobe|aktobe|atyrau|qaragandy|karaganda|qostanai"
            r"|kostanay|qyzylorda|kyzylorda|mangystau|mangistau|pavlodar|turkistan|turkestan|ulytau"
            r"|zhambyl|jambyl|zhetisu|jetisu)\b",
        ),
        en=(
            r"\bregions?\b",
            r"\bregional\b",
            r"\bprovinces?\b",
            r"\bmayors?\b",
            r"\blocal (?:government|authorit\w*|executive\w*)\b",
            r"\bcity hall\b",
        ),
    ),
    Topic(
        "courts",
        ("acj", "pgo"),
        ru=(
            r"\bсуд(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b",
            r"\bсудь(?:я|и|е|ю|ей|ям|ями|ях)\b",
            r"\bsud(?:a|y|e|om)?\b",
            r"\bsud'?(?:ya|ja|i)\b",
        ),
        kk=(
            r"\bсот(?:қа|ка|та|тан|тың|тын|ты|тар\w*)?\b(?! (?:кеңес|кенес|төрелі|тореле))",
            r"\bsot(?:qa|ka|ta|tan|tar\w*)?\b(?! (?:kenes|k[eе]ңes|töreli|toreli))",
        ),
        en=(r"\bcourts?\b", r"\bjudges?\b", r"\bjudiciary\b"),
    ),
    Topic(
        "police",
        ("mia",),
        ru=(
            r"\bполиц\w*",
            r"\bучастков\w*",
            r"\b(?:ровд|говд|овд|увд|двд|упп)\b",
            r"\bпатрул\w*",
            r"\bгаи\b",
            r"\bpolitsi\w*",
            r"\bpolici[jy]a\b",
            r"\buchastkov\w*",
        ),
        kk=(r"\bучаскелік\w*", r"\bполиция бөлім\w*", r"\bпатрульдік\w*", r"\buchaskelik\w*"),
        en=(r"\bpolice\w*", r"\bpolicem[ae]n\b", r"\bcops?\b", r"\bprecincts?\b"),
    ),
    Topic(
        "banks",
        ("nbk", "ardfm"),
        ru=(
            r"\bбанк\w*",
            r"\bкаспи\b",
            r"\bцентркредит\w*",
            r"\bбцк\b",
        ),
        kk=(r"\bхалы[қк] банк\w*",),
        en=(r"\bbank\w*", r"\bkaspi\b", r"\bbcc\b"),
        unless=_NOT_A_BANK,
    ),
    Topic(
        "hospitals",
        ("moh",),
        ru=(
            r"\bбольниц\w*",
            r"\bполиклиник\w*",
            r"\bклиник\w*",
            r"\bгоспитал\w*",
            r"\bамбулатори\w*",
            r"\bврач\w*",
            r"\bскор\w* (?:медицинск\w* )?помощ\w*",
            r"\bроддом\w*",
            r"\bмедпункт\w*",
            r"\bbol'?ni[ct]s?\w*",
            r"\bpoliklinik\w*",
        ),
        kk=(
            r"\bаурухана\w*",
            r"\bемхана\w*",
            r"\bд[әа]рігер\w*",
            r"\bжедел ж[әа]рдем\w*",
            r"\bперзентхана\w*",
            r"\bauru[hx]ana\w*",
            r"\bem[hx]ana\w*",
            r"\bd[äa]riger\w*",
        ),
        en=(r"\bhospitals?\b", r"\bclinics?\b", r"\bpolyclinics?\b", r"\bdoctors?\b", r"\bambulances?\b"),
    ),
    Topic(
        "schools",
        ("edu",),
        ru=(
            r"\bшкол\w*",
            r"\bгимнази\w*",
            r"\bлицей\w*",
            r"\bдетск\w* сад\w*",
            r"\bдетсад\w*",
            r"\bсадик\w*",
            r"\bучител\w*",
            r"\bshkol\w*",
        ),
        kk=(
            r"\bмектеп\w*",
            r"\bбалаба[қк]ша\w*",
            r"\bм[ұу][ғг]алім\w*",
            r"\bmektep\w*",
            r"\bbalaba[qk]?sha\w*",
            r"\bm[uū][gğ]alim\w*",
        ),
        en=(r"\bschools?\b", r"\bkindergartens?\b", r"\bteachers?\b"),
    ),
    Topic(
        "utilities",
        ("mne",),
        ru=(
            r"\bкоммунал\w*",
            r"\bжкх\b",
            r"\bжку\b",
            r"\bводоканал\w*",
            r"\bэлектроснабжени\w*",
            r"\bэлектричеств\w*",
            r"\bотоплени\w*",
            r"\bгазоснабжени\w*",
            r"\bтепло(?:сет|снабжени|энерг)\w*",
            r"\bквартплат\w*",
            r"\bkommunal\w*",
            r"\bzhkh\b",
        ),
        kk=(
            r"\bкоммуналды[қк]\w*",
            r"\bжылу\w*",
            r"\bсумен жабды[қк]\w*",
            r"\bэлектр (?:энергия|жары[ғқгк])\w*",
            r"\bzh?ylu\w*",
            r"\bjylu\w*",
        ),
        en=(
            r"\butilit(?:y|ies)\b",
            r"\belectricity\b",
            r"\bwater supply\b",
            r"\bheating\b",
            r"\bgas supply\b",
            r"\bpower (?:cut|outage)s?\b",
        ),
    ),
)

_SEPARATORS = re.compile(r"[\W_]+")
_COMPILED: tuple[tuple[Topic, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (
        topic,
        re.compile("|".join(f"(?:{p})" for p in topic.patterns())),
        re.compile("|".join(f"(?:{p})" for p in topic.unless)) if topic.unless else None,
    )
    for topic in TOPICS
)


def fold(text: str) -> str:
    """Lower case, ``ё`` as ``е``, every run of non-letters one space: what the patterns read."""
    return " " + _SEPARATORS.sub(" ", text.casefold().replace("ё", "е")).strip() + " "


def topic_of(text: str) -> Topic | None:
    """The first topic (in table order) the text names, None when it names none."""
    folded = fold(text)
    for topic, pattern, unless in _COMPILED:
        if pattern.search(folded) and not (unless is not None and unless.search(folded)):
            return topic
    return None
