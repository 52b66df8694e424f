"""The rating page against the bundled database: the CSV's numbers in each language, the
bot's marks, the switchers, the language choice, hostile queries and well-formed HTML."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.domain.bodies import DATA_DIR, load_agencies
from bot.domain.catalog import Catalog
from bot.runtime.i18n import make_i18n
from bot.store import Store
from bot.store.records import NewRelease
from bot.web.page import SCRIPT_VERSION, choose_language, page_routes

RATINGS_DIR = DATA_DIR / "ratings"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}
PAGE_LIMIT = 150 * 1024
#: What a query string may carry to break out of an attribute or a text.
HOSTILE = '"><script>alert(1)</script>'

FOOTNOTE = "{mark} an illustrative value that fits the published report, not an official figure"

Client = TestClient[web.Request, web.Application]


@asynccontextmanager
async def serving(database: Path, default_language: str = "ru") -> AsyncIterator[Client]:
    """The page on 127.0.0.1 over a catalog of ``database``, with the bot's catalogs."""
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        app = web.Application()
        app.add_routes(page_routes(catalog, make_i18n(default_language)))
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            yield client
    finally:
        await store.close()


def csv_rows(year: int) -> dict[str, dict[str, str]]:
    """The bundled CSV of ``year`` by the body's Russian name."""
    with (RATINGS_DIR / f"{year}.csv").open(encoding="utf-8") as file:
        return {row["agency"]: row for row in csv.DictReader(file)}


@dataclass
class Row:
    header: str = ""  # the <th scope="row">: the body (or the year, in a history)
    href: str = ""
    cells: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """The parts a test reads, and a check that every tag is closed in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tables: list[list[Row]] = []
        self.lang = ""
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.current: list[str] = []  # text of the cell or link being read
        self.in_tbody = False
        self.href = ""
        self.text = ""
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag == "table":
            self.tables.append([])
        elif tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody:
            self.tables[-1].append(Row())
        elif tag in ("td", "th"):
            self.current = []
        elif tag == "a":
            self.href = values.get("href") or ""
            self.link_text: list[str] = []
            if self.in_tbody and self.tables[-1]:
                self.tables[-1][-1].href = self.href

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()
        if tag == "tbody":
            self.in_tbody = False
        elif tag == "a":
            self.links.append((self.href, "".join(self.link_text)))
        elif tag in ("td", "th") and self.in_tbody:
            row = self.tables[-1][-1]
            text = "".join(self.current).strip()
            if tag == "th":
                row.header = text
            else:
                row.cells.append(text)

    def handle_data(self, data: str) -> None:
        self.current.append(data)
        self.text += data
        if self.stack and self.stack[-1] == "a":
            self.link_text.append(data)


async def fetch(
    client: Client, path: str, status: int = 200, accept_language: str | None = None
) -> tuple[str, Page]:
    headers = {} if accept_language is None else {"Accept-Language": accept_language}
    response = await client.get(path, headers=headers)
    text = await response.text()
    assert response.status == status, text
    assert response.content_type == "text/html"
    page = Page(text)
    assert page.errors == []
    return text, page


def number(value: str, language: str, decimals: int) -> str:
    """The CSV's figure as each language writes it: a point in English, a comma else."""
    text = f"{float(value):.{decimals}f}"
    return text if language == "en" else text.replace(".", ",")


