"""Checks on the bundled data set in ``data/``: what the 2025 report states must hold.

The report (Kazinform / finprom.kz, 2026-01-29) pins a few figures and relations; the
bundled 2025 and 2024 tables are illustrative values chosen to fit them. These tests
fail if an edit breaks any of those facts. The figures they check against are copied
into this file, with their source, so the tests run anywhere and never skip. Plain
``csv`` on purpose: the data files are read the way an operator would read them,
independent of the importer.
"""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.languages import LANGUAGES
from bot.store.records import SOURCE_KINDS
from tests.unit.conftest import DATA

RATINGS_HEADER = [
    "agency",
    "score",
    "satisfaction",
    "score_provenance",
    "satisfaction_provenance",
    "note",
]
PROVENANCES = {"published", "article", "illustrative"}
SHORT_MAX = 28

# Russian names as in data/agencies.csv
ACADEMY = "Академия правосудия при Высшем Судебном Совете"
PROSECUTOR = "Генеральная прокуратура"
KNB = "Комитет национальной безопасности"
INDUSTRY = "Министерство промышленности и строительства"
EMERGENCY = "Министерство по чрезвычайным ситуациям"
TRADE = "Министерство торговли и интеграции"
ECOLOGY = "Министерство экологии и природных ресурсов"
CULTURE = "Министерство культуры и информации"
HEALTH = "Министерство здравоохранения"
TOP_THREE = [ACADEMY, PROSECUTOR, KNB]
OUTSIDERS = {INDUSTRY, EMERGENCY, TRADE}

# What the 2025 report states, copied from the article (Kazinform citing finprom.kz,
# 2026-01-29, "Три министерства оказались аутсайдерами по качеству госуслуг в Казахстане";
# /work/shared/seed/rating-article-2026-01-29.ru.txt), quoted where each figure is used.
BODIES = 32  # "29 из 32 министерств и ведомств"
VERY_HIGH_SCORE = Decimal("4.80")  # "были оценены очень высоко (более 4,8 балла)"
VERY_HIGH_COUNT = 29
TOP_SCORES = (Decimal("4.99"), Decimal("5.00"))  # leaders: "от 4,99 до 5 баллов"
TOP_SATISFACTION_ABOVE = Decimal(99)  # leaders: "превысил 99%"
OUTSIDER_SCORES = (Decimal("4.69"), Decimal("4.79"))  # "от 4,69 до 4,79 балла"
OUTSIDER_SATISFACTION = (Decimal(77), Decimal(83))  # "от 77% до 83%"
FELL_BY_MORE_THAN = {INDUSTRY: Decimal(17), ECOLOGY: Decimal(9)}  # "более чем на 17 / на 9 п. п."
FELL_BY = {EMERGENCY: Decimal("8.0")}  # "на 8 п. п. — у Министерства по чрезвычайным ситуациям"
ROSE_BY = {CULTURE: Decimal("9.2"), HEALTH: Decimal("7.3")}  # "плюс 9,2 п. п.", "плюс 7,3 п. п."
IMPROVED = 20  # "По 20 из 32 представленных ведомств наблюдается позитивный тренд"

# The published 2020 figures, copied from the shared reference file
# /work/shared/data/ratings_2020_partial.csv (kapital.kz citing ranking.kz, 2021-04), keyed by the
# body as it is today: (score, satisfaction, the predecessor the figures were published
# for, as its id in data/lineage.csv, or None for the same body).
PUBLISHED_2020 = {
    "Министерство национальной экономики": ("4.87", "88.1", None),
    "Министерство обороны": ("4.86", "88.7", None),
    "Агентство по делам государственной службы": ("4.86", "85.0", None),
    "Министерство искусственного интеллекта и цифрового развития": ("4.59", "72.1", "mcriap"),
    "Министерство юстиции": ("4.59", "79.4", None),
    CULTURE: ("4.53", "72.6", "mior"),
    INDUSTRY: ("4.49", "70.6", "miir"),
}
# The same file's separate line for the MFA's missions abroad (4.81, 87.6): not the
# ministry itself, so it is not loaded as the MFA.
MFA = "Министерство иностранных дел"


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def read_ratings(year: int) -> dict[str, dict[str, str]]:
    header, rows = read_csv(DATA / "ratings" / f"{year}.csv")
    assert header == RATINGS_HEADER
    names = [r["agency"] for r in rows]
    assert len(names) == len(set(names)), f"{year}: duplicate agencies"
    return {r["agency"]: r for r in rows}


