"""The ways into the rating page (bot/web/) from a chat: the menu button and /rank's button.

Telegram opens a Mini App (``web_app``) only from a private chat; a group or channel gets a
plain link to the same page, which opens in the browser. The address keeps the reply's
language and year, so the page opens on what the chat was reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from aiogram.types import InlineKeyboardButton, WebAppInfo
from aiogram.utils.i18n import gettext as _


@dataclass(frozen=True, slots=True)
class WebPage:
    """Where the page is (``WEB_APP_URL``) and whether this chat may open it as a Mini App.
    Hashable: it is part of a cached screen's key (bot/runtime/screen_cache.py)."""

    url: str
    in_app: bool


def for_chat(web_app_url: str | None, chat_type: str | None) -> WebPage | None:
    """The page's button for a chat of ``chat_type`` ("private", "group"...; None: a message
    sent inline, which may end up anywhere), or None when WEB_APP_URL is not set."""
    if web_app_url is None:
        return None
    return WebPage(web_app_url, in_app=chat_type == "private")


def page_url(base: str, language: str, year: int | None) -> str:
    """``base`` with ``lang`` and, unless None, ``year`` set in its query (kept otherwise)."""
    parts = urlsplit(base)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key not in ("lang", "year")]
    query.append(("lang", language))
    if year is not None:
        query.append(("year", str(year)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_button(page: WebPage, language: str, year: int | None) -> InlineKeyboardButton:
    """The "Open the table" button: the Mini App in a private chat, a link elsewhere."""
    url = page_url(page.url, language, year)
    text = _("📊 Open the table")
    if page.in_app:
        return InlineKeyboardButton(text=text, web_app=WebAppInfo(url=url))
    return InlineKeyboardButton(text=text, url=url)


def menu_button_text() -> str:
    """The menu button's label beside the text field: short, a phone shows a few letters."""
    return _("Rating")
