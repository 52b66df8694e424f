"""The command menu: each command and its description, in the language of the context."""

from __future__ import annotations

from aiogram.types import BotCommand
from aiogram.utils.i18n import gettext as _


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Marks a string for ``pybabel extract`` (``-k N_``); it is translated where used."""
    return text


COMMANDS: tuple[tuple[str, str], ...] = (
    ("rank", N_("The whole rating")),
    ("changes", N_("Biggest risers and fallers")),
    ("chart", N_("A chart of a body or of the whole list")),
    ("export", N_("The table as a file (XLSX or CSV)")),
    ("agency", N_("One body's card")),
    ("compare", N_("Compare two or three bodies")),
    ("subscribe", N_("Get notified of each new rating")),
    ("subscriptions", N_("This chat's subscriptions")),
    ("unsubscribe", N_("Cancel notifications")),
    ("language", N_("Language")),
    ("help", N_("What I can do")),
    ("start", N_("Start")),
)


def menu() -> list[BotCommand]:
    """The menu as Telegram shows it beside the text field."""
    return [BotCommand(command=name, description=_(text)) for name, text in COMMANDS]
