"""Short replies any feature may give: a stale button, a missing year, an unknown command."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from aiogram.utils.i18n import gettext as _

from bot.views.formatting import echo
from bot.views.screen import Screen


def parse_year(argument: str | None) -> int | None:
    """The year a command names, None when it names none; ValueError when it is not a year."""
    if not argument or not argument.strip():
        return None
    text = argument.strip()
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(text)
    return int(text)


def for_year_argument(command: str, argument: str | None, show: Callable[[int | None], Screen]) -> Screen:
    """A command's optional year: the screen for that year, or how to write one."""
    try:
        year = parse_year(argument)
    except ValueError:
        return Screen(year_format(command, argument or ""))
    return show(year)


def unknown_year(year: int, available: Sequence[int]) -> str:
    return _("There is no complete rating for {year}. Available: {years}.").format(
        year=year, years=", ".join(str(y) for y in available) or "—"
    )


def year_format(command: str, argument: str) -> str:
    """How to write the year, with the command that was sent (/rank, /changes)."""
    return _("«{argument}» is not a year. Write it with four digits, e.g. /{command} 2024").format(
        argument=echo(argument), command=command
    )


def no_data() -> str:
    return _("No rating has been loaded yet. Please try again later.")


def not_text() -> str:
    return _("I understand text messages only. Send the name of a ministry or agency, or /help.")


def unknown_command() -> str:
    return _("I don't know that command. /help lists what I can do.")


def stale_button() -> str:
    return _("This button is out of date. Send the command again.")
