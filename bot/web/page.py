"""The public rating page (issue 15): the whole table of a year as HTML that needs no script.

Every figure, mark and phrase comes from the bot's own views (formatting, figures, sources,
eras), drawn in the page's language, so the page and the bot never disagree. The query
string is user input: only a known language, a year on record and a listed body's slug are
taken from it, and nothing of it is written back but those.

``GET /``: ``?year=`` (default: the latest complete year), ``?lang=ru|kk|en`` (else the
``Accept-Language`` header, else the default language), ``?body=<slug>`` (that body's
history below the table). An unknown year or slug gets a 404 page in the language.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlencode

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiohttp import hdrs, web

from bot.domain.export import default_year, exportable_years
from bot.domain.languages import LANGUAGES
from bot.domain.matching import MAX_FILTER_CHARS, matching_slugs
from bot.domain.ratings import Change, Standing
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.cards import year_as
from bot.views.charts.history import history_spec
from bot.views.eras import era_label
from bot.views.export import title
from bot.views.figures import position_text
from bot.views.formatting import (
    ILLUSTRATIVE_MARK,
    body_name,
    fmt_percent,
    fmt_score,
    fmt_signed,
    illustrative_footnote,
    locale,
    mark,
)
from bot.views.sources import source_line
from bot.web.answers import AnswerCache
from bot.web.api import SnapshotSource
from bot.web.history_chart import svg

#: A few rules, inline: readable on a 360 px phone, light and dark, and open to Telegram's
#: theme: its ``--tg-theme-*`` colours win when the page's script sets them inside Telegram,
#: and ``data-theme`` (light or dark, from Telegram's background) overrides the system's.
STYLE = """
:root{color-scheme:light;--base-bg:#fff;--base-fg:#1b1b1b;--base-muted:#5f6368;--base-link:#0b57d0;
--base-alt:#f2f4f7;--line:#d0d5dd;--bg:var(--tg-theme-bg-color,var(--base-bg));
--fg:var(--tg-theme-text-color,var(--base-fg));--muted:var(--tg-theme-hint-color,var(--base-muted));
--link:var(--tg-theme-link-color,var(--base-link));--alt:var(--tg-theme-secondary-bg-color,var(--base-alt))}
@media (prefers-color-scheme:dark){:root{color-scheme:dark;--base-bg:#17191c;--base-fg:#e8eaed;
--base-muted:#9aa0a6;--base-link:#8ab4f8;--base-alt:#23262b;--line:#3c4043}}
:root[data-theme=light]{color-scheme:light;--base-bg:#fff;--base-fg:#1b1b1b;--base-muted:#5f6368;
--base-link:#0b57d0;--base-alt:#f2f4f7;--line:#d0d5dd}
:root[data-theme=dark]{color-scheme:dark;--base-bg:#17191c;--base-fg:#e8eaed;--base-muted:#9aa0a6;
--base-link:#8ab4f8;--base-alt:#23262b;--line:#3c4043}
body{margin:0 auto;max-width:60rem;padding:.75rem;background:var(--bg);color:var(--fg);
font:16px/1.4 system-ui,sans-serif}
h1{font-size:1.25rem}h2{font-size:1.1rem}a{color:var(--link)}a:focus-visible{outline:2px solid var(--link)}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.5rem 0}nav ul{display:flex;gap:.5rem;margin:0;
padding:0;list-style:none}nav a{padding:.25rem .4rem}nav [aria-current]{font-weight:bold;text-decoration:none}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;min-width:36rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0}
th,td{padding:.3rem .4rem;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th[scope=row],td.text{text-align:left;white-space:normal;min-width:10rem}
thead th{background:var(--alt);vertical-align:bottom;white-space:normal}
thead th[data-sort=text],thead th.text{text-align:left}tr.selected{background:var(--alt)}
small,.muted{color:var(--muted)}
.filter{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.75rem 0 .25rem}
.filter input{flex:1 1 12rem;font:inherit;padding:.35rem .5rem;color:var(--fg);background:var(--bg);
border:1px solid var(--line);border-radius:.3rem}th button{font:inherit;color:inherit}
.filter button{font:inherit;padding:.35rem .8rem;border:0;border-radius:.3rem;cursor:pointer;
background:var(--tg-theme-button-color,var(--link));color:var(--tg-theme-button-text-color,var(--bg))}
.filter small{flex-basis:100%}#filter-status{min-height:1.4em;margin:.25rem 0;color:var(--muted)}
th button{background:none;border:0;padding:0;text-align:inherit;cursor:pointer;
text-decoration:underline dotted}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
tr.followed th[scope=row]::before{content:"\\2605 ";color:var(--link)}
:focus-visible{outline:2px solid var(--link);outline-offset:1px}
figure{margin:.5rem 0}svg.chart{width:100%;height:auto;max-width:40rem;display:block}
#rating th[scope=row]{position:sticky;left:0;background:var(--bg);z-index:1}
#rating tr.selected th[scope=row]{background:var(--alt)}
@media (max-width:30rem){body{font-size:15px;padding:.5rem}th,td{padding:.25rem .3rem}
th[scope=row],td.text{min-width:8.5rem}h1{font-size:1.1rem}table{min-width:0}}
"""

#: The page's script: sorting, live filtering and the Mini App's personal touches. It only
#: adds to a page that works without it; a versioned address lets browsers keep it a year.
SCRIPT = (Path(__file__).with_name("static") / "page.js").read_bytes()
SCRIPT_PATH = "/page.js"
SCRIPT_VERSION = hashlib.sha256(SCRIPT).hexdigest()[:12]

NO_VALUE = "—"
#: What a page is drawn from, besides its language: nothing else of a query is read.
QUERY_NAMES = ("year", "body", "q")


def page_routes(catalog: SnapshotSource, i18n: I18n) -> list[web.RouteDef]:
    """The page's route, ready for ``app.add_routes``; ``i18n`` holds the bot's catalogs.
    A page is drawn once per snapshot and request (bot/web/answers.py)."""
    answers: AnswerCache[tuple[int, str]] = AnswerCache()

    def drawn(snapshot: Snapshot, query: Mapping[str, str], language: str) -> tuple[int, str]:
        with i18n.context(), i18n.use_locale(language):
            return render(snapshot, query, language)

    async def page(request: web.Request) -> web.Response:
        snapshot = await catalog.snapshot()
        language = choose_language(
            request.query.get("lang"), request.headers.get(hdrs.ACCEPT_LANGUAGE), i18n.default_locale
        )
        query = {name: request.query[name] for name in QUERY_NAMES if name in request.query}
        key = (language, *sorted(query.items()))
        status, body = answers.get(snapshot, key, lambda: drawn(snapshot, query, language))
        return web.Response(
            status=status,
            text=body,
            content_type="text/html",
            charset="utf-8",
            headers={hdrs.CONTENT_LANGUAGE: language, hdrs.VARY: hdrs.ACCEPT_LANGUAGE},
        )

    async def script(request: web.Request) -> web.Response:
        current = request.query.get("v") == SCRIPT_VERSION
        cache = "public, max-age=31536000, immutable" if current else "public, max-age=300"
        return web.Response(
            body=SCRIPT, content_type="text/javascript", charset="utf-8", headers={hdrs.CACHE_CONTROL: cache}
        )

    return [web.get("/", page), web.get(SCRIPT_PATH, script)]


def choose_language(asked: str | None, accept_language: str | None, default: str) -> str:
    """``?lang=`` when it names a language of ours; else the best one ``Accept-Language``
    allows (by q-value, ties in the header's order); else the default."""
    if asked in LANGUAGES:
        return asked
    return preferred(accept_language or "") or default


def preferred(header: str) -> str | None:
    """The language of ours with the highest q-value in an ``Accept-Language`` header."""
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        language = tag.strip().split("-")[0].lower()
        if language not in LANGUAGES:
            continue
        quality = 1.0
        match = re.fullmatch(r"\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*", params) if params else None
        if params:
            quality = float(match.group(1)) if match else 0.0
        if quality > 0:
            choices.append((-quality, order, language))
    return min(choices)[2] if choices else None


def render(snapshot: Snapshot, query: Mapping[str, str], language: str) -> tuple[int, str]:
    """(status, the whole document) for a request's query, in the current i18n locale."""
    book = snapshot.book
    years = exportable_years(book)
    latest = default_year(book)
    if latest is None:
        return 200, _document(language, html.escape(common.no_data()), "")
    year_text = query.get("year")
    year = int(year_text) if year_text and year_text.isascii() and year_text.isdigit() else None
    if year_text is not None and year not in years:
        return 404, _not_found(language, year, years)
    year = year or latest
    slug = query.get("body")
    if slug is not None and snapshot.body(slug) is None:
        return 404, _not_found(language, None, years)
    text = query.get("q", "")[:MAX_FILTER_CHARS].strip()
    links = Links(language, year if year != latest else None, text)
    table = _year_table(snapshot, year, links, slug, set(matching_slugs(snapshot, text)))
    parts = [_switchers(links, years, year, slug), table]
    if slug is not None:
        parts.append(_history(snapshot, slug))
    main = "\n".join(parts)
    if ILLUSTRATIVE_MARK in main:
        main += f'\n<p class="muted">{html.escape(illustrative_footnote())}</p>'
    return 200, _document(language, html.escape(title(year)), main)


class Links:
    """Addresses on the page: each keeps the language, and the year when it is not the default."""

    def __init__(self, language: str, year: int | None, filter_text: str = "") -> None:
        self.language = language
        self.year = year
        self.filter_text = filter_text

    def href(self, *, body: str | None = None, year: int | None = None) -> str:
        """An escaped attribute value: ``/?body=..&year=..&lang=..`` (unset parts left out);
        ``year`` overrides the page's own."""
        shown = year if year is not None else self.year
        pairs = [("body", body)] if body is not None else []
        if shown is not None:
            pairs.append(("year", str(shown)))
        if self.filter_text:
            pairs.append(("q", self.filter_text))
        pairs.append(("lang", self.language))
        return html.escape("/?" + urlencode(pairs), quote=True)


def _document(language: str, heading: str, main: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language, quote=True)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>{STYLE}</style>\n"
        f'<script src="{SCRIPT_PATH}?v={SCRIPT_VERSION}" defer></script>\n</head>\n<body>\n'
        f"<main>\n<h1>{heading}</h1>\n{main}\n</main>\n</body>\n</html>\n"
    )


def _not_found(language: str, year: int | None, years: Iterable[int]) -> str:
    """The 404 page: what is missing (only a year is echoed, and only digits) and a way back."""
    if year is not None:
        text = _("There is no rating for {year}. Years on record: {years}.").format(
            year=year, years=", ".join(str(y) for y in years)
        )
    else:
        text = _("No state body has this address.")
    back = Links(language, None).href()
    back_text = html.escape(_("Back to the whole rating"))
    main = f'<p>{html.escape(text)}</p>\n<p><a href="{back}">{back_text}</a></p>'
    return _document(language, html.escape(_("Page not found")), main)


def _switchers(links: Links, years: list[int], year: int, slug: str | None) -> str:
    year_items = "".join(
        f'<li><a href="{links.href(year=y, body=slug)}"{_current(y == year)}>{y}</a></li>' for y in years
    )
    language_items = "".join(
        f'<li><a href="{Links(code, links.year, links.filter_text).href(body=slug)}" '
        f'lang="{code}" hreflang="{code}"'
        f"{_current(code == links.language)}>{html.escape(name)}</a></li>"
        for code, name in LANGUAGES.items()
    )
    # gettext calls stay out of f-strings: pybabel's extractor does not look inside them.
    year_label = html.escape(_("Year"), quote=True)
    language_label = html.escape(_("Language"), quote=True)
    return (
        f'<nav aria-label="{year_label}"><ul>{year_items}</ul></nav>\n'
        f'<nav aria-label="{language_label}"><ul>{language_items}</ul></nav>'
    )


def _current(current: bool) -> str:
    return ' aria-current="page"' if current else ""


def _headers(first: str, first_sort: str) -> str:
    """The figure columns' headers; each says how the page's script sorts it (``data-sort``)
    and which way first (``data-first``): the best figure on top."""
    columns = [
        (first, first_sort),
        (_("Score (out of 5)"), "number"),
        (_("Satisfied, %"), "number"),
        (_("Score change"), "number"),
        (_("Satisfaction change, p.p."), "number"),
        (_("Rank change, places (+ up)"), "number"),
    ]
    return "".join(
        f'<th scope="col" data-sort="{kind}" data-first="{"ascending" if kind == "text" else "descending"}">'
        f"{html.escape(name)}</th>"
        for name, kind in columns
    )


def _filter_form(links: Links, shown: int, total: int) -> str:
    """The filter box: a GET form the server answers without script; the script filters live.

    Its status line carries the phrases the script needs (``data-*``), in the page's language.
    """
    label = html.escape(_("Find a state body"))
    button = html.escape(_("Find"))
    hint = html.escape(_("A name in any of the three languages, an abbreviation, even with a typo"))
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(value, quote=True)}">'
        for name, value in (("year", str(links.year) if links.year else ""), ("lang", links.language))
        if value
    )
    template = _("Bodies shown: {count} of {total}")
    nothing = _("No state body matches this search.")
    status = ""
    if links.filter_text:
        status = nothing if shown == 0 else template.format(count=shown, total=total)
    return (
        f'<form role="search" method="get" action="/" class="filter">{hidden}'
        f'<label for="filter">{label}</label> '
        f'<input type="search" id="filter" name="q" value="{html.escape(links.filter_text, quote=True)}" '
        f'maxlength="{MAX_FILTER_CHARS}" autocomplete="off" aria-describedby="filter-hint"> '
        f'<button type="submit">{button}</button>'
        f'<small id="filter-hint">{hint}</small></form>\n'
        f'<p id="filter-status" role="status" data-template="{html.escape(template, quote=True)}" '
        f'data-nothing="{html.escape(nothing, quote=True)}">{html.escape(status)}</p>'
    )


def _year_table(snapshot: Snapshot, year: int, links: Links, selected: str | None, found: set[str]) -> str:
    """The year's list in rank order, each body linking to its history; the bodies the filter
    text does not find are in the table but ``hidden``, so the script can show them again."""
    book = snapshot.book
    language = links.language
    rows = []
    standings = book.standings.get(year, [])
    for order, standing in enumerate(standings):
        slug = standing.rating.agency
        body = snapshot.body(slug)
        name = body_name(body.name(language) if body else slug)
        era = era_label(snapshot, slug, year)
        era_text = f" <small>({body_name(era)})</small>" if era else ""
        href = links.href(body=slug) + "#history"
        attributes = f' data-slug="{html.escape(slug, quote=True)}" data-order="{order}"'
        if slug == selected:
            attributes += ' class="selected"'
        if slug not in found:
            attributes += " hidden"
        rows.append(
            f"<tr{attributes}>{_rank(standing)}"
            f'<th scope="row"><a href="{href}">{name}</a>{era_text}</th>'
            f"{_figures(standing, book.change(slug, year))}</tr>"
        )
    caption = html.escape(_("Score out of 5 · share of satisfied service recipients"))
    if not book.is_complete(year):
        caption += " · " + html.escape(_("partial list, no rank"))
    info = book.years.get(year)
    source = f"\n<p>{source_line(info.source)}</p>" if info is not None else ""
    rank_label, body_label = html.escape(_("Rank")), _("State body")
    shown = sum(1 for standing in standings if standing.rating.agency in found)
    follow = html.escape(_("You follow this body in the bot"), quote=True)
    return (
        f"{_filter_form(links, shown, len(standings))}\n"
        f'<div class="scroll"><table id="rating" data-followed="{follow}">\n<caption>{caption}</caption>\n'
        f'<thead><tr><th scope="col" data-sort="number" data-first="ascending">{rank_label}</th>'
        f"{_headers(body_label, 'text')}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table></div>{source}"
    )


def _history(snapshot: Snapshot, slug: str) -> str:
    """Every year on record of one body, as the bot's chart and as a table; a year under a
    predecessor says which one."""
    book = snapshot.book
    body = snapshot.bodies[slug]
    heading = body_name(body.name(locale()))
    spec = history_spec(snapshot, slug)  # None: no year on record
    if spec is None:
        text = html.escape(_("No rating on record for this body yet."))
        return f'<section id="history">\n<h2>{heading}</h2>\n<p>{text}</p>\n</section>'
    rows = []
    sources = []
    for standing in book.history(slug):
        year = standing.rating.year
        rows.append(
            f'<tr><th scope="row">{year_as(snapshot, slug, year)}</th>{_rank(standing)}'
            f"{_figures(standing, book.change(slug, year))}</tr>"
        )
        info = book.years.get(year)
        if info is not None:
            sources.append(f"<li>{year}: {source_line(info.source)}</li>")
    # The card's heading without its bold tags (a caption is emphasis enough).
    caption = re.sub(r"</?b>", "", _("<b>Every year on record</b>"))
    year_label, rank_label = html.escape(_("Year")), _("Rank")
    return (
        f'<section id="history">\n<h2>{heading}</h2>\n<figure>{svg(spec)}</figure>\n'
        f'<div class="scroll"><table>\n<caption>{caption}</caption>\n'
        f'<thead><tr><th scope="col" class="text">{year_label}</th>'
        f"{_headers(rank_label, 'number')}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table></div>\n"
        f"<ul>{''.join(sources)}</ul>\n</section>"
    )


def _rank(standing: Standing) -> str:
    """The place's cell with its mark; a shared place reads the same number (as on /rank), and
    the full phrase ("rank 3 of 32 (tied)") is its tooltip."""
    phrase = html.escape(position_text(standing), quote=True)
    if standing.position is None:
        return f'<td data-value=""><span title="{phrase}">{NO_VALUE}</span></td>'
    text = f"{standing.position}{mark(standing.position_illustrative)}"
    return f'<td data-value="{standing.position}"><span title="{phrase}">{text}</span></td>'


def _figures(standing: Standing, change: Change | None) -> str:
    """The figure cells; ``data-value`` is the number the script sorts by ("" when none)."""
    rating = standing.rating
    cells: list[tuple[str, float | None]] = [
        (fmt_score(rating.score) + mark(rating.score_provenance), rating.score),
        (fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance), rating.satisfaction),
    ]
    if change is None:
        cells += [(NO_VALUE, None)] * 3
    else:
        gained = change.positions_gained
        satisfaction_delta = fmt_signed(change.satisfaction_delta, 1) + mark(change.satisfaction_illustrative)
        places = None if gained is None else fmt_signed(gained, 0) + mark(change.positions_illustrative)
        cells += [
            (fmt_signed(change.score_delta, 2) + mark(change.score_illustrative), change.score_delta),
            (satisfaction_delta, change.satisfaction_delta),
            (NO_VALUE, None) if places is None else (places, gained),
        ]
    return "".join(
        f'<td data-value="{"" if value is None else round(value, 4)}">{html.escape(cell)}</td>'
        for cell, value in cells
    )
