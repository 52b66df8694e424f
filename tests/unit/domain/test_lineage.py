"""The lineage of bodies (bot/domain/lineage.py): reading data/lineage.csv, finding a
predecessor by its whole old name in three languages, the years rated under it, and the
search index finding old names without letting a fragment of one outweigh today's names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.bodies import Agency, load_agencies
from bot.domain.lineage import (
    LINEAGE_CSV,
    MERGED,
    RENAMED,
    SPLIT,
    Lineage,
    LineageFileError,
    load_lineage,
)
from bot.domain.search import AgencyIndex

HEADER = (
    "id,successors,change,name_ru,name_kk,name_en,abbr_ru,abbr_kk,abbr_en,"
    "from_year,to_year,rated_years,source,source_checked\n"
)
GOOD_ROW = "old,moh,renamed,Старое министерство,Ескі министрлік,Old Ministry,СМ,,OM,2010,2020,2015,Указ,no\n"


@pytest.fixture(scope="module")
def agencies() -> list[Agency]:
    return load_agencies()


@pytest.fixture(scope="module")
def lineage(agencies: list[Agency]) -> Lineage:
    return load_lineage(agencies)


@pytest.fixture(scope="module")
def index(agencies: list[Agency], lineage: Lineage) -> AgencyIndex:
    return AgencyIndex(agencies, lineage.old_names())


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "lineage.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


# --- loading ---------------------------------------------------------------------------


def test_the_bundled_file_loads_every_row(agencies: list[Agency], lineage: Lineage) -> None:
    assert len(lineage.predecessors) == sum(1 for _ in LINEAGE_CSV.open(encoding="utf-8")) - 1
    mcriap = lineage.get("mcriap")
    assert mcriap is not None
    assert (mcriap.successors, mcriap.change, mcriap.from_year, mcriap.to_year) == (
        ("maidd",),
        RENAMED,
        2019,
        2025,
    )
    assert mcriap.abbreviations["en"] == "MDDIAI"
    mon = lineage.get("mon")
    assert mon is not None
    assert (mon.successors, mon.change, mon.to_year) == (("edu", "mshe"), SPLIT, 2022)


def test_a_good_row_is_read_whole(tmp_path: Path, agencies: list[Agency]) -> None:
    (old,) = load_lineage(agencies, write(tmp_path, GOOD_ROW)).predecessors
    assert old.names == {"ru": "Старое министерство", "kk": "Ескі министрлік", "en": "Old Ministry"}
    assert old.abbreviations == {"ru": "СМ", "kk": "", "en": "OM"}
    assert old.rated_years == frozenset({2015})


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (GOOD_ROW.replace("renamed", "vanished"), "change must be one of renamed, merged, split"),
        (GOOD_ROW.replace(",moh,renamed,", ",moh,split,"), "a split has several successors"),
        (GOOD_ROW.replace(",moh,renamed,", ",moh mod,renamed,"), "a split has several successors"),
        (GOOD_ROW.replace(",moh,renamed,", ",,renamed,"), "a split has several successors"),
        (GOOD_ROW.replace("2010,2020", "2020,2010"), "needs from_year < to_year"),
        (GOOD_ROW.replace(",2015,", ",2021,"), "rated_years between them"),
        (GOOD_ROW.replace("2010,", "twenty,"), "from_year must be a year, not 'twenty'"),
        (GOOD_ROW.replace("Указ,", ","), "every change needs its source"),
        (GOOD_ROW + GOOD_ROW, "every row needs a unique, non-empty id"),
    ],
)
def test_a_broken_row_is_one_line_naming_the_file(
    tmp_path: Path, agencies: list[Agency], row: str, says: str
) -> None:
    path = write(tmp_path, row)
    with pytest.raises(LineageFileError) as raised:
        load_lineage(agencies, path)
    message = str(raised.value)
    assert message.startswith(str(path))
    assert says in message
    assert "\n" not in message


def test_a_missing_column_is_named(tmp_path: Path, agencies: list[Agency]) -> None:
    path = write(tmp_path, header=HEADER.replace("source,", ""))
    with pytest.raises(LineageFileError, match=r"missing columns: source$"):
        load_lineage(agencies, path)


def test_successors_not_on_the_list_are_dropped(agencies: list[Agency]) -> None:
    few = [a for a in agencies if a.slug in ("mci", "mic")]
    lineage = load_lineage(few)
    assert {p.id: p.successors for p in lineage.predecessors} == {
        "mior": ("mci",),
        "mks": ("mci",),
        "miir": ("mic",),
    }


# --- an old name, in three languages ----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Министерство цифрового развития, инноваций и аэрокосмической промышленности", "mcriap"),
        ("министерства цифрового развития инноваций и аэрокосмической промышленности", "mcriap"),
        ("МЦРИАП", "mcriap"),
        ("MDDIAI", "mcriap"),
        ("Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі", "mcriap"),
        ("Ministry of Digital Development, Innovation and Aerospace Industry", "mcriap"),
        ("Министерство информации и общественного развития", "mior"),
        ("Ақпарат және қоғамдық даму министрлігі", "mior"),
        ("Ministry of Information and Social Development", "mior"),
        ("МИОР", "mior"),
        ("Министерство образования и науки", "mon"),
        ("МОН", "mon"),
        ("Білім және ғылым министрлігі", "mon"),
        ("Ministry of Education and Science", "mon"),
        ("Министерство индустрии и инфраструктурного развития", "miir"),
        ("Индустрия және инфрақұрылымдық даму министрлігі", "miir"),
        ("Ministry of Industry and Infrastructural Development", "miir"),
        ("Министерство культуры и спорта", "mks"),
        ("Министерство экологии, геологии и природных ресурсов", "megpr"),
        ("Агентство по делам государственной службы и противодействию коррупции", "adgspk"),
        ("Академия правосудия при Верховном Суде", "acj-sc"),
    ],
)
def test_a_whole_old_name_finds_its_predecessor(lineage: Lineage, query: str, expected: str) -> None:
    found = lineage.named(query)
    assert found is not None
    assert found.id == expected


@pytest.mark.parametrize(
    "query",
    [
        "Минцифры",  # today's names
        "Министерство культуры и информации",
        "министерство культуры",
        "Минпросвещения",
        "министерство информации",  # a fragment of an old name is a fragment of a new one
        "цифрового развития",
        "минобр",
        "",
    ],
)
def test_today_s_names_and_fragments_name_no_predecessor(lineage: Lineage, query: str) -> None:
    assert lineage.named(query) is None


def test_the_years_rated_under_a_predecessor(lineage: Lineage) -> None:
    rated = {(p.id, s, y) for p in lineage.predecessors for s in p.successors for y in p.rated_years}
    assert rated == {("mcriap", "maidd", 2020), ("mcriap", "maidd", 2024), ("mior", "mci", 2020)} | {
        ("miir", "mic", 2020),
        ("miir", "mot", 2020),
    }
    rated_as = lineage.rated_as("mci", 2020)
    assert rated_as is not None
    assert rated_as.id == "mior"
    assert lineage.rated_as("mci", 2025) is None
    assert lineage.rated_as("maidd", 2025) is None
    assert lineage.rated_as("moh", 2020) is None


def test_every_kind_of_change_is_in_the_bundled_data(lineage: Lineage) -> None:
    assert {p.change for p in lineage.predecessors} == {RENAMED, MERGED, SPLIT}


# --- the search index -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Министерство цифрового развития, инноваций и аэрокосмической промышленности", ["maidd"]),
        ("MDDIAI", ["maidd"]),
        ("Ministry of Information and Social Development", ["mci"]),
        ("МИОР", ["mci"]),
        ("Министерство индустрии и инфраструктурного развития", ["mic", "mot"]),
        ("ИИДМ", ["mic", "mot"]),
        ("МИИР", ["mic", "mot"]),  # before: resolved to maidd, a typo of its МИИЦР
        ("Ministry of Culture and Sports", ["mci", "mts"]),
    ],
)
def test_the_index_finds_a_whole_old_name_as_its_successors(
    index: AgencyIndex, query: str, found: list[str]
) -> None:
    matches = [m for m in index.search(query, limit=10) if m.exact]
    assert sorted(m.agency.slug for m in matches) == found
    resolved = index.resolve(query)
    assert (resolved.slug if resolved else None) == (found[0] if len(found) == 1 else None)


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("министерство культуры", "mci"),  # mks (culture and sports) must not tie it with mts
        ("министерство промышленности", "mic"),  # mcriap's "промышленности" must not pull maidd
        ("Министерство цифрового развития", "maidd"),
        ("минспорта", "mts"),
        ("министерство экологии", "menr"),
    ],
)
def test_old_names_do_not_change_what_today_s_names_find(
    agencies: list[Agency], index: AgencyIndex, query: str, slug: str
) -> None:
    plain = AgencyIndex(agencies)
    assert [m.agency.slug for m in index.search(query)] == [m.agency.slug for m in plain.search(query)]
    resolved = index.resolve(query)
    assert resolved is not None
    assert resolved.slug == slug
