"""What /start with a deep link's payload opens (bot/domain/deep_links.py reads it)."""

from __future__ import annotations

from bot.domain import deep_links
from bot.domain.snapshot import Snapshot
from bot.views.cards import card
from bot.views.ranking import rank
from bot.views.screen import Screen
from bot.views.web_page import WebPage


def opened(
    snapshot: Snapshot, payload: str | None, username: str = "", web_page: WebPage | None = None
) -> Screen | None:
    """A body's card (with its own link), a year's list (a year not on record says which are;
    with ``web_page``, the button opening the whole table, as under /rank), or None: the
    payload names neither, and /start greets as usual."""
    link = deep_links.parse(payload)
    if isinstance(link, deep_links.RankLink):
        return rank(snapshot, link.year, 0, web_page)
    if isinstance(link, deep_links.CardLink) and snapshot.body(link.slug) is not None:
        return card(snapshot, link.slug, 0, username)
    return None
