"""The JSON API against the bundled database: the CSV's numbers, the bot's marks, and caching."""

from __future__ import annotations

import csv
import dataclasses
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.domain.bodies import DATA_DIR, load_agencies
from bot.domain.catalog import Catalog
from bot.domain.ratings import rank
from bot.store import Store
from bot.store.records import NewRelease
from bot.web.api import CACHE_CONTROL, api_routes

RATINGS_DIR = DATA_DIR / "ratings"


@asynccontextmanager
async def serving(database: Path) -> AsyncIterator[tuple[TestClient[web.Request, web.Application], Store]]:
    """The API on 127.0.0.1 over a catalog of ``database``, as the bot would read it."""
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        app = web.Application()
        app.add_routes(api_routes(catalog))
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            yield client, store
    finally:
        await store.close()


def csv_rows(year: int) -> dict[str, dict[str, str]]:
    """The bundled CSV of ``year`` by slug (its rows name bodies by their Russian name)."""
    slugs = {body.names["ru"]: body.slug for body in load_agencies()}
    with (RATINGS_DIR / f"{year}.csv").open(encoding="utf-8") as file:
        return {slugs[row["agency"]]: row for row in csv.DictReader(file)}


async def get_json(client: TestClient[web.Request, web.Application], path: str) -> Any:
    response = await client.get(path)
    assert response.status == 200, await response.text()
    assert response.headers["Cache-Control"] == CACHE_CONTROL
    assert response.headers["ETag"]
    return await response.json()


async def test_years_lists_every_year_with_its_release(database: Path) -> None:
    async with serving(database) as (client, _):
        data = await get_json(client, "/api/v1/years")
    assert data["latest"] == 2025
    years = {entry["year"]: entry for entry in data["years"]}
    assert [entry["year"] for entry in data["years"]] == [2025, 2024, 2020]
    assert years[2020]["partial"] is True
    assert years[2025]["partial"] is False
    assert years[2025]["comparable"] is True
    assert years[2020]["comparable"] is False
    assert years[2025]["release"]["source"] == {
        "publisher": "Kazinform / finprom.kz",
        "published": "2026-01-29",
        "url": "",
        "kind": "report",
    }
    assert years[2024]["release"]["source"]["kind"] == "reconstruction"
    assert years[2024]["illustrative"] is True
    for year in (2020, 2024, 2025):
        assert years[year]["bodies"] == len(csv_rows(year))


async def test_ratings_carry_the_csv_figures_and_provenance(database: Path) -> None:
    async with serving(database) as (client, _):
        for year in (2020, 2024, 2025):
            data = await get_json(client, f"/api/v1/ratings/{year}")
            expected = csv_rows(year)
            rows = {row["slug"]: row for row in data["ratings"]}
            assert rows.keys() == expected.keys()
            for slug, row in expected.items():
                got = rows[slug]
                assert got["score"] == float(row["score"]), (year, slug)
                assert got["satisfaction"] == float(row["satisfaction"]), (year, slug)
                assert got["score_provenance"] == row["score_provenance"]
                assert got["satisfaction_provenance"] == row["satisfaction_provenance"]
                assert got["score_illustrative"] is (row["score_provenance"] == "illustrative")
                assert got["satisfaction_illustrative"] is (row["satisfaction_provenance"] == "illustrative")
                assert set(got["names"]) == {"ru", "kk", "en"}
                assert got["names"]["ru"] == row["agency"]


async def test_ranks_are_the_domain_ranks_with_ties_and_marks(database: Path) -> None:
    async with serving(database) as (client, store):
        data = await get_json(client, "/api/v1/ratings/2025")
        partial = await get_json(client, "/api/v1/ratings/2020")
        ratings = [r for r in await store.all_ratings() if r.year == 2025]
    expected = rank(ratings)
    assert [row["slug"] for row in data["ratings"]] == [s.rating.agency for s in expected]
    for row, standing in zip(data["ratings"], expected, strict=True):
        assert row["rank"] == {
            "position": standing.position,
            "total": standing.total,
            "tied": standing.tied,
            "illustrative": standing.position_illustrative,
        }
    # 2025 has illustrative values, so every place in it is marked, as the bot marks it.
    assert all(row["rank"]["illustrative"] for row in data["ratings"])
    assert any(row["rank"]["tied"] for row in data["ratings"]) == any(s.tied for s in expected)
    # A partial year is ordered but claims no place and no change.
    assert all(row["rank"]["position"] is None for row in partial["ratings"])
    assert all(row["change"] is None for row in partial["ratings"])


async def test_changes_match_the_csv_and_flag_illustrative_sources(database: Path) -> None:
    now, before = csv_rows(2025), csv_rows(2024)
    async with serving(database) as (client, _):
        data = await get_json(client, "/api/v1/ratings/2025")
    for row in data["ratings"]:
        slug = row["slug"]
        if slug not in before:
            assert row["change"] is None
            continue
        change = row["change"]
        assert change["previous_year"] == 2024
        assert change["score_delta"] == round(float(now[slug]["score"]) - float(before[slug]["score"]), 2)
        assert change["satisfaction_delta"] == round(
            float(now[slug]["satisfaction"]) - float(before[slug]["satisfaction"]), 2
        )
        # 2024 is a reconstruction: every difference against it is derived from illustrative values.
        assert change["score_illustrative"] is True
        assert change["satisfaction_illustrative"] is True
        assert change["positions_illustrative"] is True
        assert change["positions_gained"] == change["previous_position"] - change["position"]


