"""Screens of the subscription conversation: follow, unfollow, the list, the confirm.

Pure like ``bot.screens``: the handlers fetch what a chat follows and send what these
functions return.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.agencies import Agency
from bot.callbacks import DropAll, Unfollow
from bot.screens import Screen
from bot.store.subscriptions import ALL, Progress, Totals


def topic_name(topic: str, agencies: dict[str, Agency], language: str) -> str:
    if topic == ALL:
        return _("every new rating")
    agency = agencies.get(topic)
    return agency.name(language) if agency else topic


def subscribed(topic: str, agencies: dict[str, Agency], language: str, *, new: bool) -> str:
    if topic == ALL:
        if not new:
            return _("You already get a message when a new rating is published.")
        return _("Done: I will write when a new rating is published. /subscriptions lists what you follow.")
    name = html.escape(topic_name(topic, agencies, language))
    if not new:
        return _("You already follow {name}.").format(name=name)
    return _("You follow {name} now: I will write when a new rating shows its figures.").format(name=name)


def unsubscribed(topic: str, agencies: dict[str, Agency], language: str) -> str:
    if topic == ALL:
        return _("You will no longer get every new rating.")
    return _("You no longer follow {name}.").format(name=html.escape(topic_name(topic, agencies, language)))


def listing(topics: Sequence[str], agencies: dict[str, Agency], language: str) -> Screen:
    if not topics:
        return Screen(
            _(
                "You follow nothing yet. /subscribe to hear of every new rating, or open a body's "
                "card and press 🔔 Follow."
            )
        )
    builder = InlineKeyboardBuilder()
    lines = [_("<b>You follow</b>")]
    for topic in topics:
        name = topic_name(topic, agencies, language)
        lines.append(f"• {html.escape(name)}")
        short = agencies[topic].short_name(language) if topic in agencies else name
        builder.button(text=f"❌ {short}"[:60], callback_data=Unfollow(topic=topic, listing=True))
    builder.adjust(1)
    return Screen("\n".join(lines), builder.as_markup())


def confirm_drop_all(count: int) -> Screen:
    if count == 0:
        return Screen(_("You follow nothing, so there is nothing to stop."))
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, stop them all"), callback_data=DropAll(confirm=True))
    builder.button(text=_("Cancel"), callback_data=DropAll(confirm=False))
    text = ngettext(
        "Stop your {count} subscription?", "Stop all {count} of your subscriptions?", count
    ).format(count=count)
    return Screen(text, builder.as_markup())


def dropped_all() -> str:
    return _("Done: you follow nothing now.")


def nothing_changed() -> str:
    return _("Nothing changed.")


def admins_only() -> str:
    return _("Only this group's admins can change what it follows.")


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
