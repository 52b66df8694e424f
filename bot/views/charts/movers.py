"""The biggest risers and fallers as a chart: bars either side of zero, in percentage points."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.domain.ratings import Change
from bot.domain.snapshot import Snapshot
from bot.views.changes import MOVERS, movers_text
from bot.views.charts.common import CAPTION_LIMIT, as_text_hint, caption, chart_name, frame, legend
from bot.views.charts.spec import Bar, BarsSpec
from bot.views.figures import satisfaction_change
from bot.views.formatting import locale


def bar(snapshot: Snapshot, change: Change, group: int) -> Bar:
    return Bar(
        label=chart_name(snapshot.short_name(change.agency, locale())),
        value=change.satisfaction_delta,
        value_label=satisfaction_change(change),
        illustrative=change.satisfaction_illustrative,
        group=group,
    )


def movers_spec(snapshot: Snapshot, year: int) -> BarsSpec:
    """``year`` must have changes (it and the year before are complete lists)."""
    risers, fallers = snapshot.book.movers(year, MOVERS)
    # The biggest rise on top, the biggest fall at the bottom.
    bars = (*(bar(snapshot, c, 0) for c in risers), *(bar(snapshot, c, 1) for c in reversed(fallers)))
    title = _("Biggest changes in the share of satisfied people, {year} vs {previous}").format(
        year=year, previous=year - 1
    )
    return BarsSpec(
        frame=frame(
            title,
            _("Change in percentage points; a body's share of satisfied service recipients"),
            snapshot.book,
            [year, year - 1],
            [b.value_label for b in bars],
        ),
        legend=legend(),
        bars=bars,
        axis=_("Change, p.p."),
        groups=(_("Risers"), _("Fallers")),
        diverging=True,
    )


def movers_caption(snapshot: Snapshot, year: int) -> str:
    """The movers as /changes lists them, or as much as a caption holds."""
    text = movers_text(snapshot, year)
    if len(text) <= CAPTION_LIMIT:
        return text
    return caption([*text.split("\n"), as_text_hint()])
