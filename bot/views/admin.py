"""/stats: the operator's view of users, subscriptions and the last release's deliveries."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _

from bot.store.records import Progress, Totals


def stats(totals: Totals, progress: Sequence[Progress]) -> str:
    lines = [
        _("<b>Bot statistics</b>"),
        _("Users: {count}").format(count=totals.users),
        _("Active chats: {active} (inactive: {inactive})").format(
            active=totals.active_chats, inactive=totals.inactive_chats
        ),
        _("Subscriptions: {all} to every rating, {agency} to single bodies").format(
            all=totals.subscriptions_all, agency=totals.subscriptions_agency
        ),
    ]
    if progress:
        last = progress[0]
        lines += [
            "",
            _("Last release: {year}, imported {when}").format(year=last.year, when=last.imported_at),
            _("Deliveries: {sent} sent, {pending} queued, {failed} failed, {dropped} dropped").format(
                sent=last.sent, pending=last.pending, failed=last.failed, dropped=last.dropped
            ),
        ]
    return "\n".join(lines)
