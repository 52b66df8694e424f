"""A new-rating notification: a follower of everything reads the top and bottom three and
the biggest moves, a follower of a body reads that body's lines, a correction says the
figures changed; the footnote when the year holds an illustrative value, and a button to
the whole list only when the year has one."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import ALL, Delivery
from bot.views.callbacks import RankPage
from bot.views.notifications import body_lines, notification, summary
from tests.unit.views.conftest import AGENCIES, LANGUAGES, MINUS, NBSP, Speaker, buttons, labels

FOOTNOTE = {
    "ru": "* иллюстративное значение, согласующееся с опубликованным отчётом, а не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін иллюстративтік мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
OUT = {
    "ru": "<b>🔔 Опубликован рейтинг за {year} год</b>",
    "kk": "<b>🔔 {year} жылғы рейтинг жарияланды</b>",
    "en": "<b>🔔 The {year} rating is out</b>",
}
TOP = {"ru": "<b>Первая тройка</b>", "kk": "<b>Алғашқы үштік</b>", "en": "<b>Top three</b>"}
BOTTOM = {"ru": "<b>Последняя тройка</b>", "kk": "<b>Соңғы үштік</b>", "en": "<b>Bottom three</b>"}
WHOLE_RATING = {"ru": "📊 Весь рейтинг", "kk": "📊 Толық рейтинг", "en": "📊 Whole rating"}


def delivery(year: int, *topics: str, kind: str = "new") -> Delivery:
    return Delivery(
        id=1,
        release_id=1,
        year=year,
        chat_id=1,
        kind=kind,
        topics=topics or (ALL,),
        language="ru",
        attempts=0,
    )


SUMMARY_2025 = {
    "ru": [
        "",
        "<b>Первая тройка</b>",
        "1. Минздрав — 4,86 · 97,5{nbsp}%",
        "2. МЧС — 4,70* · 95{nbsp}%",
        "2. Минобороны — 4,70 · 95{nbsp}%*",
        "",
        "<b>Выросли</b>",
        "1. Минобороны — +3,7 п. п. (балл +0,30, вверх на 2 места)",
        "2. Минздрав — +1,5 п. п. (балл +0,06, вверх на 1 место)",
        "",
        "<b>Снизились</b>",
        "1. МЧС — {minus}3,0 п. п. (балл {minus}0,20, вниз на 1 место)",
    ],
    "kk": [
        "",
        "<b>Алғашқы үштік</b>",
        "1. Денсаулық сақтау — 4,86 · 97,5%",
        "2. Төтенше жағдайлар — 4,70* · 95%",
        "2. Қорғаныс — 4,70 · 95%*",
        "",
        "<b>Өскендер</b>",
        "1. Қорғаныс — +3,7 п.т. (балл +0,30, 2 орынға жоғары)",
        "2. Денсаулық сақтау — +1,5 п.т. (балл +0,06, 1 орынға жоғары)",
        "",
        "<b>Түскендер</b>",
        "1. Төтенше жағдайлар — {minus}3,0 п.т. (балл {minus}0,20, 1 орынға төмен)",
    ],
    "en": [
        "",
        "<b>Top three</b>",
        "1. Health — 4.86 · 97.5%",
        "2. Emergency Situations — 4.70* · 95%",
        "2. Defence — 4.70 · 95%*",
        "",
        "<b>Risers</b>",
        "1. Defence — +3.7 p.p. (score +0.30, up 2 places)",
        "2. Health — +1.5 p.p. (score +0.06, up 1 place)",
        "",
        "<b>Fallers</b>",
        "1. Emergency Situations — {minus}3.0 p.p. (score {minus}0.20, down 1 place)",
    ],
}
HEALTH_2025 = {
    "ru": [
        "<b>Министерство здравоохранения</b>",
        "1-е место из 3 · 4,86 · 97,5{nbsp}%",
        "По сравнению с 2024 годом: балл +0,06, удовлетворённость +1,5 п. п., вверх на 1 место",
    ],
    "kk": [
        "<b>Денсаулық сақтау министрлігі</b>",
        "3 органның ішінде 1-орын · 4,86 · 97,5%",
        "2024 жылмен салыстырғанда: балл +0,06, қанағаттану деңгейі +1,5 п.т., 1 орынға жоғары",
    ],
    "en": [
        "<b>Ministry of Health</b>",
        "rank 1 of 3 · 4.86 · 97.5%",
        "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place",
    ],
}


def filled(lines: list[str]) -> list[str]:
    return [line.format(nbsp=NBSP, minus=MINUS) for line in lines]


# -- a new year -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follower_of_everything_gets_the_top_three_and_the_movers(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, ALL))

    assert screen.text.split("\n") == [
        OUT[language].format(year=2025),
        *filled(SUMMARY_2025[language]),
        "",
        FOOTNOTE[language],
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follower_of_one_body_gets_its_place_figures_and_change(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, "moh"))

    assert screen.text.split("\n") == [
        OUT[language].format(year=2025),
        "",
        *filled(HEALTH_2025[language]),
        "",
        FOOTNOTE[language],
    ]
    assert TOP[language] not in screen.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follower_of_everything_and_of_a_body_gets_both_in_one_message(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, ALL, "moh"))

    assert screen.text.split("\n") == [
        OUT[language].format(year=2025),
        *filled(SUMMARY_2025[language]),
        "",
        *filled(HEALTH_2025[language]),
        "",
        FOOTNOTE[language],
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["<b>Академия правосудия при Высшем Судебном Совете</b>", "В 2025 году не оценивался."]),
        ("kk", ["<b>Жоғары Сот Кеңесі жанындағы Сот төрелігі академиясы</b>", "2025 жылы бағаланбаған."]),
        ("en", ["<b>Academy of Justice under the Supreme Judicial Council</b>", "Not rated in 2025."]),
    ],
)
def test_a_followed_body_missing_from_the_year_is_said_not_rated(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, "acj"))

    assert screen.text.split("\n")[2:4] == expected


def test_a_topic_the_list_no_longer_names_is_left_out(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", notification, snapshot, delivery(2025, "gone"))

    assert screen.text.split("\n") == ["<b>🔔 The 2025 rating is out</b>", "", FOOTNOTE["en"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_ranked_year_has_a_button_to_its_whole_list_and_no_follow_button(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, ALL, "moh"))

    assert labels(screen) == [[WHOLE_RATING[language]]]
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(year=2025, page=0)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>🔔 Опубликован рейтинг за 2024 год</b>",
                "",
                "<b>Министерство здравоохранения</b>",
                f"2-е место из 4 · 4,80 · 96{NBSP}%",
                "По сравнению с 2020 годом: балл +0,70, удовлетворённость +11,0 п. п.",
            ],
        ),
        (
            "kk",
            [
                "<b>🔔 2024 жылғы рейтинг жарияланды</b>",
                "",
                "<b>Денсаулық сақтау министрлігі</b>",
                "4 органның ішінде 2-орын · 4,80 · 96%",
                "2020 жылмен салыстырғанда: балл +0,70, қанағаттану деңгейі +11,0 п.т.",
            ],
        ),
        (
            "en",
            [
                "<b>🔔 The 2024 rating is out</b>",
                "",
                "<b>Ministry of Health</b>",
                "rank 2 of 4 · 4.80 · 96%",
                "Since 2020: score +0.70, satisfaction +11.0 p.p.",
            ],
        ),
    ],
)
def test_a_year_of_published_values_has_no_footnote(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, notification, snapshot, delivery(2024, "moh"))

    assert screen.text.split("\n") == expected
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(year=2024, page=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partial_year_has_no_button_to_a_whole_list(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, notification, snapshot, delivery(2020, ALL, "moh"))

    assert screen.text.split("\n")[0] == OUT[language].format(year=2020)
    assert screen.markup is None


def test_a_long_year_also_gets_the_bottom_three_numbered_by_their_place(
    speak: Speaker, long_book_snapshot: Snapshot
) -> None:
    """25 bodies, each 0.05 points and 1 % below the one before; the 25th score is illustrative."""
    slugs = list(AGENCIES)[22:25]
    lines = speak("en", notification, long_book_snapshot, delivery(2025, ALL)).text.split("\n")

    bottom = lines.index(BOTTOM["en"])
    assert lines[bottom + 1 : bottom + 4] == [
        f"23. {AGENCIES[slugs[0]].short_name('en')} — 3.80 · 77%",
        f"24. {AGENCIES[slugs[1]].short_name('en')} — 3.75 · 76%",
        f"25. {AGENCIES[slugs[2]].short_name('en')} — 3.70* · 75%",
    ]
    assert lines.index(TOP["en"]) < bottom


@pytest.mark.parametrize(
    ("language", "figures"), [("ru", f"3,70* · 75{NBSP}%"), ("kk", "3,70* · 75%"), ("en", "3.70* · 75%")]
)
def test_the_bottom_three_are_headed_and_written_in_the_readers_language(
    speak: Speaker, long_book_snapshot: Snapshot, language: str, figures: str
) -> None:
    lines = speak(language, notification, long_book_snapshot, delivery(2025, ALL)).text.split("\n")

    bottom = lines.index(BOTTOM[language])
    last = AGENCIES[list(AGENCIES)[24]].short_name(language)
    assert lines[bottom + 3] == f"25. {last} — {figures}"


def test_a_short_year_has_no_bottom_three(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("en", notification, snapshot, delivery(2025, ALL)).text

    assert BOTTOM["en"] not in text


# -- a correction -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>✏️ Рейтинг за 2025 год исправлен</b>",
                "Показатели обновлены; актуальный список — в /rank 2025.",
            ],
        ),
        (
            "kk",
            [
                "<b>✏️ 2025 жылғы рейтинг түзетілді</b>",
                "Көрсеткіштер жаңартылды; өзекті тізімді /rank 2025 командасынан көріңіз.",
            ],
        ),
        (
            "en",
            [
                "<b>✏️ The 2025 rating was corrected</b>",
                "The figures have been updated; /rank 2025 shows the list as it is now.",
            ],
        ),
    ],
)
def test_a_correction_says_so_and_skips_the_summary_even_for_followers_of_everything(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, notification, snapshot, delivery(2025, ALL, "moh", kind="corrected"))

    assert screen.text.split("\n") == [*expected, "", *filled(HEALTH_2025[language]), "", FOOTNOTE[language]]
    assert TOP[language] not in screen.text
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(year=2025, page=0)


# -- the parts --------------------------------------------------------------------------------


def test_the_summary_of_a_year_without_ratings_is_empty(speak: Speaker, snapshot: Snapshot) -> None:
    assert speak("en", summary, snapshot, 2019) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_is_the_lines_a_follower_of_everything_reads(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    assert speak(language, summary, snapshot, 2025) == filled(SUMMARY_2025[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_body_lines_are_what_a_follower_of_that_body_reads(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    assert speak(language, body_lines, snapshot, AGENCIES["moh"], 2025) == filled(HEALTH_2025[language])
