"""The bot's profile: its name and the texts Telegram shows before anyone writes to it.

The description fills the empty chat before /start, the short one the profile page and a
shared link; both, and the name, in the language of the i18n context. Plain text: Telegram
shows these as written, with no HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import gettext as _

from bot.views.formatting import ILLUSTRATIVE_MARK

#: Telegram's limits, in characters: a longer text is refused with 400 Bad Request.
LIMITS = {"name": 64, "short_description": 120, "description": 512}


@dataclass(frozen=True, slots=True)
class Profile:
    """The three texts, named as the Bot API names them (``setMyShortDescription``...)."""

    name: str
    short_description: str
    description: str


def profile() -> Profile:
    """The profile in the language of the context."""
    return Profile(
        name=_("Kazakhstan State Bodies Rating"),
        short_description=_(
            "Kazakhstan's state bodies rated by the quality of public services: "
            "any body's score, rank and change."
        ),
        description="\n\n".join(
            [
                _(
                    "I answer questions about the yearly rating of Kazakhstan's state bodies by "
                    "the quality of public services, in Russian, Kazakh and English."
                ),
                _(
                    "Send the name of a ministry or agency (Минздрав, МЧС, KNB) for its score, "
                    "rank and change. /rank: the whole list; /changes: risers and fallers; "
                    "/compare, /chart, /export: side by side, a picture, a file; /subscribe: "
                    "news of each rating."
                ),
                _(
                    "Figures are the official rating's; where one was not published, an "
                    "illustrative value stands in, marked with {mark}."
                ).format(mark=ILLUSTRATIVE_MARK),
            ]
        ),
    )
