"""/export's words: the arguments in any order and what a wrong one is told, the table's
columns, bodies and provenance in the reader's language, the "About" rows and the caption.

The files themselves (every value, read back with openpyxl and csv) are tested in
tests/unit/export/test_writer.py.
"""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Source, YearInfo
from bot.views.export import (
    CAPTION_LIMIT,
    SHEET_NAME_LIMIT,
    Cell,
    ExportRequest,
    caption,
    export_table,
    parse_request,
)
from bot.views.formatting import plain
from bot.views.screen import Screen
from tests.unit.views.conftest import LANGUAGES, RATINGS, Speaker, make_snapshot

#: babel writes a narrow no-break space before "г." and "ж.".
NNBSP = "\u202f"

HEADERS = {
    "ru": (
        "Место",
        "Госорган",
        "Балл (из 5)",
        "Доля удовлетворённых, %",
        "Изменение балла",
        "Изменение доли удовлетворённых, п. п.",
        "Изменение места (+ вверх)",
        "Балл: источник значения",
        "Балл: код источника",
        "Доля удовлетворённых: источник значения",
        "Доля удовлетворённых: код источника",
        "Место и изменения: источник",
        "Место и изменения: код источника",
    ),
    "kk": (
        "Орын",
        "Мемлекеттік орган",
        "Балл (5 балдан)",
        "Қанағаттанғандар үлесі, %",
        "Балдың өзгерісі",
        "Қанағаттанғандар үлесінің өзгерісі, п.т.",
        "Орынның өзгерісі (+ жоғары)",
        "Балл: мәннің дереккөзі",
        "Балл: дереккөз коды",
        "Қанағаттанғандар үлесі: мәннің дереккөзі",
        "Қанағаттанғандар үлесі: дереккөз коды",
        "Орын мен өзгерістер: дереккөзі",
        "Орын мен өзгерістер: дереккөз коды",
    ),
    "en": (
        "Rank",
        "State body",
        "Score (out of 5)",
        "Satisfied, %",
        "Score change",
        "Satisfaction change, p.p.",
        "Rank change, places (+ up)",
        "Score: provenance",
        "Score: provenance code",
        "Satisfaction: provenance",
        "Satisfaction: provenance code",
        "Rank and changes: provenance",
        "Rank and changes: provenance code",
    ),
}
HEALTH = {
    "ru": "Министерство здравоохранения",
    "kk": "Денсаулық сақтау министрлігі",
    "en": "Ministry of Health",
}
PROVENANCE = {
    "ru": {"published": "опубликовано", "illustrative": "условное"},
    "kk": {"published": "жарияланған", "illustrative": "шартты"},
    "en": {"published": "published", "illustrative": "illustrative"},
}
#: The rank's and changes' provenance of the 2025 row of Defence (rank, p.p. and places illustrative).
DEFENCE_DERIVED = {
    "ru": "условные (рассчитаны на основе условных значений): Место; Изменение доли удовлетворённых, п. п.; "
    "Изменение места (+ вверх)",
    "kk": "шартты (шартты мәндерден есептелген): Орын; Қанағаттанғандар үлесінің өзгерісі, п.т.; "
    "Орынның өзгерісі (+ жоғары)",
    "en": "illustrative (worked out from illustrative values): Rank; Satisfaction change, p.p.; "
    "Rank change, places (+ up)",
}
NO_RANK = {
    "ru": "неполный список, без места",
    "kk": "толық емес тізім, орын берілмеген",
    "en": "partial list, no rank",
}
USAGE = {
    "ru": "Отправьте /export [год] [xlsx|csv], например: /export 2025 csv. Есть данные за: 2025, 2024, 2020; "
    "форматы: XLSX (по умолчанию) и CSV.",
    "kk": "/export [жыл] [xlsx|csv] деп жіберіңіз, мысалы: /export 2025 csv. "
    "Деректері бар жылдар: 2025, 2024, 2020; форматтар: XLSX (әдепкі бойынша) және CSV.",
    "en": "Send /export [year] [xlsx|csv], e.g. /export 2025 csv. Years on record: 2025, 2024, 2020; "
    "formats: XLSX (the default) and CSV.",
}
NO_YEAR = {
    "ru": "Рейтинга за 2023 год нет. Есть данные за: 2025, 2024, 2020.",
    "kk": "2023 жылғы рейтинг жоқ. Деректері бар жылдар: 2025, 2024, 2020.",
    "en": "There is no rating for 2023. Years on record: 2025, 2024, 2020.",
}
NOT_READ = {
    "ru": "«pdf» — это не год и не формат.",
    "kk": "«pdf» — жыл да, формат та емес.",
    "en": "«pdf» is neither a year nor a format.",
}
TOO_MANY = {
    "ru": "Укажите не больше одного года и одного формата.",
    "kk": "Бір жылды және бір форматты ғана көрсетіңіз.",
    "en": "Give at most one year and one format.",
}
CAPTION_2025_CSV = {
    "ru": [
        "Рейтинг государственных органов по качеству оказания государственных услуг, 2025",
        f"Источник: Kazinform, 29 января 2026{NNBSP}г. (публикация о рейтинге в СМИ)",
        "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра; место или "
        "изменение, рассчитанные на основе такого значения, тоже отмечены.",
        "Коды источника в файле: published — опубликовано для госоргана; article — из публикации о рейтинге "
        "в СМИ; illustrative — условное значение.",
    ],
    "kk": [
        "Мемлекеттік қызметтер көрсету сапасы бойынша мемлекеттік органдардың рейтингі, 2025",
        f"Дереккөз: Kazinform, 2026{NNBSP}ж. 29 қаңтар (рейтинг туралы БАҚ хабары)",
        "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес; осындай "
        "мәннен есептелген орын мен өзгеріс те белгіленген.",
        "Файлдағы дереккөз кодтары: published — орган бойынша жарияланған; article — рейтинг туралы БАҚ "
        "хабарынан; illustrative — шартты мән.",
    ],
    "en": [
        "Rating of state bodies by the quality of public services, 2025",
        "Source: Kazinform, January 29, 2026 (a news report of the rating)",
        "* an illustrative value that fits the published report, not an official figure; a rank or change "
        "worked out from one is marked too.",
        "Provenance codes in the file: published — published for the body; article — from a news report of "
        "the rating; illustrative — a demo value.",
    ],
}
PARTIAL_CAPTION = {
    "ru": "Неполный список: опубликованы показатели только части госорганов, поэтому мест в файле нет.",
    "kk": "Толық емес тізім: тек кейбір мемлекеттік органдардың көрсеткіштері жарияланған, сондықтан "
    "файлда орындар жоқ.",
    "en": "A partial list: only some bodies' figures were published, so the file has no ranks.",
}
PARTIAL_LIST = {
    "ru": (
        "Список",
        "неполный: опубликованы показатели только части госорганов, поэтому мест и изменений нет",
    ),
    "kk": (
        "Тізім",
        "толық емес: тек кейбір мемлекеттік органдардың көрсеткіштері жарияланған, сондықтан орындар мен "
        "өзгерістер берілмеген",
    ),
    "en": ("List", "partial: only some bodies' figures were published, so there are no ranks and no changes"),
}
SECOND_SHEET = {
    "ru": "На втором листе — откуда взяты показатели и что означают отметки.",
    "kk": "Екінші парақта көрсеткіштердің қайдан алынғаны және белгілердің мәні жазылған.",
    "en": "The second sheet says where the figures come from and what each mark means.",
}


