"""The rows the store reads and writes, as frozen dataclasses every layer above may name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

#: Where a value comes from: a published table, the news report, or a demo value.
PROVENANCES: tuple[str, ...] = ("published", "article", "illustrative")
#: What kind of source a release comes from: the official table, a news report of it, or
#: a reconstruction made to fit a report (illustrative).
SOURCE_KINDS: tuple[str, ...] = ("official", "report", "reconstruction")
#: The topic of a subscription to every new rating (any other topic is a body's slug).
ALL = "*"


@dataclass(frozen=True, slots=True)
class Rating:
    """One body's figures for one year, each value with where it comes from."""

    year: int
    agency: str
    score: float
    satisfaction: float
    score_provenance: str = "published"
    satisfaction_provenance: str = "published"
    note: str = ""

    @property
    def illustrative(self) -> bool:
        return "illustrative" in (self.score_provenance, self.satisfaction_provenance)

    def figures(self) -> tuple[float, float]:
        """What a correction compares and what ranks are made of."""
        return (round(self.score, 4), round(self.satisfaction, 4))


@dataclass(frozen=True, slots=True)
class Source:
    """Where a release's figures come from, in parts the bot can write in any language."""

    publisher: str = ""  # a name as its publisher writes it, e.g. "Kazinform / finprom.kz"
    published: str = ""  # YYYY-MM-DD, or YYYY-MM when the day is not known
    url: str = ""
    kind: str = ""  # one of SOURCE_KINDS, or "" when not said

    def label(self) -> str:
        """One plain line for the operator's reports."""
        return ", ".join(part for part in (self.publisher, self.published, self.kind, self.url) if part)


@dataclass(frozen=True, slots=True)
class YearInfo:
    """The release currently in force for a year."""

    year: int
    partial: bool
    source: Source
    release_id: int


@dataclass(frozen=True, slots=True)
class NewRelease:
    """What the importer knows about a file it is about to load.

    ``source`` None: a correction keeps the source of the release it replaces.
    """

    year: int
    source: Source | None
    file_name: str
    checksum: str
    partial: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    """What a release did to its year, for the importer's report."""

    status: Literal["new", "unchanged", "corrected"]
    year: int
    release_id: int | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[Rating, Rating]] = field(default_factory=list)
    partial_changed: bool = False
    queued: int = 0  # notifications queued with this release

    def affected(self, ratings: Sequence[Rating]) -> set[str]:
        """The agencies whose followers hear of this release: all of a new year,
        only those that changed in a correction."""
        if self.status == "new":
            return {r.agency for r in ratings}
        return {*self.added, *self.removed, *(new.agency for _, new in self.changed)}


@dataclass(frozen=True, slots=True)
class Delivery:
    """One pending message: which release, to whom, about what, in which language."""

    id: int
    release_id: int
    year: int
    chat_id: int
    kind: str  # "new" or "corrected"
    topics: tuple[str, ...]
    language: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the delivery of one release has got."""

    release_id: int
    year: int
    imported_at: str
    pending: int
    sent: int
    failed: int
    dropped: int
    first_sent_at: str | None = None
    last_sent_at: str | None = None

    @property
    def total(self) -> int:
        return self.pending + self.sent + self.failed + self.dropped

    def sending_seconds(self) -> float | None:
        """From the first message sent to the last; None before two were sent."""
        if not self.first_sent_at or not self.last_sent_at or self.sent < 2:
            return None
        span = dt.datetime.fromisoformat(self.last_sent_at) - dt.datetime.fromisoformat(self.first_sent_at)
        return span.total_seconds() or None

    def rate(self) -> float | None:
        """Messages sent a second so far."""
        seconds = self.sending_seconds()
        return (self.sent - 1) / seconds if seconds else None

    def seconds_left(self) -> float | None:
        """At the rate so far, how long the queued ones take."""
        rate = self.rate()
        return self.pending / rate if rate else None


@dataclass(frozen=True, slots=True)
class Totals:
    """Who uses the bot and what they follow, for the operator."""

    users: int
    active_chats: int
    inactive_chats: int
    subscriptions_all: int
    subscriptions_agency: int


@dataclass(frozen=True, slots=True)
class Removal:
    """What removing a year's release did (or would do), for the importer's report."""

    year: int
    releases: int  # release rows of the year: more than one when it was corrected
    bodies: int  # ratings of the year
    cancelled: int  # notifications queued and not yet sent: they never will be
    in_flight: int  # of those, claimed by a bot just now: they may still arrive
    sent: int  # notifications already delivered: they cannot be unsent
