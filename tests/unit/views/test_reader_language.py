"""A Russian or Kazakh reader never gets English data text: every screen of the bundled
data, drawn in ru and kk, holds no Latin word but the few that are names or examples.

The bundled data is the whole of what users see (32 bodies, three years, their sources),
so this walks every screen that can be drawn from it, the source lines included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.catalog import read_book
from bot.domain.snapshot import Snapshot
from bot.runtime.i18n import make_i18n
from bot.store import Store
from bot.store.records import ALL, Delivery, Progress, Totals
from bot.views import admin, changes, language, lookup, notifications, ranking, start, subscriptions
from bot.views.cards import card
from bot.views.screen import Screen

#: Latin words a Russian or Kazakh reply may hold, and why.
ALLOWED = {
    # publishers, as they write their own names (data/releases.csv)
    "kazinform",
    "finprom",
    "kapital",
    "ranking",
    "kz",
    # the language menu and /help name English in English
    "english",
    # the Russian greeting's examples of what can be typed: English works too
    "knb",
    "health",
    "ministry",
    # the messenger's own name, in the admins' line on paid broadcast
    "telegram",
    # the /export formats, in /help as they are typed
    "xlsx",
    "csv",
}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
TAG = re.compile(r"<[^>]+>")
COMMAND = re.compile(r"/[a-z_]+")


@pytest.fixture
async def bundled(bundled_template: Path) -> Snapshot:
    async with await Store.open(bundled_template) as store:
        book = await read_book(store)
    return Snapshot.build(book, load_agencies())


def every_screen(snapshot: Snapshot) -> Iterator[tuple[str, str]]:
    """(what, text) for each screen and button label the bundled data can show."""
    book = snapshot.book

    def shown(what: str, screen: Screen) -> Iterator[tuple[str, str]]:
        yield what, screen.text
        if screen.markup is not None:
            for row in screen.markup.inline_keyboard:
                for button in row:
                    yield f"{what} button", button.text

    yield from shown("greeting", start.greeting(snapshot, "Айгерим"))
    yield from shown("help", start.help_screen())
    yield from shown("thanks", start.small_talk(snapshot, "thanks", "Айгерим"))
    for year in [*book.all_years(), 2030]:
        for page in range(4):
            yield from shown(f"rank {year} page {page}", ranking.rank(snapshot, year, page))
        yield from shown(f"changes {year}", changes.changes(snapshot, year))
        for kind in ("new", "corrected"):
            delivery = Delivery(1, 1, year, 1, kind, (ALL, *snapshot.bodies), "ru", 0)
            yield from shown(f"{kind} notification {year}", notifications.notification(snapshot, delivery))
    for slug in snapshot.bodies:
        for year in (0, *book.all_years()):
            yield from shown(f"card {slug} {year}", card(snapshot, slug, year))
    yield from shown("choices", lookup.lookup(snapshot, "министерство"))
    yield from shown("language", language.menu())
    yield from shown("subscriptions", subscriptions.listing(snapshot, [ALL, *list(snapshot.bodies)[:3]]))
    yield from shown("confirm", subscriptions.confirm_drop_all(3))
    going = Progress(1, 2025, "2026-01-30", 1, 3, 1, 1, "2026-01-30T10:00:00.000", "2026-01-30T10:00:01.000")
    over = Progress(1, 2025, "2026-01-30", 0, 4, 1, 1, "2026-01-30T10:00:00.000", "2026-01-30T10:00:01.500")
    for paid in (False, True):
        yield "stats", admin.stats(Totals(1, 1, 0, 1, 1), [going], rate=25, paid=paid)
    yield "delivery progress", admin.delivery_progress(going)
    yield "delivery done", admin.delivery_done(over)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_screen_holds_english_data_text(bundled: Snapshot, language: str) -> None:
    i18n = make_i18n("ru")
    found: dict[str, str] = {}
    with i18n.context(), i18n.use_locale(language):
        for what, text in every_screen(bundled):
            plain = COMMAND.sub(" ", TAG.sub(" ", text))
            for word in LATIN_WORD.findall(plain):
                if word.casefold() not in ALLOWED:
                    found.setdefault(word, what)
    assert found == {}, f"English in {language} replies (word: where): {found}"
