"""The bot's menu button (beside a private chat's text field) opening the rating page.

With ``WEB_APP_URL`` set, the default menu button becomes a Mini App button to that page,
labelled in the default language (the default button has one label for everyone). Without
it, the button is left as it is, unless it is a Mini App button: a previous run set it and
the operator has since removed WEB_APP_URL, so it points at a page no longer meant to be
opened, and is reset to Telegram's default (the command list). Read first, set only when it
differs, as the profile is: a restart sends no ``set`` at all.

Runs beside the bot and never stops it: a failure is one log line, tried again at the next
start. The requests go past the session's middlewares, as the profile's do, so a 429 here
does not pause the notifications.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram.methods import GetChatMenuButton, SetChatMenuButton
from aiogram.types import MenuButtonDefault, MenuButtonWebApp, WebAppInfo

from bot.runtime.logs import one_line
from bot.runtime.profile import send
from bot.views.web_page import menu_button_text

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.types import MenuButtonCommands
    from aiogram.utils.i18n import I18n

    MenuButton = MenuButtonCommands | MenuButtonWebApp | MenuButtonDefault

log = logging.getLogger(__name__)


def wanted_button(web_app_url: str | None, i18n: I18n, default_language: str) -> MenuButtonWebApp | None:
    """The Mini App button for ``web_app_url``; None when there is no page to open."""
    if web_app_url is None:
        return None
    with i18n.context(), i18n.use_locale(default_language):
        text = menu_button_text()
    return MenuButtonWebApp(text=text, web_app=WebAppInfo(url=web_app_url))


def needs_change(current: MenuButton, wanted: MenuButtonWebApp | None) -> bool:
    """Whether ``current`` must be replaced: by ``wanted``, or, when None, by the default."""
    if wanted is None:
        return isinstance(current, MenuButtonWebApp)
    return not (
        isinstance(current, MenuButtonWebApp)
        and current.text == wanted.text
        and current.web_app.url == wanted.web_app.url
    )


async def update_menu_button(bot: Bot, i18n: I18n, default_language: str, web_app_url: str | None) -> None:
    """Bring the default menu button in line with ``WEB_APP_URL``; raises nothing but
    cancellation."""
    wanted = wanted_button(web_app_url, i18n, default_language)
    try:
        current = await send(bot, GetChatMenuButton())
        if not needs_change(current, wanted):
            log.debug("Menu button: up to date")
            return
        await send(bot, SetChatMenuButton(menu_button=wanted or MenuButtonDefault()))
    except Exception as error:  # a 429, a 400, a network error: one line, the bot goes on
        log.warning("Menu button not set: %s; tried again at the next start", one_line(error))
        return
    if wanted is None:
        log.info("Menu button reset to Telegram's default (WEB_APP_URL is not set)")
    else:
        log.info("Menu button opens the rating page at %s", wanted.web_app.url)
