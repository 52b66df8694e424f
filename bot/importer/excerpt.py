"""The one way the importer quotes a file's content back to the operator: short and inert.

A cell can hold anything: 10 MB of text, terminal escape codes (ESC [ ... m recolours or
clears the operator's terminal, a carriage return overwrites the line it is on), bidi
overrides that show a name backwards. Every message that quotes a name, a number or a
header passes it through ``excerpt``, which keeps a few dozen characters and writes the
invisible ones as escapes, the way ``repr`` does.
"""

from __future__ import annotations

import unicodedata

from bot.importer.limits import EXCERPT_CHARS

#: Categories shown as escapes: controls (C0, DEL, C1), format characters (bidi overrides
#: and isolates, zero-width ones, the BOM), lone surrogates, line and paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters as shown (escapes counted), then "…" if anything was cut."""
    shown: list[str] = []
    length = 0
    for char in text:
        piece = visible(char)
        if length + len(piece) > limit:
            return "".join(shown) + "…"
        shown.append(piece)
        length += len(piece)
    return "".join(shown)


def visible(char: str) -> str:
    """The character itself, or its escape when a terminal would act on it or hide it."""
    if unicodedata.category(char) not in INVISIBLE_CATEGORIES:
        return char
    if char in NAMED_ESCAPES:
        return NAMED_ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"
