"""The bot's profile (name, description, short description) set in each language at start.

Telegram limits these methods hard (a 429 from ``setMyName`` asks to wait for an hour or
more), so each value is read first and set only when it differs: a restart sends no
``set`` at all. Runs as a background task and never stops the bot: a failure is one log
line, and the value is tried again at the next start.

The requests go past the session's middlewares: :class:`~bot.runtime.retry.RetryAfter`
would wait the 429 out and pause every notification for it, though the limit is this
one method's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.methods import (
    GetMyDescription,
    GetMyName,
    GetMyShortDescription,
    SetMyDescription,
    SetMyName,
    SetMyShortDescription,
    TelegramMethod,
)

from bot.domain.languages import LANGUAGES
from bot.runtime.logs import excerpt, one_line
from bot.views.profile import Profile, profile

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.utils.i18n import I18n

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Field:
    """One profile value: the Bot API's name for it and its get and set methods."""

    key: str
    label: str
    get: Callable[..., TelegramMethod[Any]]
    set: Callable[..., TelegramMethod[Any]]
    #: Whether the text for every other language (``language_code`` unset) is set too. The
    #: name is not: users of other languages see the one given to @BotFather.
    default_too: bool


#: Descriptions first: they are what an empty chat shows; the name's limit is the harshest.
FIELDS = (
    Field("description", "the description", GetMyDescription, SetMyDescription, default_too=True),
    Field(
        "short_description",
        "the short description",
        GetMyShortDescription,
        SetMyShortDescription,
        default_too=True,
    ),
    Field("name", "the name", GetMyName, SetMyName, default_too=False),
)


def wanted_profiles(i18n: I18n, default_language: str) -> dict[str | None, Profile]:
    """The profile for each ``language_code``; ``None`` (everyone else) in the default language."""
    profiles: dict[str | None, Profile] = {}
    # The default first: Telegram may answer a language with no text of its own with the
    # default's, so the languages are compared with the default as it will be.
    for language in (None, *LANGUAGES):
        with i18n.context(), i18n.use_locale(language or default_language):
            profiles[language] = profile()
    return profiles


async def send(bot: Bot, method: TelegramMethod[Any]) -> Any:
    """One request, past the session's middlewares (see the module's docstring)."""
    return await bot.session.make_request(bot, method)


async def update_field(
    bot: Bot, field: Field, profiles: dict[str | None, Profile], changed: list[str]
) -> None:
    """Set ``field`` where Telegram has another value, adding each language set to ``changed``."""
    for language, texts in profiles.items():
        if language is None and not field.default_too:
            continue
        wanted = getattr(texts, field.key)
        current = getattr(await send(bot, field.get(language_code=language)), field.key)
        if current != wanted:
            await send(bot, field.set(**{field.key: wanted, "language_code": language}))
            changed.append(language or "default")


def describe_failure(field: Field, error: Exception) -> str:
    if isinstance(error, TelegramRetryAfter):
        return f"{field.label} (Telegram asks to wait {error.retry_after} s)"
    if isinstance(error, TelegramAPIError):
        return f"{field.label} ({excerpt(error.message)})"
    return f"{field.label} ({one_line(error)})"


async def update_profile(
    bot: Bot, i18n: I18n, default_language: str, fields: Iterable[Field] = FIELDS
) -> None:
    """Bring the profile up to date; log what was set in one line, what failed in another.

    Raises nothing but cancellation: it runs beside the bot, which must go on whatever
    Telegram answers here.
    """
    profiles = wanted_profiles(i18n, default_language)
    updated: list[str] = []
    failed: list[str] = []
    for field in fields:
        changed: list[str] = []
        try:
            await update_field(bot, field, profiles, changed)
        except Exception as error:  # a 429, a 400, a network error, a bug: one line, go on
            failed.append(describe_failure(field, error))
            log.debug("Bot profile: %s failed", field.key, exc_info=error)
        if changed:
            updated.append(f"{field.label} ({', '.join(changed)})")
    if updated:
        log.info("Bot profile set: %s", "; ".join(updated))
    else:
        log.debug("Bot profile: up to date")
    if failed:
        log.warning("Bot profile not set: %s; tried again at the next start", "; ".join(failed))
