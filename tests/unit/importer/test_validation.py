"""Checking an import file's rows, called directly: rows of text in, ratings or problems out.

``check_rows`` is pure, so every way a row can be wrong is one line of the table below:
the rows as a spreadsheet shows them, and every problem it must report, with the row a
person sees (the header is row 1, so the first data row is row 2). What only the script
adds (reading the file, exit codes, writing nothing) is checked in ``test_cli.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.search import AgencyIndex
from bot.importer.validation import check_rows, last_rating_year, map_columns, parse_number
from bot.store.records import Rating

YEAR = 2026
HEADER = ("agency", "score", "satisfaction")
# A valid file: MFA is row 2, Defence row 3, Justice row 4, Finance row 5.
GOOD = (
    ("Министерство иностранных дел", "4.91", "94.1"),
    ("Министерство обороны", "4.97", "97.6"),
    ("Министерство юстиции", "4.89", "92.4"),
    ("Министерство финансов", "4.88", "92.0"),
)
GOOD_SLUGS = ["mfa", "mod", "moj", "mof"]
BLANK = ("", "", "")
PROVENANCES = "published, article, illustrative"


def as_dicts(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[dict[str, str]]:
    """Rows as the reader hands them over: one dict per row, keyed by the file's headers."""
    return [dict(zip(header, row, strict=True)) for row in rows]


def with_row(number: int, row: Sequence[str]) -> list[Sequence[str]]:
    """GOOD with the row a spreadsheet numbers ``number`` replaced."""
    rows: list[Sequence[str]] = list(GOOD)
    rows[number - 2] = row
    return rows


def plus_column(*values: str) -> list[Sequence[str]]:
    """GOOD with one more cell on each row, for a fourth column."""
    return [(*row, value) for row, value in zip(GOOD, values, strict=True)]


def bad(
    case_id: str,
    rows: Sequence[Sequence[str]],
    *problems: str,
    header: Sequence[str] = HEADER,
    year: int | None = YEAR,
) -> object:
    return pytest.param(header, rows, year, list(problems), id=case_id)


@pytest.fixture(scope="module")
def index() -> AgencyIndex:
    return AgencyIndex(load_agencies())