def score(row: dict[str, str]) -> Decimal:
    return Decimal(row["score"])


def sat(row: dict[str, str]) -> Decimal:
    return Decimal(row["satisfaction"])


def ranking(table: dict[str, dict[str, str]]) -> list[str]:
    return sorted(table, key=lambda name: (-score(table[name]), -sat(table[name])))


@pytest.fixture(scope="module")
def agencies_rows() -> list[dict[str, str]]:
    return read_csv(DATA / "agencies.csv")[1]


@pytest.fixture(scope="module")
def names_ru() -> set[str]:
    return {a.name("ru") for a in load_agencies(DATA / "agencies.csv")}


@pytest.fixture(scope="module")
def r2025() -> dict[str, dict[str, str]]:
    return read_ratings(2025)


@pytest.fixture(scope="module")
def r2024() -> dict[str, dict[str, str]]:
    return read_ratings(2024)


@pytest.fixture(scope="module")
def r2020() -> dict[str, dict[str, str]]:
    return read_ratings(2020)


def sat_change(r2025: dict[str, dict[str, str]], r2024: dict[str, dict[str, str]], name: str) -> Decimal:
    return sat(r2025[name]) - sat(r2024[name])


# --- agencies.csv ----------------------------------------------------------------------


def test_agencies_header_and_count(agencies_rows: list[dict[str, str]]) -> None:
    header, _ = read_csv(DATA / "agencies.csv")
    assert header == [
        "slug",
        "kind",
        "name_ru",
        "name_kk",
        "name_en",
        "short_ru",
        "short_kk",
        "short_en",
        "abbr_ru",
        "abbr_kk",
        "abbr_en",
        "aliases",
        "in_2025_rating",
    ]
    assert len(agencies_rows) == BODIES
    assert {r["kind"] for r in agencies_rows} <= {"ministry", "agency"}
    assert {r["in_2025_rating"] for r in agencies_rows} <= {"article", "assumed"}


def test_agencies_load_and_have_three_languages() -> None:
    agencies = load_agencies(DATA / "agencies.csv")
    assert len(agencies) == 32
    for agency in agencies:
        for lang in LANGUAGES:
            assert agency.names[lang], f"{agency.slug}: no name_{lang}"
            assert agency.short_names[lang], f"{agency.slug}: no short_{lang}"
    full_ru = [a.names["ru"] for a in agencies]
    assert len(set(full_ru)) == 32


def test_short_names_unique_and_short() -> None:
    agencies = load_agencies(DATA / "agencies.csv")
    for lang in LANGUAGES:
        shorts = [a.short_names[lang] for a in agencies]
        dupes = [s for s, n in Counter(s.casefold() for s in shorts).items() if n > 1]
        assert not dupes, f"short_{lang} not unique: {dupes}"
        too_long = [s for s in shorts if len(s) > SHORT_MAX]
        assert not too_long, f"short_{lang} over {SHORT_MAX} chars: {too_long}"


def test_kazakh_names_are_cyrillic() -> None:
    for agency in load_agencies(DATA / "agencies.csv"):
        for text in (agency.names["kk"], agency.short_names["kk"]):
            assert not any("a" <= ch.lower() <= "z" for ch in text), text


def test_article_bodies_marked(agencies_rows: list[dict[str, str]]) -> None:
    named = {r["name_ru"] for r in agencies_rows if r["in_2025_rating"] == "article"}
    assert named == set(TOP_THREE) | OUTSIDERS | {ECOLOGY, CULTURE, HEALTH}


def test_academy_has_no_abbreviation(agencies_rows: list[dict[str, str]]) -> None:
    row = next(r for r in agencies_rows if r["name_ru"] == ACADEMY)
    assert (row["abbr_ru"], row["abbr_kk"], row["abbr_en"]) == ("", "", "")


# --- every bundled year ----------------------------------------------------------------


