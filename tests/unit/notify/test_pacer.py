"""The pacer: how fast the delivery worker may send, overall and to one chat.

Time is a fake clock that moves only when the pacer sleeps, so the spacing is checked
exactly and without waiting.
"""

from __future__ import annotations

import itertools

from bot.notify.pacer import Pacer


class FakeClock:
    """Time that moves only when the pacer sleeps (plus any oversleep we ask for)."""

    def __init__(self, oversleep: float = 0.0) -> None:
        self.now = 1000.0
        self.oversleep = oversleep

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + self.oversleep


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