def percent(value: str, language: str) -> str:
    digits = number(value, language, 1)
    return {"en": f"{digits}%", "ru": f"{digits}\xa0%", "kk": f"{digits}%"}[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
async def test_the_2025_table_has_the_csv_figures_and_marks_in_each_language(
    database: Path, language: str
) -> None:
    bodies = {body.names["ru"]: body for body in load_agencies()}
    async with serving(database) as client:
        _, page = await fetch(client, f"/?lang={language}")
    assert page.lang == language
    rows = page.tables[0]
    assert len(rows) == 32
    expected = {bodies[name].names[language]: row for name, row in csv_rows(2025).items()}
    assert {row.header for row in rows} == set(expected)
    for row in rows:
        source = expected[row.header]
        rank, score, satisfaction, *_changes = row.cells
        score_mark = "*" if source["score_provenance"] == "illustrative" else ""
        satisfaction_mark = "*" if source["satisfaction_provenance"] == "illustrative" else ""
        assert score == number(source["score"], language, 2) + score_mark
        assert satisfaction == percent(source["satisfaction"], language) + satisfaction_mark
        # 2025 has illustrative values, so every place is worked out from them: marked.
        assert rank.endswith("*")
        assert rank[:-1].isdigit()
    # Ties read the same place, as /rank writes them; places never skip past a tie wrongly.
    places = [int(row.cells[0].rstrip("*")) for row in rows]
    assert places == sorted(places)
    assert places[0] == 1
    footnote = make_i18n("ru").gettext(FOOTNOTE, locale=language).format(mark="*")
    assert footnote.startswith("* ")
    assert (footnote != FOOTNOTE.format(mark="*")) is (language != "en")
    assert footnote in page.text


async def test_changes_are_signed_and_marked_as_the_bot_writes_them(database: Path) -> None:
    async with serving(database) as client:
        _, page = await fetch(client, "/?lang=en")
    now, before = csv_rows(2025), csv_rows(2024)
    bodies = {body.names["en"]: body.names["ru"] for body in load_agencies()}
    for row in page.tables[0]:
        name = bodies[row.header]
        score_change = row.cells[3]
        if name not in before:
            assert row.cells[3:] == ["—", "—", "—"]
            continue
        delta = round(float(now[name]["score"]) - float(before[name]["score"]), 2)
        digits = f"{abs(delta):.2f}"
        sign = "" if digits == "0.00" else ("+" if delta > 0 else "\u2212")
        assert score_change.rstrip("*") == sign + digits, name
        # 2024 is an illustrative reconstruction: every change against it is marked.
        assert all(cell.endswith("*") for cell in row.cells[3:])


async def test_the_year_switcher_keeps_the_language_and_switches_the_table(database: Path) -> None:
    async with serving(database) as client:
        _, latest = await fetch(client, "/?lang=kk")
        years = {text: href for href, text in latest.links if text.isdigit()}
        assert set(years) == {"2025", "2024", "2020"}
        assert all("lang=kk" in href for href in years.values())
        _, older = await fetch(client, years["2024"])
        _, partial = await fetch(client, years["2020"])
    assert older.lang == "kk"
    assert len(older.tables[0]) == len(csv_rows(2024))
    assert all("year=2024" in row.href and "lang=kk" in row.href for row in older.tables[0])
    # A partial year is listed without places, as the bot says.
    assert len(partial.tables[0]) == len(csv_rows(2020))
    assert all(row.cells[0] == "—" for row in partial.tables[0])


async def test_the_language_switcher_keeps_the_year(database: Path) -> None:
    async with serving(database) as client:
        _, page = await fetch(client, "/?year=2024&lang=en")
    languages = {text: href for href, text in page.links if text in ("Русский", "Қазақша", "English")}
    assert languages == {
        "Русский": "/?year=2024&lang=ru",
        "Қазақша": "/?year=2024&lang=kk",
        "English": "/?year=2024&lang=en",
    }


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("kk-KZ,ru;q=0.8,en;q=0.5", "kk"),
        ("de-DE,en;q=0.3,ru;q=0.9", "ru"),  # q-values, not order
        ("en-US,en;q=0.9", "en"),
        ("de,fr;q=0.8", "ru"),  # none of ours: the default
        ("kk;q=0,en;q=0.1", "en"),  # q=0 means "not this one"
        ("en;q=0, kk;q=0.000", "ru"),  # ...even when nothing else is offered
        ("kk;q=abc,en;q=0.2", "en"),  # an unreadable q-value is no preference
        ("", "ru"),
    ],
)
def test_accept_language_respects_q_values(header: str, expected: str) -> None:
    assert choose_language(None, header, "ru") == expected


