"""The agency search: what a citizen types, and which body the bot should understand.

Runs against the bundled reference list (data/agencies.csv), so a change to the names in
the data that breaks a way people search shows up here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.bodies import Agency, load_agencies
from bot.domain.search import AgencyIndex


@pytest.fixture(scope="module")
def agencies() -> list[Agency]:
    return load_agencies()


@pytest.fixture(scope="module")
def index(agencies: list[Agency]) -> AgencyIndex:
    return AgencyIndex(agencies)


# What people type -> the body they mean. Every row must resolve to exactly that body
# and rank it first in the search results.
FINDS = [
    # Full official names, with and without the generic words and the country.
    ("Министерство здравоохранения", "moh"),
    ("Министерство здравоохранения Республики Казахстан", "moh"),
    ("министерство здравоохранения РК", "moh"),
    ("Ministry of Health", "moh"),
    ("Ministry of Health of the Republic of Kazakhstan", "moh"),
    ("Қазақстан Республикасының Денсаулық сақтау министрлігі", "moh"),
    ("Министерство иностранных дел", "mfa"),
    ("МИНИСТЕРСТВО ВНУТРЕННИХ ДЕЛ", "mia"),
    ("Министерство по чрезвычайным ситуациям", "mes"),
    ("«Министерство юстиции»", "moj"),
    ("Генеральная прокуратура", "pgo"),
    ("Комитет национальной безопасности", "nsc"),
    ("Агентство по финансовому мониторингу", "afm"),
    ("Агентство по регулированию и развитию финансового рынка", "ardfm"),
    ("Академия правосудия при Высшем Судебном Совете", "acj"),
    ("Agency for Strategic Planning and Reforms", "aspr"),
    ("National Bank of Kazakhstan", "nbk"),
    # Partial names, with or without the generic words.
    ("здравоохранения", "moh"),
    ("национальной экономики", "mne"),
    ("водных ресурсов", "mwri"),
    ("Министерство труда", "mlsp"),
    ("социальной защиты", "mlsp"),
    ("искусственного интеллекта", "maidd"),
    ("цифрового развития", "maidd"),
    ("сельского хозяйства", "moa"),
    ("природных ресурсов", "menr"),
    ("туризма и спорта", "mts"),
    ("промышленности и строительства", "mic"),
    ("атомной энергии", "aae"),
    ("Бюро национальной статистики", "aspr"),
    ("Академия правосудия", "acj"),
    # Russian case forms and hyphenated endings.
    ("минздрава", "moh"),
    ("Минздраве", "moh"),
    ("МЧС-а", "mes"),
    ("МЧС–у", "mes"),
    ("министерства финансов", "mof"),
    ("генпрокуратуры", "pgo"),
    ("минюсте", "moj"),
    ("министерству обороны", "mod"),
    ("чрезвычайных ситуаций", "mes"),
    ("генеральной прокуратуры", "pgo"),
    ("Национального банка", "nbk"),
    ("полиции", "mia"),
    # Common short names and aliases.
    ("Минздрав", "moh"),
    ("минфин", "mof"),
    ("Минюст", "moj"),
    ("Генпрокуратура", "pgo"),
    ("Минобороны", "mod"),
    ("Минсельхоз", "moa"),
    ("Нацбанк", "nbk"),
    ("Антикор", "aca"),
    ("госслужба", "acsa"),
    ("финмониторинг", "afm"),
    ("МЦРИАП", "maidd"),
    ("спасатели", "mes"),
    # Russian abbreviations, any case.
    ("МЧС", "mes"),
    ("мчс", "mes"),
    ("КНБ", "nsc"),
    ("кнб", "nsc"),
    ("ГП", "pgo"),
    ("АФМ", "afm"),
    ("афм", "afm"),
    ("МИД", "mfa"),
    ("мвд рк", "mia"),
    ("НБРК", "nbk"),
    ("АСПиР", "aspr"),
    ("аспир", "aspr"),
    ("АРРФР", "ardfm"),
    # Kazakh names and abbreviations, with and without Kazakh letters.
    ("ДСМ", "moh"),
    ("ҚР ДСМ", "moh"),
    ("ТЖМ", "mes"),
    ("ҰҚК", "nsc"),
    ("ҰЭМ", "mne"),
    ("ҚНРДА", "ardfm"),
    ("Денсаулық сақтау", "moh"),
    ("Денсаулық сақтау министрлігі", "moh"),
    ("денсаулык сактау", "moh"),
    ("Сыртқы істер министрлігі", "mfa"),
    ("Ішкі істер министрлігі", "mia"),
    ("Әділет министрлігі", "moj"),
    ("Қаржы министрлігі", "mof"),
    ("Төтенше жағдайлар министрлігі", "mes"),
    ("Оқу-ағарту министрлігі", "edu"),
    ("Ұлттық қауіпсіздік комитеті", "nsc"),
    ("Бас прокуратура", "pgo"),
    ("Ұлттық Банк", "nbk"),
    ("Су ресурстары", "mwri"),
    # English, typed in Latin, in any word order.
    ("health", "moh"),
    ("health ministry", "moh"),
    ("finance ministry", "mof"),
    ("ministry of finance", "mof"),
    ("prosecutor general", "pgo"),
    ("Prosecutor General's Office", "pgo"),
    ("national security", "nsc"),
    ("foreign affairs", "mfa"),
    ("emergencies", "mes"),
    ("central bank", "nbk"),
    ("water resources", "mwri"),
    ("anti-corruption agency", "aca"),
    # English and Latin-typed abbreviations.
    ("MFA", "mfa"),
    ("mfa", "mfa"),
    ("KNB", "nsc"),
    ("knb", "nsc"),
    ("MoH", "moh"),
    ("ARDFM", "ardfm"),
    # One typo.
    ("минздарв", "moh"),
    ("Минисерство финансов", "mof"),
    ("министерство здравохранения", "moh"),
    ("агенство по финансовому мониторингу", "afm"),
    ("прокуратра", "pgo"),
    ("helth ministry", "moh"),
    ("Ministry of Helath", "moh"),
    ("finanse ministry", "mof"),
    ("prosecutor generl", "pgo"),
    # Two typos.
    ("здровохранения", "moh"),
    ("Mnistry of helth", "moh"),
    ("генпракуротура", "pgo"),
    ("экалогии", "menr"),
    # A name broken by a stray space, noise around it.
    ("мин здрав", "moh"),
    ("  МЧС!!! ", "mes"),
    ("минздрав 2024", "moh"),
]


@pytest.mark.parametrize(("query", "slug"), FINDS)
def test_query_finds_the_body_people_mean(index: AgencyIndex, query: str, slug: str) -> None:
    matches = index.search(query)
    assert matches, f"nothing found for {query!r}"
    assert matches[0].agency.slug == slug
    resolved = index.resolve(query)
    assert resolved is not None, [(m.agency.slug, m.score) for m in matches]
    assert resolved.slug == slug


# Abbreviations that are short, look alike or differ by one letter: each is an exact
# match for one body, ranked first and alone among the exact matches.
EXACT_ABBREVIATIONS = [
    ("МО", "mod"),
    ("мо", "mod"),
    ("МП", "edu"),
    ("МТ", "mot"),
    ("МЭ", "moen"),
    ("ЧС", "mes"),
    ("МТС", "mts"),
    ("МТИ", "mti"),
    ("MoE", "edu"),
    ("MoEn", "moen"),
    ("MoT", "mot"),
    ("СИМ", "mti"),  # Сауда және интеграция министрлігі
    ("СІМ", "mfa"),  # Сыртқы істер министрлігі
    ("ІІМ", "mia"),
]


@pytest.mark.parametrize(("query", "slug"), EXACT_ABBREVIATIONS)
def test_exact_abbreviation_beats_every_fuzzy_match(index: AgencyIndex, query: str, slug: str) -> None:
    matches = index.search(query)
    assert matches[0].agency.slug == slug
    assert matches[0].exact
    assert matches[0].score == 100.0
    assert [m for m in matches[1:] if m.exact] == []
    resolved = index.resolve(query)
    assert resolved is not None
    assert resolved.slug == slug


@pytest.mark.parametrize("query", ["Минздрава", "министерства финансов", "мчс-а", "ДСМ"])
def test_case_forms_and_abbreviations_are_exact(index: AgencyIndex, query: str) -> None:
    assert index.search(query)[0].exact


@pytest.mark.parametrize("query", ["минздарв", "helth ministry", "здрав"])
def test_typos_and_fragments_match_but_not_exactly(index: AgencyIndex, query: str) -> None:
    best = index.search(query)[0]
    assert best.agency.slug == "moh"
    assert not best.exact
    assert best.score < 100.0


# Text that names no body: no candidates, no answer.
NOTHING = [
    "",
    "   ",
    "абвгд",
    "pizza",
    "123",
    "2024",
    "м",
    "ы",
    "a",
    "🙂",
    "🚒🔥🙂",
    "привет",
    "как дела",
    "hello world",
    "Республика Казахстан",
    "of the Republic of Kazakhstan",
    "Министерство пиццы",
    "ministry of pizza",
    "<script>alert(1)</script>",
    "lorem ipsum dolor sit amet",
    "Съешь же ещё этих мягких французских булок",
]


@pytest.mark.parametrize("query", NOTHING)
def test_text_naming_no_body_finds_nothing(index: AgencyIndex, query: str) -> None:
    assert index.search(query) == []
    assert index.resolve(query) is None


# Queries that fit several bodies equally: offer a choice, never guess.
AMBIGUOUS = [
    ("министерство", {"mfa", "mod", "mia"}),
    ("Ministry", {"mfa", "mod", "mia"}),
    ("агентство", {"acsa", "aca", "afm"}),
    ("развития", {"maidd", "ardfm", "apdc"}),
    ("национальный", {"mne", "nsc", "nbk"}),
    ("affairs", {"mfa", "mia", "acsa"}),
    ("істер министрлігі", {"mfa", "mia"}),
    ("финансового", {"afm", "ardfm"}),
    ("ресурсов", {"mwri", "menr"}),
]


@pytest.mark.parametrize(("query", "expected"), AMBIGUOUS)
def test_ambiguous_query_offers_several_and_resolves_none(
    index: AgencyIndex, query: str, expected: set[str]
) -> None:
    matches = index.search(query)
    assert len(matches) >= 2
    assert expected <= {m.agency.slug for m in matches}
    assert not any(m.exact for m in matches)
    assert index.resolve(query) is None


def test_bare_generic_word_lists_bodies_of_that_kind(index: AgencyIndex, agencies: list[Agency]) -> None:
    ministries = index.search("Министерство", limit=100)
    assert [m.agency.slug for m in ministries] == [
        a.slug for a in agencies if a.names["ru"].startswith("Министерство")
    ]
    named_agency = index.search("агенттігі", limit=100)
    assert [m.agency.slug for m in named_agency] == [
        a.slug for a in agencies if a.names["ru"].startswith("Агентство")
    ]
    assert index.resolve("Министерство") is None


def shared_aliases(agencies: list[Agency]) -> set[str]:
    """Aliases two bodies carry: the names of a predecessor both descend from."""
    seen = Counter(alias for agency in agencies for alias in agency.aliases)
    return {alias for alias, count in seen.items() if count > 1}


def test_every_name_of_every_body_finds_it_and_no_other_alone(
    index: AgencyIndex, agencies: list[Agency]
) -> None:
    """Each name resolves to its body, except where it reads the same as a name another
    body shares (e.g. "Ministry of Education" and the old "education ministry"): then
    no body is guessed, and the choices include this one."""
    wrong = []
    for agency in agencies:
        for form in agency.all_names():
            found = index.resolve(form)
            offered = {m.agency.slug for m in index.search(form)}
            if found is None and agency.slug in offered and len(offered) > 1:
                continue
            if found is None or found.slug != agency.slug:
                wrong.append((agency.slug, form))
    assert wrong == []
    assert len(shared_aliases(agencies)) >= 5, "the education ministries' shared names are in the data"


@pytest.mark.parametrize(
    "query",
    ["министерство образования", "минобр", "Министерство образования и науки", "МОН", "education ministry"],
)
def test_a_name_both_successors_carry_resolves_to_neither_and_offers_both(
    index: AgencyIndex, query: str
) -> None:
    assert index.resolve(query) is None
    assert {m.agency.slug for m in index.search(query)} == {"edu", "mshe"}


def test_a_bodys_own_name_is_certain_where_an_alias_of_another_makes_the_search_ask(
    index: AgencyIndex,
) -> None:
    assert index.resolve("Ministry of Education") is None
    found = index.by_own_name("  ministry of  EDUCATION ")
    assert found is not None
    assert found.slug == "edu"
    assert index.by_own_name("education ministry") is None, "an alias is not the body's own name"


def test_results_are_best_first_and_limited(index: AgencyIndex) -> None:
    matches = index.search("развития", limit=2)
    assert len(matches) == 2
    assert matches[0].score >= matches[1].score
    assert index.search("министерство", limit=3) == index.search("министерство")[:3]
    assert index.search("минздрав", limit=0) == []


def test_scores_stay_between_0_and_100(index: AgencyIndex) -> None:
    for query in ("минздрав", "здрав", "развития", "министерство", "helth"):
        assert all(0.0 <= m.score <= 100.0 for m in index.search(query))


def test_a_long_text_that_names_no_body_finds_nothing(index: AgencyIndex) -> None:
    # How fast is the benchmarks' business (bench/), not a test's.
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 70
    assert len(text) > 4000
    assert index.search(text) == []


def test_only_the_start_of_a_long_message_counts(index: AgencyIndex) -> None:
    assert index.search("МЧС" + " " * 4000)[0].agency.slug == "mes"
    assert index.search("МЧС " + "🚒" * 4000)[0].agency.slug == "mes"
    assert index.search("минздрав " * 500)[0].agency.slug == "moh"
    assert index.search("абвгд " * 200 + "минздрав") == []


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("<b>МЧС</b>", "mes"),
        ("🚒 МЧС 🚒", "mes"),
        ("💊минздрав💊", "moh"),
        ("&lt;КНБ&gt;", "nsc"),
        ('"Министерство юстиции"', "moj"),
        ("<i>Ministry of Health</i> 🏥", "moh"),
    ],
)
def test_markup_and_emoji_around_a_name_are_ignored(index: AgencyIndex, query: str, slug: str) -> None:
    resolved = index.resolve(query)
    assert resolved is not None
    assert resolved.slug == slug


def test_get_by_slug(index: AgencyIndex) -> None:
    agency = index.get("moh")
    assert agency is not None
    assert agency.slug == "moh"
    assert index.get("nope") is None
