"""The read-only JSON API (issue 15): the same figures, ranks and marks as the bot, for pages.

Everything comes from one catalog snapshot per request and from bot/domain/ratings.py, so a
page and the bot never disagree. Mount with ``app.add_routes(api_routes(catalog))``.

Endpoints (GET and HEAD; any other method: 405 with ``Allow``):

``/api/v1/years``
    ``{"format": 1, "latest": 2025 | null, "years": [YEAR, ...]}``, newest first, where
    ``latest`` is the newest complete year (the one /rank shows first) and YEAR is
    ``{"year", "partial", "comparable", "bodies", "illustrative", "release"}``:
    ``comparable`` - it has changes against the year before (both complete lists);
    ``bodies`` - how many bodies it rates; ``illustrative`` - any value of it is;
    ``release`` - ``{"id", "source": {"publisher", "published", "url", "kind"}}``,
    ``published`` being YYYY-MM-DD or YYYY-MM and any part "" when not known.
``/api/v1/ratings/<year>``
    YEAR's fields plus ``"ratings": [ROW, ...]`` in rank order. ROW is
    ``{"slug", "names", "short_names", "abbreviations", "rated_as", ...FIGURES}``; the name
    maps have keys ru, kk, en (null when the list no longer names the slug); ``rated_as``
    is null or ``{"id", "names"}``: the predecessor the figures were published for.
``/api/v1/bodies/<slug>``
    ``{"slug", "kind", "names", "short_names", "abbreviations", "history": [ENTRY, ...]}``,
    newest year first; ENTRY is ``{"year", "partial", "release", "rated_as", ...FIGURES}``.
``/api/v1/search?q=TEXT``
    ``{"query", "slugs": [slug, ...]}``: the bodies the bot's search finds for TEXT (its first
    200 characters), in the list's order (bot/domain/matching.py); every slug for a blank TEXT.

FIGURES, as the bot computes them:
``score``, ``satisfaction`` (per cent); ``score_provenance``, ``satisfaction_provenance``
(``published``, ``article`` or ``illustrative``); ``score_illustrative``,
``satisfaction_illustrative`` (the bot marks such a value); ``note``;
``rank``: ``{"position", "total", "tied", "illustrative"}``, ``position`` null in a partial
year, ``illustrative`` when any value of the year is (the place is worked out from them);
``change``: null, or against the year before ``{"previous_year", "score_delta",
"satisfaction_delta", "position", "previous_position", "positions_gained",
"score_illustrative", "satisfaction_illustrative", "positions_illustrative"}``, each flag
true when the value is derived from an illustrative one.

Caching: every 200 and 304 carries ``ETag`` (one per release set, bot/web/etag.py) and
``Cache-Control: public, max-age=60, must-revalidate``; a request whose ``If-None-Match``
names the current tag gets a 304 with no body. Unknown year or slug: 404 ``{"error": "..."}``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from aiohttp import hdrs, web

from bot.domain.lineage import Predecessor
from bot.domain.matching import MAX_FILTER_CHARS, matching_slugs
from bot.domain.ratings import Change, Standing
from bot.domain.snapshot import Snapshot
from bot.store.records import YearInfo
from bot.web.answers import AnswerCache
from bot.web.etag import FORMAT_VERSION, EtagCache, matches

CACHE_CONTROL = "public, max-age=60, must-revalidate"
ALLOWED = "GET, HEAD"

Json = dict[str, Any]


class SnapshotSource(Protocol):
    """What the API reads from: the Catalog, or anything that hands out snapshots."""

    async def snapshot(self) -> Snapshot: ...


def api_routes(catalog: SnapshotSource) -> list[web.RouteDef]:
    """The API's routes, ready for ``app.add_routes``; they share one ETag cache and one
    cache of encoded answers (bot/web/answers.py)."""
    etags = EtagCache()
    answers: AnswerCache[bytes | None] = AnswerCache()

    def endpoint(build: Callable[[Snapshot, web.Request], Json | None], missing: str) -> Handler:
        def encoded(snapshot: Snapshot, request: web.Request) -> bytes | None:
            payload = build(snapshot, request)
            return None if payload is None else json.dumps(payload).encode()

        async def handle(request: web.Request) -> web.StreamResponse:
            if request.method not in ("GET", "HEAD"):
                return _error(405, "method not allowed: use GET", headers={hdrs.ALLOW: ALLOWED})
            snapshot = await catalog.snapshot()
            etag = etags.etag(snapshot)
            headers = {hdrs.ETAG: etag, hdrs.CACHE_CONTROL: CACHE_CONTROL}
            body = answers.get(snapshot, request.rel_url.path_qs, lambda: encoded(snapshot, request))
            if body is None:
                return _error(404, missing.format(**request.match_info))
            if matches(etag, request.if_none_match):
                return web.Response(status=304, headers=headers)
            return web.Response(body=body, content_type="application/json", headers=headers)

        return handle

    return [
        web.route("*", "/api/v1/years", endpoint(_years, "no such resource")),
        web.route("*", "/api/v1/ratings/{year}", endpoint(_ratings, "no ratings for year {year}")),
        web.route("*", "/api/v1/bodies/{slug}", endpoint(_body, "no body with slug {slug}")),
        web.route("*", "/api/v1/search", endpoint(_search, "no such resource")),
    ]


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


def _years(snapshot: Snapshot, _request: web.Request) -> Json:
    book = snapshot.book
    return {
        "format": FORMAT_VERSION,
        "latest": book.latest_year(),
        "years": [_year_fields(snapshot, year) for year in book.all_years()],
    }


def _ratings(snapshot: Snapshot, request: web.Request) -> Json | None:
    text = request.match_info["year"]
    if not (text.isascii() and text.isdigit()):
        return None
    year = int(text)
    standings = snapshot.book.standings.get(year)
    if not standings:
        return None
    rows = [
        {**_names(snapshot, standing.rating.agency), **_entry(snapshot, standing)} for standing in standings
    ]
    return {**_year_fields(snapshot, year), "ratings": rows}


def _body(snapshot: Snapshot, request: web.Request) -> Json | None:
    slug = request.match_info["slug"]
    body = snapshot.body(slug)
    if body is None:
        return None
    history = [
        {
            "year": standing.rating.year,
            "partial": not snapshot.book.is_complete(standing.rating.year),
            "release": _release(snapshot.book.years.get(standing.rating.year)),
            **_entry(snapshot, standing),
        }
        for standing in snapshot.book.history(slug)
    ]
    return {"slug": slug, "kind": body.kind, **_names(snapshot, slug), "history": history}


def _search(snapshot: Snapshot, request: web.Request) -> Json:
    """The page's filter box: the bodies the bot's search finds for ``?q=``, list order."""
    text = request.query.get("q", "")[:MAX_FILTER_CHARS]
    return {"query": text, "slugs": matching_slugs(snapshot, text)}


def _year_fields(snapshot: Snapshot, year: int) -> Json:
    book = snapshot.book
    standings = book.standings.get(year, [])
    return {
        "year": year,
        "partial": not book.is_complete(year),
        "comparable": book.comparable(year),
        "bodies": len(standings),
        "illustrative": any(s.rating.illustrative for s in standings),
        "release": _release(book.years.get(year)),
    }


def _release(info: YearInfo | None) -> Json | None:
    """Null for ratings with no release on record (the book counts such a year as partial)."""
    if info is None:
        return None
    source = info.source
    return {
        "id": info.release_id,
        "source": {
            "publisher": source.publisher,
            "published": source.published,
            "url": source.url,
            "kind": source.kind,
        },
    }


def _names(snapshot: Snapshot, slug: str) -> Json:
    body = snapshot.body(slug)
    if body is None:
        return {"slug": slug, "names": None, "short_names": None, "abbreviations": None}
    return {
        "slug": slug,
        "names": dict(body.names),
        "short_names": dict(body.short_names),
        "abbreviations": dict(body.abbreviations),
    }


def _entry(snapshot: Snapshot, standing: Standing) -> Json:
    """One body's figures for one year, with every mark the bot would show."""
    rating = standing.rating
    return {
        "rated_as": _predecessor(snapshot.lineage.rated_as(rating.agency, rating.year)),
        "score": rating.score,
        "satisfaction": rating.satisfaction,
        "score_provenance": rating.score_provenance,
        "satisfaction_provenance": rating.satisfaction_provenance,
        "score_illustrative": rating.score_provenance == "illustrative",
        "satisfaction_illustrative": rating.satisfaction_provenance == "illustrative",
        "note": rating.note,
        "rank": {
            "position": standing.position,
            "total": standing.total,
            "tied": standing.tied,
            "illustrative": standing.position_illustrative,
        },
        "change": _change(snapshot.book.change(rating.agency, rating.year)),
    }


def _predecessor(predecessor: Predecessor | None) -> Json | None:
    if predecessor is None:
        return None
    return {"id": predecessor.id, "names": dict(predecessor.names)}


def _change(change: Change | None) -> Json | None:
    if change is None:
        return None
    return {
        "previous_year": change.previous_year,
        "score_delta": change.score_delta,
        "satisfaction_delta": change.satisfaction_delta,
        "position": change.position,
        "previous_position": change.previous_position,
        "positions_gained": change.positions_gained,
        "score_illustrative": change.score_illustrative,
        "satisfaction_illustrative": change.satisfaction_illustrative,
        "positions_illustrative": change.positions_illustrative,
    }
