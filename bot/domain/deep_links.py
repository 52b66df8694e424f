"""What a deep link's payload asks for: t.me/<bot>?start=moh (a body's card) or
?start=rank_2024 (that year's list; ?start=rank, the latest).

Telegram passes the payload to /start as it is, and takes only 1-64 of A-Z a-z 0-9 _ -:
anything else is no link of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_RANK = re.compile(r"rank(?:_([0-9]{4}))?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CardLink:
    slug: str  # not checked against the list: the caller's snapshot knows the bodies


@dataclass(frozen=True, slots=True)
class RankLink:
    year: int | None  # None: the latest complete year


def parse(payload: str | None) -> CardLink | RankLink | None:
    """The link a payload makes, None for no payload or one Telegram would never send."""
    if not payload or not PAYLOAD.fullmatch(payload):
        return None
    rank = _RANK.fullmatch(payload)
    if rank is not None:
        return RankLink(int(rank[1]) if rank[1] else None)
    return CardLink(payload.lower())


def rank_payload(year: int) -> str:
    return f"rank_{year}"
