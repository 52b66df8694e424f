"""Ranks, yearly changes and movers: the rules every screen and notification shares.

Ties share a position (competition ranking, 1, 2, 2, 4); a partial year is listed but
claims no rank. The pure functions are checked on small hand-made years, and the same
rules once more on a database the import script loaded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.catalog import read_book
from bot.domain.ratings import RatingBook, rank
from bot.store import Store
from bot.store.records import Rating, Source, YearInfo
from tests.unit.conftest import Importer, write_csv


def r(agency: str, score: float, satisfaction: float, year: int = 2025) -> Rating:
    return Rating(year=year, agency=agency, score=score, satisfaction=satisfaction)


def positions(ratings: list[Rating], *, partial: bool = False) -> list[tuple[str, int | None]]:
    return [(s.rating.agency, s.position) for s in rank(ratings, partial=partial)]


def info(year: int, *, partial: bool = False) -> YearInfo:
    return YearInfo(year=year, partial=partial, source=Source(publisher="test"), release_id=year)


# -- rank -------------------------------------------------------------------------------------


def test_higher_score_ranks_first_whatever_the_input_order() -> None:
    ratings = [r("c", 4.80, 90), r("a", 4.99, 99), r("b", 4.90, 95)]

    assert positions(ratings) == [("a", 1), ("b", 2), ("c", 3)]


def test_equal_score_and_satisfaction_share_a_position_and_the_next_one_is_skipped() -> None:
    ratings = [r("a", 5.00, 99.8), r("b", 4.99, 99.3), r("c", 4.99, 99.3), r("d", 4.97, 97.6)]

    assert positions(ratings) == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_three_way_tie_at_the_top_puts_the_next_body_fourth() -> None:
    ratings = [r("a", 4.9, 90), r("b", 4.9, 90), r("c", 4.9, 90), r("d", 4.8, 95)]

    assert positions(ratings) == [("a", 1), ("b", 1), ("c", 1), ("d", 4)]


def test_equal_score_is_decided_by_satisfaction_not_a_tie() -> None:
    ratings = [r("a", 4.99, 99.3), r("b", 4.99, 99.6)]

    assert positions(ratings) == [("b", 1), ("a", 2)]


def test_equal_satisfaction_with_a_different_score_is_not_a_tie() -> None:
    ratings = [r("a", 4.90, 93.6), r("b", 4.91, 93.6)]

    assert positions(ratings) == [("b", 1), ("a", 2)]


def test_float_noise_does_not_break_a_tie() -> None:
    ratings = [r("a", 4.99, 99.3), r("b", 4.98 + 0.01, 99.3)]

    assert [p for _, p in positions(ratings)] == [1, 1]


def test_tied_bodies_are_listed_in_a_stable_order() -> None:
    forward = [r("mfa", 4.9, 90), r("mod", 4.9, 90), r("aca", 4.9, 90)]

    assert positions(forward) == positions(list(reversed(forward))) == [("aca", 1), ("mfa", 1), ("mod", 1)]


def test_every_standing_knows_how_many_bodies_were_ranked() -> None:
    standings = rank([r("a", 4.9, 90), r("b", 4.8, 90), r("c", 4.7, 90)])

    assert [s.total for s in standings] == [3, 3, 3]


def test_partial_year_is_ordered_but_claims_no_positions() -> None:
    ratings = [r("b", 4.86, 88.7), r("a", 4.87, 88.1), r("c", 4.86, 88.7)]

    assert positions(ratings, partial=True) == [("a", None), ("b", None), ("c", None)]


def test_empty_year_ranks_to_nothing() -> None:
    assert rank([]) == []


# -- the rating book: years, changes, movers -----------------------------------------------------


@pytest.fixture
def book() -> RatingBook:
    """2020 partial; 2024 and 2025 complete; 'new' first rated in 2025, 'gone' not in 2025."""
    ratings = [
        r("a", 4.70, 80.0, 2020),
        r("a", 4.80, 85.0, 2024),
        r("b", 4.90, 95.0, 2024),
        r("c", 4.85, 90.0, 2024),
        r("gone", 4.60, 70.0, 2024),
        r("a", 4.95, 94.0, 2025),  # +9.0 p.p., from 3rd to 1st
        r("b", 4.90, 90.0, 2025),  # -5.0 p.p.
        r("c", 4.85, 90.0, 2025),  # no change
        r("new", 4.99, 50.0, 2025),
    ]
    return RatingBook.build([info(2020, partial=True), info(2024), info(2025)], ratings)


def test_partial_year_has_data_but_is_not_a_ranked_year(book: RatingBook) -> None:
    assert book.all_years() == [2025, 2024, 2020]
    assert book.ranked_years() == [2025, 2024]
    assert book.latest_year() == 2025


def test_a_body_in_a_partial_year_has_no_position(book: RatingBook) -> None:
    standing = book.standing("a", 2020)

    assert standing is not None
    assert standing.position is None
    assert standing.rating.score == 4.70


def test_year_without_a_release_on_record_is_treated_as_partial() -> None:
    book = RatingBook.build([], [r("a", 4.9, 90, 2023)])

    assert book.standing("a", 2023).position is None  # type: ignore[union-attr]
    assert book.latest_year() is None


def test_history_lists_every_year_newest_first(book: RatingBook) -> None:
    assert [s.rating.year for s in book.history("a")] == [2025, 2024, 2020]
    assert book.history("nobody") == []


def test_change_against_the_previous_year_in_score_points_and_places(book: RatingBook) -> None:
    change = book.change("a", 2025)

    assert change is not None
    assert (change.previous_year, change.score_delta, change.satisfaction_delta) == (2024, 0.15, 9.0)
    assert (change.previous_position, change.position, change.positions_gained) == (3, 2, 1)


def test_no_change_is_claimed_across_a_gap_or_against_a_partial_year(book: RatingBook) -> None:
    assert book.change("a", 2024) is None, "2020 is partial and 2021-2023 are missing"
    assert not book.comparable(2024)
    assert book.comparable(2025)


def test_first_year_on_record_has_no_change(book: RatingBook) -> None:
    assert book.change("new", 2025) is None
    assert book.change("a", 2020) is None
    assert book.change("gone", 2025) is None


def test_movers_are_real_moves_in_satisfaction_biggest_first(book: RatingBook) -> None:
    risers, fallers = book.movers(2025)

    assert [c.agency for c in risers] == ["a"]
    assert [c.agency for c in fallers] == ["b"]


def test_movers_are_capped_and_ordered_by_size() -> None:
    ratings = [r(f"x{i}", 4.5, 50.0, 2024) for i in range(6)]
    ratings += [r(f"x{i}", 4.5, 50.0 + i, 2025) for i in range(6)]
    book = RatingBook.build([info(2024), info(2025)], ratings)

    risers, fallers = book.movers(2025, count=3)

    assert [c.agency for c in risers] == ["x5", "x4", "x3"]
    assert fallers == []


def test_equal_satisfaction_moves_are_ordered_by_the_score_change() -> None:
    ratings = [r("small", 4.5, 50, 2024), r("big", 4.5, 50, 2024)]
    ratings += [r("small", 4.6, 55, 2025), r("big", 4.9, 55, 2025)]
    book = RatingBook.build([info(2024), info(2025)], ratings)

    risers, _ = book.movers(2025)

    assert [c.agency for c in risers] == ["big", "small"]


# -- the same rules on a database the importer loaded ------------------------------------------------


TIED = [
    ["Академия правосудия при Высшем Судебном Совете", "5.00", "99.8"],
    ["Генеральная прокуратура", "4.99", "99.3"],
    ["Комитет национальной безопасности", "4,99", "99,3"],  # same pair, written another way
    ["Министерство обороны", "4.97", "97.6"],
]


@pytest.fixture
def tied_year(run_import: Importer, tmp_path: Path) -> Path:
    """2026 with a tie for second place, loaded by the import script."""
    result = run_import(write_csv(tmp_path / "r.csv", TIED), "--year", "2026")
    assert result.code == 0, result.err
    return run_import.database


@pytest.fixture
def partial_year(run_import: Importer, tmp_path: Path) -> Path:
    result = run_import(write_csv(tmp_path / "r.csv", TIED), "--year", "2026", "--partial")
    assert result.code == 0, result.err
    return run_import.database


async def test_imported_tie_shares_second_place_and_the_next_is_fourth(tied_year: Path) -> None:
    async with await Store.open(tied_year) as store:
        book = await read_book(store)

    assert [(s.rating.agency, s.position) for s in book.standings[2026]] == [
        ("acj", 1),
        ("nsc", 2),
        ("pgo", 2),
        ("mod", 4),
    ]
    assert book.latest_year() == 2026


async def test_imported_partial_year_claims_no_ranks(partial_year: Path) -> None:
    async with await Store.open(partial_year) as store:
        book = await read_book(store)

    assert {s.position for s in book.standings[2026]} == {None}
    assert 2026 not in book.ranked_years()
    assert book.latest_year() == 2025
    assert book.change("mod", 2026) is None, "a partial list is compared with nothing"


async def test_bundled_2020_is_partial_and_2025_is_ranked_one_to_thirty_two(database: Path) -> None:
    async with await Store.open(database) as store:
        book = await read_book(store)

    assert book.ranked_years() == [2025, 2024]
    assert {s.position for s in book.standings[2020]} == {None}
    standings = book.standings[2025]
    assert [s.rating.agency for s in standings[:3]] == ["acj", "pgo", "nsc"]
    assert standings[-1].rating.agency == "mic"
    assert standings[-1].position == standings[-1].total == 32
