"""Greetings, thanks and calls for help, as people type them: answered, not searched for.

A table of phrasings per language; a message is small talk only when all of it is one
of these (with punctuation and emoji ignored), so "спасибо минздрав" is still a search.
"""

from __future__ import annotations

import re

PHRASES: dict[str, tuple[str, ...]] = {
    "greeting": (
        # ru
        "привет", "приветствую", "здравствуйте", "здравствуй", "добрый день", "доброе утро",
        "добрый вечер", "салам", "хай",
        # kk
        "сәлем", "сәлеметсіз бе", "сәлеметсіңдер ме", "армысыз", "қайырлы күн", "қайырлы таң",
        "салем", "салеметсиз бе",
        # en
        "hi", "hello", "hey", "good morning", "good afternoon", "good evening", "start",
    ),
    "thanks": (
        "спасибо", "спасибо большое", "большое спасибо", "благодарю", "спс", "пасиб",
        "рахмет", "көп рахмет", "рақмет", "рахмет сізге", "алғыс",
        "thanks", "thank you", "thank you very much", "thx", "ty", "cheers",
    ),
    "help": (
        "помощь", "помоги", "помогите", "что ты умеешь", "что умеешь", "справка", "help",
        "көмек", "көмектесіңіз", "не істей аласың", "what can you do", "how does it work",
    ),
}  # fmt: skip

_NON_WORD = re.compile(r"[\W_]+")
_KIND_OF = {" ".join(phrase.split()): kind for kind, phrases in PHRASES.items() for phrase in phrases}


def kind_of(text: str) -> str | None:
    """ "greeting", "thanks" or "help" when the whole message is one of those; else None."""
    words = _NON_WORD.sub(" ", text.casefold().replace("ё", "е")).split()
    if not words or len(words) > 6:
        return None
    return _KIND_OF.get(" ".join(words))
