"""A body's card: its full name, the latest complete year's place and figures, the change
since the year before, every year on record newest first, and buttons to follow it and to
open the whole rating."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, YearInfo
from bot.views.callbacks import Follow, RankPage
from bot.views.cards import card
from tests.unit.views.conftest import LANGUAGES, MINUS, NBSP, RATINGS, YEARS, Speaker, buttons, make_snapshot

FOOTNOTE = {
    "ru": "* иллюстративное значение, согласующееся с опубликованным отчётом, а не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін иллюстративтік мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
EVERY_YEAR = {
    "ru": "<b>Все годы с данными</b>",
    "kk": "<b>Деректері бар барлық жылдар</b>",
    "en": "<b>Every year on record</b>",
}
FOLLOW = {"ru": "🔔 Подписаться", "kk": "🔔 Жазылу", "en": "🔔 Follow"}
WHOLE_RATING = {"ru": "📊 Весь рейтинг", "kk": "📊 Толық рейтинг", "en": "📊 Whole rating"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство здравоохранения</b>",
                "",
                "<b>2025</b>: 1-е место из 3",
                "Балл: 4,86 из 5",
                "Удовлетворённость: 97,5{nbsp}%",
                "По сравнению с 2024 годом: балл +0,06, удовлетворённость +1,5 п. п., вверх на 1 место",
                "",
                "<b>Все годы с данными</b>",
                "2025: 4,86 · 97,5{nbsp}% · 1-е место из 3",
                "2024: 4,80 · 96{nbsp}% · 2-е место из 4",
                "2020: 4,10 · 85{nbsp}% · неполный список, без места",
            ],
        ),
        (
            "kk",
            [
                "<b>Денсаулық сақтау министрлігі</b>",
                "",
                "<b>2025</b>: 3 органның ішінде 1-орын",
                "Балл: 5-тен 4,86",
                "Қанағаттану деңгейі: 97,5%",
                "2024 жылмен салыстырғанда: балл +0,06, қанағаттану деңгейі +1,5 п.т., 1 орынға жоғары",
                "",
                "<b>Деректері бар барлық жылдар</b>",
                "2025: 4,86 · 97,5% · 3 органның ішінде 1-орын",
                "2024: 4,80 · 96% · 4 органның ішінде 2-орын",
                "2020: 4,10 · 85% · толық емес тізім, орны жоқ",
            ],
        ),
        (
            "en",
            [
                "<b>Ministry of Health</b>",
                "",
                "<b>2025</b>: rank 1 of 3",
                "Score: 4.86 of 5",
                "Satisfaction: 97.5%",
                "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place",
                "",
                "<b>Every year on record</b>",
                "2025: 4.86 · 97.5% · rank 1 of 3",
                "2024: 4.80 · 96% · rank 2 of 4",
                "2020: 4.10 · 85% · partial list, no rank",
            ],
        ),
    ],
)
def test_a_card_shows_the_latest_year_the_change_and_every_year_newest_first(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """moh: first in 2025, second in 2024, listed without a rank in the partial 2020; all
    its values are published, so there is no footnote."""
    screen = speak(language, card, snapshot, "moh")

    assert screen.text.split("\n") == [line.format(nbsp=NBSP) for line in expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство по чрезвычайным ситуациям</b>",
                "",
                "<b>2025</b>: 2-е место из 3",
                "Балл: 4,70* из 5",
                "Удовлетворённость: 95{nbsp}%",
                "По сравнению с 2024 годом: балл {minus}0,20, удовлетворённость {minus}3,0 п. п., "
                "вниз на 1 место",
                "",
                "<b>Все годы с данными</b>",
                "2025: 4,70* · 95{nbsp}% · 2-е место из 3",
                "2024: 4,90 · 98{nbsp}% · 1-е место из 4",
                "2020: 4,20 · 88{nbsp}% · неполный список, без места",
                "",
                "* иллюстративное значение, согласующееся с опубликованным отчётом, а не официальная цифра",
            ],
        ),
        (
            "kk",
            [
                "<b>Төтенше жағдайлар министрлігі</b>",
                "",
                "<b>2025</b>: 3 органның ішінде 2-орын",
                "Балл: 5-тен 4,70*",
                "Қанағаттану деңгейі: 95%",
                "2024 жылмен салыстырғанда: балл {minus}0,20, қанағаттану деңгейі {minus}3,0 п.т., "
                "1 орынға төмен",
                "",
                "<b>Деректері бар барлық жылдар</b>",
                "2025: 4,70* · 95% · 3 органның ішінде 2-орын",
                "2024: 4,90 · 98% · 4 органның ішінде 1-орын",
                "2020: 4,20 · 88% · толық емес тізім, орны жоқ",
                "",
                "* жарияланған есепке сәйкес келетін иллюстративтік мән, ресми көрсеткіш емес",
            ],
        ),
        (
            "en",
            [
                "<b>Ministry of Emergency Situations</b>",
                "",
                "<b>2025</b>: rank 2 of 3",
                "Score: 4.70* of 5",
                "Satisfaction: 95%",
                "Since 2024: score {minus}0.20, satisfaction {minus}3.0 p.p., down 1 place",
                "",
                "<b>Every year on record</b>",
                "2025: 4.70* · 95% · rank 2 of 3",
                "2024: 4.90 · 98% · rank 1 of 4",
                "2020: 4.20 · 88% · partial list, no rank",
                "",
                "* an illustrative value that fits the published report, not an official figure",
            ],
        ),
    ],
)
def test_an_illustrative_score_is_marked_and_explained_under_the_card(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, card, snapshot, "mes")

    assert screen.text.split("\n") == [line.format(nbsp=NBSP, minus=MINUS) for line in expected]


@pytest.mark.parametrize(
    ("language", "score", "satisfaction"),
    [
        ("ru", "Балл: 4,70 из 5", f"Удовлетворённость: 95{NBSP}%*"),
        ("kk", "Балл: 5-тен 4,70", "Қанағаттану деңгейі: 95%*"),
        ("en", "Score: 4.70 of 5", "Satisfaction: 95%*"),
    ],
)
def test_an_illustrative_satisfaction_is_marked_and_the_score_is_not(
    speak: Speaker, snapshot: Snapshot, language: str, score: str, satisfaction: str
) -> None:
    screen = speak(language, card, snapshot, "mod")
    text = screen.text.split("\n")

    assert text[3:5] == [score, satisfaction]
    assert text[-1] == FOOTNOTE[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Академия правосудия при Высшем Судебном Совете</b>",
                "",
                "В 2025 году не оценивался.",
                "",
                "<b>Все годы с данными</b>",
                "2024: 4,50 · 90{nbsp}% · 3-е место из 4",
            ],
        ),
        (
            "kk",
            [
                "<b>Жоғары Сот Кеңесі жанындағы Сот төрелігі академиясы</b>",
                "",
                "2025 жылы бағаланбаған.",
                "",
                "<b>Деректері бар барлық жылдар</b>",
                "2024: 4,50 · 90% · 4 органның ішінде 3-орын",
            ],
        ),
        (
            "en",
            [
                "<b>Academy of Justice under the Supreme Judicial Council</b>",
                "",
                "Not rated in 2025.",
                "",
                "<b>Every year on record</b>",
                "2024: 4.50 · 90% · rank 3 of 4",
            ],
        ),
    ],
)
def test_a_body_not_rated_in_the_latest_year_says_so_and_keeps_its_history(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, card, snapshot, "acj")

    assert screen.text.split("\n") == [line.format(nbsp=NBSP) for line in expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["<b>Министерство финансов</b>", "По этому госоргану пока нет данных рейтинга."]),
        ("kk", ["<b>Қаржы министрлігі</b>", "Бұл орган бойынша рейтинг деректері әзірге жоқ."]),
        ("en", ["<b>Ministry of Finance</b>", "No rating on record for this body yet."]),
    ],
)
def test_a_body_with_no_history_says_there_is_none_yet_and_can_still_be_followed(
    speak: Speaker, language: str, expected: list[str]
) -> None:
    snapshot = make_snapshot(YEARS, RATINGS, ["moh", "mod", "mes", "acj", "mof"])

    screen = speak(language, card, snapshot, "mof")

    assert screen.text.split("\n") == expected
    assert [Follow.unpack(buttons(screen)[0][0].callback_data or "")] == [Follow(topic="mof")]
    assert [b.text for b in buttons(screen)[0]] == [FOLLOW[language], WHOLE_RATING[language]]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", ["moh", "mes", "mod", "acj"])
def test_the_card_can_follow_the_body_and_open_the_latest_whole_rating(
    speak: Speaker, snapshot: Snapshot, language: str, slug: str
) -> None:
    screen = speak(language, card, snapshot, slug)

    [[follow, whole]] = buttons(screen)
    assert (follow.text, whole.text) == (FOLLOW[language], WHOLE_RATING[language])
    assert Follow.unpack(follow.callback_data or "") == Follow(topic=slug)
    assert RankPage.unpack(whole.callback_data or "") == RankPage(year=2025, page=0)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство здравоохранения</b>",
                "",
                EVERY_YEAR["ru"],
                f"2020: 4,10 · 85{NBSP}% · неполный список, без места",
            ],
        ),
        (
            "kk",
            [
                "<b>Денсаулық сақтау министрлігі</b>",
                "",
                EVERY_YEAR["kk"],
                "2020: 4,10 · 85% · толық емес тізім, орны жоқ",
            ],
        ),
        (
            "en",
            ["<b>Ministry of Health</b>", "", EVERY_YEAR["en"], "2020: 4.10 · 85% · partial list, no rank"],
        ),
    ],
)
def test_with_only_a_partial_year_the_card_lists_it_without_a_rank_or_a_whole_rating_button(
    speak: Speaker, language: str, expected: list[str]
) -> None:
    snapshot = make_snapshot([YEARS[0]], [r for r in RATINGS if r.year == 2020])

    screen = speak(language, card, snapshot, "moh")

    assert screen.text.split("\n") == expected
    [[follow]] = buttons(screen)
    assert Follow.unpack(follow.callback_data or "") == Follow(topic="moh")


def test_a_card_follows_the_latest_complete_year_not_the_newest_data(speak: Speaker) -> None:
    """A partial 2026 on top of a complete 2025: the card leads with 2025 and lists 2026 unranked."""
    years = [*YEARS, YearInfo(2026, True, "early figures", 4)]
    ratings = [*RATINGS, Rating(2026, "moh", 4.95, 99.0)]
    snapshot = make_snapshot(years, ratings)

    text = speak("en", card, snapshot, "moh").text.split("\n")

    assert text[2] == "<b>2025</b>: rank 1 of 3"
    assert text[8:10] == ["2026: 4.95 · 99% · partial list, no rank", "2025: 4.86 · 97.5% · rank 1 of 3"]
