"""Inline keyboards: built from the callback factories, no text of their own but labels."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.domain.bodies import Agency
from bot.domain.languages import LANGUAGES
from bot.views.callbacks import AgencyCard, ChangesView, Follow, LanguageChoice, MenuAction, RankPage
from bot.views.formatting import locale


def main_menu() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("📊 Whole rating"), callback_data=MenuAction(action="rank"))
    builder.button(text=_("📈 Risers and fallers"), callback_data=MenuAction(action="changes"))
    builder.button(text=_("🌐 Language"), callback_data=MenuAction(action="language"))
    builder.adjust(2, 1)
    return builder.as_markup()


def rank_pages(year: int, page: int, pages: int, other_years: Sequence[int]) -> InlineKeyboardMarkup:
    """Previous / next, and a jump to every other complete year."""
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(text=_("‹ Back"), callback_data=RankPage(year=year, page=page - 1).pack())
        )
    if page < pages - 1:
        nav.append(
            InlineKeyboardButton(text=_("Next ›"), callback_data=RankPage(year=year, page=page + 1).pack())
        )
    rows = [nav] if nav else []
    years = [
        InlineKeyboardButton(text=str(y), callback_data=RankPage(year=y, page=0).pack()) for y in other_years
    ]
    if years:
        rows.append(years)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def agency_choices(agencies: Sequence[Agency]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    language = locale()
    for agency in agencies:
        builder.button(text=agency.name(language)[:60], callback_data=AgencyCard(slug=agency.slug))
    builder.adjust(1)
    return builder.as_markup()


def agency_card(year: int | None, slug: str | None = None) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if slug is not None:
        builder.button(text=_("🔔 Follow"), callback_data=Follow(topic=slug))
    if year is not None:
        builder.button(text=_("📊 Whole rating"), callback_data=RankPage(year=year, page=0))
    return builder.as_markup()


def changes_years(years: Sequence[int]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for year in years:
        builder.button(text=str(year), callback_data=ChangesView(year=year))
    return builder.as_markup()


def languages(current: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGES.items():
        label = f"✓ {name}" if code == current else name
        builder.button(text=label, callback_data=LanguageChoice(code=code))
    builder.adjust(3)
    return builder.as_markup()
