"""/compare: bodies side by side in the latest complete year and the year before, or what
to fix (an empty command, one name, four, a name that finds nothing or several, one body
twice), in each language. The figures are checked on the small book of the conftest and
against the bundled CSV files themselves."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from aiogram.utils.i18n import gettext as _

from bot.domain.bodies import load_agencies
from bot.domain.catalog import read_book
from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.store import Store
from bot.store.records import Rating, Source, YearInfo
from bot.views.callbacks import Chart, ComparePick
from bot.views.charts.compare import compare_title
from bot.views.compare import compare, comparison, pack_picks, unpack_picks
from bot.views.formatting import MESSAGE_LIMIT
from tests.unit.views.conftest import LANGUAGES, NBSP, Speaker, buttons, make_snapshot

DATA = Path(__file__).resolve().parents[3] / "data" / "ratings"
FOOTNOTE = {
    "ru": "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
    "kk": "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
    "en": "* an illustrative value that fits the published report, not an official figure",
}
#: The blocks of Минздрав, МЧС and the Academy of Justice (not rated in 2025) in the small book.
BLOCKS = {
    "ru": [
        "<b>Министерство здравоохранения</b>",
        f"2025: 4,86 · 97,5{NBSP}% · 1*-е место из 3",
        f"2024: 4,80 · 96,0{NBSP}% · 2-е место из 4",
        "По сравнению с 2024 годом: балл +0,06, доля удовлетворённых +1,5 п. п., вверх на 1 место*",
        "",
        "<b>Министерство по чрезвычайным ситуациям</b>",
        f"2025: 4,70* · 95,0{NBSP}% · делит 2*-е место из 3",
        f"2024: 4,90 · 98,0{NBSP}% · 1-е место из 4",
        "По сравнению с 2024 годом: балл −0,20*, доля удовлетворённых −3,0 п. п., вниз на 1 место*",
        "",
        "<b>Академия правосудия при Высшем Судебном Совете</b>",
        "{not_rated}",
        f"2024: 4,50 · 90,0{NBSP}% · 3-е место из 4",
    ],
    "kk": [
        "<b>Денсаулық сақтау министрлігі</b>",
        "2025: 4,86 · 97,5% · 3 органның ішінде 1*-орын",
        "2024: 4,80 · 96,0% · 4 органның ішінде 2-орын",
        "2024 жылмен салыстырғанда: балл +0,06, қанағаттанғандар үлесі +1,5 п.т., 1 орынға көтерілді*",
        "",
        "<b>Төтенше жағдайлар министрлігі</b>",
        "2025: 4,70* · 95,0% · 3 органның ішінде 2*-орын (басқалармен ортақ)",
        "2024: 4,90 · 98,0% · 4 органның ішінде 1-орын",
        "2024 жылмен салыстырғанда: балл −0,20*, қанағаттанғандар үлесі −3,0 п.т., 1 орынға төмендеді*",
        "",
        "<b>Жоғары Сот Кеңесі жанындағы Сот төрелігі академиясы</b>",
        "{not_rated}",
        "2024: 4,50 · 90,0% · 4 органның ішінде 3-орын",
    ],
    "en": [
        "<b>Ministry of Health</b>",
        "2025: 4.86 · 97.5% · rank 1* of 3",
        "2024: 4.80 · 96.0% · rank 2 of 4",
        "Since 2024: score +0.06, satisfaction +1.5 p.p., up 1 place*",
        "",
        "<b>Ministry of Emergency Situations</b>",
        "2025: 4.70* · 95.0% · rank 2* of 3 (tied)",
        "2024: 4.90 · 98.0% · rank 1 of 4",
        "Since 2024: score −0.20*, satisfaction −3.0 p.p., down 1 place*",
        "",
        "<b>Academy of Justice under the Supreme Judicial Council</b>",
        "{not_rated}",
        "2024: 4.50 · 90.0% · rank 3 of 4",
    ],
}
CHART = {"ru": "📈", "kk": "📈", "en": "📈"}
HOW_TO = {
    "ru": "Названия пишите через запятую, например: /compare Минздрав, МЧС",
    "kk": "Атауларды үтір арқылы жазыңыз, мысалы: /compare Денсаулық сақтау, ТЖМ",
    "en": "Separate the names with commas, e.g. /compare health, emergencies",
}
PROMPT = {
    "ru": "Напишите после команды названия двух или трёх госорганов через запятую, например: "
    "/compare Минздрав, МЧС, Минфин",
    "kk": "Командадан кейін екі не үш мемлекеттік органның атауын үтір арқылы жазыңыз, мысалы: "
    "/compare Денсаулық сақтау, ТЖМ, Қаржы",
    "en": "Name two or three bodies after the command, separated by commas, e.g. "
    "/compare health, emergencies, finance",
}
ONE_NAME = {
    "ru": "«минздрав» — это одно название, а сравниваю я два или три. " + HOW_TO["ru"],
    "kk": "«минздрав» — бір ғана атау, ал мен екі не үш органды салыстырамын. " + HOW_TO["kk"],
    "en": "«минздрав» is one name; I compare two or three. " + HOW_TO["en"],
}
TOO_MANY = {
    "ru": "За раз я сравниваю не больше трёх госорганов. " + HOW_TO["ru"],
    "kk": "Бір мезетте ең көбі үш органды салыстыра аламын. " + HOW_TO["kk"],
    "en": "I compare at most three bodies at a time. " + HOW_TO["en"],
}
NOT_FOUND = {
    "ru": "По запросу «абырвалг» госорган не найден.\n"
    "Попробуйте короткое название или аббревиатуру, например: /compare Минздрав, МЧС",
    "kk": "«абырвалг» бойынша мемлекеттік орган табылмады.\n"
    "Қысқа атауын немесе аббревиатурасын жазып көріңіз, мысалы: /compare Денсаулық сақтау, ТЖМ",
    "en": "I couldn't find a state body matching «абырвалг».\n"
    "Try a short name or an abbreviation, e.g. /compare health, emergencies",
}
SAME_BODY = {
    "ru": "«минздрав» и «ДСМ» — один и тот же госорган: Министерство здравоохранения. "
    "Назовите разные, например: /compare Минздрав, МЧС",
    "kk": "«минздрав» және «ДСМ» — екеуі де бір орган: Денсаулық сақтау министрлігі. "
    "Әртүрлі органдарды жазыңыз, мысалы: /compare Денсаулық сақтау, ТЖМ",
    "en": "«минздрав» and «ДСМ» are the same body: Ministry of Health. "
    "Name different ones, e.g. /compare health, emergencies",
}
CHOICES = {
    "ru": "Под запрос «образования» подходят 2 госоргана. Какой из них вы имеете в виду?",
    "kk": "«образования» сұрауына 2 орган сәйкес келеді. Сізге қайсысы керек?",
    "en": "2 bodies match «образования». Which one do you mean?",
}


def not_rated(speak: Speaker, language: str, year: int) -> str:
    return speak(language, lambda: _("{year}: not rated").format(year=year))


def title(speak: Speaker, language: str, years: list[int]) -> str:
    return f"<b>{speak(language, compare_title, years)}</b>"


@pytest.mark.parametrize("language", LANGUAGES)
def test_bodies_side_by_side_with_the_change_and_the_marks(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, comparison, snapshot, ["moh", "mes", "acj"])

    blocks = [line.format(not_rated=not_rated(speak, language, 2025)) for line in BLOCKS[language]]
    assert screen.text.split("\n") == [
        title(speak, language, [2024, 2025]),
        "",
        *blocks,
        "",
        FOOTNOTE[language],
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_the_comparison_a_chart_of_the_same_bodies_in_the_same_order(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, comparison, snapshot, ["mes", "moh"])

    [[button]] = buttons(screen)
    assert button.text.startswith(CHART[language])
    assert Chart.unpack(button.callback_data or "") == Chart(kind="compare", subject="mes+moh")


def test_the_text_and_its_names_come_in_the_readers_language(speak: Speaker, snapshot: Snapshot) -> None:
    latin = re.compile(r"[A-Za-z]{2,}")
    for language in ("ru", "kk"):
        text = re.sub(r"<[^>]+>", "", speak(language, comparison, snapshot, ["moh", "mod"]).text)
        assert latin.findall(text) == [], language


def test_a_comparison_without_illustrative_values_has_no_footnote(speak: Speaker) -> None:
    years = [
        YearInfo(year=2024, partial=False, source=Source("a"), release_id=1),
        YearInfo(year=2025, partial=False, source=Source("b"), release_id=2),
    ]
    ratings = [
        Rating(y, slug, 4.5 + i / 10, 90.0 + i) for y in (2024, 2025) for i, slug in enumerate(("moh", "mes"))
    ]
    text = speak("en", comparison, make_snapshot(years, ratings, ("moh", "mes")), ["moh", "mes"]).text

    assert "*" not in text
    assert "2025: 4.60 · 91.0% · rank 1 of 2" in text


def test_with_no_year_before_only_the_latest_is_shown(speak: Speaker) -> None:
    years = [YearInfo(year=2025, partial=False, source=Source("b"), release_id=1)]
    ratings = [Rating(2025, "moh", 4.8, 95.0), Rating(2025, "mes", 4.7, 94.0)]
    text = speak("en", comparison, make_snapshot(years, ratings, ("moh", "mes")), ["moh", "mes"]).text

    assert text.split("\n") == [
        title(speak, "en", [2025]),
        "",
        "<b>Ministry of Health</b>",
        "2025: 4.80 · 95.0% · rank 1 of 2",
        "",
        "<b>Ministry of Emergency Situations</b>",
        "2025: 4.70 · 94.0% · rank 2 of 2",
    ]


def test_before_any_rating_it_says_there_is_none(speak: Speaker, empty_snapshot: Snapshot) -> None:
    assert speak("en", comparison, empty_snapshot, ["moh", "mes"]).text == (
        "No rating has been loaded yet. Please try again later."
    )


# -- reading the text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Минздрав, МЧС, Академия правосудия", "минздрав; мчс и академия правосудия"]
)
def test_names_typed_in_any_way_give_the_comparison(speak: Speaker, snapshot: Snapshot, text: str) -> None:
    assert speak("ru", compare, snapshot, text) == speak("ru", comparison, snapshot, ["moh", "mes", "acj"])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", PROMPT),
        ("  ", PROMPT),
        (" , ;", PROMPT),
        ("минздрав", ONE_NAME),
        ("МЧС, Минздрав, КНБ, МВД", TOO_MANY),
    ],
)
def test_what_cannot_be_compared_gets_an_answer_with_an_example(
    speak: Speaker, snapshot: Snapshot, language: str, text: str, expected: dict[str, str]
) -> None:
    screen = speak(language, compare, snapshot, text)

    assert (screen.text, screen.markup) == (expected[language], None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_name_that_finds_nothing_is_named_in_the_answer(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, compare, snapshot, "минздрав, абырвалг")

    assert (screen.text, screen.markup) == (NOT_FOUND[language], None)


def test_every_name_that_finds_nothing_is_named(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("en", compare, snapshot, "абырвалг, минздрав, <b>шмырдяк</b>").text

    assert text.split("\n")[:2] == [
        "I couldn't find a state body matching «абырвалг».",
        "I couldn't find a state body matching «&lt;b&gt;шмырдяк&lt;/b&gt;».",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_body_named_twice_is_said_so(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    screen = speak(language, compare, snapshot, "минздрав, ДСМ")

    assert (screen.text, screen.markup) == (SAME_BODY[language], None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_name_of_several_bodies_offers_them_and_keeps_the_others(speak: Speaker, language: str) -> None:
    """«образования» is the Ministry of Education or of Science: never a guess; each button
    compares again with its body in that name's place."""
    snapshot = make_snapshot([], [], ("moh", "edu", "mshe"))
    screen = speak(language, compare, snapshot, "минздрав, образования")

    assert screen.text == CHOICES[language]
    key = query_key("минздрав, образования")
    assert [ComparePick.unpack(button.callback_data or "") for [button] in buttons(screen)] == [
        ComparePick(key=key, picks="moh.edu"),
        ComparePick(key=key, picks="moh.mshe"),
    ]


