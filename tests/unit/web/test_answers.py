"""Answers are made once per snapshot and request, forgotten at the next snapshot, bounded."""

from __future__ import annotations

from typing import cast

from bot.domain.snapshot import Snapshot
from bot.web.answers import AnswerCache


def snapshot() -> Snapshot:
    """A stand-in: the cache only compares snapshots by identity."""
    return cast(Snapshot, object())


class Maker:
    """Counts how often an answer is worked out."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, key: str) -> str:
        self.made.append(key)
        return f"answer to {key}"


def test_the_same_request_is_answered_once_per_snapshot() -> None:
    cache: AnswerCache[str] = AnswerCache()
    make, current = Maker(), snapshot()
    first = cache.get(current, "/?lang=kk", lambda: make("/?lang=kk"))
    again = cache.get(current, "/?lang=kk", lambda: make("/?lang=kk"))
    assert first == again == "answer to /?lang=kk"
    assert make.made == ["/?lang=kk"]


def test_a_new_snapshot_forgets_every_answer() -> None:
    cache: AnswerCache[str] = AnswerCache()
    make, before, after = Maker(), snapshot(), snapshot()
    cache.get(before, "a", lambda: make("a"))
    cache.get(before, "b", lambda: make("b"))
    cache.get(after, "a", lambda: make("a"))
    assert make.made == ["a", "b", "a"]
    assert len(cache) == 1


def test_the_least_recently_used_answer_goes_first() -> None:
    cache: AnswerCache[str] = AnswerCache(size=2)
    make, current = Maker(), snapshot()
    for key in ("a", "b", "a", "c", "a", "b"):
        cache.get(current, key, lambda key=key: make(key))  # type: ignore[misc]
    assert make.made == ["a", "b", "c", "b"]  # "b" was the oldest when "c" came
    assert len(cache) == 2


def test_a_missing_answer_is_remembered_too() -> None:
    cache: AnswerCache[str | None] = AnswerCache()
    calls: list[int] = []
    current = snapshot()

    def missing() -> None:
        calls.append(1)

    assert cache.get(current, "/api/v1/bodies/nope", missing) is None
    assert cache.get(current, "/api/v1/bodies/nope", missing) is None
    assert calls == [1]
