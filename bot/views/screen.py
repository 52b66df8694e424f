"""What a view returns, and how a handler asks for one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from aiogram.types import InlineKeyboardMarkup

if TYPE_CHECKING:
    from bot.domain.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Screen:
    """One message: HTML text and its inline keyboard."""

    text: str
    markup: InlineKeyboardMarkup | None = None


View = Callable[..., Screen]


class Draw(Protocol):
    """Draws ``view(snapshot, *args)``; the app wires in one that remembers screens."""

    def __call__(self, view: View, snapshot: Snapshot, /, *args: Any) -> Screen: ...


def draw(view: View, snapshot: Snapshot, /, *args: Any) -> Screen:
    """The plain :class:`Draw`: draws every time."""
    return view(snapshot, *args)