def test_a_choice_compares_with_the_body_chosen(speak: Speaker, snapshot: Snapshot) -> None:
    bigger = make_snapshot([], [], ("moh", "edu", "mshe"))
    assert speak("en", compare, bigger, "образования, минздрав", ("mshe", "moh")) == speak(
        "en", comparison, bigger, ["mshe", "moh"]
    )


def test_a_second_name_of_several_bodies_is_asked_after_the_first(speak: Speaker) -> None:
    """Both names could be several bodies: the first choice is kept in the second's buttons."""
    snapshot = make_snapshot([], [], ("moh", "edu", "mshe", "mlsp"))
    text = "образования, министерство"
    first = speak("en", compare, snapshot, text)
    second = speak("en", compare, snapshot, text, ("edu", ""))

    assert [ComparePick.unpack(b.callback_data or "").picks for [b] in buttons(first)] == ["edu.", "mshe."]
    assert second.text.endswith("match «министерство». Which one do you mean?")
    picks = [ComparePick.unpack(b.callback_data or "").picks for row in buttons(second) for b in row]
    assert picks[:4] == ["edu.moh", "edu.edu", "edu.mshe", "edu.mlsp"]


def test_a_long_list_of_choices_pages_with_the_picks_kept(speak: Speaker) -> None:
    bodies = [agency.slug for agency in load_agencies()]
    snapshot = make_snapshot([], [], bodies)
    first = speak("en", compare, snapshot, "мчс, министерство")
    more = [ComparePick.unpack(b.callback_data or "") for b in buttons(first)[-1]]

    assert more == [ComparePick(key=query_key("мчс, министерство"), picks="mes.", page=1)]
    second = speak("en", compare, snapshot, "мчс, министерство", ("mes", ""), 1)
    assert second.text == first.text
    assert [b.text for b in buttons(second)[-1]] == ["‹ Back", "More ›"]


