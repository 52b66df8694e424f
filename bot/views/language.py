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


def not_saved() -> Screen:
    """The database refused the choice (a full disk): it holds in memory until a restart.

    Written in the newly chosen language, like :func:`chosen`."""
    return Screen(
        _(
            "I will speak English with you, but I could not save this choice right now, so I may "
            "forget it when I restart. Please choose again later."
        ),
        keyboards.languages(locale()),
    )