# -- the arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        (None, ExportRequest(2025, "xlsx")),
        ("", ExportRequest(2025, "xlsx")),
        ("csv", ExportRequest(2025, "csv")),
        ("2024", ExportRequest(2024, "xlsx")),
        ("2024 csv", ExportRequest(2024, "csv")),
        ("CSV 2024", ExportRequest(2024, "csv")),
        ("  .xlsx,2020 ", ExportRequest(2020, "xlsx")),
        ("2020", ExportRequest(2020, "xlsx")),  # a partial year too: its file says it has no ranks
    ],
)
def test_a_year_and_a_format_come_in_any_order(
    speak: Speaker, snapshot: Snapshot, argument: str | None, expected: ExportRequest
) -> None:
    assert speak("ru", parse_request, snapshot, argument) == expected


def test_the_file_is_named_after_the_year_and_the_format() -> None:
    assert ExportRequest(2025, "xlsx").file_name == "gosrating-2025.xlsx"
    assert ExportRequest(2020, "csv").file_name == "gosrating-2020.csv"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("argument", "first_line"),
    [("2023 csv", NO_YEAR), ("pdf", NOT_READ), ("2024 2025", TOO_MANY), ("csv xlsx", TOO_MANY)],
)
def test_a_wrong_argument_is_told_what_is_possible(
    speak: Speaker, snapshot: Snapshot, language: str, argument: str, first_line: dict[str, str]
) -> None:
    answer = speak(language, parse_request, snapshot, argument)

    assert isinstance(answer, Screen)
    assert answer.text.split("\n") == [first_line[language], USAGE[language]]


def test_an_argument_quoted_back_is_escaped_and_short(speak: Speaker, snapshot: Snapshot) -> None:
    answer = speak("en", parse_request, snapshot, "<b>" + "x" * 500)

    assert isinstance(answer, Screen)
    first = answer.text.split("\n")[0]
    assert first.startswith("«&lt;b&gt;xxx")
    assert "<b>" not in first
    assert len(first) < 150


def test_with_no_rating_loaded_there_is_nothing_to_export(speak: Speaker) -> None:
    empty = make_snapshot([], [])

    answer = speak("en", parse_request, empty, "csv")

    assert answer == Screen("No rating has been loaded yet. Please try again later.")