@pytest.mark.parametrize("year", [2020, 2024, 2025])
def test_rows_are_valid(year: int, names_ru: set[str]) -> None:
    table = read_ratings(year)
    for name, row in table.items():
        assert name in names_ru, f"{year}: unknown agency {name!r}"
        assert len(row["score"].split(".")[1]) == 2, row["score"]
        assert len(row["satisfaction"].split(".")[1]) == 1, row["satisfaction"]
        assert Decimal(0) <= score(row) <= Decimal(5)
        assert Decimal(0) <= sat(row) <= Decimal(100)
        assert row["score_provenance"] in PROVENANCES
        assert row["satisfaction_provenance"] in PROVENANCES


@pytest.mark.parametrize("year", [2024, 2025])
def test_full_years_cover_all_32(year: int, names_ru: set[str]) -> None:
    table = read_ratings(year)
    assert len(table) == 32
    assert set(table) == names_ru


@pytest.mark.parametrize("year", [2024, 2025])
def test_no_published_claims_in_reconstructed_years(year: int) -> None:
    for row in read_ratings(year).values():
        assert row["score_provenance"] != "published"
        assert row["satisfaction_provenance"] != "published"


def test_2024_is_all_illustrative(r2024: dict[str, dict[str, str]]) -> None:
    for row in r2024.values():
        assert row["score_provenance"] == row["satisfaction_provenance"] == "illustrative"


def test_2024_has_a_shared_position(r2024: dict[str, dict[str, str]]) -> None:
    pairs = Counter((r["score"], r["satisfaction"]) for r in r2024.values())
    assert any(n > 1 for n in pairs.values())


def test_2025_ranks_mostly_untied(r2025: dict[str, dict[str, str]]) -> None:
    pairs = Counter((r["score"], r["satisfaction"]) for r in r2025.values())
    assert len(pairs) >= 30


# --- 2025: what the report states ------------------------------------------------------


def test_29_of_32_above_4_8(r2025: dict[str, dict[str, str]]) -> None:
    above = {n for n, r in r2025.items() if score(r) > VERY_HIGH_SCORE}
    assert len(r2025) == BODIES
    assert len(above) == VERY_HIGH_COUNT
    assert set(r2025) - above == OUTSIDERS


def test_outsiders(r2025: dict[str, dict[str, str]]) -> None:
    for name in OUTSIDERS:
        row = r2025[name]
        assert OUTSIDER_SCORES[0] <= score(row) <= OUTSIDER_SCORES[1], name
        assert OUTSIDER_SATISFACTION[0] <= sat(row) <= OUTSIDER_SATISFACTION[1], name
        assert row["note"].startswith("article:"), name
    assert set(ranking(r2025)[-3:]) == OUTSIDERS
    assert ranking(r2025)[-1] == INDUSTRY  # the fall "brought it to the bottom"


def test_top_three_and_order(r2025: dict[str, dict[str, str]]) -> None:
    assert ranking(r2025)[:3] == TOP_THREE
    for name in TOP_THREE:
        row = r2025[name]
        assert TOP_SCORES[0] <= score(row) <= TOP_SCORES[1], name
        assert sat(row) > TOP_SATISFACTION_ABOVE, name
        assert row["satisfaction_provenance"] == "illustrative"  # ">99 %" is a bound
        assert row["note"].startswith("article:"), name
    others = [n for n in r2025 if n not in TOP_THREE]
    assert all(score(r2025[n]) < TOP_SCORES[0] for n in others)
    assert all(sat(r2025[n]) <= TOP_SATISFACTION_ABOVE for n in others)


def test_article_provenance_only_on_range_endpoints(r2025: dict[str, dict[str, str]]) -> None:
    for name, row in r2025.items():
        if row["score_provenance"] == "article":
            assert row["score"] in {f"{d:.2f}" for d in (*TOP_SCORES, *OUTSIDER_SCORES)}, name
            assert "endpoint" in row["note"], name
        if row["satisfaction_provenance"] == "article":
            assert row["satisfaction"] in {f"{d:.1f}" for d in OUTSIDER_SATISFACTION}, name
            assert "endpoint" in row["note"], name
    # the middle of the top three is not pinned by the report
    assert r2025[PROSECUTOR]["score_provenance"] == "illustrative"


