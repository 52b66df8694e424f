"""The throttle's accounting: a burst, then a rate; a short hold, then a refusal; told once.

On a stepped clock: nothing here sleeps or measures time.
"""

from __future__ import annotations

import pytest

from bot.runtime.throttle import TokenBuckets


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def buckets(
    clock: FakeClock, *, rate: float = 1.0, burst: int = 10, max_hold: float = 2.0, max_users: int = 1000
) -> TokenBuckets:
    return TokenBuckets(rate, burst, max_hold=max_hold, max_users=max_users, clock=clock)


def test_a_burst_passes_at_once_then_a_short_hold_then_a_refusal() -> None:
    clock = FakeClock()
    limits = buckets(clock, max_hold=2.0)

    waits = [limits.take(7) for _ in range(13)]

    assert waits[:10] == [0.0] * 10
    assert waits[10:] == [1.0, 2.0, None]  # answered 1 s and 2 s late; the next dropped


def test_the_bucket_refills_at_the_rate() -> None:
    clock = FakeClock()
    limits = buckets(clock, rate=2.0, burst=2, max_hold=0.0)
    assert [limits.take(7) for _ in range(3)] == [0.0, 0.0, None]

    clock.advance(0.5)  # one token back at 2 a second
    assert [limits.take(7), limits.take(7)] == [0.0, None]

    clock.advance(60)  # never more than the burst
    assert [limits.take(7) for _ in range(3)] == [0.0, 0.0, None]


def test_users_have_buckets_of_their_own() -> None:
    clock = FakeClock()
    limits = buckets(clock, burst=3, max_hold=0.0)
    assert [limits.take(1) for _ in range(4)] == [0.0, 0.0, 0.0, None]

    assert [limits.take(2) for _ in range(3)] == [0.0, 0.0, 0.0]


def test_a_flooder_is_told_once_however_long_the_flood_lasts() -> None:
    clock = FakeClock()
    limits = buckets(clock, max_hold=0.0)
    told = 0
    for _ in range(600):  # two messages a second for five minutes
        if limits.take(7) is None and limits.first_refusal(7):
            told += 1
        clock.advance(0.5)

    assert told == 1


def test_a_pause_that_refills_the_bucket_ends_the_burst() -> None:
    clock = FakeClock()
    limits = buckets(clock, burst=2, max_hold=0.0)
    for _ in range(3):
        limits.take(7)
    assert limits.first_refusal(7) is True
    assert limits.first_refusal(7) is False

    clock.advance(1.0)  # half refilled: still the same burst
    assert limits.first_refusal(7) is False
    clock.advance(1.0)  # full again
    assert limits.first_refusal(7) is True


def test_memory_is_bounded_and_the_least_recent_users_are_forgotten() -> None:
    clock = FakeClock()
    limits = buckets(clock, burst=1, max_hold=0.0, max_users=100)
    assert limits.take(1) == 0.0  # user 1 spends their only token
    for user in range(2, 1_000):
        limits.take(user)

    assert len(limits) == 100
    assert limits.take(999) is None  # remembered: spent
    assert limits.take(1) == 0.0  # forgotten: a full bucket again, the user's gain


@pytest.mark.parametrize(("rate", "burst"), [(0.0, 10), (-1.0, 10), (1.0, 0)])
def test_a_bucket_that_could_never_pass_anything_is_refused(rate: float, burst: int) -> None:
    with pytest.raises(ValueError, match="positive rate"):
        TokenBuckets(rate, burst)
