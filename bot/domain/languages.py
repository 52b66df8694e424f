"""The languages the bot speaks: the one list every part of the project reads.

Adding a language means: a code and its own name here, its columns in
``data/agencies.csv`` (``name_xx``, ``short_xx``, ``abbr_xx``), and a catalog in ``locales/``.
"""

from __future__ import annotations

#: Code -> the language's name in itself, as the language menu shows it. Order is menu order.
LANGUAGES: dict[str, str] = {"ru": "Русский", "kk": "Қазақша", "en": "English"}
