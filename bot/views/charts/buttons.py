"""The chart buttons other screens carry, and the one under a picture."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.views.callbacks import Chart


def chart_button(data: Chart) -> InlineKeyboardButton:
    """ "📈 Chart": one label for every chart button (a card, /rank, /changes, /compare)."""
    return InlineKeyboardButton(text=_("📈 Chart"), callback_data=data.pack())


def as_text(data: Chart) -> InlineKeyboardMarkup:
    """Under a picture whose caption holds only part of its figures: all of them as text."""
    button = InlineKeyboardButton(
        text=_("🔤 As text"), callback_data=data.model_copy(update={"text": True}).pack()
    )
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def retry(data: Chart) -> InlineKeyboardMarkup:
    """Under "could not be drawn": the same chart again, one press away."""
    return InlineKeyboardMarkup(inline_keyboard=[[chart_button(data)]])