def test_picks_travel_in_a_button_and_back() -> None:
    for picks in [("moh", "", "mes"), ("maidd", "ardfm", "apdc"), ("", "")]:
        data = ComparePick(key="0123456789ab", picks=pack_picks(picks)).pack()
        assert unpack_picks(ComparePick.unpack(data).picks) == picks
        assert len(data.encode()) <= 64


def test_the_longest_input_stays_a_short_answer(speak: Speaker, snapshot: Snapshot) -> None:
    text = ("абырвалг" * 600 + ", ") * 3
    for language in LANGUAGES:
        assert len(speak(language, compare, snapshot, text).text) < MESSAGE_LIMIT


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_in_the_answers_work(
    speak: Speaker, language: str, long_book_snapshot: Snapshot
) -> None:
    """Each answer's example, typed as shown in that language, compares those bodies."""
    for answer in (PROMPT, HOW_TO, NOT_FOUND, SAME_BODY):
        example = answer[language].rsplit("/compare ", 1)[1]
        screen = speak(language, compare, long_book_snapshot, example)
        assert screen.markup is not None, (example, screen.text)
        assert Chart.unpack(buttons(screen)[0][0].callback_data or "").kind == "compare"


# -- the bundled data ----------------------------------------------------------------------------


@pytest.fixture
async def bundled(bundled_template: Path) -> Snapshot:
    async with await Store.open(bundled_template) as store:
        book = await read_book(store)
    return Snapshot.build(book, load_agencies())


