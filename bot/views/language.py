"""/language: the menu of languages, and its confirmation once one is chosen."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.views import keyboards
from bot.views.formatting import locale
from bot.views.screen import Screen


def menu() -> Screen:
    """The menu, its tick on the language this text is written in."""
    return Screen(_("Choose the language I speak with you:"), keyboards.languages(locale()))


def chosen() -> Screen:
    """The menu becomes the confirmation, written in the newly chosen language."""
    return Screen(_("Done: I will speak English with you."), keyboards.languages(locale()))
