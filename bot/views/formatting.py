"""Numbers, marks and echoes, written the way the reader's language writes them.

The language is the current i18n context's locale: one place, set per update.
"""

from __future__ import annotations

import html
import re
from decimal import ROUND_HALF_UP, Decimal

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n.context import get_i18n
from babel import Locale
from babel.numbers import format_decimal, format_percent

ILLUSTRATIVE_MARK = "*"
_TAG = re.compile(r"<[^<>]*>")
QUERY_ECHO_LIMIT = 80


def locale() -> str:
    """The language this text is being written in."""
    return get_i18n().current_locale


def fmt_score(value: float) -> str:
    """4.99 in English, 4,99 in Russian and Kazakh: always two decimals."""
    return format_decimal(value, format="0.00", locale=locale())


def fmt_percent(value: float) -> str:
    """A share given in percent, always one decimal: '92,0 %' beside '89,9 %' in Russian."""
    share = rounded(value, 1) / 100
    pattern = Locale.parse(locale()).percent_formats[None].pattern.replace("#,##0", "#,##0.0")
    return format_percent(share, format=pattern, locale=locale())


def rounded(value: float, decimals: int) -> Decimal:
    """``value`` as it is shown: rounded once, half up (0.05 -> 0.1)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def fmt_signed(value: float, decimals: int) -> str:
    """A change with its sign: '+0,03', '−9,2'; what rounds to zero has no sign.

    The sign is read from the same rounded number that is written, so a change of
    0.05 p.p. is "+0,1" and one of 0.04 is "0,0", never "+0,0".
    """
    pattern = "0." + "0" * decimals if decimals else "0"
    shown = rounded(value, decimals)
    text = format_decimal(abs(shown), format=pattern, locale=locale())
    if shown == 0:
        return text
    return ("+" if shown > 0 else "\u2212") + text


def mark(provenance: str | bool) -> str:
    """The mark an illustrative value carries wherever it is shown; also given a flag, for
    a value worked out from others (a difference, a place) that is illustrative if any is."""
    illustrative = provenance if isinstance(provenance, bool) else provenance == "illustrative"
    return ILLUSTRATIVE_MARK if illustrative else ""


def illustrative_footnote() -> str:
    return _("{mark} an illustrative value that fits the published report, not an official figure").format(
        mark=ILLUSTRATIVE_MARK
    )


def with_footnote(lines: list[str]) -> list[str]:
    """``lines`` and, when any value in them carries the mark, the line that explains it."""
    if any(ILLUSTRATIVE_MARK in line for line in lines):
        return [*lines, "", illustrative_footnote()]
    return lines


def plain(text: str) -> str:
    """An HTML text as a pop-up alert shows it: Telegram parses no HTML there."""
    return html.unescape(_TAG.sub("", text))


def echo(text: str) -> str:
    """A user's text, shortened and escaped, safe inside an HTML message."""
    text = " ".join(text.split())
    if len(text) > QUERY_ECHO_LIMIT:
        text = text[: QUERY_ECHO_LIMIT - 1] + "…"
    return html.escape(text)
