"""One Latin skeleton for every way of writing a name, and the other keyboard layout."""

from __future__ import annotations

import pytest

from bot.domain.scripts import layout_swaps, skeleton, skeleton_texts

# Spellings of one word that must meet: Cyrillic, Kazakh Latin 2021, 2018, plain ASCII,
# Russian informal translit and the ICAO passport form.
SAME_WORD = [
    ("Сыртқы", "Syrtqy", "Sırtqı", "Syrtky", "sirtki"),
    ("Әділет", "Ädilet", "Ádilet", "Adilet"),
    ("Ұлттық", "Ūlttyq", "Ulttyq", "Ulttyk", "Ultyq"),
    ("ҰҚК", "ŪQK", "UQK", "UKK"),
    ("Қорғаныс", "Qorğanys", "Qorǵanys", "Qorghanys", "Korganys"),
    ("Төтенше", "Tötenşe", "Tótenshe", "Totenshe"),
    ("шаруашылығы", "şaruaşylyğy", "sharýashylyǵy", "sharuashylyghy", "sharuashylygy"),
    ("Минюст", "minjust", "minyust", "miniust"),
    ("Минсельхоз", "minselhoz", "minselkhoz"),
    ("Нацбанк", "nacbank", "natsbank"),
    ("юстиции", "yustitsii", "iustitsii"),
    ("здравоохранения", "zdravoohraneniya", "zdravookhraneniia"),
    ("чрезвычайным", "chrezvychainym", "chrezvychaynym"),
]


@pytest.mark.parametrize("spellings", SAME_WORD, ids=[row[0] for row in SAME_WORD])
def test_every_spelling_of_a_word_has_one_skeleton(spellings: tuple[str, ...]) -> None:
    expected = skeleton_texts([spellings[0].casefold()])
    for spelling in spellings[1:]:
        assert expected[0] in skeleton_texts([skeleton(spelling)]), spelling


def test_apostrophe_letters_of_2017_are_spelled_out() -> None:
    assert skeleton("to'tens'e") == skeleton("төтенше")


def test_generic_words_become_a_kind_and_numbers_go() -> None:
    assert skeleton_texts(["ministerstvo", "oborony", "2024"]) == ("ministry oboroni",)
    assert skeleton_texts(["министрлігі"]) == ("ministry",)
    assert skeleton_texts(["agenttigi"]) == ("agency",)


def test_a_latin_j_is_read_both_as_zh_and_as_short_i() -> None:
    assert skeleton_texts(["minjust"]) == ("minjust", "miniust")
    assert skeleton_texts(["jasandy"]) == ("jasandi", "iasandi")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("vbyj,jhjys", "минобороны"),
        ("ry,", "кнб"),
        ("VXC", "МЧС"),
        ("0fh;s", "қаржы"),  # the Kazakh layout's digit row: қ on 0
        ("9r0", "ұкқ"),
        ("vbyplhfd 2024", "минздрав 2024"),  # a year stays a year
        ("ьштогые", "minjust"),
        ("Ьштшыекн ща Руфдер", "Ministry of Health"),
        ("ҰҚК", "90R"),
    ],
)
def test_layout_swaps(typed: str, meant: str) -> None:
    assert layout_swaps(typed) == (meant,)


def test_mixed_or_empty_text_has_no_other_layout() -> None:
    assert layout_swaps("минздрав health") == ()
    assert layout_swaps("2024") == ()