BAD_FILES = [
    # -- the agency column
    bad("empty-agency", with_row(4, ("", "4.89", "92.4")), "row 4: the agency is empty"),
    bad(
        "figures-without-agency-are-not-a-blank-row",
        [*GOOD, ("", "4.5", "90"), BLANK],
        "row 6: the agency is empty",
    ),
    bad(
        "unknown-agency",
        with_row(4, ("Министерство магии", "4.5", "90")),
        "row 4: unknown agency «Министерство магии»",
    ),
    bad(
        "unknown-agency-with-did-you-mean",
        with_row(3, ("Министерство промышленности и торговли", "4.7", "80")),
        "row 3: unknown agency «Министерство промышленности и торговли» (did you mean: "
        "Министерство промышленности и строительства; Министерство торговли и интеграции?)",
    ),
    # -- the score: 0..5
    bad(
        "score-empty",
        with_row(2, ("Министерство иностранных дел", "", "94.1")),
        "row 2: the score is empty",
    ),
    bad(
        "score-not-a-number",
        with_row(3, ("Министерство обороны", "высокий", "97.6")),
        "row 3: the score «высокий» is not a number",
    ),
    bad(
        "score-above-five",
        with_row(3, ("Министерство обороны", "5.01", "97.6")),
        "row 3: the score 5.01 is outside 0..5",
    ),
    bad(
        "score-negative",
        with_row(2, ("Министерство иностранных дел", "-0.5", "94.1")),
        "row 2: the score -0.5 is outside 0..5",
    ),
    bad(
        "decimal-comma-is-read-as-a-number",
        with_row(5, ("Министерство финансов", "5,01", "92,0")),
        "row 5: the score 5,01 is outside 0..5",
    ),
    # -- the satisfaction: 0..100
    bad(
        "satisfaction-empty",
        with_row(5, ("Министерство финансов", "4.88", "")),
        "row 5: the satisfaction is empty",
    ),
    bad(
        "satisfaction-above-hundred",
        with_row(5, ("Министерство финансов", "4.88", "100.5")),
        "row 5: the satisfaction 100.5 is outside 0..100",
    ),
    bad(
        "satisfaction-negative",
        with_row(4, ("Министерство юстиции", "4.89", "-1")),
        "row 4: the satisfaction -1 is outside 0..100",
    ),
    bad(
        "percent-sign-is-read-as-a-number",
        with_row(4, ("Министерство юстиции", "4.89", "100,5 %")),
        "row 4: the satisfaction 100,5 % is outside 0..100",
    ),
    # -- provenance: one column for both figures, or one per figure
    bad(
        "bad-provenance-for-both-figures",
        plus_column("published", "rumour", "", "article"),
        "row 3: score provenance «rumour» is not one of " + PROVENANCES,
        "row 3: satisfaction provenance «rumour» is not one of " + PROVENANCES,
        header=(*HEADER, "provenance"),
    ),
    bad(
        "bad-score-provenance",
        plus_column("", "", "", "Guess"),
        "row 5: score provenance «guess» is not one of " + PROVENANCES,
        header=(*HEADER, "score_provenance"),
    ),
    # -- one row per body, however it is written
    bad(
        "duplicate-body",
        [*GOOD, GOOD[1]],
        "row 6: duplicate agency: «Министерство обороны» is already on row 3",
    ),
    bad(
        "duplicate-body-by-abbreviation",
        with_row(5, ("МИД", "4.5", "90")),
        "row 5: duplicate agency: «МИД» is already on row 2",
    ),
    bad(
        "duplicate-body-by-english-name",
        [*GOOD, ("Ministry of Justice", "4.5", "90")],
        "row 6: duplicate agency: «Ministry of Justice» is already on row 4",
    ),
    bad(
        "duplicate-of-a-row-with-another-problem",
        [("Министерство иностранных дел", "5.3", "94.1"), *GOOD[1:3], ("МИД", "4.5", "90")],
        "row 2: the score 5.3 is outside 0..5",
        "row 5: duplicate agency: «МИД» is already on row 2",
    ),
    # -- every problem, in row order, not only the first
    bad(
        "several-problems-in-one-row",
        with_row(3, ("Министерство магии", "", "много")),
        "row 3: unknown agency «Министерство магии»",
        "row 3: the score is empty",
        "row 3: the satisfaction «много» is not a number",
    ),
    bad(
        "several-bad-rows",
        [
            GOOD[0],
            ("Министерство магии", "4.5", "90"),
            ("Министерство обороны", "7", "97.6"),
            ("Министерство юстиции", "4.89", "101"),
            ("MFA", "4.9", "90"),
        ],
        "row 3: unknown agency «Министерство магии»",
        "row 4: the score 7 is outside 0..5",
        "row 5: the satisfaction 101 is outside 0..100",
        "row 6: duplicate agency: «MFA» is already on row 2",
    ),
    # -- blank rows: counted for the numbering, never reported
    bad(
        "blank-separator-rows-keep-the-numbering",
        [GOOD[0], BLANK, BLANK, ("Министерство обороны", "9", "97.6")],
        "row 5: the score 9 is outside 0..5",
    ),
    # -- the file as a whole
    bad("header-only", [], "the file is empty: it has a header but no rows"),
    bad("header-and-blank-rows-only", [BLANK, BLANK], "the file is empty: it has a header but no rows"),
    bad(
        "missing-satisfaction-column",
        [row[:2] for row in GOOD],
        "missing column: satisfaction (accepted headers: satisfaction, satisfied, satisfaction rate, "
        "удовлетворенность, уровень удовлетворенности, доля удовлетворенных…)",
        header=("agency", "score"),
    ),
    bad(
        "unknown-header-is-a-missing-column",
        GOOD,
        "missing column: score (accepted headers: score, points, rating, балл, баллы, оценка…)",
        header=("agency", "stars", "satisfaction"),
    ),
    bad(
        "no-known-column-at-all",
        [("x", "y")],
        "missing column: agency (accepted headers: agency, body, state body, name, agency name, ministry…)",
        "missing column: score (accepted headers: score, points, rating, балл, баллы, оценка…)",
        "missing column: satisfaction (accepted headers: satisfaction, satisfied, satisfaction rate, "
        "удовлетворенность, уровень удовлетворенности, доля удовлетворенных…)",
        header=("Column A", "Column B"),
    ),
    bad(
        "more-than-one-year-in-the-year-column",
        plus_column("2019", "2019", "2018", "2019"),
        "the year column holds more than one year: pass --year",
        header=(*HEADER, "year"),
        year=None,
    ),
]


@pytest.mark.parametrize(("header", "rows", "year", "problems"), BAD_FILES)
def test_a_bad_file_is_reported_row_by_row_and_yields_no_ratings(
    index: AgencyIndex,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    year: int | None,
    problems: list[str],
) -> None:
    checked = check_rows(as_dicts(header, rows), header, index, year=year)

    assert [str(p) for p in checked.problems] == problems
    assert checked.ratings == []


# -- good files ---------------------------------------------------------------------------------


