"""Once the bot is up: three process-wide settings that take time off every reply.

* aiogram reads every Bot API answer as ``Response[T]``, a pydantic generic model built
  on first use and kept only in a weak cache that the collector empties: the classes the
  bot uses are built once and held.
* ``gc.freeze()`` moves the start-up heap (aiogram's models, babel's locale data, the
  search index), which lives for the whole run, out of the collector's sight.
* A higher threshold for the youngest generation: handling one update allocates a few
  thousand short-lived objects, found in fewer, larger passes.

Measured in ``bench/replies.py``; see ``bench/README.md``.
"""

from __future__ import annotations

import gc
from typing import Any

from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteWebhook,
    EditMessageText,
    GetChatMember,
    GetMe,
    GetUpdates,
    SendMessage,
    SetMyCommands,
    SetWebhook,
    TelegramMethod,
)
from aiogram.methods.base import Response

#: Every Bot API method the bot calls (one per answer type is enough: the class is shared).
USED_METHODS: tuple[type[TelegramMethod[Any]], ...] = (
    GetUpdates,
    SendMessage,
    EditMessageText,
    AnswerCallbackQuery,
    GetChatMember,
    GetMe,
    SetMyCommands,
    SetWebhook,
    DeleteWebhook,
)

_kept: list[type[Any]] = []


def keep_response_models(methods: tuple[type[TelegramMethod[Any]], ...] = USED_METHODS) -> None:
    """Build ``Response[T]`` for each method's answer type now and keep it for good."""
    for method in methods:
        _kept.append(Response[method.__returning__])  # type: ignore[name-defined]


#: The youngest generation's threshold (CPython's default is 700); the older two keep theirs.
YOUNG_GC_THRESHOLD = 10_000


def settle() -> None:
    """Call once, when start-up is complete and before the first update is handled."""
    keep_response_models()
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GC_THRESHOLD, older, oldest)
