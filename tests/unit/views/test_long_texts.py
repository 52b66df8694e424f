"""No screen is too long for Telegram, however long what it quotes.

Telegram refuses a message over 4,096 characters ("message is too long"). Every screen is
drawn here, in each language, from the longest inputs anyone can give it: a 4,000-character
``--source`` (ampersands, which escaping makes five times longer) and URL, bodies whose
names are 4,000 characters, a 4,096-character query; and from the real list of bodies, a
chat that follows every one of them. Each text must fit and parse as Telegram parses HTML.
Before the bounds, /rank with such a source was 24,500 characters long, and a notification
to a chat following all 32 bundled bodies about 6,000.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator

import pytest

from bot.domain.bodies import Agency, load_agencies
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.store.records import ALL, Progress, Rating, Source, Totals, YearInfo
from bot.views import admin, cards, changes, common, lookup, notifications, ranking, subscriptions
from bot.views.formatting import MESSAGE_LIMIT, PUBLISHER_LIMIT
from bot.views.sources import source_line
from tests.e2e.fake_telegram import html_to_text

from .conftest import LANGUAGES, Speaker

LONG = "&<" * 2000  # 4,000 characters; 18,000 once escaped
LONG_SOURCE = Source(LONG, "2026-01-29", "https://example.org/" + "a" * 4000, "report")
QUERY = "Министерство " * 315  # 4,095 characters: as long as a message can be


def long_named(body: Agency, index: int) -> Agency:
    """The body with 4,000-character names in every language (each its own, to stay apart)."""
    name = f"{index} {LONG}"[:4000]
    every = dict.fromkeys(body.names, name)
    return dataclasses.replace(body, names=every, short_names=every)


def snapshot_of(bodies: list[Agency], source: Source) -> Snapshot:
    """Every body rated in 2024 and 2025 (complete) and 2023 (partial), figures all apart."""
    slugs = [body.slug for body in bodies]
    years = [
        YearInfo(2023, True, source, 1),
        YearInfo(2024, False, source, 2),
        YearInfo(2025, False, source, 3),
    ]
    ratings = [
        Rating(
            year,
            slug,
            round(4.9 - 0.01 * i - 0.1 * (year - 2024), 2),
            99.0 - i * 0.7 + (year - 2024) * i * 0.3,
        )
        for year in (2023, 2024, 2025)
        for i, slug in enumerate(slugs)
    ]
    return Snapshot.build(RatingBook.build(years, ratings), bodies)


@pytest.fixture(scope="module", params=["bundled names", "4,000-character names"])
def book(request: pytest.FixtureRequest) -> Snapshot:
    bodies = load_agencies()
    if request.param != "bundled names":
        bodies = [long_named(body, index) for index, body in enumerate(bodies)]
    return snapshot_of(bodies, LONG_SOURCE)


def telegram_length(text: str) -> int:
    """The length Telegram limits: of the text once its HTML is parsed (which must parse),
    in UTF-16 code units, as Telegram counts (an emoji is two)."""
    return len(html_to_text(text).encode("utf-16-le")) // 2


def every_screen(snapshot: Snapshot) -> Iterator[tuple[str, str]]:
    """(what, text) of every screen a user or a subscriber can be shown."""
    slugs = list(snapshot.bodies)
    for year in (None, 2024, 2025):
        for page in range(4):
            yield f"/rank {year} page {page}", ranking.rank(snapshot, year, page).text
    for slug in slugs:
        for year in (0, 2023, 2025, 2019):
            yield f"card {slug} {year}", cards.card(snapshot, slug, year).text
    for kind in ("new", "corrected"):
        for year in (2023, 2025):
            for topics in ((ALL,), (ALL, *slugs), tuple(slugs)):
                text = notifications.release_message(snapshot, year, kind, topics).text
                yield f"{kind} notification {year} of {len(topics)} topics", text
    yield "/changes", changes.changes(snapshot, None).text
    yield "/subscriptions", subscriptions.listing(snapshot, [ALL, *slugs]).text
    for slug in (ALL, slugs[0]):
        yield f"subscribed {slug}", subscriptions.subscribed(snapshot, slug, new=True)
        yield f"unsubscribed {slug}", subscriptions.unsubscribed(snapshot, slug)
        yield f"not subscribed {slug}", subscriptions.not_subscribed(snapshot, slug)
    yield "a long query", lookup.lookup(snapshot, QUERY).text
    yield "no match", lookup.no_match(QUERY)
    yield "choices", lookup.choices(QUERY, 40)
    yield "/subscribe with a long name", str(subscriptions.pick_body(snapshot, QUERY))
    yield "year format", common.year_format("rank", QUERY)
    big = 10**12
    progress = Progress(1, 2025, "2026-01-30T10:00:00+00:00", big, big, big, big)
    yield "/stats", admin.stats(Totals(big, big, big, big, big), [progress], rate=1000, paid=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_fits_in_one_telegram_message(speak: Speaker, book: Snapshot, language: str) -> None:
    with speak.speaking(language):
        screens = list(every_screen(book))
    lengths = {what: telegram_length(text) for what, text in screens}
    assert {what: length for what, length in lengths.items() if length > MESSAGE_LIMIT} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_4000_character_source_is_shortened_on_the_list(speak: Speaker, language: str) -> None:
    source = Source("Kazinform " * 400, "2026-01-29", "", "report")

    line = speak(language, source_line, source)

    shown = html_to_text(line)
    assert "Kazinform Kazinform" in shown
    assert "…" in shown
    assert len(shown) < PUBLISHER_LIMIT + 100


def test_a_followed_body_that_does_not_fit_is_counted_not_dropped(speak: Speaker) -> None:
    bodies = load_agencies()
    snapshot = snapshot_of(bodies, Source("Kazinform"))

    text = speak(
        "en", notifications.release_message, snapshot, 2025, "new", (ALL, *(b.slug for b in bodies))
    ).text

    titles = {f"<b>{html.escape(body.name('en'))}</b>" for body in bodies}
    named = sum(line in titles for line in text.splitlines())  # a block's first line
    assert 0 < named < len(bodies)
    assert f"… and {len(bodies) - named} more bodies this chat follows" in text