def figures(ratings: list[Rating]) -> dict[str, tuple[float, float]]:
    return {r.agency: (r.score, r.satisfaction) for r in ratings}


GOOD_FIGURES = {
    "mfa": (4.91, 94.1),
    "mod": (4.97, 97.6),
    "moj": (4.89, 92.4),
    "mof": (4.88, 92.0),
}


@pytest.mark.parametrize(
    "header",
    [
        ("Наименование органа", "Итоговый балл", "Уровень удовлетворённости, %"),
        ("Государственный орган", "Балл", "Удовлетворенность (%)"),
        ("Мемлекеттік орган", "Оценка", "Қанағаттану"),
        ("Agency", "Score", "Satisfaction (%)"),
        ("\ufeffState body", "Points", "Satisfaction rate"),
        ("agency_name", "rating", "satisfied"),
    ],
    ids=["russian", "russian-with-units", "kazakh-and-russian", "english", "english-with-bom", "snake-case"],
)
def test_headers_in_russian_kazakh_or_english_are_recognized(
    index: AgencyIndex, header: tuple[str, ...]
) -> None:
    checked = check_rows(as_dicts(header, GOOD), header, index, year=YEAR)

    assert checked.problems == []
    assert figures(checked.ratings) == GOOD_FIGURES
    assert {r.year for r in checked.ratings} == {YEAR}


def test_decimal_commas_percent_signs_and_the_bounds_themselves_are_accepted(index: AgencyIndex) -> None:
    rows = [
        ("МИД", "0", "0"),
        ("МО", "5", "100"),
        ("Минюст", "4,895", "97,5 %"),
        ("Минфин", "5,00", "100,0 %"),
    ]

    checked = check_rows(as_dicts(HEADER, rows), HEADER, index, year=YEAR)

    assert checked.problems == []
    assert figures(checked.ratings) == {
        "mfa": (0.0, 0.0),
        "mod": (5.0, 100.0),
        "moj": (4.895, 97.5),
        "mof": (5.0, 100.0),
    }


def test_blank_rows_are_skipped_and_the_rest_kept_in_file_order(index: AgencyIndex) -> None:
    rows = [BLANK, GOOD[3], BLANK, GOOD[0], BLANK]

    checked = check_rows(as_dicts(HEADER, rows), HEADER, index, year=YEAR)

    assert checked.problems == []
    assert [r.agency for r in checked.ratings] == ["mof", "mfa"]


def test_provenance_defaults_to_published_and_note_is_kept(index: AgencyIndex) -> None:
    header = (*HEADER, "Источник балла", "Источник удовлетворенности", "Примечание")
    rows = [(*GOOD[0], "Article", "illustrative", "range endpoint"), (*GOOD[1], "", "", "")]

    checked = check_rows(as_dicts(header, rows), header, index, year=YEAR)

    assert checked.problems == []
    assert checked.ratings == [
        Rating(
            year=YEAR,
            agency="mfa",
            score=4.91,
            satisfaction=94.1,
            score_provenance="article",
            satisfaction_provenance="illustrative",
            note="range endpoint",
        ),
        Rating(year=YEAR, agency="mod", score=4.97, satisfaction=97.6),
    ]


def test_the_year_column_gives_the_year_when_it_holds_one_year(index: AgencyIndex) -> None:
    header = (*HEADER, "Год")
    rows = plus_column("2019", "2019", "2019", "2019")
    rows[2] = ("", "", "", "")  # a blank row has no year, and that is not a second year

    checked = check_rows(as_dicts(header, rows), header, index)

    assert checked.problems == []
    assert checked.year == 2019
    assert [(r.agency, r.year) for r in checked.ratings] == [("mfa", 2019), ("mod", 2019), ("mof", 2019)]


def test_a_given_year_wins_over_the_year_column(index: AgencyIndex) -> None:
    header = (*HEADER, "year")
    rows = plus_column("2019", "2018", "2019", "2017")

    checked = check_rows(as_dicts(header, rows), header, index, year=YEAR)

    assert checked.problems == []
    assert checked.year == YEAR
    assert {r.year for r in checked.ratings} == {YEAR}


def test_without_a_year_or_a_year_column_the_year_is_left_open(index: AgencyIndex) -> None:
    checked = check_rows(as_dicts(HEADER, GOOD), HEADER, index)

    assert checked.problems == []
    assert checked.year is None  # the script then looks at the file name
    assert [r.agency for r in checked.ratings] == GOOD_SLUGS


# -- map_columns ----------------------------------------------------------------------------------


