"""A body's card: its full name, the latest complete year's place and figures (or those of
the year asked for), the change since the year before, every year on record newest first,
and buttons to follow it and to open the whole rating below it."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, Source, YearInfo
from bot.views.callbacks import Chart, Follow, RankPage
from bot.views.cards import card
from tests.unit.views.conftest import LANGUAGES, MINUS, NBSP, RATINGS, YEARS, Speaker, buttons, make_snapshot

FOOTNOTE = {
    "ru": "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
EVERY_YEAR = {
    "ru": "<b>Все годы с данными</b>",
    "kk": "<b>Деректері бар барлық жылдар</b>",
    "en": "<b>Every year on record</b>",
}
FOLLOW = {"ru": "🔔 Подписаться", "kk": "🔔 Жазылу", "en": "🔔 Follow"}
WHOLE_RATING = {"ru": "📊 Весь рейтинг", "kk": "📊 Толық рейтинг", "en": "📊 Whole rating"}
CHART = {"ru": "📈 График", "kk": "📈 График", "en": "📈 Chart"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство здравоохранения</b>",
                "",
                "<b>2025</b>: 1*-е место из 3",
                "Балл: 4,86 из 5",
                "Доля удовлетворённых: 97,5{nbsp}%",
                "По сравнению с 2024 годом: балл +0,06, доля удовлетворённых +1,5 п. п., вверх на 1 место*",
                "",
                "<b>Все годы с данными</b>",
                "2025: 4,86 · 97,5{nbsp}% · 1*-е место из 3",
                "2024: 4,80 · 96,0{nbsp}% · 2-е место из 4",
                "2020: 4,10 · 85,0{nbsp}% · неполный список, без места",
                "",
                FOOTNOTE["ru"],
            ],
        ),
        (
            "kk",
            [
                "<b>Денсаулық сақтау министрлігі</b>",
                "",
                "<b>2025</b>: 3 органның ішінде 1*-орын",
                "Балл: 4,86 (5 балдан)",
                "Қанағаттанғандар үлесі: 97,5%",
                "2024 жылмен салыстырғанда: балл +0,06, қанағаттанғандар үлесі +1,5 п.т., "
                "1 орынға көтерілді*",
                "",
                "<b>Деректері бар барлық жылдар</b>",
                "2025: 4,86 · 97,5% · 3 органның ішінде 1*-орын",
                "2024: 4,80 · 96,0% · 4 органның ішінде 2-орын",
                "2020: 4,10 · 85,0% · толық емес тізім, орын берілмеген",
                "",
                FOOTNOTE["kk"],
            ],
        ),
        (
            "en",
            [
                "<b>Ministry of Health</b>",
                "",
                "<b>2025</b>: rank 1* of 3",
                "Score: 4.86 out of 5",
                "Satisfaction: 97.5%",
                "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place*",
                "",
                "<b>Every year on record</b>",
                "2025: 4.86 · 97.5% · rank 1* of 3",
                "2024: 4.80 · 96.0% · rank 2 of 4",
                "2020: 4.10 · 85.0% · partial list, no rank",
                "",
                FOOTNOTE["en"],
            ],
        ),
    ],
)
def test_a_card_shows_the_latest_year_the_change_and_every_year_newest_first(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """moh: first in 2025, second in 2024, listed without a rank in the partial 2020. Its
    own values are all published, but its 2025 place (and so its move) is worked out from
    a list that holds illustrative values: those carry the mark, and the footnote follows."""
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
                "<b>2025</b>: делит 2*-е место из 3",
                "Балл: 4,70* из 5",
                "Доля удовлетворённых: 95,0{nbsp}%",
                "По сравнению с 2024 годом: балл {minus}0,20*, доля удовлетворённых {minus}3,0 п. п., "
                "вниз на 1 место*",
                "",
                "<b>Все годы с данными</b>",
                "2025: 4,70* · 95,0{nbsp}% · делит 2*-е место из 3",
                "2024: 4,90 · 98,0{nbsp}% · 1-е место из 4",
                "2020: 4,20 · 88,0{nbsp}% · неполный список, без места",
                "",
                FOOTNOTE["ru"],
            ],
        ),
        (
            "kk",
            [
                "<b>Төтенше жағдайлар министрлігі</b>",
                "",
                "<b>2025</b>: 3 органның ішінде 2*-орын (басқалармен ортақ)",
                "Балл: 4,70* (5 балдан)",
                "Қанағаттанғандар үлесі: 95,0%",
                "2024 жылмен салыстырғанда: балл {minus}0,20*, қанағаттанғандар үлесі {minus}3,0 п.т., "
                "1 орынға төмендеді*",
                "",
                "<b>Деректері бар барлық жылдар</b>",
                "2025: 4,70* · 95,0% · 3 органның ішінде 2*-орын (басқалармен ортақ)",
                "2024: 4,90 · 98,0% · 4 органның ішінде 1-орын",
                "2020: 4,20 · 88,0% · толық емес тізім, орын берілмеген",
                "",
                FOOTNOTE["kk"],
            ],
        ),
        (
            "en",
            [
                "<b>Ministry of Emergency Situations</b>",
                "",
                "<b>2025</b>: rank 2* of 3 (tied)",
                "Score: 4.70* out of 5",
                "Satisfaction: 95.0%",
                "Since 2024: score {minus}0.20*, satisfaction {minus}3.0 p.p., down 1 place*",
                "",
                "<b>Every year on record</b>",
                "2025: 4.70* · 95.0% · rank 2* of 3 (tied)",
                "2024: 4.90 · 98.0% · rank 1 of 4",
                "2020: 4.20 · 88.0% · partial list, no rank",
                "",
                FOOTNOTE["en"],
            ],
        ),
    ],
)
def test_an_illustrative_score_is_marked_with_its_change_and_a_shared_place_says_so(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """mes: its 2025 score is illustrative, so is the change of score worked out from it; it
    shares second place with mod."""
    screen = speak(language, card, snapshot, "mes")

    assert screen.text.split("\n") == [line.format(nbsp=NBSP, minus=MINUS) for line in expected]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "Балл: 4,70 из 5",
                f"Доля удовлетворённых: 95,0{NBSP}%*",
                "По сравнению с 2024 годом: балл +0,30, доля удовлетворённых +3,7* п. п., вверх на 2 места*",
            ],
        ),
        (
            "kk",
            [
                "Балл: 4,70 (5 балдан)",
                "Қанағаттанғандар үлесі: 95,0%*",
                "2024 жылмен салыстырғанда: балл +0,30, қанағаттанғандар үлесі +3,7* п.т., "
                "2 орынға көтерілді*",
            ],
        ),
        (
            "en",
            [
                "Score: 4.70 out of 5",
                "Satisfaction: 95.0%*",
                "Since 2024: score +0.30, satisfaction +3.7* p.p., up 2 places*",
            ],
        ),
    ],
)
def test_an_illustrative_satisfaction_is_marked_with_its_change_and_the_score_is_not(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """mod: score, satisfaction and the change since 2024 (lines 4 to 6 of its card)."""
    screen = speak(language, card, snapshot, "mod")
    text = screen.text.split("\n")

    assert text[3:6] == expected
    assert text[-1] == FOOTNOTE[language]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Академия правосудия при Высшем Судебном Совете</b>",
                "",
                "В рейтинге 2025 года нет.",
                "",
                "<b>Все годы с данными</b>",
                "2024: 4,50 · 90,0{nbsp}% · 3-е место из 4",
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
                "2024: 4,50 · 90,0% · 4 органның ішінде 3-орын",
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
                "2024: 4.50 · 90.0% · rank 3 of 4",
            ],
        ),
    ],
)
def test_a_body_not_rated_in_the_latest_year_says_so_and_keeps_its_history(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """acj: rated in the published 2024 only; no mark is shown, so there is no footnote."""
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

    [follow, chart, whole], *_ = buttons(screen)  # then Share: tests/unit/views/test_sharing.py
    assert (follow.text, chart.text) == (FOLLOW[language], CHART[language])
    assert whole.text == WHOLE_RATING[language]
    assert Follow.unpack(follow.callback_data or "") == Follow(topic=slug)
    assert Chart.unpack(chart.callback_data or "") == Chart(kind="history", subject=slug)
    assert RankPage.unpack(whole.callback_data or "") == RankPage(year=2025, page=0, fresh=True)


def test_the_whole_rating_under_a_card_opens_below_it_and_keeps_the_card(
    speak: Speaker, snapshot: Snapshot
) -> None:
    """``fresh``: the list is sent as a new message, the card stays where it is."""
    [_, _, whole], *_ = buttons(speak("en", card, snapshot, "moh"))

    assert RankPage.unpack(whole.callback_data or "").fresh is True


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство здравоохранения</b>",
                "",
                EVERY_YEAR["ru"],
                f"2020: 4,10 · 85,0{NBSP}% · неполный список, без места",
            ],
        ),
        (
            "kk",
            [
                "<b>Денсаулық сақтау министрлігі</b>",
                "",
                EVERY_YEAR["kk"],
                "2020: 4,10 · 85,0% · толық емес тізім, орын берілмеген",
            ],
        ),
        (
            "en",
            ["<b>Ministry of Health</b>", "", EVERY_YEAR["en"], "2020: 4.10 · 85.0% · partial list, no rank"],
        ),
    ],
)
def test_with_only_a_partial_year_the_card_lists_it_without_a_rank_or_a_whole_rating_button(
    speak: Speaker, language: str, expected: list[str]
) -> None:
    snapshot = make_snapshot([YEARS[0]], [r for r in RATINGS if r.year == 2020])

    screen = speak(language, card, snapshot, "moh")

    assert screen.text.split("\n") == expected
    [follow, chart], *_ = buttons(screen)
    assert Follow.unpack(follow.callback_data or "") == Follow(topic="moh")
    assert Chart.unpack(chart.callback_data or "") == Chart(kind="history", subject="moh")


def test_a_card_follows_the_latest_complete_year_not_the_newest_data(speak: Speaker) -> None:
    """A partial 2026 on top of a complete 2025: the card leads with 2025 and lists 2026 unranked."""
    years = [*YEARS, YearInfo(2026, True, Source("early figures"), 4)]
    ratings = [*RATINGS, Rating(2026, "moh", 4.95, 99.0)]
    snapshot = make_snapshot(years, ratings)

    text = speak("en", card, snapshot, "moh").text.split("\n")

    assert text[2] == "<b>2025</b>: rank 1* of 3"
    assert text[8:10] == ["2026: 4.95 · 99.0% · partial list, no rank", "2025: 4.86 · 97.5% · rank 1* of 3"]


# -- a card at a year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Министерство здравоохранения</b>",
                "",
                "<b>2024</b>: 2-е место из 4",
                "Балл: 4,80 из 5",
                f"Доля удовлетворённых: 96,0{NBSP}%",
                "",
                EVERY_YEAR["ru"],
            ],
        ),
        (
            "kk",
            [
                "<b>Денсаулық сақтау министрлігі</b>",
                "",
                "<b>2024</b>: 4 органның ішінде 2-орын",
                "Балл: 4,80 (5 балдан)",
                "Қанағаттанғандар үлесі: 96,0%",
                "",
                EVERY_YEAR["kk"],
            ],
        ),
        (
            "en",
            [
                "<b>Ministry of Health</b>",
                "",
                "<b>2024</b>: rank 2 of 4",
                "Score: 4.80 out of 5",
                "Satisfaction: 96.0%",
                "",
                EVERY_YEAR["en"],
            ],
        ),
    ],
)
def test_a_card_asked_for_a_year_leads_with_that_year(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """ "минздрав 2024": 2024 leads. 2023 has no complete list here (only the partial 2020
    comes before), so no change is claimed; the history is the same as ever."""
    screen = speak(language, card, snapshot, "moh", 2024)

    text = screen.text.split("\n")
    assert text[: len(expected)] == expected
    assert text[len(expected) :] == speak(language, card, snapshot, "moh").text.split("\n")[8:]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Рейтинга за 2030 год нет. Есть данные за: 2025, 2024, 2020."),
        ("kk", "2030 жылғы рейтинг жоқ. Деректері бар жылдар: 2025, 2024, 2020."),
        ("en", "There is no rating for 2030. Years on record: 2025, 2024, 2020."),
    ],
)
def test_a_card_asked_for_a_year_not_on_record_says_which_years_there_are(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    text = speak(language, card, snapshot, "moh", 2030).text.split("\n")

    assert text[:4] == [text[0], "", expected, ""]
    assert text[4] == EVERY_YEAR[language]


def test_a_card_at_a_partial_year_gives_its_figures_without_a_place_or_a_change(
    speak: Speaker, snapshot: Snapshot
) -> None:
    text = speak("en", card, snapshot, "moh", 2020).text.split("\n")

    assert text[2:6] == [
        "<b>2020</b>: partial list, no rank",
        "Score: 4.10 out of 5",
        "Satisfaction: 85.0%",
        "",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "В рейтинге 2020 года нет."), ("kk", "2020 жылы бағаланбаған."), ("en", "Not rated in 2020.")],
)
def test_a_card_at_a_year_that_did_not_rate_the_body_says_so(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    text = speak(language, card, snapshot, "acj", 2020).text.split("\n")

    assert text[2] == expected


def test_a_card_of_published_values_only_has_no_mark_and_no_footnote(speak: Speaker) -> None:
    years = [YearInfo(2024, False, Source("a"), 1), YearInfo(2025, False, Source("b"), 2)]
    ratings = [
        Rating(2024, "moh", 4.0, 90.0),
        Rating(2024, "mes", 4.5, 95.0),
        Rating(2025, "moh", 4.6, 96.0),
        Rating(2025, "mes", 4.5, 95.0),
    ]

    text = speak("en", card, make_snapshot(years, ratings), "moh").text

    assert text.split("\n")[2:6] == [
        "<b>2025</b>: rank 1 of 2",
        "Score: 4.60 out of 5",
        "Satisfaction: 96.0%",
        "Since 2024: score +0.60, satisfaction +6.0 p.p., up 1 place",
    ]
    assert "*" not in text
    assert text.split("\n")[-1] == "2024: 4.00 · 90.0% · rank 2 of 2"
