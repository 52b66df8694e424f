"""The page's filter box finds bodies as the chat's search does, and narrows while typed."""

from __future__ import annotations

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.domain.matching import MAX_FILTER_CHARS, matching_slugs
from bot.domain.snapshot import Snapshot
from bot.store import Store


@pytest.fixture
async def bundled(store: Store) -> Snapshot:
    return await (await Catalog.load(store, load_agencies())).snapshot()


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("минздрав", ["moh"]),  # a colloquial short name
        ("KNB", ["nsc"]),  # a Russian abbreviation typed in Latin letters
        ("кнб", ["nsc"]),
        ("Денсаулық", ["moh"]),  # Kazakh
        ("health", ["moh"]),  # English
        ("минюсь", ["moj"]),  # a typo
        ("vbyvjhjys", ["mod"]),  # "минобороны" typed in the Latin layout
    ],
)
async def test_a_filter_finds_what_the_bot_finds(bundled: Snapshot, text: str, slugs: list[str]) -> None:
    assert matching_slugs(bundled, text) == slugs


async def test_a_blank_filter_shows_every_body_in_list_order(bundled: Snapshot) -> None:
    assert matching_slugs(bundled, "  ") == list(bundled.bodies)
    assert len(matching_slugs(bundled, "")) == 32


async def test_a_former_name_finds_its_successors(bundled: Snapshot) -> None:
    assert set(matching_slugs(bundled, "МОН")) == {"edu", "mshe"}


async def test_a_kind_word_finds_every_body_of_that_kind(bundled: Snapshot) -> None:
    ministries = matching_slugs(bundled, "министерство")
    assert "moh" in ministries
    assert "nsc" not in ministries  # a committee
    assert len(ministries) > 10


async def test_a_word_being_typed_still_narrows_by_its_letters(bundled: Snapshot) -> None:
    # The chat's search answers nothing to three letters; the filter still narrows.
    assert bundled.index.search("мин") == []
    typed = matching_slugs(bundled, "мин")
    assert 0 < len(typed) < 32
    assert all("мин" in " ".join(bundled.bodies[slug].all_names()).casefold() for slug in typed)


async def test_nonsense_finds_nothing(bundled: Snapshot) -> None:
    assert matching_slugs(bundled, "qqqqzzzz") == []


async def test_a_long_text_is_clipped_like_a_message(bundled: Snapshot) -> None:
    assert matching_slugs(bundled, "минздрав" + " " * MAX_FILTER_CHARS + "zzz") == ["moh"]