def csv_lines(year: int) -> dict[str, str]:
    """Each body's English line for ``year``, worked out from data/ratings/YEAR.csv alone:
    the figures as written there, the marks from their provenance, the place by sorting."""
    slugs = {agency.name("ru"): agency.slug for agency in load_agencies()}
    with (DATA / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    any_mark = any("illustrative" in (r["score_provenance"], r["satisfaction_provenance"]) for r in rows)
    ordered = sorted(rows, key=lambda r: (-float(r["score"]), -float(r["satisfaction"])))
    lines = {}
    for row in rows:
        figures = (float(row["score"]), float(row["satisfaction"]))
        place = 1 + sum(
            1 for other in ordered if (float(other["score"]), float(other["satisfaction"])) > figures
        )
        tied = (
            sum(1 for other in rows if (float(other["score"]), float(other["satisfaction"])) == figures) > 1
        )
        score = f"{float(row['score']):.2f}" + ("*" if row["score_provenance"] == "illustrative" else "")
        satisfaction = f"{float(row['satisfaction']):.1f}%" + (
            "*" if row["satisfaction_provenance"] == "illustrative" else ""
        )
        rank = f"rank {place}{'*' if any_mark else ''} of {len(rows)}" + (" (tied)" if tied else "")
        lines[slugs[row["agency"]]] = f"{year}: {score} · {satisfaction} · {rank}"
    return lines


async def test_every_body_of_the_bundled_data_as_in_the_csv_files(speak: Speaker, bundled: Snapshot) -> None:
    latest, before = csv_lines(2025), csv_lines(2024)
    slugs = list(bundled.bodies)
    groups = [slugs[i : i + 3] for i in range(0, len(slugs), 3)]
    if len(groups[-1]) < 2:
        groups[-1] = [slugs[0], *groups[-1]]
    for group in groups:
        text = speak("en", comparison, bundled, group).text
        for slug in group:
            block = text.split(f"<b>{html.escape(bundled.bodies[slug].name('en'))}</b>\n", 1)[1].split("\n")
            assert block[0] == latest.get(slug, "2025: not rated"), slug
            assert block[1] == before.get(slug, "2024: not rated"), slug


async def test_the_bundled_comparison_of_three_long_names_in_each_language(
    speak: Speaker, bundled: Snapshot
) -> None:
    """The longest names on the list: each block still reads as one name and three lines."""
    for language in LANGUAGES:
        screen = speak(language, compare, bundled, "maidd, ardfm, apdc")
        names = re.findall(r"<b>([^<]+)</b>\n20", screen.text)
        assert names == [bundled.bodies[slug].name(language) for slug in ("maidd", "ardfm", "apdc")]
        assert Chart.unpack(buttons(screen)[0][0].callback_data or "").subject == "maidd+ardfm+apdc"
