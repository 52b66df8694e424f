"""Which language to answer in: the catalogs, the saved choices, the per-update middleware.

The locale is chosen per update: the user's saved choice, else Telegram's
``language_code``, else ``DEFAULT_LANGUAGE``. It is kept in one place, aiogram's i18n
context, which gettext and the views' number formats read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.domain.languages import language_from_code
from bot.domain.preferences import LanguagePreferences

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"


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


class UserLanguageMiddleware(I18nMiddleware):
    """aiogram's i18n middleware, with the locale taken from the user's saved choice."""

    def __init__(self, i18n: I18n, preferences: LanguagePreferences) -> None:
        super().__init__(i18n)
        self.preferences = preferences

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: User | None = data.get("event_from_user")
        if user is None:
            return self.i18n.default_locale
        saved = await self.preferences.get(user.id)
        return saved or language_from_code(user.language_code) or self.i18n.default_locale