def test_named_satisfaction_changes(
    r2025: dict[str, dict[str, str]], r2024: dict[str, dict[str, str]]
) -> None:
    for name, fall in FELL_BY_MORE_THAN.items():
        assert sat_change(r2025, r2024, name) < -fall, name
    for name, fall in FELL_BY.items():
        assert sat_change(r2025, r2024, name) == -fall, name
    for name, rise in ROSE_BY.items():
        assert sat_change(r2025, r2024, name) == rise, name
    for name in (*FELL_BY_MORE_THAN, *FELL_BY, *ROSE_BY):
        assert r2025[name]["note"].startswith("article:"), name


def test_twenty_improved(r2025: dict[str, dict[str, str]], r2024: dict[str, dict[str, str]]) -> None:
    changes = {n: sat_change(r2025, r2024, n) for n in r2025}
    assert sum(1 for d in changes.values() if d > 0) == IMPROVED
    assert sum(1 for d in changes.values() if d <= 0) == BODIES - IMPROVED


def test_named_bodies_are_the_biggest_movers(
    r2025: dict[str, dict[str, str]], r2024: dict[str, dict[str, str]]
) -> None:
    changes = {n: sat_change(r2025, r2024, n) for n in r2025}
    risers = sorted(changes, key=lambda n: changes[n], reverse=True)
    assert risers[:2] == [CULTURE, HEALTH]
    assert changes[HEALTH] > max(d for n, d in changes.items() if n not in ROSE_BY)
    named_fallers = {*FELL_BY_MORE_THAN, *FELL_BY}
    for name, change in changes.items():
        if name not in named_fallers:
            assert change > -FELL_BY[EMERGENCY], f"{name} falls by {change} p.p."


def test_2025_plausible_spread(r2025: dict[str, dict[str, str]]) -> None:
    middle = [r for n, r in r2025.items() if n not in set(TOP_THREE) | OUTSIDERS]
    assert all(Decimal("4.80") < score(r) <= Decimal("4.98") for r in middle)
    assert all(Decimal(85) <= sat(r) <= Decimal(98) for r in middle)


# --- 2020: published figures -----------------------------------------------------------


def test_2020_matches_published(r2020: dict[str, dict[str, str]]) -> None:
    assert set(r2020) == set(PUBLISHED_2020)
    for name, row in r2020.items():
        published_score, published_satisfaction, _ = PUBLISHED_2020[name]
        assert row["score_provenance"] == row["satisfaction_provenance"] == "published"
        assert (row["score"], row["satisfaction"]) == (published_score, published_satisfaction), name
        assert row["note"].startswith("published 2020"), name


def test_2020_names_the_body_each_figure_was_published_for(r2020: dict[str, dict[str, str]]) -> None:
    for name, (_, _, predecessor) in PUBLISHED_2020.items():
        if predecessor is None:
            assert r2020[name]["note"] == "published 2020", name
        else:
            assert r2020[name]["note"] == f"published 2020; as {predecessor} (data/lineage.csv)", name


def test_2020_missions_abroad_are_not_loaded_as_the_ministry(r2020: dict[str, dict[str, str]]) -> None:
    assert MFA not in r2020


# --- releases.csv ----------------------------------------------------------------------


def test_releases_manifest() -> None:
    header, rows = read_csv(DATA / "releases.csv")
    assert header == ["year", "file", "publisher", "published", "url", "kind", "partial"]
    assert [int(r["year"]) for r in rows] == [2020, 2024, 2025]
    for row in rows:
        assert (DATA / row["file"]).is_file(), row["file"]
        assert row["file"] == f"ratings/{row['year']}.csv"
        assert row["kind"] in SOURCE_KINDS
        assert row["partial"] in {"0", "1"}
    sources = {int(r["year"]): (r["publisher"], r["published"], r["kind"]) for r in rows}
    assert sources == {
        2020: ("kapital.kz / ranking.kz", "2021-04", "report"),
        2024: ("", "", "reconstruction"),
        2025: ("Kazinform / finprom.kz", "2026-01-29", "report"),  # the seed article's date
    }
    partial = {int(r["year"]): r["partial"] for r in rows}
    assert partial == {2020: "1", 2024: "0", 2025: "0"}
