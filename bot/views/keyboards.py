"""Inline keyboards: built from the callback factories, no text of their own but labels."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.domain.bodies import Agency
from bot.domain.languages import LANGUAGES
from bot.views.callbacks import (
    AgencyCard,
    ChangesView,
    Chart,
    ExportFile,
    Follow,
    LanguageChoice,
    MenuAction,
    RankPage,
)
from bot.views.charts.buttons import chart_button
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
    if other_years:
        rows.append(rank_years(other_years).inline_keyboard[0])
    rows.append([chart_button(Chart(kind="year", year=year))])
    rows.append([export_button(year)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def export_button(year: int) -> InlineKeyboardButton:
    """The year's table as a file, as /export sends it."""
    return InlineKeyboardButton(text=_("⬇️ Export"), callback_data=ExportFile(year=year).pack())


def rank_years(years: Sequence[int]) -> InlineKeyboardMarkup:
    """A button for each year's list."""
    row = [InlineKeyboardButton(text=str(y), callback_data=RankPage(year=y, page=0).pack()) for y in years]
    return InlineKeyboardMarkup(inline_keyboard=[row] if row else [])


#: Telegram shows about 64 characters of a button on a phone; a longer label is cut off.
LABEL_LIMIT = 60


def choice_label(body: Agency) -> str:
    """The full name when it fits on a button, else the short name: never cut mid-word."""
    language = locale()
    for name in (body.name(language), body.short_name(language)):
        if len(name) <= LABEL_LIMIT:
            return name
    return name[: LABEL_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def body_choices(
    bodies: Sequence[Agency],
    *,
    year: int = 0,
    more: CallbackData | None = None,
    back: CallbackData | None = None,
    choice: Callable[[Agency], CallbackData] | None = None,
) -> InlineKeyboardMarkup:
    """One button per body (its card, or ``choice`` of it), then ‹ Back / More › to page on."""
    builder = InlineKeyboardBuilder()
    for body in bodies:
        data = choice(body) if choice is not None else AgencyCard(slug=body.slug, year=year)
        builder.button(text=choice_label(body), callback_data=data)
    builder.adjust(1)
    nav = []
    if back is not None:
        nav.append(InlineKeyboardButton(text=_("‹ Back"), callback_data=back.pack()))
    if more is not None:
        nav.append(InlineKeyboardButton(text=_("More ›"), callback_data=more.pack()))
    if nav:
        builder.row(*nav)
    return builder.as_markup()


def agency_card(
    year: int | None, slug: str | None = None, share: str | None = None, *, chart: bool = True
) -> InlineKeyboardMarkup:
    """Under a card or a notification: follow the body; open the whole list below; share the
    card into another chat (``share``: the inline query that finds it, see bot/views/inline.py)."""
    builder = InlineKeyboardBuilder()
    if slug is not None:
        builder.button(text=_("🔔 Follow"), callback_data=Follow(topic=slug))
        if chart:  # 📈 the body's history: when it has one
            builder.add(chart_button(Chart(kind="history", subject=slug)))
    if year is not None:
        builder.button(text=_("📊 Whole rating"), callback_data=RankPage(year=year, page=0, fresh=True))
    if share is not None:
        builder.row(InlineKeyboardButton(text=_("↗️ Share"), switch_inline_query=share))
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
