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

import html
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from aiohttp import hdrs, web

from bot.domain.export import default_year, exportable_years
from bot.domain.languages import LANGUAGES
from bot.domain.ratings import Change, Standing
from bot.domain.snapshot import Snapshot
from bot.views import common
from bot.views.cards import year_as
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
from bot.web.api import SnapshotSource

#: A few rules, inline: readable on a 360 px phone, light and dark, and open to Telegram's
#: theme (its ``--tg-theme-*`` variables win when the Mini App sets them).
STYLE = """
:root{color-scheme:light dark;--bg:var(--tg-theme-bg-color,#fff);--fg:var(--tg-theme-text-color,#1b1b1b);
--muted:var(--tg-theme-hint-color,#5f6368);--link:var(--tg-theme-link-color,#0b57d0);
--alt:var(--tg-theme-secondary-bg-color,#f2f4f7);--line:#d0d5dd}
@media (prefers-color-scheme:dark){:root{--bg:var(--tg-theme-bg-color,#17191c);
--fg:var(--tg-theme-text-color,#e8eaed);--muted:var(--tg-theme-hint-color,#9aa0a6);
--link:var(--tg-theme-link-color,#8ab4f8);--alt:var(--tg-theme-secondary-bg-color,#23262b);--line:#3c4043}}
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
thead th{background:var(--alt);vertical-align:bottom}tr.selected{background:var(--alt)}
small,.muted{color:var(--muted)}
"""

NO_VALUE = "—"


def page_routes(catalog: SnapshotSource, i18n: I18n) -> list[web.RouteDef]:
    """The page's route, ready for ``app.add_routes``; ``i18n`` holds the bot's catalogs."""

    async def page(request: web.Request) -> web.Response:
        snapshot = await catalog.snapshot()
        language = choose_language(
            request.query.get("lang"), request.headers.get(hdrs.ACCEPT_LANGUAGE), i18n.default_locale
        )
        with i18n.context(), i18n.use_locale(language):
            status, body = render(snapshot, request.query, language)
        return web.Response(
            status=status,
            text=body,
            content_type="text/html",
            charset="utf-8",
            headers={hdrs.CONTENT_LANGUAGE: language, hdrs.VARY: hdrs.ACCEPT_LANGUAGE},
        )

    return [web.get("/", page)]


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
    links = Links(language, year if year != latest else None)
    parts = [
        _switchers(links, years, year, slug),
        _year_table(snapshot, year, links, slug),
    ]
    if slug is not None:
        parts.append(_history(snapshot, slug))
    main = "\n".join(parts)
    if ILLUSTRATIVE_MARK in main:
        main += f'\n<p class="muted">{html.escape(illustrative_footnote())}</p>'
    return 200, _document(language, html.escape(title(year)), main)


class Links:
    """Addresses on the page: each keeps the language, and the year when it is not the default."""

    def __init__(self, language: str, year: int | None) -> None:
        self.language = language
        self.year = year

    def href(self, *, body: str | None = None, year: int | None = None) -> str:
        """An escaped attribute value: ``/?body=..&year=..&lang=..`` (unset parts left out);
        ``year`` overrides the page's own."""
        shown = year if year is not None else self.year
        pairs = [("body", body)] if body is not None else []
        if shown is not None:
            pairs.append(("year", str(shown)))
        pairs.append(("lang", self.language))
        return html.escape("/?" + urlencode(pairs), quote=True)


def _document(language: str, heading: str, main: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language, quote=True)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
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
        f'<li><a href="{Links(code, links.year).href(body=slug)}" lang="{code}" hreflang="{code}"'
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


def _headers(first: str) -> str:
    names = [
        first,
        _("Score (out of 5)"),
        _("Satisfied, %"),
        _("Score change"),
        _("Satisfaction change, p.p."),
        _("Rank change, places (+ up)"),
    ]
    return "".join(f'<th scope="col">{html.escape(name)}</th>' for name in names)