async def test_body_has_every_year_names_and_predecessor(database: Path) -> None:
    async with serving(database) as (client, _):
        data = await get_json(client, "/api/v1/bodies/maidd")
        defence = await get_json(client, "/api/v1/bodies/mod")
    assert data["slug"] == "maidd"
    assert set(data["names"]) == set(data["short_names"]) == {"ru", "kk", "en"}
    years = {entry["year"]: entry for entry in data["history"]}
    assert [entry["year"] for entry in data["history"]] == sorted(years, reverse=True)
    # data/lineage.csv: the 2020 and 2024 figures were published for mcriap.
    assert years[2020]["rated_as"]["id"] == "mcriap"
    assert set(years[2020]["rated_as"]["names"]) == {"ru", "kk", "en"}
    assert years[2025]["rated_as"] is None
    assert years[2020]["partial"] is True
    assert years[2020]["rank"]["position"] is None
    assert years[2025]["release"]["source"]["published"] == "2026-01-29"
    for year, entry in {e["year"]: e for e in defence["history"]}.items():
        row = csv_rows(year)["mod"]
        assert entry["score"] == float(row["score"])
        assert entry["satisfaction"] == float(row["satisfaction"])
        assert entry["score_provenance"] == row["score_provenance"]


async def test_unknown_year_or_slug_is_a_json_404(database: Path) -> None:
    async with serving(database) as (client, _):
        for path in (
            "/api/v1/ratings/1999",
            "/api/v1/ratings/abc",
            "/api/v1/ratings/２０２５",
            "/api/v1/bodies/nope",
        ):
            response = await client.get(path)
            assert response.status == 404, path
            body = await response.json()
            assert set(body) == {"error"}, path
            assert body["error"], path


async def test_other_methods_are_405_and_head_is_allowed(database: Path) -> None:
    async with serving(database) as (client, _):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            response = await client.request(method, "/api/v1/years")
            assert response.status == 405, method
            assert response.headers["Allow"] == "GET, HEAD"
            assert "error" in await response.json()
        head = await client.head("/api/v1/ratings/2025")
        assert head.status == 200
        assert head.headers["ETag"]


async def test_if_none_match_gets_304_without_a_body(database: Path) -> None:
    async with serving(database) as (client, _):
        first = await client.get("/api/v1/ratings/2025")
        etag = first.headers["ETag"]
        again = await client.get("/api/v1/ratings/2025", headers={"If-None-Match": etag})
        assert again.status == 304
        assert await again.read() == b""
        assert again.headers["ETag"] == etag
        assert again.headers["Cache-Control"] == CACHE_CONTROL
        weak = await client.get("/api/v1/bodies/mod", headers={"If-None-Match": f'"other", W/{etag}'})
        assert weak.status == 304
        stale = await client.get("/api/v1/years", headers={"If-None-Match": '"stale"'})
        assert stale.status == 200


async def test_same_data_same_etag_in_another_process(database: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(database, copy)
    async with serving(database) as (client, _):
        one = (await client.get("/api/v1/years")).headers["ETag"]
    async with serving(copy) as (client, _):
        other = (await client.get("/api/v1/years")).headers["ETag"]
    assert one == other


async def test_an_import_changes_the_etag_and_the_figures(database: Path) -> None:
    async with serving(database) as (client, store):
        before = await client.get("/api/v1/ratings/2025")
        old_tag = before.headers["ETag"]
        ratings = [r for r in await store.all_ratings() if r.year == 2025]
        corrected = [dataclasses.replace(r, score=1.23) if r.agency == "mod" else r for r in ratings]
        # The importer is another process with its own connection: the catalog sees its commit.
        importer = await Store.open(database)
        try:
            await importer.apply_release(
                NewRelease(2025, None, "2025.csv", "corrected", partial=False), corrected, notify=False
            )
        finally:
            await importer.close()
        after = await client.get("/api/v1/ratings/2025", headers={"If-None-Match": old_tag})
        assert after.status == 200
        assert after.headers["ETag"] != old_tag
        rows = {row["slug"]: row for row in (await after.json())["ratings"]}
        assert rows["mod"]["score"] == 1.23
        revalidated = await client.get(
            "/api/v1/ratings/2025", headers={"If-None-Match": after.headers["ETag"]}
        )
        assert revalidated.status == 304


async def test_removing_a_year_changes_the_etag_and_404s_it(database: Path) -> None:
    async with serving(database) as (client, _):
        old_tag = (await client.get("/api/v1/years")).headers["ETag"]
        importer = await Store.open(database)
        try:
            assert await importer.remove_year(2020) is not None
        finally:
            await importer.close()
        years = await client.get("/api/v1/years", headers={"If-None-Match": old_tag})
        assert years.status == 200
        assert years.headers["ETag"] != old_tag
        assert [entry["year"] for entry in (await years.json())["years"]] == [2025, 2024]
        assert (await client.get("/api/v1/ratings/2020")).status == 404


async def test_search_answers_the_filter_box_with_the_bots_search(database: Path) -> None:
    async with serving(database) as (client, _):
        health = await get_json(client, "/api/v1/search?q=минздрав")
        knb = await get_json(client, "/api/v1/search?q=KNB")
        blank = await get_json(client, "/api/v1/search?q=")
        missing = await get_json(client, "/api/v1/search")
        long = await get_json(client, "/api/v1/search?q=" + "a" * 5000)
    assert health == {"query": "минздрав", "slugs": ["moh"]}
    assert knb == {"query": "KNB", "slugs": ["nsc"]}
    assert len(blank["slugs"]) == len(missing["slugs"]) == 32
    assert len(long["query"]) == 200
    assert long["slugs"] == []
