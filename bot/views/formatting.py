"""Numbers, marks and echoes, written the way the reader's language writes them.

The language is the current i18n context's locale: one place, set per update. Every text
that comes from outside (a user's query, the operator's source, a body's name) goes into a
reply through :func:`echo`: shortened to its limit and escaped, so no screen can reach
Telegram's limit on a message however long what it quotes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n.context import get_i18n
from babel import Locale
from babel.numbers import format_decimal, format_percent

ILLUSTRATIVE_MARK = "*"
_TAG = re.compile(r"<[^<>]*>")
#: Telegram refuses a message longer than this ("message is too long"); no screen may be.
MESSAGE_LIMIT = 4096
#: What a user typed, quoted back to them.
QUERY_ECHO_LIMIT = 80
#: The publisher of a year's figures, as the operator gave it (--source): the longest real
#: one is about 30 characters.
PUBLISHER_LIMIT = 120
#: A body's name: the longest on the list is 65 characters.
NAME_LIMIT = 120


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


def clip(text: str, limit: int) -> str:
    """``text`` on one line (runs of white space made one space), at most ``limit``
    characters: a longer one is cut and ends in "…". A cut never parts a letter from the
    marks on it, nor leaves a joiner or direction mark before the "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = limit - 1
    while end > 0 and unicodedata.category(text[end]) in {"Mn", "Me"}:
        end -= 1  # the marks after the cut belong to the letter before them: cut before it
    cut = text[:end]
    while cut and unicodedata.category(cut[-1]) == "Cf":
        cut = cut[:-1]
    return cut.rstrip() + "…"


def echo(text: str, limit: int = QUERY_ECHO_LIMIT) -> str:
    """Text from outside (a user's query by default), shortened and escaped, safe inside
    an HTML message."""
    return html.escape(clip(text, limit))


def body_name(name: str) -> str:
    """A body's name as a reply shows it: escaped, and bounded like any outside text."""
    return echo(name, NAME_LIMIT)
