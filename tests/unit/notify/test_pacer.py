"""The pacer: how fast the delivery worker may send, overall and to one chat.

Time is a fake clock that moves only when the pacer sleeps, so the spacing is checked
exactly and without waiting.
"""

from __future__ import annotations

import itertools

from bot.notify.pacer import Pacer
from tests.unit.helpers import FakeClock


async def paced(pacer: Pacer, clock: FakeClock, chats: list[int]) -> list[float]:
    times = []
    for chat in chats:
        await pacer.wait(chat)
        times.append(clock.now)
    return times


async def test_pacer_keeps_the_overall_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=20, per_chat_interval=1.0, clock=clock, sleep=clock.sleep)
    times = await paced(pacer, clock, list(range(6)))  # different chats: only the rate applies
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(times)]
    assert gaps == [0.05] * 5


async def test_pacer_spaces_messages_to_one_chat() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=1000, per_chat_interval=0.3, clock=clock, sleep=clock.sleep)
    first, other, again = await paced(pacer, clock, [1, 2, 1])
    assert round(other - first, 6) == 0.001  # another chat is not held up by chat 1
    assert round(again - first, 6) == 0.3


async def test_pacer_does_not_let_small_oversleeps_add_up() -> None:
    clock = FakeClock(oversleep=0.004)  # every sleep ends 4 ms late
    pacer = Pacer(rate=25, per_chat_interval=1.0, clock=clock, sleep=clock.sleep)
    times = await paced(pacer, clock, list(range(101)))
    assert times[-1] - times[0] < 100 / 25 + 0.01  # 100 intervals of 40 ms, not 44 ms


async def test_a_pause_holds_the_next_send_back_by_at_least_that_long() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=20, per_chat_interval=1.0, clock=clock, sleep=clock.sleep)
    [first] = await paced(pacer, clock, [1])
    pacer.pause(5)  # a 429: retry after 5 seconds
    after, then = await paced(pacer, clock, [2, 3])
    assert after - first >= 5
    assert round(after - first, 6) == 5.0
    assert round(then - after, 6) == 0.05, "after the pause, the rate's spacing again"


async def test_a_pause_shorter_than_the_spacing_does_not_hurry_the_next_send() -> None:
    clock = FakeClock()
    pacer = Pacer(rate=2, per_chat_interval=0.0, clock=clock, sleep=clock.sleep)
    [first] = await paced(pacer, clock, [1])
    pacer.pause(0.1)
    [second] = await paced(pacer, clock, [2])
    assert round(second - first, 6) == 0.5


class PausedWhileAsleep(FakeClock):
    """Halfway through the first sleep, another sender gets a 429 and pauses the pacer."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.pacer: Pacer | None = None
        self.paused_at: float | None = None

    async def sleep(self, seconds: float) -> None:
        if self.pacer is not None and self.paused_at is None:
            self.now += seconds / 2
            self.paused_at = self.now
            self.pacer.pause(self.seconds)
            self.now += seconds / 2
        else:
            await super().sleep(seconds)


async def test_a_pause_asked_for_during_a_wait_moves_that_waits_slot_again() -> None:
    clock = PausedWhileAsleep(3.0)
    pacer = Pacer(rate=1, per_chat_interval=0.0, clock=clock, sleep=clock.sleep)
    clock.pacer = pacer
    first, second, third = await paced(pacer, clock, [1, 2, 3])
    assert clock.paused_at == first + 0.5  # while the second send waited its one second
    assert second >= clock.paused_at + 3
    assert round(second - clock.paused_at, 6) == 3.0
    assert round(third - second, 6) == 1.0
