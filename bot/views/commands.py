"""The command menu: each command and its description, translated per language at start-up."""

from __future__ import annotations


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Marks a string for ``pybabel extract`` (``-k N_``); it is translated where used."""
    return text


COMMANDS: tuple[tuple[str, str], ...] = (
    ("rank", N_("The whole rating")),
    ("changes", N_("Biggest risers and fallers")),
    ("agency", N_("One body's card")),
    ("subscribe", N_("Hear of every new rating")),
    ("subscriptions", N_("What this chat follows")),
    ("unsubscribe", N_("Stop all notifications")),
    ("language", N_("Language")),
    ("help", N_("What I can do")),
    ("start", N_("Start")),
)