def _year_table(snapshot: Snapshot, year: int, links: Links, selected: str | None) -> str:
    """The year's list in rank order, each body linking to its history."""
    book = snapshot.book
    language = links.language
    rows = []
    for standing in book.standings.get(year, []):
        slug = standing.rating.agency
        body = snapshot.body(slug)
        name = body_name(body.name(language) if body else slug)
        era = era_label(snapshot, slug, year)
        era_text = f" <small>({body_name(era)})</small>" if era else ""
        href = links.href(body=slug) + "#history"
        row_class = ' class="selected"' if slug == selected else ""
        rows.append(
            f"<tr{row_class}><td>{_rank(standing)}</td>"
            f'<th scope="row"><a href="{href}">{name}</a>{era_text}</th>'
            f"{_figures(standing, book.change(slug, year))}</tr>"
        )
    caption = html.escape(_("Score out of 5 · share of satisfied service recipients"))
    if not book.is_complete(year):
        caption += " · " + html.escape(_("partial list, no rank"))
    info = book.years.get(year)
    source = f"\n<p>{source_line(info.source)}</p>" if info is not None else ""
    rank_label, body_label = html.escape(_("Rank")), _("State body")
    return (
        f'<div class="scroll"><table>\n<caption>{caption}</caption>\n'
        f'<thead><tr><th scope="col">{rank_label}</th>{_headers(body_label)}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table></div>{source}"
    )


def _history(snapshot: Snapshot, slug: str) -> str:
    """Every year on record of one body; a year under a predecessor says which one."""
    book = snapshot.book
    body = snapshot.bodies[slug]
    heading = body_name(body.name(locale()))
    history = book.history(slug)
    if not history:
        text = html.escape(_("No rating on record for this body yet."))
        return f'<section id="history">\n<h2>{heading}</h2>\n<p>{text}</p>\n</section>'
    rows = []
    sources = []
    for standing in history:
        year = standing.rating.year
        rows.append(
            f'<tr><th scope="row">{year_as(snapshot, slug, year)}</th><td>{_rank(standing)}</td>'
            f"{_figures(standing, book.change(slug, year))}</tr>"
        )
        info = book.years.get(year)
        if info is not None:
            sources.append(f"<li>{year}: {source_line(info.source)}</li>")
    # The card's heading without its bold tags (a caption is emphasis enough).
    caption = re.sub(r"</?b>", "", _("<b>Every year on record</b>"))
    year_label, rank_label = html.escape(_("Year")), _("Rank")
    return (
        f'<section id="history">\n<h2>{heading}</h2>\n<div class="scroll"><table>\n'
        f"<caption>{caption}</caption>\n"
        f'<thead><tr><th scope="col">{year_label}</th>{_headers(rank_label)}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table></div>\n"
        f"<ul>{''.join(sources)}</ul>\n</section>"
    )


def _rank(standing: Standing) -> str:
    """The place with its mark; a shared place reads the same number (as on /rank), and
    the full phrase ("rank 3 of 32 (tied)") is its tooltip."""
    phrase = html.escape(position_text(standing), quote=True)
    if standing.position is None:
        return f'<span title="{phrase}">{NO_VALUE}</span>'
    return f'<span title="{phrase}">{standing.position}{mark(standing.position_illustrative)}</span>'


def _figures(standing: Standing, change: Change | None) -> str:
    rating = standing.rating
    cells = [
        fmt_score(rating.score) + mark(rating.score_provenance),
        fmt_percent(rating.satisfaction) + mark(rating.satisfaction_provenance),
    ]
    if change is None:
        cells += [NO_VALUE] * 3
    else:
        gained = change.positions_gained
        cells += [
            fmt_signed(change.score_delta, 2) + mark(change.score_illustrative),
            fmt_signed(change.satisfaction_delta, 1) + mark(change.satisfaction_illustrative),
            NO_VALUE if gained is None else fmt_signed(gained, 0) + mark(change.positions_illustrative),
        ]
    return "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