# -- the table --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_columns_bodies_and_provenance_are_in_the_readers_language(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    table = speak(language, export_table, snapshot, 2025)

    assert table.headers == HEADERS[language]
    moh, mes, mod = table.rows
    assert moh[1] == Cell(HEALTH[language])
    words = PROVENANCE[language]
    assert [c.value for c in mes[7:11]] == [
        words["illustrative"],
        "illustrative",
        words["published"],
        "published",
    ]
    assert [c.value for c in mod[7:11]] == [
        words["published"],
        "published",
        words["illustrative"],
        "illustrative",
    ]
    assert mod[11:] == (
        Cell(DEFENCE_DERIVED[language]),
        Cell("illustrative:rank;satisfaction_change;places_change"),
    )


def test_numbers_stay_numbers_and_the_illustrative_ones_are_flagged(
    speak: Speaker, snapshot: Snapshot
) -> None:
    table = speak("ru", export_table, snapshot, 2025)

    mes = table.rows[1]
    assert mes[0] == Cell(2, "rank", marked=True)
    assert mes[2:7] == (
        Cell(4.70, "score", marked=True),
        Cell(95.0, "percent", marked=False),
        Cell(-0.2, "score_change", marked=True),
        Cell(-3.0, "percent_change", marked=False),
        Cell(-1, "places", marked=True),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partial_year_has_an_empty_rank_column_and_says_why(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    table = speak(language, export_table, snapshot, 2020)

    assert table.partial
    assert [row[0] for row in table.rows] == [Cell(None, "rank"), Cell(None, "rank")]
    assert [row[11:] for row in table.rows] == [(Cell(NO_RANK[language]), Cell("partial"))] * 2
    assert table.about[1] == PARTIAL_LIST[language]


def test_the_about_rows_give_the_source_the_date_and_what_the_marks_mean(
    speak: Speaker, snapshot: Snapshot
) -> None:
    table = speak("en", export_table, snapshot, 2025)

    assert table.sheet_name == "Rating 2025"
    assert table.about_name == "About the data"
    assert table.about == (
        ("Rating", "Rating of state bodies by the quality of public services, 2025"),
        ("List", "complete: 3 bodies, ranked"),
        ("Source", "Kazinform"),
        ("Kind of source", "a news report of the rating"),
        ("Release date", "January 29, 2026"),
        ("Figures", "Score out of 5 · share of satisfied service recipients"),
        ("Changes", "against 2024"),
        ("published", "the figure was published for this body"),
        ("article", "a news report of the rating states this figure for this body"),
        ("illustrative", "an illustrative value that fits the published report, not an official figure"),
        (
            "*",
            "after a figure: it is illustrative, or worked out from an illustrative value "
            "(a rank is, when any figure of the year is)",
        ),
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheet_names_fit_excels_limit(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    table = speak(language, export_table, snapshot, 2025)

    assert 0 < len(table.sheet_name) <= SHEET_NAME_LIMIT
    assert 0 < len(table.about_name) <= SHEET_NAME_LIMIT
    assert not set("[]:*?/\\") & set(table.sheet_name + table.about_name)


def test_a_year_with_no_complete_year_before_says_there_are_no_changes(
    speak: Speaker, snapshot: Snapshot
) -> None:
    about = dict(speak("ru", export_table, snapshot, 2024).about)

    assert about["Изменения"] == "нет: не с чем сравнить — полного списка за 2023 год нет"
    assert about["Источник"] == "АДГС & <b>ЦЭФ</b>"  # a file is not HTML: the name as it is
    assert about["Дата публикации"] == "не указано"


def test_a_link_is_given_only_when_it_is_a_web_address(speak: Speaker) -> None:
    years = [YearInfo(2025, False, Source("x", url="https://example.org/r"), 1)]
    with_link = make_snapshot(years, [r for r in RATINGS if r.year == 2025])
    years = [YearInfo(2025, False, Source("x", url="javascript:alert(1)"), 1)]
    without = make_snapshot(years, [r for r in RATINGS if r.year == 2025])

    assert dict(speak("en", export_table, with_link, 2025).about)["Link"] == "https://example.org/r"
    assert "Link" not in dict(speak("en", export_table, without, 2025).about)


# -- the caption ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_csv_caption_is_its_companion_text(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    text = speak(language, caption, snapshot, ExportRequest(2025, "csv"))

    assert plain(text).split("\n") == CAPTION_2025_CSV[language]
    assert text.startswith("<b>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_xlsx_caption_points_to_the_second_sheet_and_a_partial_year_says_so(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    lines = plain(speak(language, caption, snapshot, ExportRequest(2020, "xlsx"))).split("\n")

    assert lines[2:] == [
        PARTIAL_CAPTION[language],
        SECOND_SHEET[language],
    ]  # 2020 holds no illustrative value


def test_a_caption_with_the_longest_source_fits_telegrams_limit(speak: Speaker) -> None:
    years = [
        YearInfo(2025, False, Source("П" * 5000, "2026-01-29", "https://e.org/" + "a" * 500, "report"), 1)
    ]
    long_source = make_snapshot(years, [r for r in RATINGS if r.year == 2025])

    for language in LANGUAGES:
        text = speak(language, caption, long_source, ExportRequest(2025, "csv"))
        assert len(plain(text)) <= CAPTION_LIMIT
        assert "Kazinform" not in text
