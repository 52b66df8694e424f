"""data/lineage.csv against the rest of the bundled data: every successor exists, the years
agree with each other and with the ratings, every change has its source, and no old name
reads as another body's name today."""

from __future__ import annotations

import csv

import pytest

from bot.domain.bodies import AGENCIES_CSV, DATA_DIR, Agency, load_agencies
from bot.domain.lineage import LINEAGE_CSV, SPLIT, Lineage, load_lineage
from bot.domain.search import AgencyIndex

#: The first year with a rating of public services on record anywhere in the data.
FIRST_RATED = 2020
#: The newest change on record: the Ministry of AI and Digital Development, 2025.
LATEST_CHANGE = 2025


@pytest.fixture(scope="module")
def agencies() -> list[Agency]:
    return load_agencies()


@pytest.fixture(scope="module")
def lineage(agencies: list[Agency]) -> Lineage:
    return load_lineage(agencies)


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with LINEAGE_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_successor_is_a_body_on_the_list(rows: list[dict[str, str]]) -> None:
    slugs = {a.slug for a in load_agencies(AGENCIES_CSV)}
    for row in rows:
        assert set(row["successors"].split()) <= slugs, row["id"]


def test_no_row_is_lost_and_no_id_reads_as_a_slug(
    rows: list[dict[str, str]], lineage: Lineage, agencies: list[Agency]
) -> None:
    assert [p.id for p in lineage.predecessors] == [r["id"] for r in rows]
    assert not {r["id"] for r in rows} & {a.slug for a in agencies}


def test_years_are_consistent(lineage: Lineage) -> None:
    for predecessor in lineage.predecessors:
        assert 1991 <= predecessor.from_year < predecessor.to_year <= LATEST_CHANGE, predecessor.id
        assert all(predecessor.from_year <= y < predecessor.to_year for y in predecessor.rated_years)
        assert all(y >= FIRST_RATED for y in predecessor.rated_years), predecessor.id


def test_every_change_has_a_source_and_says_whether_it_was_checked(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert row["source"].strip(), row["id"]
        assert row["source_checked"] in ("yes", "no"), row["id"]
        if row["source_checked"] == "no":
            assert "not checked" in row["source"], row["id"]  # the doubt is said where it is read


def test_every_predecessor_has_its_name_in_three_languages(lineage: Lineage) -> None:
    for predecessor in lineage.predecessors:
        assert all(predecessor.names[lang] for lang in ("ru", "kk", "en")), predecessor.id


def test_no_old_name_reads_as_another_body_today(agencies: list[Agency], lineage: Lineage) -> None:
    """Typed whole, an old name may find its successors only, never an unrelated body."""
    today = AgencyIndex(agencies)
    for predecessor in lineage.predecessors:
        for name in predecessor.own_names():
            exact = {m.agency.slug for m in today.search(name, limit=40) if m.exact}
            assert exact <= set(predecessor.successors), (predecessor.id, name, exact)


def test_no_two_predecessors_share_a_name(lineage: Lineage) -> None:
    for predecessor in lineage.predecessors:
        for name in predecessor.own_names():
            found = lineage.named(name)
            assert found is not None, (predecessor.id, name)
            assert found.id == predecessor.id, (predecessor.id, name)


def test_a_split_has_several_successors_and_the_rest_one(lineage: Lineage) -> None:
    for predecessor in lineage.predecessors:
        assert (predecessor.change == SPLIT) == (len(predecessor.successors) > 1), predecessor.id


def test_the_2020_notes_name_the_predecessor_the_figures_were_published_for(lineage: Lineage) -> None:
    """The 2020 rows filed under today's body say which predecessor they stand for, and that
    predecessor lists 2020 as rated under its name; no other 2020 row is claimed."""
    names = {a.names["ru"]: a.slug for a in load_agencies()}
    with (DATA_DIR / "ratings" / "2020.csv").open(encoding="utf-8", newline="") as handle:
        notes = {names[r["agency"]]: r["note"] for r in csv.DictReader(handle)}
    for slug, note in notes.items():
        predecessor = lineage.rated_as(slug, 2020)
        if predecessor is None:
            assert note == "published 2020", slug
        else:
            assert note == f"published 2020; as {predecessor.id} (data/lineage.csv)", slug
    assert {p.id for p in lineage.predecessors if 2020 in p.rated_years} == {"mcriap", "mior", "miir"}


def test_the_2024_row_of_the_ai_ministry_stands_for_its_predecessor(lineage: Lineage) -> None:
    with (DATA_DIR / "ratings" / "2024.csv").open(encoding="utf-8", newline="") as handle:
        notes = {r["agency"]: r["note"] for r in csv.DictReader(handle)}
    predecessor = lineage.rated_as("maidd", 2024)
    assert predecessor is not None
    assert predecessor.names["ru"] in notes["Министерство искусственного интеллекта и цифрового развития"]
