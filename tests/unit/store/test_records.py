"""The records' own arithmetic: how fast a release is going out and how long it has left,
worked out from the outbox's counts and its first and last sent_at."""

from __future__ import annotations

import pytest

from bot.store.records import Progress

START = "2026-02-01T10:00:00.000+00:00"


def progress(pending: int, sent: int, first: str | None = START, last: str | None = None) -> Progress:
    return Progress(
        release_id=4,
        year=2026,
        imported_at="2026-02-01 09:59:58",
        pending=pending,
        sent=sent,
        failed=1,
        dropped=2,
        first_sent_at=first,
        last_sent_at=last,
    )


def test_the_rate_counts_the_messages_after_the_first_over_the_time_since_it() -> None:
    going = progress(pending=300, sent=51, last="2026-02-01T10:00:02.000+00:00")
    assert going.sending_seconds() == 2.0
    assert going.rate() == 25.0  # 50 messages in 2 seconds
    assert going.seconds_left() == 12.0  # 300 at 25 a second
    assert going.total == 354


def test_milliseconds_count() -> None:
    going = progress(pending=10, sent=3, last="2026-02-01T10:00:00.250+00:00")
    assert going.rate() == pytest.approx(8.0)
    assert going.seconds_left() == pytest.approx(1.25)


def test_nothing_left_is_no_time_left() -> None:
    done = progress(pending=0, sent=11, last="2026-02-01T10:00:05.000+00:00")
    assert done.rate() == 2.0
    assert done.seconds_left() == 0.0


@pytest.mark.parametrize(
    ("sent", "first", "last"),
    [
        (0, None, None),  # nothing sent yet
        (1, START, START),  # one message is no rate
        (5, START, START),  # all within one millisecond: no span to divide by
    ],
)
def test_without_a_span_of_sends_there_is_no_rate_and_no_time_left(
    sent: int, first: str | None, last: str | None
) -> None:
    early = progress(pending=100, sent=sent, first=first, last=last)
    assert early.sending_seconds() is None
    assert early.rate() is None
    assert early.seconds_left() is None
