"""The rows of /export: every figure of a year, its provenance, and which worked-out values
(rank, changes) come from an illustrative one, checked on the views' small book.

    body   2020 (partial)   2024 (complete)       2025 (complete, the latest)
    moh    4.10 / 85.0      4.80 / 96.0   2nd     4.86  / 97.5    1st
    mes    4.20 / 88.0      4.90 / 98.0   1st     4.70* / 95.0    2nd  } a tie
    mod    -                4.40 / 91.3   4th     4.70  / 95.0*   2nd  }
    acj    -                4.50 / 90.0   3rd     -
"""

from __future__ import annotations

from bot.domain.export import ExportRow, default_year, export_rows, exportable_years
from bot.domain.ratings import RatingBook
from bot.store.records import Rating, Source, YearInfo
from tests.unit.views.conftest import RATINGS, YEARS


def book() -> RatingBook:
    return RatingBook.build(list(YEARS), list(RATINGS))


def test_a_complete_year_has_ranks_changes_and_marks_what_comes_from_an_illustrative_value() -> None:
    rows = export_rows(book(), 2025)

    assert rows == [
        ExportRow("moh", 1, 4.86, 97.5, "published", "published", 0.06, 1.5, 1, ("rank", "places_change")),
        ExportRow(
            "mes",
            2,
            4.70,
            95.0,
            "illustrative",
            "published",
            -0.2,
            -3.0,
            -1,
            ("rank", "score_change", "places_change"),
        ),
        ExportRow(
            "mod",
            2,
            4.70,
            95.0,
            "published",
            "illustrative",
            0.3,
            3.7,
            2,
            ("rank", "satisfaction_change", "places_change"),
        ),
    ]


def test_a_year_without_the_year_before_has_ranks_but_no_changes() -> None:
    rows = export_rows(book(), 2024)

    assert [(r.agency, r.rank) for r in rows] == [("mes", 1), ("moh", 2), ("acj", 3), ("mod", 4)]
    assert {(r.score_change, r.satisfaction_change, r.places_change) for r in rows} == {(None, None, None)}
    assert {r.illustrative_derived for r in rows} == {()}  # 2024 holds no illustrative value


def test_a_partial_year_has_figures_but_no_rank_and_no_change() -> None:
    rows = export_rows(book(), 2020)

    assert [(r.agency, r.rank, r.score, r.satisfaction) for r in rows] == [
        ("mes", None, 4.20, 88.0),
        ("moh", None, 4.10, 85.0),
    ]
    assert {r.illustrative_derived for r in rows} == {()}


def test_an_article_value_keeps_its_code_and_marks_nothing_derived() -> None:
    years = [
        YearInfo(2024, False, Source("a"), 1),
        YearInfo(2025, False, Source("b"), 2),
    ]
    ratings = [
        Rating(2024, "moh", 4.80, 90.0),
        Rating(2024, "mes", 4.70, 91.0),
        Rating(2025, "moh", 4.99, 99.0, score_provenance="article"),
        Rating(2025, "mes", 4.60, 92.0),
    ]

    rows = export_rows(RatingBook.build(years, ratings), 2025)

    assert [(r.agency, r.score_provenance, r.illustrative_derived) for r in rows] == [
        ("moh", "article", ()),
        ("mes", "published", ()),
    ]


def test_every_year_with_figures_can_be_exported_the_latest_complete_one_by_default() -> None:
    assert exportable_years(book()) == [2025, 2024, 2020]
    assert default_year(book()) == 2025


def test_with_only_a_partial_year_that_year_is_the_default() -> None:
    only_partial = RatingBook.build([YEARS[0]], [r for r in RATINGS if r.year == 2020])

    assert default_year(only_partial) == 2020
    assert default_year(RatingBook.build([], [])) is None
