"""The languages the bot speaks: the one list every part of the project reads.

Adding a language means: a code and its own name here, its columns in
``data/agencies.csv`` (``name_xx``, ``short_xx``, ``abbr_xx``), and a catalog in ``locales/``.
"""

from __future__ import annotations

#: Code -> the language's name in itself, as the language menu shows it. Order is menu order.
LANGUAGES: dict[str, str] = {"ru": "Русский", "kk": "Қазақша", "en": "English"}

#: Telegram clients send IETF tags ("en-US", "kk", "ru"); people whose app speaks a
#: neighbouring language mostly read Russian here.
NEIGHBOURS = {"uk": "ru", "be": "ru", "ky": "ru", "uz": "ru"}


def language_from_code(code: str | None) -> str | None:
    """The language of ours a Telegram ``language_code`` reads best in; None: none fits.

    Here, not in the runtime, so the bot's middleware and the web page's ``/api/v1/me``
    map a code the same way."""
    if not code:
        return None
    language = code.split("-")[0].lower()
    return language if language in LANGUAGES else NEIGHBOURS.get(language)
