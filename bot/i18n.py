"""Which language to answer in, and numbers written the way each language writes them.

The locale is chosen per update: the user's saved choice, else Telegram's
``language_code``, else ``DEFAULT_LANGUAGE``. Saved choices are cached in memory so the
choice costs no database round trip after a user's first message.
"""

from __future__ import annotations

from collections import OrderedDict
from decimal import Decimal
from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from babel.numbers import format_decimal, format_percent

from bot.agencies import LANGUAGES
from bot.store import Store

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
# Telegram clients send IETF tags ("en-US", "kk", "ru"); people whose app speaks a
# neighbouring language mostly read Russian here.
LANGUAGE_CODE_MAP = {"ru": "ru", "kk": "kk", "en": "en", "uk": "ru", "be": "ru", "ky": "ru", "uz": "ru"}


def ensure_compiled(locales_dir: Path = LOCALES_DIR) -> None:
    """Compile any catalog whose .mo is missing or older than its .po.

    ``make`` and the Docker build compile with pybabel; this covers running from a
    fresh checkout any other way, so a missing .mo never silently shows English.
    """
    for po_path in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Only here: the catalog compiler (and difflib, email, zoneinfo... that it pulls
        # in) is needed once per fresh checkout, not in every bot process.
        from babel.messages.mofile import write_mo  # noqa: PLC0415
        from babel.messages.pofile import read_po  # noqa: PLC0415

        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


def make_i18n(default_language: str, locales_dir: Path = LOCALES_DIR) -> I18n:
    ensure_compiled(locales_dir)
    return I18n(path=locales_dir, default_locale=default_language, domain=DOMAIN)


def language_from_code(code: str | None) -> str | None:
    if not code:
        return None
    return LANGUAGE_CODE_MAP.get(code.split("-")[0].lower())


class LanguagePreferences:
    """Saved language choices, read through a bounded in-memory cache."""

    def __init__(self, store: Store, cache_size: int = 100_000) -> None:
        self._store = store
        self._cache: OrderedDict[int, str | None] = OrderedDict()
        self._cache_size = cache_size

    async def get(self, user_id: int) -> str | None:
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            return self._cache[user_id]
        language = await self._store.register_user(user_id)
        self._remember(user_id, language)
        return language

    async def set(self, user_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language: {language}")
        await self._store.set_user_language(user_id, language)
        self._remember(user_id, language)

    def _remember(self, user_id: int, language: str | None) -> None:
        self._cache[user_id] = language
        self._cache.move_to_end(user_id)
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


class UserLanguageMiddleware(I18nMiddleware):
    """aiogram's i18n middleware, with the locale taken from the user's saved choice."""

    def __init__(self, i18n: I18n, preferences: LanguagePreferences) -> None:
        super().__init__(i18n)
        self.preferences = preferences

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        """Also hands the choice to handlers as ``language``, for names and numbers."""
        user: User | None = data.get("event_from_user")
        locale = self.i18n.default_locale
        if user is not None:
            saved = await self.preferences.get(user.id)
            locale = saved or language_from_code(user.language_code) or locale
        data["language"] = locale
        return locale


# -- numbers --------------------------------------------------------------------------


def fmt_score(value: float, locale: str) -> str:
    """4.99 in English, 4,99 in Russian and Kazakh: always two decimals."""
    return format_decimal(value, format="0.00", locale=locale)


def fmt_percent(value: float, locale: str) -> str:
    """A share given in percent (97.5 -> '97,5 %' in Russian), up to one decimal."""
    share = Decimal(str(round(value, 1))) / 100
    return format_percent(share, locale=locale, decimal_quantization=False)


def fmt_signed(value: float, locale: str, decimals: int) -> str:
    """A change with its sign: '+0,03', '−9,2'; zero has no sign."""
    pattern = "0." + "0" * decimals if decimals else "0"
    if round(value, decimals) == 0:
        return format_decimal(0, format=pattern, locale=locale)
    text = format_decimal(abs(value), format=pattern, locale=locale)
    return ("+" if value > 0 else "\u2212") + text
