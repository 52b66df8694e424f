"""A body's place, figures and change as short phrases, the pieces cards, lists and
notifications are made of: each in the reader's language, with its plural forms, and with
the mark wherever a value, or a difference or a place worked out from one, is illustrative."""

from __future__ import annotations

import pytest

from bot.domain.ratings import Change, RatingBook, Standing
from bot.views.figures import change_line, figures, movement_text, mover_details, position_text
from tests.unit.views.conftest import LANGUAGES, MINUS, NBSP, Speaker


def standing(book: RatingBook, slug: str, year: int) -> Standing:
    found = book.standing(slug, year)
    assert found is not None, f"{slug} is not rated in {year}"
    return found


def change(book: RatingBook, slug: str, year: int) -> Change:
    found = book.change(slug, year)
    assert found is not None, f"{slug} has no change in {year}"
    return found


def moved(gained: int | None, *, illustrative: bool = False) -> Change:
    """A change of ``gained`` places (None: one of the years has no ranks), between lists
    that hold an illustrative value when ``illustrative``."""
    previous = None if gained is None else 30
    position = None if gained is None else 30 - gained
    return Change("moh", 2025, 2024, 0.0, 0.0, position, previous, positions_illustrative=illustrative)


def unchanged(*, score_illustrative: bool = False, satisfaction_illustrative: bool = False) -> Change:
    """Neither figure moved (or by less than is shown); the place neither."""
    return Change(
        "moh",
        2025,
        2024,
        0.004,
        -0.04,
        3,
        3,
        score_illustrative=score_illustrative,
        satisfaction_illustrative=satisfaction_illustrative,
    )


# -- position ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "2-е место из 4"), ("kk", "4 органның ішінде 2-орын"), ("en", "rank 2 of 4")],
)
def test_a_ranked_year_gives_the_place_and_how_many_were_rated(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    """2024: every value published, so the place carries no mark."""
    assert speak(language, position_text, standing(book, "moh", 2024)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1*-е место из 3"), ("kk", "3 органның ішінде 1*-орын"), ("en", "rank 1* of 3")],
)
def test_a_place_in_a_list_that_holds_an_illustrative_value_is_marked(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    """moh's own 2025 values are published, but its place depends on mes's and mod's."""
    assert speak(language, position_text, standing(book, "moh", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "делит 2*-е место из 3"),
        ("kk", "3 органның ішінде 2*-орын (басқалармен ортақ)"),
        ("en", "rank 2* of 3 (tied)"),
    ],
)
def test_tied_bodies_share_their_place_and_say_so(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    assert speak(language, position_text, standing(book, "mes", 2025)) == expected
    assert speak(language, position_text, standing(book, "mod", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "неполный список, без места"),
        ("kk", "толық емес тізім, орын берілмеген"),
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
        ("kk", 1, "1 орынға көтерілді"),
        ("kk", 2, "2 орынға көтерілді"),
        ("kk", -5, "5 орынға төмендеді"),
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
    ("language", "gained", "expected"),
    [
        ("ru", 2, "вверх на 2 места*"),
        ("kk", -1, "1 орынға төмендеді*"),
        ("en", 3, "up 3 places*"),
        ("en", 0, "same place*"),
    ],
)
def test_a_move_between_lists_with_an_illustrative_value_is_marked(
    speak: Speaker, language: str, gained: int, expected: str
) -> None:
    assert speak(language, movement_text, moved(gained, illustrative=True)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "место не изменилось"), ("kk", "орны өзгерген жоқ"), ("en", "same place")],
)
def test_no_move_is_the_same_place(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, movement_text, moved(0)) == expected


@pytest.mark.parametrize("language", LANGUAGES)
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
        ("ru", f"4,70* · 95,0{NBSP}%", f"4,70 · 95,0{NBSP}%*"),
        ("kk", "4,70* · 95,0%", "4,70 · 95,0%*"),
        ("en", "4.70* · 95.0%", "4.70 · 95.0%*"),
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
        (
            "ru",
            "По сравнению с 2024 годом: балл +0,06, доля удовлетворённых +1,5 п. п., вверх на 1 место*",
        ),
        (
            "kk",
            "2024 жылмен салыстырғанда: балл +0,06, қанағаттанғандар үлесі +1,5 п.т., 1 орынға көтерілді*",
        ),
        ("en", "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place*"),
    ],
)
def test_a_change_line_gives_both_deltas_and_the_move(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    """moh's own values are published in both years, so only the move (between places in a
    2025 list that holds illustrative values) carries the mark."""
    assert speak(language, change_line, change(book, "moh", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            f"По сравнению с 2024 годом: балл {MINUS}0,20*, доля удовлетворённых {MINUS}3,0 п. п., "
            "вниз на 1 место*",
        ),
        (
            "kk",
            f"2024 жылмен салыстырғанда: балл {MINUS}0,20*, қанағаттанғандар үлесі {MINUS}3,0 п.т., "
            "1 орынға төмендеді*",
        ),
        ("en", f"Since 2024: score {MINUS}0.20*, satisfaction {MINUS}3.0 p.p., down 1 place*"),
    ],
)
def test_a_fall_is_written_with_minus_signs_and_a_difference_from_an_illustrative_value_is_marked(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    """mes: its 2025 score is illustrative, so the score's change is too; its share is not."""
    assert speak(language, change_line, change(book, "mes", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "По сравнению с 2024 годом: балл не изменился, доля удовлетворённых не изменилась, "
            "место не изменилось",
        ),
        (
            "kk",
            "2024 жылмен салыстырғанда: балл өзгерген жоқ, қанағаттанғандар үлесі өзгерген жоқ, "
            "орны өзгерген жоқ",
        ),
        ("en", "Since 2024: score unchanged, satisfaction unchanged, same place"),
    ],
)
def test_what_did_not_change_is_said_in_words_not_as_a_zero(
    speak: Speaker, language: str, expected: str
) -> None:
    assert speak(language, change_line, unchanged()) == expected


def test_an_unchanged_figure_worked_out_from_an_illustrative_value_is_marked(speak: Speaker) -> None:
    line = speak("ru", change_line, unchanged(score_illustrative=True, satisfaction_illustrative=True))

    assert line == (
        "По сравнению с 2024 годом: балл не изменился*, доля удовлетворённых не изменилась*, "
        "место не изменилось"
    )


# -- movers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "+3,7* п. п. (балл +0,30, вверх на 2 места*)"),
        ("kk", "+3,7* п.т. (балл +0,30, 2 орынға көтерілді*)"),
        ("en", "+3.7* p.p. (score +0.30, up 2 places*)"),
    ],
)
def test_a_movers_details_lead_with_the_points_it_is_ranked_by(
    speak: Speaker, book: RatingBook, language: str, expected: str
) -> None:
    """mod: its 2025 share is illustrative, so the p.p. it is ranked by carry the mark."""
    assert speak(language, mover_details, change(book, "mod", 2025)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "+2,0 п. п. (балл не изменился, место не изменилось)"),
        ("kk", "+2,0 п.т. (балл өзгерген жоқ, орны өзгерген жоқ)"),
        ("en", "+2.0 p.p. (score unchanged, same place)"),
    ],
)
def test_a_movers_details_say_an_unchanged_score_in_words(
    speak: Speaker, language: str, expected: str
) -> None:
    riser = Change("moh", 2025, 2024, 0.0, 2.0, 3, 3)

    assert speak(language, mover_details, riser) == expected
