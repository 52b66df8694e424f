"""Telegram Mini App ``initData``: who opened the page, if Telegram signed it and it is fresh.

The page personalizes only for a user proven by this check; anything else (forged, stale,
another bot's, malformed) is ``None`` and gets the public page, so :func:`verify` never
raises. The algorithm is Telegram's "Validating data received via the Mini App":
``secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token)``, the data-check-string is
every received ``key=value`` except ``hash``, sorted by key and joined with ``\\n``, and
``hash`` must equal ``hex(HMAC_SHA256(secret_key, data_check_string))``.

aiogram's ``check_webapp_signature`` computes that same HMAC (the tests check that it
agrees on every valid input) but is not used: it folds duplicated keys into a dict
silently, drops blank values (so a signed empty field could never verify), decodes broken
UTF-8 into replacement characters, and raises ``TypeError`` on a non-ASCII ``hash``;
``safe_parse_webapp_init_data`` then guesses which values are JSON and raises pydantic
errors. Rejecting all of that before the HMAC is most of the work, so the HMAC is here too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

#: Real initData is a few hundred bytes; anything longer is refused before it is parsed.
MAX_INIT_DATA = 4096
#: More fields than Telegram ever sends: parse_qsl stops counting there.
MAX_FIELDS = 64
#: How far ahead of our clock ``auth_date`` may be: clocks differ by a little, not by minutes.
FUTURE_SKEW = 60.0
#: Telegram's secret-key constant for Mini Apps.
WEB_APP_KEY = b"WebAppData"

HASH_PATTERN = re.compile(r"[0-9a-f]{64}")
AUTH_DATE_PATTERN = re.compile(r"[0-9]{1,12}")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
#: Telegram user ids fit in 52 bits; anything above 63 would not fit an SQLite integer.
MAX_USER_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class MiniAppUser:
    """The verified user: enough to highlight their bodies and pick their language."""

    user_id: int
    language_code: str | None  # as Telegram sent it ("en", "pt-br"); None when absent or odd
    auth_date: int  # Unix time Telegram signed the data at


def verify(
    init_data: str,
    bot_token: str,
    *,
    max_age: float,
    now: float,
    future_skew: float = FUTURE_SKEW,
) -> MiniAppUser | None:
    """The user ``init_data`` proves, signed with ``bot_token`` at most ``max_age`` seconds
    before ``now``; None for anything else. ``now`` is passed in so tests need no clock."""
    fields = _fields(init_data)
    if fields is None:
        return None
    received_hash = fields.pop("hash", None)
    if received_hash is None or not HASH_PATTERN.fullmatch(received_hash):
        return None
    if not hmac.compare_digest(signature(fields, bot_token), received_hash):
        return None
    return _user(fields, max_age=max_age, now=now, future_skew=future_skew)


def signature(fields: dict[str, str], bot_token: str) -> str:
    """Telegram's hex HMAC of ``fields`` (without ``hash``): also how the tests sign data."""
    data_check_string = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret_key = hmac.new(WEB_APP_KEY, bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret_key, data_check_string.encode(), hashlib.sha256).hexdigest()


def _fields(init_data: str) -> dict[str, str] | None:
    """The decoded fields, or None unless ``init_data`` is a short, strict query string
    of distinct keys whose values cannot be re-split into other fields."""
    if len(init_data) > MAX_INIT_DATA or not init_data.isascii():
        return None  # initData is percent-encoded: raw non-ASCII (or a lone surrogate) is not it
    try:
        pairs = parse_qsl(
            init_data,
            keep_blank_values=True,
            strict_parsing=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except ValueError:  # no "=", too many fields, or bytes that are not UTF-8
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        return None  # a duplicated key: which copy was signed is anyone's guess
    for key, value in fields.items():
        # A line feed or "=" inside a field would let "a=1\nb=2" pass as one field "a".
        if not key or "=" in key or "\n" in key or "\n" in value:
            return None
    return fields


def _user(fields: dict[str, str], *, max_age: float, now: float, future_skew: float) -> MiniAppUser | None:
    """The user of signed ``fields`` if they are fresh and name one; None otherwise."""
    auth_text = fields.get("auth_date", "")
    if not AUTH_DATE_PATTERN.fullmatch(auth_text):
        return None
    auth_date = int(auth_text)
    if now - auth_date > max_age or auth_date - now > future_skew:
        return None
    try:
        user = json.loads(fields.get("user", ""))
    except (ValueError, RecursionError):
        return None
    if not isinstance(user, dict):
        return None
    user_id = user.get("id")
    if isinstance(user_id, bool) or not isinstance(user_id, int) or not 0 < user_id <= MAX_USER_ID:
        return None
    language = user.get("language_code")
    if not isinstance(language, str) or not LANGUAGE_TAG.fullmatch(language):
        language = None
    return MiniAppUser(user_id=user_id, language_code=language, auth_date=auth_date)