async def test_accept_language_and_lang_choose_the_page_language(database: Path) -> None:
    async with serving(database) as client:
        _, kazakh = await fetch(client, "/", accept_language="de;q=1, kk-KZ;q=0.9, ru;q=0.8")
        _, asked = await fetch(client, "/?lang=en", accept_language="kk")
        _, fallback = await fetch(client, "/", accept_language="fr")
    assert kazakh.lang == "kk"
    assert all("lang=kk" in row.href for row in kazakh.tables[0])
    assert asked.lang == "en"
    assert fallback.lang == "ru"


async def test_the_default_language_is_the_catalogs_default(database: Path) -> None:
    async with serving(database, default_language="en") as client:
        _, page = await fetch(client, "/")
    assert page.lang == "en"


async def test_a_body_link_opens_its_history_with_eras_and_sources(database: Path) -> None:
    async with serving(database) as client:
        _, page = await fetch(client, "/?lang=en")
        href = next(row.href for row in page.tables[0] if row.header.startswith("Ministry of Health"))
        assert href.startswith("/?body=")
        assert "lang=en" in href
        _, history = await fetch(client, href)
    assert len(history.tables) == 2
    years = [row.header[:4] for row in history.tables[1]]
    assert years == sorted(years, reverse=True)
    assert "2025" in years
    assert "Source:" in history.text


async def test_a_year_under_a_predecessor_is_labelled_as_the_bot_does(database: Path) -> None:
    from bot.domain.lineage import load_lineage  # noqa: PLC0415 - only this test needs it

    lineage = load_lineage(load_agencies())
    slug, year = next(
        (body.slug, year)
        for body in load_agencies()
        for year in (2020, 2024, 2025)
        if lineage.rated_as(body.slug, year) is not None
    )
    predecessor = lineage.rated_as(slug, year)
    assert predecessor is not None
    async with serving(database) as client:
        _, page = await fetch(client, f"/?body={slug}&lang=en")
    labels = [row.header for row in page.tables[1] if row.header.startswith(str(year))]
    assert labels
    assert f"as the {predecessor.names['en']}" in labels[0]


@pytest.mark.parametrize("parameter", ["lang", "year", "body", "q"])
async def test_a_hostile_query_is_never_written_back(database: Path, parameter: str) -> None:
    async with serving(database) as client:
        response = await client.get("/", params={parameter: HOSTILE})
        text = await response.text()
    assert response.status == (200 if parameter in ("lang", "q") else 404)
    assert re.findall(r"<script[^>]*>", text) == [f'<script src="/page.js?v={SCRIPT_VERSION}" defer>']
    assert "<script>alert(1)" not in text
    assert Page(text).errors == []


async def test_unknown_year_and_body_are_a_404_page_in_the_language(database: Path) -> None:
    async with serving(database) as client:
        _, year = await fetch(client, "/?year=1999&lang=en", status=404)
        _, body = await fetch(client, "/?body=no-such-body&lang=kk", status=404)
        _, russian = await fetch(client, "/?year=2030", status=404)
    assert year.lang == "en"
    assert "There is no rating for 1999" in year.text
    assert ("/?lang=en", "Back to the whole rating") in year.links
    assert body.lang == "kk"
    assert "Бет табылмады" in body.text
    assert russian.lang == "ru"
    assert "Страница не найдена" in russian.text


@pytest.mark.parametrize("path", ["/", "/?lang=kk", "/?year=2024&lang=en", "/?body=moh&year=2024"])
async def test_the_page_with_its_script_and_styles_weighs_under_150_kb(database: Path, path: str) -> None:
    async with serving(database) as client:
        response = await client.get(path)
        body = await response.read()
        script = await client.get(f"/page.js?v={SCRIPT_VERSION}")
        code = await script.read()
    assert response.status == 200
    assert script.status == 200
    assert "immutable" in script.headers["Cache-Control"]
    assert len(body) + len(code) < PAGE_LIMIT


async def test_the_markup_is_semantic(database: Path) -> None:
    async with serving(database) as client:
        text, _ = await fetch(client, "/?lang=en")
    assert text.startswith("<!DOCTYPE html>")
    for part in (
        "<caption>",
        "<thead>",
        '<th scope="col" data-sort="number" data-first="ascending">',
        "<tbody>",
        '<th scope="row">',
        "<nav ",
        "<style>",
    ):
        assert part in text, part
    assert "--tg-theme-bg-color" in text
    assert "prefers-color-scheme:dark" in text
    assert 'class="scroll"' in text


