"""The subscription conversation: follow, unfollow, the list, the confirm.

The handlers fetch what a chat follows and send what these functions return.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.domain.snapshot import Snapshot
from bot.store.records import ALL
from bot.views.callbacks import DropAll, Unfollow
from bot.views.formatting import locale
from bot.views.screen import Screen


def topic_name(snapshot: Snapshot, topic: str) -> str:
    if topic == ALL:
        return _("every new rating")
    body = snapshot.body(topic)
    return body.name(locale()) if body else topic


def subscribed(snapshot: Snapshot, topic: str, *, new: bool) -> str:
    if topic == ALL:
        if not new:
            return _("You already get a message when a new rating is published.")
        return _("Done: I will write when a new rating is published. /subscriptions lists what you follow.")
    name = html.escape(topic_name(snapshot, topic))
    if not new:
        return _("You already follow {name}.").format(name=name)
    return _("You follow {name} now: I will write when a new rating shows its figures.").format(name=name)


def unsubscribed(snapshot: Snapshot, topic: str) -> str:
    if topic == ALL:
        return _("You will no longer get every new rating.")
    return _("You no longer follow {name}.").format(name=html.escape(topic_name(snapshot, topic)))


def listing(snapshot: Snapshot, topics: Sequence[str]) -> Screen:
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
        name = topic_name(snapshot, topic)
        lines.append(f"• {html.escape(name)}")
        short = snapshot.short_name(topic, locale()) if snapshot.body(topic) else name
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
