"""Once the bot is up: three process-wide settings that take milliseconds off every reply.

All three were found by the reply benchmark (``bench/replies.py``), not guessed:

* aiogram reads every Bot API answer as ``Response[T]``, a pydantic generic model that
  pydantic builds on first use (milliseconds: a whole validator) and keeps only in a
  *weak* cache. The class is part of reference cycles, so the garbage collector frees it
  and the next request of that kind builds it again: about once every ten replies under
  load. Holding the classes the bot uses keeps them built.
* The start-up heap (aiogram's ~900 models and their validators, babel's locale data,
  the search index) is large and lives for the whole run, yet each full collection walks
  all of it again: ~100 ms pauses several times a minute under load. ``gc.freeze()``
  moves what exists once start-up is done out of the collector's sight; what the bot
  allocates afterwards is collected as before, and memory freed by reference counting
  (nearly everything) is freed as before.
* Handling one update allocates a few thousand short-lived objects (pydantic models of
  the update and the request), so at the default threshold (700) the youngest generation
  is collected several times per reply, promoting survivors into older generations that
  then need collecting too. At 10,000 the same garbage is found in fewer, larger passes:
  ~12 % less CPU per reply, for at most a few MB of not yet collected cycles.
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