def test_map_columns_names_the_file_column_of_each_field() -> None:
    columns = ["№", "Наименование органа", "Итоговый балл", "Удовлетворённость, %", "Год", "Комментарий"]

    mapping, problems = map_columns(columns)

    assert problems == []
    assert mapping == {
        "agency": "Наименование органа",
        "score": "Итоговый балл",
        "satisfaction": "Удовлетворённость, %",
        "year": "Год",
        "note": "Комментарий",
    }


def test_map_columns_takes_the_first_of_two_columns_for_the_same_field() -> None:
    mapping, problems = map_columns(["Agency", "Score", "Оценка", "Satisfaction"])

    assert problems == []
    assert mapping["score"] == "Score"


def test_map_columns_reports_only_the_required_fields_missing() -> None:
    mapping, problems = map_columns(["agency", "note", "year"])

    assert mapping == {"agency": "agency", "note": "note", "year": "year"}
    assert [(p.row, p.message.split(" (")[0]) for p in problems] == [
        (None, "missing column: score"),
        (None, "missing column: satisfaction"),
    ]


# -- parse_number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4.99", 4.99),
        ("4,99", 4.99),
        (" 88 ", 88.0),
        ("97,5 %", 97.5),
        ("97.5%", 97.5),
        ("1\u00a0000", 1000.0),
        ("-0.5", -0.5),
        ("+5", 5.0),
        ("0", 0.0),
    ],
)
def test_parse_number_reads_what_a_spreadsheet_writes(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", " ", "%", "высокий", "4.5.1", "4,5,6", ".5", "5.", "1e3", "4-5", "nan"])
def test_parse_number_gives_none_for_anything_else(text: str) -> None:
    assert parse_number(text) is None


# -- what a problem quotes from the file: short, and nothing a terminal acts on (issue 14, part 9) --


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            ("\x1b[2J\x1b[31mМинистерство магии\r", "4.5", "90"),
            "row 2: unknown agency «\\x1b[2J\\x1b[31mМинистерство магии\\r»",
        ),
        (
            ("\u202eМинистерство магии", "4.5", "90"),  # a right-to-left override shows it backwards
            "row 2: unknown agency «\\u202eМинистерство магии»",
        ),
        (
            ("Министерство иностранных дел", "\x1b]0;pwned\x07", "94.1"),  # sets the terminal's title
            "row 2: the score «\\x1b]0;pwned\\x07» is not a number",
        ),
        (
            ("Министерство иностранных дел", "4.91", "1" + "0" * 999),
            "row 2: the satisfaction " + "1" + "0" * 39 + "… is outside 0..100",
        ),
    ],
    ids=["escape-codes-in-a-name", "bidi-override-in-a-name", "osc-in-a-number", "a-thousand-digits"],
)
def test_a_problem_quotes_the_cell_short_and_with_control_characters_escaped(
    index: AgencyIndex, row: tuple[str, str, str], problem: str
) -> None:
    checked = check_rows(as_dicts(HEADER, [row, *GOOD[1:]]), HEADER, index, year=YEAR)

    assert [str(p) for p in checked.problems] == [problem]


def test_a_ten_megabyte_name_is_quoted_in_a_short_line(index: AgencyIndex) -> None:
    # Before: the problem line held the whole cell, 20 MB of text in one line on the terminal.
    checked = check_rows(as_dicts(HEADER, [("Я" * 10_000_000, "4.5", "90")]), HEADER, index, year=YEAR)

    [problem] = checked.problems
    assert str(problem).startswith("row 2: unknown agency «" + "Я" * 40 + "…»")
    assert len(str(problem)) < 300


def test_a_duplicate_and_a_provenance_are_quoted_the_same_way(index: AgencyIndex) -> None:
    header = (*HEADER, "provenance")
    rows = [(*GOOD[0], "published"), ("\u202eМИД", "4.5", "90", ""), (*GOOD[1], "\x1b[8mhidden")]

    checked = check_rows(as_dicts(header, rows), header, index, year=YEAR)

    assert [str(p) for p in checked.problems] == [
        "row 3: duplicate agency: «\\u202eМИД» is already on row 2",
        "row 4: score provenance «\\x1b[8mhidden» is not one of " + PROVENANCES,
        "row 4: satisfaction provenance «\\x1b[8mhidden» is not one of " + PROVENANCES,
    ]


def test_an_absurd_year_in_the_year_column_is_quoted_short(index: AgencyIndex) -> None:
    header = (*HEADER, "year")
    rows = [(*row, "9" * 300) for row in GOOD]

    checked = check_rows(as_dicts(header, rows), header, index)

    assert [str(p) for p in checked.problems] == [
        "the year column says " + str(int(float("9" * 300)))[:40] + "…: not a rating year (from 2016 to "
        f"{last_rating_year()})"
    ]
