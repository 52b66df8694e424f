"""The operator's views: /stats, and the message that follows a release's delivery."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from babel.dates import format_timedelta
from babel.numbers import format_decimal, format_percent

from bot.store.records import Progress, Totals
from bot.views.formatting import locale

BAR_CELLS = 10


def stats(totals: Totals, progress: Sequence[Progress], *, rate: float, paid: bool) -> str:
    """``rate`` and ``paid``: the configured NOTIFY_RATE and NOTIFY_PAID_BROADCAST."""
    lines = [
        _("<b>Bot statistics</b>"),
        _("Users: {count}").format(count=totals.users),
        _("Active chats: {active} (inactive: {inactive})").format(
            active=totals.active_chats, inactive=totals.inactive_chats
        ),
        _("Subscriptions: {all} to every rating, {agency} to single bodies").format(
            all=totals.subscriptions_all, agency=totals.subscriptions_agency
        ),
        paid_line(rate, paid),
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
        pace = pace_line(last)
        if pace:
            lines.append(pace)
    return "\n".join(lines)


def stats_in_private() -> str:
    """/stats sent in a group, when the bot cannot write to the admin privately: the
    figures are for the operators, not for every member."""
    return _("Send /stats to me in a private chat: I show the statistics only there.")


def stats_sent_privately() -> str:
    return _("I have answered you in our private chat.")


def paid_line(rate: float, paid: bool) -> str:
    number = format_decimal(rate, format="#,##0.#", locale=locale())
    if paid:
        return _(
            "Notifications: up to {rate} a second, paid broadcast (Telegram charges Stars above 30)"
        ).format(rate=number)
    return _("Notifications: up to {rate} a second, free").format(rate=number)


def pace_line(progress: Progress) -> str:
    """ "25 a second; about 40 seconds left", while a release is being delivered."""
    rate = progress.rate()
    left = progress.seconds_left()
    if rate is None or left is None or not progress.pending:
        return ""
    return _("{rate} a second; about {left} left").format(
        rate=format_decimal(rate, format="#,##0.0", locale=locale()),
        left=format_timedelta(dt.timedelta(seconds=max(left, 1)), locale=locale()),
    )


def bar(done: int, total: int) -> str:
    """How much of a release has been delivered, "▓▓▓▓▓░░░░░ 52 %" (100 % only when all is)."""
    share = done / total if total else 1.0
    shown = math.floor(share * 100) / 100  # 359 of 360 is 99 %, not a full bar
    filled = math.floor(shown * BAR_CELLS)
    return "▓" * filled + "░" * (BAR_CELLS - filled) + " " + format_percent(shown, locale=locale())


def count(number: int) -> str:
    return format_decimal(number, format="#,##0", locale=locale())


def delivery_progress(progress: Progress) -> str:
    """The admins' message while a release goes out, edited as it goes."""
    finished = progress.sent + progress.failed + progress.dropped
    lines = [
        _("📬 <b>Delivering the {year} rating</b>").format(year=progress.year),
        bar(finished, progress.total),
        _("Sent {sent} · queued {pending} · failed {failed}").format(
            sent=count(progress.sent),
            pending=count(progress.pending),
            failed=count(progress.failed + progress.dropped),
        ),
    ]
    pace = pace_line(progress)
    if pace:
        lines.append(pace)
    return "\n".join(lines)


def delivery_done(progress: Progress) -> str:
    """The same message once nothing is queued: the summary."""
    lines = [
        _("✅ <b>The {year} rating was delivered</b>").format(year=progress.year),
        _("Sent {sent} · failed {failed} · dropped (blocked the bot) {dropped}").format(
            sent=count(progress.sent), failed=count(progress.failed), dropped=count(progress.dropped)
        ),
    ]
    seconds = progress.sending_seconds()
    rate = progress.rate()
    if seconds is not None and rate is not None:
        lines.append(
            _("In {time}, {rate} a second").format(
                time=format_timedelta(dt.timedelta(seconds=seconds), locale=locale()),
                rate=format_decimal(rate, format="#,##0.0", locale=locale()),
            )
        )
    return "\n".join(lines)
