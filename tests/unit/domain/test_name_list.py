"""Several names in one text (/compare): where each name ends, and what each finds.

Runs against the bundled reference list, whose names are full of "и", "және" and "and"
("Министерство труда и социальной защиты"): none of them may be cut in two.
"""

from __future__ import annotations

import pytest

from bot.domain.bodies import Agency, load_agencies
from bot.domain.name_list import MAX_TEXT_CHARS, find, split_names
from bot.domain.search import AgencyIndex

MOST = 3


@pytest.fixture(scope="module")
def agencies() -> list[Agency]:
    return load_agencies()


@pytest.fixture(scope="module")
def index(agencies: list[Agency]) -> AgencyIndex:
    return AgencyIndex(agencies)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Минздрав, МЧС", ["Минздрав", "МЧС"]),
        ("Минздрав; МЧС; КНБ", ["Минздрав", "МЧС", "КНБ"]),
        ("  Минздрав ,\n  МЧС  ", ["Минздрав", "МЧС"]),
        (";,Минздрав,, МЧС,", ["Минздрав", "МЧС"]),
        ("мчс и минздрав", ["мчс", "минздрав"]),
        ("минздрав или мвд", ["минздрав", "мвд"]),
        ("минздрав vs мвд", ["минздрав", "мвд"]),
        ("минздрав VS. мвд", ["минздрав", "мвд"]),
        ("health and finance", ["health", "finance"]),
        ("Денсаулық сақтау және Қаржы", ["Денсаулық сақтау", "Қаржы"]),
        ("Денсаулық сақтау мен ТЖМ", ["Денсаулық сақтау", "ТЖМ"]),
        ("минздрав, мчс и кнб", ["минздрав", "мчс", "кнб"]),
        # a name that holds "и", then another
        ("Министерство труда и социальной защиты и мчс", ["Министерство труда и социальной защиты", "мчс"]),
        ("Минтуризма и спорта, минфин", ["Минтуризма и спорта", "минфин"]),
        (
            "Ministry of Science and Higher Education and KNB",
            ["Ministry of Science and Higher Education", "KNB"],
        ),
        # a name two bodies share (the former ministry) stays whole, and asks which one later
        ("Министерство образования и науки и мчс", ["Министерство образования и науки", "мчс"]),
        # a piece that finds nothing is still a name of its own: the reply says which
        ("минздрав и абырвалг", ["минздрав", "абырвалг"]),
        # a name that could be several bodies is one name too
        ("образования и мчс", ["образования", "мчс"]),
        # typos on both sides
        ("минздарв vs мвдд", ["минздарв", "мвдд"]),
        # one body written twice is one name (with a comma, two)
        ("минздрав и минздрав", ["минздрав и минздрав"]),
        ("минздрав, минздрав", ["минздрав", "минздрав"]),
        ("", []),
        (" , ; ", []),
    ],
)
def test_names_are_parted_where_the_text_reads_as_several(
    index: AgencyIndex, text: str, names: list[str]
) -> None:
    assert split_names(text, index, MOST) == names


def test_no_name_on_the_reference_list_is_cut_in_two(agencies: list[Agency], index: AgencyIndex) -> None:
    """Every form of every name (full, short, abbreviated, aliases) in every language."""
    cut = {form: split_names(form, index, MOST) for agency in agencies for form in agency.all_names()}
    assert {form: names for form, names in cut.items() if names != [form]} == {}


def test_four_names_joined_by_words_are_told_from_three(index: AgencyIndex) -> None:
    assert split_names("мчс и минздрав и минфин и кнб", index, MOST) == ["мчс", "минздрав", "минфин", "кнб"]


def test_reading_stops_one_name_past_the_most_asked_for(index: AgencyIndex) -> None:
    text = ", ".join(["Минздрав", "МЧС", "КНБ", "Минфин", "МВД", "МИД"] * 50)
    assert split_names(text, index, MOST) == ["Минздрав", "МЧС", "КНБ", "Минфин"]


def test_only_the_start_of_a_long_text_is_read(index: AgencyIndex) -> None:
    text = "Минздрав, " + "x" * (MAX_TEXT_CHARS * 10) + ", МЧС"
    names = split_names(text, index, MOST)
    assert names[0] == "Минздрав"
    assert len(names[1]) < MAX_TEXT_CHARS
    assert "МЧС" not in names


def test_a_piece_with_too_many_separators_is_taken_whole(index: AgencyIndex) -> None:
    text = " и ".join(["мчс", "минздрав"] * 4)  # seven separators
    assert split_names(text, index, MOST) == [text]


def test_find_gives_the_body_a_name_means(index: AgencyIndex) -> None:
    found = find("минздрава", index, 40)
    assert (found.slug, found.candidates) == ("moh", ())


def test_find_takes_the_one_candidate_there_is(index: AgencyIndex) -> None:
    """As a name sent alone: a single match too weak to resolve is still the body."""
    assert index.resolve("минздрав абырвалг") is None
    assert find("минздрав абырвалг", index, 40).slug == "moh"


def test_find_never_guesses_between_bodies(index: AgencyIndex) -> None:
    found = find("образования", index, 40)
    assert found.slug is None
    assert [body.slug for body in found.candidates] == ["edu", "mshe"]


def test_find_says_when_nothing_matches(index: AgencyIndex) -> None:
    found = find("абырвалг", index, 40)
    assert (found.slug, found.candidates) == (None, ())
