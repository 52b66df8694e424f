"""A body's place, figures and change as short phrases, the pieces cards, lists and
notifications are made of: each in the reader's language, with its plural forms."""

from __future__ import annotations

import pytest

from bot.domain.ratings import Change, RatingBook, Standing
from bot.views.figures import change_line, figures, movement_text, mover_details, position_text
from tests.unit.views.conftest import MINUS, NBSP, Speaker


def standing(book: RatingBook, slug: str, year: int) -> Standing:
    found = book.standing(slug, year)
    assert found is not None, f"{slug} is not rated in {year}"
    return found


def moved(gained: int | None) -> Change:
    """A change of ``gained`` places (None: one of the years has no ranks)."""
    previous = None if gained is None else 30
    position = None if gained is None else 30 - gained
    return Change("moh", 2025, 2024, 0.0, 0.0, position, previous)


# -- position ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1-е место из 3"), ("kk", "3 органның ішінде 1-орын"), ("en", "rank 1 of 3")],
)
def test_a_ranked_year_gives_the_place_and_how_many_were_rated(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    assert speak(language, position_text, standing(book, "moh", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "2-е место из 3"), ("kk", "3 органның ішінде 2-орын"), ("en", "rank 2 of 3")],
)
def test_tied_bodies_share_their_place(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    assert speak(language, position_text, standing(book, "mes", 2025)) == expected
    assert speak(language, position_text, standing(book, "mod", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "неполный список, без места"),
        ("kk", "толық емес тізім, орны жоқ"),
        ("en", "partial list, no rank"),
    ],
)
def test_a_partial_year_claims_no_place(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    assert speak(language, position_text, standing(book, "moh", 2020)) == expected


# -- movement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "gained", "expected"),
    [
        ("ru", 1, "вверх на 1 место"),
        ("ru", 2, "вверх на 2 места"),
        ("ru", 5, "вверх на 5 мест"),
        ("ru", 21, "вверх на 21 место"),
        ("ru", -1, "вниз на 1 место"),
        ("ru", -3, "вниз на 3 места"),
        ("ru", -11, "вниз на 11 мест"),
        ("kk", 1, "1 орынға жоғары"),
        ("kk", 2, "2 орынға жоғары"),
        ("kk", -5, "5 орынға төмен"),
        ("en", 1, "up 1 place"),
        ("en", 2, "up 2 places"),
        ("en", -1, "down 1 place"),
        ("en", -4, "down 4 places"),
    ],
)
def test_a_move_is_told_in_places_with_the_languages_plural(
    speak: Speaker, language: str, gained: int, expected: str
) -> None:
    assert speak(language, movement_text, moved(gained)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "место не изменилось"), ("kk", "орны өзгерген жоқ"), ("en", "same place")],
)
def test_no_move_is_the_same_place(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, movement_text, moved(0)) == expected


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_against_a_year_without_ranks_there_is_no_move_to_tell(speak: Speaker, language: str) -> None:
    assert speak(language, movement_text, moved(None)) == ""


# -- figures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", f"4,86 · 97,5{NBSP}%"), ("kk", "4,86 · 97,5%"), ("en", "4.86 · 97.5%")],
)
def test_figures_are_the_score_and_the_share(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    assert speak(language, figures, standing(book, "moh", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "illustrative_score", "illustrative_share"),
    [
        ("ru", f"4,70* · 95{NBSP}%", f"4,70 · 95{NBSP}%*"),
        ("kk", "4,70* · 95%", "4,70 · 95%*"),
        ("en", "4.70* · 95%", "4.70 · 95%*"),
    ],
)
def test_the_mark_follows_only_the_value_that_is_illustrative(
    speak: Speaker, book: RatingBook, language: str, illustrative_score: str, illustrative_share: str
) -> None:
    assert speak(language, figures, standing(book, "mes", 2025)) == illustrative_score
    assert speak(language, figures, standing(book, "mod", 2025)) == illustrative_share


# -- change lines -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "По сравнению с 2024 годом: балл +0,06, удовлетворённость +1,5 п. п., вверх на 1 место"),
        ("kk", "2024 жылмен салыстырғанда: балл +0,06, қанағаттану деңгейі +1,5 п.т., 1 орынға жоғары"),
        ("en", "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place"),
    ],
)
def test_a_change_line_gives_both_deltas_and_the_move(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    change = book.change("moh", 2025)
    assert change is not None

    assert speak(language, change_line, change) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            f"По сравнению с 2024 годом: балл {MINUS}0,20, удовлетворённость {MINUS}3,0 п. п., "
            "вниз на 1 место",
        ),
        (
            "kk",
            f"2024 жылмен салыстырғанда: балл {MINUS}0,20, қанағаттану деңгейі {MINUS}3,0 п.т., "
            "1 орынға төмен",
        ),
        ("en", f"Since 2024: score {MINUS}0.20, satisfaction {MINUS}3.0 p.p., down 1 place"),
    ],
)
def test_a_fall_is_written_with_minus_signs(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    change = book.change("mes", 2025)
    assert change is not None

    assert speak(language, change_line, change) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "По сравнению с 2020 годом: балл +0,70, удовлетворённость +11,0 п. п."),
        ("kk", "2020 жылмен салыстырғанда: балл +0,70, қанағаттану деңгейі +11,0 п.т."),
        ("en", "Since 2020: score +0.70, satisfaction +11.0 p.p."),
    ],
)
def test_against_a_partial_year_the_change_line_has_no_move(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    change = book.change("moh", 2024)
    assert change is not None

    assert speak(language, change_line, change) == expected


# -- movers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "+3,7 п. п. (балл +0,30, вверх на 2 места)"),
        ("kk", "+3,7 п.т. (балл +0,30, 2 орынға жоғары)"),
        ("en", "+3.7 p.p. (score +0.30, up 2 places)"),
    ],
)
def test_a_movers_details_lead_with_the_points_it_is_ranked_by(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    change = book.change("mod", 2025)
    assert change is not None

    assert speak(language, mover_details, change) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "+10,0 п. п. (балл +0,70)"),
        ("kk", "+10,0 п.т. (балл +0,70)"),
        ("en", "+10.0 p.p. (score +0.70)"),
    ],
)
def test_a_movers_details_without_ranks_stop_at_the_score(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    change = book.change("mes", 2024)
    assert change is not None

    assert speak(language, mover_details, change) == expected
