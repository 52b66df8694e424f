"""Deep-link payloads (bot/domain/deep_links.py) and Telegram's rule for them."""

from __future__ import annotations

import pytest

from bot.domain.bodies import load_agencies
from bot.domain.deep_links import PAYLOAD, CardLink, RankLink, parse, rank_payload


@pytest.mark.parametrize(
    ("payload", "link"),
    [
        ("moh", CardLink("moh")),
        ("MOH", CardLink("moh")),
        ("rank_2024", RankLink(2024)),
        ("RANK_2025", RankLink(2025)),
        ("rank_1999", RankLink(1999)),
        ("rank", RankLink(None)),
        ("rank_24", CardLink("rank_24")),  # no body: /start greets
        ("", None),
        (None, None),
        ("мин здрав", None),  # not what Telegram sends after ?start=
        ("x" * 65, None),
    ],
)
def test_what_a_payload_asks_for(payload: str | None, link: CardLink | RankLink | None) -> None:
    assert parse(payload) == link


def test_every_slug_and_year_list_fits_telegrams_payload_rule() -> None:
    for body in load_agencies():
        assert PAYLOAD.fullmatch(body.slug), body.slug
        assert parse(body.slug) == CardLink(body.slug)
    assert PAYLOAD.fullmatch(rank_payload(2024))
