"""A :class:`~bot.views.screen.Draw` that remembers screens until the snapshot changes.

A card or a page of /rank is the same text and keyboard for everyone who asks in one
language until the importer loads new figures, so each is drawn once per snapshot.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from aiogram.utils.i18n import I18n

from bot.domain.snapshot import Snapshot
from bot.views.screen import Screen, View


class ScreenCache:
    """Keyed by the view, its arguments and the locale; bounded (LRU), so no text grows it."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._snapshot: Snapshot | None = None
        self._screens: OrderedDict[tuple[Hashable, ...], Screen] = OrderedDict()

    def __call__(self, view: View, snapshot: Snapshot, /, *args: Any) -> Screen:
        i18n = I18n.get_current(no_error=True)
        if i18n is None:  # no language context: nothing to key the text by
            return view(snapshot, *args)
        if snapshot is not self._snapshot:
            self._snapshot, self._screens = snapshot, OrderedDict()
        key = (view, i18n.current_locale, *args)
        screen = self._screens.get(key)
        if screen is not None:
            self._screens.move_to_end(key)
            return screen
        screen = self._screens[key] = view(snapshot, *args)
        if len(self._screens) > self._size:
            self._screens.popitem(last=False)
        return screen
