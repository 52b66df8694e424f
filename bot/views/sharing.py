"""How a card travels to another chat: the inline query that finds it again, and the deep
link back to the bot that opens it there.

Kept apart from the card and the inline answer, which both use it.
"""

from __future__ import annotations

import html
import re

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.domain.bodies import Agency
from bot.domain.snapshot import Snapshot
from bot.views.formatting import locale
from bot.views.typed_language import language_of

#: What Telegram accepts after ?start= (1-64 of these); a slug that is not is left out of
#: the link rather than sent broken.
_START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")


def share_query(snapshot: Snapshot, body: Agency) -> str:
    """The name the Share button types after @bot: the reader's short name when it finds
    this body alone, else the full name; when neither does (a name two bodies share), the
    short name, and the inline answer offers both to pick from.

    The inline answer is in the language the typed text reads as (bot/views/typed_language.py):
    a name that reads as the reader's own comes first, so that Kazakh "Энергетика" (no
    Kazakh letter: a Russian card) gives way to "Энергетика министрлігі".
    """
    language = locale()
    short = body.short_name(language)
    finding = [name for name in (short, body.name(language)) if _finds(snapshot, name, body)]
    in_own_language = [name for name in finding if language_of(name, language) == language]
    return next(iter(in_own_language or finding), short)


def _finds(snapshot: Snapshot, name: str, body: Agency) -> bool:
    found = snapshot.index.resolve(name)
    return found is not None and found.slug == body.slug


def deep_link(username: str, slug: str = "") -> str:
    """https://t.me/<bot>?start=<slug>: opens the private chat, and /start opens that card."""
    link = f"https://t.me/{username}"
    return f"{link}?start={slug}" if _START_PARAMETER.fullmatch(slug) else link


def card_link(username: str, slug: str) -> list[str]:
    """The card's last lines: its deep link, shown short (t.me/...), to copy into any chat;
    none without a username or for a slug Telegram would not take after ?start=."""
    if not username or not _START_PARAMETER.fullmatch(slug):
        return []
    link = deep_link(username, slug)
    shown = html.escape(link.removeprefix("https://"))
    return ["", _("🔗 Link to this card: {link}").format(link=f'<a href="{html.escape(link)}">{shown}</a>')]


def open_in_bot(username: str, slug: str = "") -> InlineKeyboardMarkup:
    """The one button under a card sent inline: its callback buttons would reach the bot
    from a chat it is not in, so the card's own buttons stay in the bot."""
    button = InlineKeyboardButton(text=_("Open in the bot"), url=deep_link(username, slug))
    return InlineKeyboardMarkup(inline_keyboard=[[button]])
