"""``initData`` as a Telegram client hands it to a Mini App, signed by Telegram's documented
algorithm, written out here on its own (not taken from bot/web/init_data.py), for the tests
of every folder: the check's unit tests, the endpoint's, and the processes' end to end."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import quote, urlencode


def telegram_signs(fields: dict[str, str], token: str) -> str:
    """The hash Telegram would send for ``fields``, signed with the bot's ``token``."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def signed_init_data(user_id: int, token: str, *, auth_date: int, language_code: str | None = "kk") -> str:
    """The query string for ``user_id``, signed at ``auth_date`` (seconds since the epoch)."""
    user: dict[str, Any] = {"id": user_id, "first_name": "Айгерим"}
    if language_code is not None:
        user["language_code"] = language_code
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(auth_date),
    }
    return urlencode({**fields, "hash": telegram_signs(fields, token)}, quote_via=quote)
