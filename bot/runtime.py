"""Once the bot is up: two process-wide settings that take milliseconds off every reply.

Both were found by the reply benchmark (``bench/replies.py``), not guessed:

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


def settle() -> None:
    """Call once, when start-up is complete and before the first update is handled."""
    keep_response_models()
    gc.collect()
    gc.freeze()
