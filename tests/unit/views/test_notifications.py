"""A new-rating notification: a follower of everything reads the top and bottom three and
the biggest moves (of a partial list, what it holds so far), a follower of a body reads
that body's lines, a correction says the figures changed; the footnote when a mark is
shown, and a button opening the whole list below only when the year has one."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import ALL, Delivery, Rating, Source, YearInfo
from bot.views.callbacks import RankPage
from bot.views.notifications import body_lines, notification, summary
from tests.unit.views.conftest import (
    AGENCIES,
    LANGUAGES,
    MINUS,
    NBSP,
    Speaker,
    buttons,
    labels,
    make_snapshot,
)

FOOTNOTE = {
    "ru": "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
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
        "2. МЧС — 4,70* · 95,0{nbsp}%",
        "2. Минобороны — 4,70 · 95,0{nbsp}%*",
        "",
        "<b>Сильнее всего выросла доля удовлетворённых</b>",
        "1. Минобороны — +3,7* п. п. (балл +0,30, вверх на 2 места*)",
        "2. Минздрав — +1,5 п. п. (балл +0,06, вверх на 1 место*)",
        "",
        "<b>Сильнее всего снизилась доля удовлетворённых</b>",
        "1. МЧС — {minus}3,0 п. п. (балл {minus}0,20*, вниз на 1 место*)",
    ],
    "kk": [
        "",
        "<b>Алғашқы үштік</b>",
        "1. Денсаулық сақтау — 4,86 · 97,5%",
        "2. Төтенше жағдайлар — 4,70* · 95,0%",
        "2. Қорғаныс — 4,70 · 95,0%*",
        "",
        "<b>Қанағаттанғандар үлесі ең көп өскендер</b>",
        "1. Қорғаныс — +3,7* п.т. (балл +0,30, 2 орынға көтерілді*)",
        "2. Денсаулық сақтау — +1,5 п.т. (балл +0,06, 1 орынға көтерілді*)",
        "",
        "<b>Қанағаттанғандар үлесі ең көп төмендегендер</b>",
        "1. Төтенше жағдайлар — {minus}3,0 п.т. (балл {minus}0,20*, 1 орынға төмендеді*)",
    ],
    "en": [
        "",
        "<b>Top three</b>",
        "1. Health — 4.86 · 97.5%",
        "2. Emergency Situations — 4.70* · 95.0%",
        "2. Defence — 4.70 · 95.0%*",
        "",
        "<b>Biggest rises in the share of satisfied people</b>",
        "1. Defence — +3.7* p.p. (score +0.30, up 2 places*)",
        "2. Health — +1.5 p.p. (score +0.06, up 1 place*)",
        "",
        "<b>Biggest falls in the share of satisfied people</b>",
        "1. Emergency Situations — {minus}3.0 p.p. (score {minus}0.20*, down 1 place*)",
    ],
}
HEALTH_2025 = {
    "ru": [
        "<b>Министерство здравоохранения</b>",
        "1*-е место из 3 · 4,86 · 97,5{nbsp}%",
        "По сравнению с 2024 годом: балл +0,06, доля удовлетворённых +1,5 п. п., вверх на 1 место*",
    ],
    "kk": [
        "<b>Денсаулық сақтау министрлігі</b>",
        "3 органның ішінде 1*-орын · 4,86 · 97,5%",
        "2024 жылмен салыстырғанда: балл +0,06, қанағаттанғандар үлесі +1,5 п.т., 1 орынға көтерілді*",
    ],
    "en": [
        "<b>Ministry of Health</b>",
        "rank 1* of 3 · 4.86 · 97.5%",
        "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place*",
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
        ("ru", ["<b>Академия правосудия при Высшем Судебном Совете</b>", "В рейтинге 2025 года нет."]),
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
    """Nothing marked is shown, so there is no footnote either."""
    screen = speak("en", notification, snapshot, delivery(2025, "gone"))

    assert screen.text.split("\n") == ["<b>🔔 The 2025 rating is out</b>"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_ranked_year_has_a_button_to_its_whole_list_below_and_no_follow_button(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    """``fresh``: the list opens as a new message; the notification's figures stay."""
    screen = speak(language, notification, snapshot, delivery(2025, ALL, "moh"))

    assert labels(screen) == [[WHOLE_RATING[language]]]
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(
        year=2025, page=0, fresh=True
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>🔔 Опубликован рейтинг за 2024 год</b>",
                "",
                "<b>Министерство здравоохранения</b>",
                f"2-е место из 4 · 4,80 · 96,0{NBSP}%",
            ],
        ),
        (
            "kk",
            [
                "<b>🔔 2024 жылғы рейтинг жарияланды</b>",
                "",
                "<b>Денсаулық сақтау министрлігі</b>",
                "4 органның ішінде 2-орын · 4,80 · 96,0%",
            ],
        ),
        (
            "en",
            [
                "<b>🔔 The 2024 rating is out</b>",
                "",
                "<b>Ministry of Health</b>",
                "rank 2 of 4 · 4.80 · 96.0%",
            ],
        ),
    ],
)
def test_a_year_of_published_values_has_no_footnote(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """2024 follows the partial 2020, not a complete 2023: no change is claimed."""
    screen = speak(language, notification, snapshot, delivery(2024, "moh"))

    assert screen.text.split("\n") == expected
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(
        year=2024, page=0, fresh=True
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>🔔 Опубликован рейтинг за 2020 год</b>",
                "",
                "<b>Неполный список: пока 2 госоргана</b>, без мест",
                f"• МЧС — 4,20 · 88,0{NBSP}%",
                f"• Минздрав — 4,10 · 85,0{NBSP}%",
                "",
                "<b>Министерство здравоохранения</b>",
                f"неполный список, без места · 4,10 · 85,0{NBSP}%",
            ],
        ),
        (
            "kk",
            [
                "<b>🔔 2020 жылғы рейтинг жарияланды</b>",
                "",
                "<b>Тізім әлі толық емес: әзірге 2 орган</b>, орындар берілмеген",
                "• Төтенше жағдайлар — 4,20 · 88,0%",
                "• Денсаулық сақтау — 4,10 · 85,0%",
                "",
                "<b>Денсаулық сақтау министрлігі</b>",
                "толық емес тізім, орын берілмеген · 4,10 · 85,0%",
            ],
        ),
        (
            "en",
            [
                "<b>🔔 The 2020 rating is out</b>",
                "",
                "<b>A partial list: 2 bodies so far</b>, with no ranks",
                "• Emergency Situations — 4.20 · 88.0%",
                "• Health — 4.10 · 85.0%",
                "",
                "<b>Ministry of Health</b>",
                "partial list, no rank · 4.10 · 85.0%",
            ],
        ),
    ],
)
def test_a_partial_year_lists_what_it_holds_without_a_top_three_or_a_button_to_a_whole_list(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    """A partial release claims no places: "a partial list of N", not "top three"."""
    screen = speak(language, notification, snapshot, delivery(2020, ALL, "moh"))

    assert screen.text.split("\n") == expected
    assert TOP[language] not in screen.text
    assert screen.markup is None


@pytest.mark.parametrize(
    ("language", "count", "heading", "more"),
    [
        ("ru", 12, "<b>Неполный список: пока 12 госорганов</b>, без мест", "… и ещё 2"),
        ("ru", 21, "<b>Неполный список: пока 21 госорган</b>, без мест", "… и ещё 11"),
        ("kk", 12, "<b>Тізім әлі толық емес: әзірге 12 орган</b>, орындар берілмеген", "… және тағы 2"),
        ("en", 12, "<b>A partial list: 12 bodies so far</b>, with no ranks", "… and 2 more"),
    ],
)
def test_a_long_partial_list_names_ten_and_counts_the_rest(
    speak: Speaker, language: str, count: int, heading: str, more: str
) -> None:
    slugs = list(AGENCIES)[:count]
    snapshot = make_snapshot(
        [YearInfo(2027, True, Source("early"), 1)],
        [Rating(2027, slug, 4.9 - i / 100, 99.0 - i) for i, slug in enumerate(slugs)],
        slugs,
    )

    lines = speak(language, notification, snapshot, delivery(2027, ALL)).text.split("\n")

    assert lines[2] == heading
    assert [line[:2] for line in lines[3:13]] == ["• "] * 10
    assert lines[13:] == [more]


def test_a_long_year_also_gets_the_bottom_three_numbered_by_their_place(
    speak: Speaker, long_book_snapshot: Snapshot
) -> None:
    """25 bodies, each 0.05 points and 1 % below the one before; the 25th score is illustrative."""
    slugs = list(AGENCIES)[22:25]
    lines = speak("en", notification, long_book_snapshot, delivery(2025, ALL)).text.split("\n")

    bottom = lines.index(BOTTOM["en"])
    assert lines[bottom + 1 : bottom + 4] == [
        f"23. {AGENCIES[slugs[0]].short_name('en')} — 3.80 · 77.0%",
        f"24. {AGENCIES[slugs[1]].short_name('en')} — 3.75 · 76.0%",
        f"25. {AGENCIES[slugs[2]].short_name('en')} — 3.70* · 75.0%",
    ]
    assert lines.index(TOP["en"]) < bottom


@pytest.mark.parametrize(
    ("language", "figures"),
    [("ru", f"3,70* · 75,0{NBSP}%"), ("kk", "3,70* · 75,0%"), ("en", "3.70* · 75.0%")],
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
    assert RankPage.unpack(buttons(screen)[0][0].callback_data or "") == RankPage(
        year=2025, page=0, fresh=True
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", ["<b>✏️ Рейтинг за 2020 год исправлен</b>", "Показатели обновлены."]),
        ("kk", ["<b>✏️ 2020 жылғы рейтинг түзетілді</b>", "Көрсеткіштер жаңартылды."]),
        ("en", ["<b>✏️ The 2020 rating was corrected</b>", "The figures have been updated."]),
    ],
)
def test_a_corrected_partial_year_does_not_point_to_a_list_it_does_not_have(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[str]
) -> None:
    screen = speak(language, notification, snapshot, delivery(2020, ALL, "moh", kind="corrected"))

    assert screen.text.split("\n")[:2] == expected
    assert "/rank" not in screen.text
    assert screen.markup is None


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
