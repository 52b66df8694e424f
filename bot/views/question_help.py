"""What a text that reads as a question, but one the grammar cannot read, gets: three
example questions as buttons, each asked when pressed (handlers/lookup.py)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.views.callbacks import AskExample
from bot.views.formatting import echo
from bot.views.screen import Screen


def examples() -> list[str]:
    """In the reader's language; each one parses (tests/unit/domain/test_intents.py)."""
    return [
        _("Who is in first place?"),
        _("Top 5 ministries"),
        _("Who rose most in satisfaction?"),
    ]


def example(number: int) -> str | None:
    """The example a button stands for; None for a number no button carries."""
    shown = examples()
    return shown[number] if 0 <= number < len(shown) else None


def not_understood(query: str) -> Screen:
    rows = [[InlineKeyboardButton(text=text, callback_data=AskExample(number=number).pack())]
            for number, text in enumerate(examples())]  # fmt: skip
    text = _(
        "I couldn't read «{query}» as a question, and it names no state body. "
        "Try one of these questions, or send the name of a ministry or agency:"
    ).format(query=echo(query))
    return Screen(text, InlineKeyboardMarkup(inline_keyboard=rows))
