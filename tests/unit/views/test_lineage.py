"""Old names in what a user reads (bot/views/lineage.py, eras.py, cards.py, the history
chart): a year rated under a predecessor carries its name, in each language; an old name
finds today's body with "now called ..." above the card, a merged one says so, and a split
one offers its successors as buttons."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.lineage import load_lineage
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, Source, YearInfo
from bot.views.cards import card
from bot.views.charts.history import era_label, history_lines, history_spec
from bot.views.lookup import lookup

from .conftest import Speaker, bodies, labels

SLUGS = ("mci", "maidd", "mic", "mot", "edu", "mshe", "moh")
YEARS = (
    YearInfo(year=2020, partial=True, source=Source("ranking.kz", "2021-04", kind="report"), release_id=1),
    YearInfo(year=2024, partial=False, source=Source("x"), release_id=2),
    YearInfo(year=2025, partial=False, source=Source("y"), release_id=3),
)
RATINGS = (
    Rating(2020, "mci", 4.53, 72.6),
    Rating(2020, "maidd", 4.59, 72.1),
    Rating(2020, "mic", 4.49, 70.6),
    Rating(2020, "moh", 4.10, 85.0),
    *(Rating(year, slug, 4.80, 90.0) for year in (2024, 2025) for slug in SLUGS),
)
AS_MISD = {
    "ru": "2020 (тогда — Министерство информации и общественного развития): ",
    "kk": "2020 (ол кезде — Ақпарат және қоғамдық даму министрлігі): ",
    "en": "2020 (as the Ministry of Information and Social Development): ",
}


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    listed = bodies(*SLUGS)
    return Snapshot.build(RatingBook.build(list(YEARS), list(RATINGS)), listed, lineage=load_lineage(listed))


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_card_names_the_predecessor_a_year_was_rated_under(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    lines = speak(language, card, snapshot, "mci").text.split("\n")
    assert sum(line.startswith(AS_MISD[language]) for line in lines) == 1
    assert any(line.startswith("2025: ") for line in lines)  # today's body: just the year
    assert not any(line.startswith("2020: ") for line in lines)  # never as if it were rated itself


def test_a_card_led_by_such_a_year_names_it_in_the_heading(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("ru", card, snapshot, "mci", 2020).text
    assert "<b>2020 (тогда — Министерство информации и общественного развития)</b>: " in text


def test_a_renamed_body_s_years_before_the_change_carry_the_old_name(
    speak: Speaker, snapshot: Snapshot
) -> None:
    text = speak("en", card, snapshot, "maidd").text
    old = "as the Ministry of Digital Development, Innovation and Aerospace Industry"
    assert f"2020 ({old}): " in text
    assert f"2024 ({old}): " in text
    assert "2025: " in text


def test_a_split_body_s_year_carries_the_name_it_was_rated_under(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("kk", card, snapshot, "mic").text
    assert "2020 (ол кезде — Индустрия және инфрақұрылымдық даму министрлігі): " in text


def test_a_body_that_kept_its_name_shows_plain_years(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("ru", card, snapshot, "moh").text
    assert "\n2020: " in text
    assert "тогда" not in text


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("ru", "тогда — Министерство информации и общественного развития"),
        ("kk", "ол кезде — Ақпарат және қоғамдық даму министрлігі"),
        ("en", "as the Ministry of Information and Social Development"),
    ],
)
def test_the_era_label_is_the_same_in_the_chart_and_its_caption(
    speak: Speaker, snapshot: Snapshot, language: str, label: str
) -> None:
    assert speak(language, era_label, snapshot, "mci", 2020) == label
    assert speak(language, era_label, snapshot, "mci", 2025) == ""
    spec = speak(language, history_spec, snapshot, "mci")
    assert spec is not None
    drawn = {p.year: p.era_label.replace("\n", " ") for p in spec.points}
    assert drawn == {2020: label, 2024: "", 2025: ""}
    assert all(len(line) <= 30 for p in spec.points for line in p.era_label.split("\n"))
    assert any(line.endswith(f"({label})") for line in speak(language, history_lines, snapshot, "mci"))


@pytest.mark.parametrize(
    ("language", "query", "said"),
    [
        (
            "ru",
            "МЦРИАП",
            "Ведомство «Министерство цифрового развития, инноваций и аэрокосмической промышленности» "
            "теперь называется «Министерство искусственного интеллекта и цифрового развития» (с 2025 года).",
        ),
        (
            "kk",
            "ЦДИАӨМ",
            "«Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі» 2025 жылдан бері «Жасанды "
            "интеллект және цифрлық даму министрлігі» деп аталады.",
        ),
        (
            "en",
            "MDDIAI",
            "The Ministry of Digital Development, Innovation and Aerospace Industry is now called the "
            "Ministry of Artificial Intelligence and Digital Development (since 2025).",
        ),
        (
            "ru",
            "Министерство информации и общественного развития",
            "В 2023 году ведомство «Министерство информации и общественного развития» вошло в состав "
            "ведомства «Министерство культуры и информации».",
        ),
        (
            "kk",
            "АҚДМ",
            "2023 жылы «Ақпарат және қоғамдық даму министрлігі» «Мәдениет және ақпарат министрлігі» "
            "құрамына қосылды.",
        ),
        (
            "en",
            "Ministry of Information and Social Development",
            "In 2023, the Ministry of Information and Social Development was merged into the Ministry "
            "of Culture and Information.",
        ),
    ],
)
def test_an_old_name_finds_today_s_body_and_says_what_became_of_it(
    speak: Speaker, snapshot: Snapshot, language: str, query: str, said: str
) -> None:
    screen = speak(language, lookup, snapshot, query)
    first, blank, heading = screen.text.split("\n")[:3]
    assert (first, blank) == (said, "")
    assert heading.startswith("<b>")  # the successor's card follows
    successor = "maidd" if "2025" in said else "mci"
    assert screen.text.split("\n", 2)[2] == speak(language, card, snapshot, successor).text


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        (
            "ru",
            "МОН",
            (
                "В 2022 году ведомство «Министерство образования и науки» разделили на несколько ведомств. "
                "Какое из них вам нужно?",
                [["Министерство просвещения"], ["Министерство науки и высшего образования"]],
            ),
        ),
        (
            "kk",
            "Білім және ғылым министрлігі",
            (
                "2022 жылы «Білім және ғылым министрлігі» бірнеше мемлекеттік органға бөлінді. "
                "Сізге қайсысы керек?",
                [["Оқу-ағарту министрлігі"], ["Ғылым және жоғары білім министрлігі"]],
            ),
        ),
        (
            "en",
            "Ministry of Industry and Infrastructural Development",
            (
                "In 2023, the Ministry of Industry and Infrastructural Development was split into several "
                "bodies. Which one do you need?",
                [["Ministry of Industry and Construction"], ["Ministry of Transport"]],
            ),
        ),
    ],
)
def test_a_split_predecessor_offers_its_successors(
    speak: Speaker, snapshot: Snapshot, language: str, query: str, expected: tuple[str, list[list[str]]]
) -> None:
    screen = speak(language, lookup, snapshot, query)
    assert (screen.text, labels(screen)) == expected


def test_a_year_with_the_old_name_leads_the_successor_s_card(speak: Speaker, snapshot: Snapshot) -> None:
    text = speak("ru", lookup, snapshot, "МИОР 2020").text
    assert "<b>2020 (тогда — Министерство информации и общественного развития)</b>: " in text


def test_an_old_name_is_escaped(speak: Speaker, tmp_path: Path) -> None:
    path = tmp_path / "lineage.csv"
    path.write_text(
        "id,successors,change,name_ru,name_kk,name_en,abbr_ru,abbr_kk,abbr_en,"
        "from_year,to_year,rated_years,source\n"
        "old,moh,renamed,Минздрав <b>&</b> соцзащита,Ескі,Old,СТАРЫЙ,,,2010,2020,,Указ\n",
        encoding="utf-8",
    )
    listed = bodies("moh")
    snapshot = Snapshot.build(RatingBook.build([], []), listed, lineage=load_lineage(listed, path))
    text = speak("ru", lookup, snapshot, "СТАРЫЙ").text
    assert text.startswith("Ведомство «Минздрав &lt;b&gt;&amp;&lt;/b&gt; соцзащита» теперь называется ")
