"""Which name a year of a body's record was rated under: "as the Ministry of ...".

A year published for a predecessor is shown with that name (on the card, in the chart and
its caption), so it never reads as if today's body had been rated.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.snapshot import Snapshot
from bot.views.formatting import locale


def era_label(snapshot: Snapshot, slug: str, year: int) -> str:
    """ "as the <predecessor>" (plain text, not escaped) for a year rated under another name; "" else."""
    predecessor = snapshot.lineage.rated_as(slug, year)
    if predecessor is None:
        return ""
    return _("as the {name}").format(name=predecessor.name(locale()))