def shown_rows(text: str) -> list[str]:
    """The slugs of the year table's rows that are not ``hidden``."""
    return [
        slug for slug, rest in re.findall(r'<tr data-slug="([^"]+)"([^>]*)>', text) if "hidden" not in rest
    ]


@pytest.mark.parametrize(
    ("query", "slugs"), [("минздрав", ["moh"]), ("KNB", ["nsc"]), ("МОН", ["edu", "mshe"])]
)
async def test_the_filter_box_works_without_script(database: Path, query: str, slugs: list[str]) -> None:
    async with serving(database) as client:
        text, page = await fetch(client, "/?" + urlencode({"q": query, "lang": "en"}))
    assert sorted(shown_rows(text)) == slugs
    assert len(page.tables[0]) == 32  # the rest are hidden, for the script to show again
    assert f"Bodies shown: {len(slugs)} of 32" in page.text
    assert f'value="{query}"' in text
    # Switching the year or the language keeps the filter.
    assert any("q=" in href and "year=2024" in href for href, _ in page.links)


async def test_a_filter_that_finds_nothing_says_so(database: Path) -> None:
    async with serving(database) as client:
        text, page = await fetch(client, "/?q=qqqzzz&lang=kk")
    assert shown_rows(text) == []
    assert "Бұл сұрау бойынша мемлекеттік орган табылмады." in page.text


async def test_no_filter_shows_every_row_and_no_status(database: Path) -> None:
    async with serving(database) as client:
        text, _ = await fetch(client, "/?lang=en")
    assert len(shown_rows(text)) == 32
    assert '<p id="filter-status" role="status"' in text
    assert re.search(r'<p id="filter-status"[^>]*></p>', text)


async def test_a_bodys_history_has_the_bots_chart_as_svg(database: Path) -> None:
    async with serving(database) as client:
        text, _ = await fetch(client, "/?body=moh&lang=en")
    chart = re.search(r"<svg .*?</svg>", text, re.DOTALL)
    assert chart is not None
    assert "Ministry of Health: score and satisfaction, 2024–2025" in chart.group(0)
    # 2025's figures, as the bot writes them, are labels on the chart
    row = csv_rows(2025)["Министерство здравоохранения"]
    assert number(row["score"], "en", 2) in chart.group(0)


async def test_every_figure_cell_carries_the_number_the_script_sorts_by(database: Path) -> None:
    async with serving(database) as client:
        text, _ = await fetch(client, "/?lang=en")
    row = csv_rows(2025)["Министерство здравоохранения"]
    moh = re.search(r'<tr data-slug="moh".*?</tr>', text, re.DOTALL)
    assert moh is not None
    values = re.findall(r'<td data-value="([^"]*)"', moh.group(0))
    assert len(values) == 6  # rank, score, satisfaction and three changes
    assert float(values[1]) == float(row["score"])
    assert float(values[2]) == float(row["satisfaction"])


async def test_an_import_shows_on_the_next_page_though_pages_are_kept(database: Path) -> None:
    async with serving(database) as client:
        _, before = await fetch(client, "/?lang=en")
        _, kept = await fetch(client, "/?lang=en")
        importer = await Store.open(database)  # another process's commit, as the importer's
        try:
            ratings = [r for r in await importer.all_ratings() if r.year == 2025]
            corrected = [dataclasses.replace(r, score=1.23) if r.agency == "mod" else r for r in ratings]
            await importer.apply_release(
                NewRelease(2025, None, "2025.csv", "corrected", partial=False), corrected, notify=False
            )
        finally:
            await importer.close()
        _, after = await fetch(client, "/?lang=en")
    defence = "Ministry of Defence"
    score = next(row.cells[1] for row in before.tables[0] if row.header == defence)
    assert not score.startswith("1.23")
    assert kept.tables == before.tables
    [corrected_score] = [row.cells[1] for row in after.tables[0] if row.header == defence]
    assert corrected_score.removesuffix("*") == "1.23"
