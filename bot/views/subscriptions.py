"""The subscription conversation: follow, unfollow, the list, the confirm.

The handlers fetch what a chat follows and send what these functions return.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.domain.bodies import Agency
from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.store.records import ALL
from bot.views.callbacks import DropAll, Follow, FollowPage, Unfollow
from bot.views.formatting import body_name, locale
from bot.views.lookup import MAX_CANDIDATES, choices_screen, no_match
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
        return _(
            "Done: I will write when a new rating is published. /subscriptions lists this chat's "
            "subscriptions."
        )
    name = body_name(topic_name(snapshot, topic))
    if not new:
        return _("Already subscribed: {name}.").format(name=name)
    return _("Subscribed: {name}. I will write when a new rating is published.").format(name=name)


def unsubscribed(snapshot: Snapshot, topic: str) -> str:
    if topic == ALL:
        return _("You will no longer get a message when a new rating is published.")
    return _("Unsubscribed: {name}.").format(name=body_name(topic_name(snapshot, topic)))


def not_subscribed(snapshot: Snapshot, topic: str) -> str:
    return _("This chat is not subscribed to {name}.").format(name=body_name(topic_name(snapshot, topic)))


def pick_body(
    snapshot: Snapshot,
    query: str,
    *,
    unfollow: bool = False,
    among: Collection[str] | None = None,
    page: int = 0,
) -> str | Screen:
    """The body /subscribe NAME or /unsubscribe NAME means (its slug); otherwise the screen
    to choose among several, a page at a time (their buttons follow or unfollow), or that
    none matched. ``among``: only these bodies count (the ones a chat follows)."""
    resolved = snapshot.index.resolve(query)
    if resolved is not None and (among is None or resolved.slug in among):
        return resolved.slug
    bodies = [m.agency for m in snapshot.index.search(query, limit=MAX_CANDIDATES)]
    if among is not None:
        bodies = [body for body in bodies if body.slug in among]
    if len(bodies) == 1:
        return bodies[0].slug
    if not bodies:
        return resolved.slug if resolved is not None else Screen(no_match(query))

    def choice(body: Agency) -> CallbackData:
        return Unfollow(topic=body.slug) if unfollow else Follow(topic=body.slug)

    key = query_key(query)
    return choices_screen(
        query, bodies, page, lambda number: FollowPage(key=key, page=number, unfollow=unfollow), choice=choice
    )


def listing(snapshot: Snapshot, topics: Sequence[str]) -> Screen:
    if not topics:
        return Screen(
            _(
                "This chat has no subscriptions yet. /subscribe to get notified of each new rating, "
                "or open a body's card and press 🔔 Follow."
            )
        )
    builder = InlineKeyboardBuilder()
    lines = [_("<b>This chat's subscriptions</b>")]
    for topic in topics:
        name = topic_name(snapshot, topic)
        lines.append(f"• {body_name(name)}")
        short = snapshot.short_name(topic, locale()) if snapshot.body(topic) else name
        builder.button(text=f"❌ {short}"[:60], callback_data=Unfollow(topic=topic, listing=True))
    builder.adjust(1)
    return Screen("\n".join(lines), builder.as_markup())


def confirm_drop_all(count: int) -> Screen:
    if count == 0:
        return Screen(_("There are no subscriptions to cancel."))
    builder = InlineKeyboardBuilder()
    if count == 1:
        text = _("Cancel this chat's subscription?")
        builder.button(text=_("Yes, cancel it"), callback_data=DropAll(confirm=True))
    else:
        text = ngettext(
            "Cancel all {count} of this chat's subscriptions?",
            "Cancel all {count} of this chat's subscriptions?",
            count,
        ).format(count=count)
        builder.button(text=_("Yes, cancel them all"), callback_data=DropAll(confirm=True))
    builder.button(text=_("No"), callback_data=DropAll(confirm=False))
    return Screen(text, builder.as_markup())


def dropped_all() -> str:
    return _("Done: this chat has no subscriptions now.")


def nothing_changed() -> str:
    return _("Nothing changed.")


def admins_only() -> str:
    return _("Only this group's admins can change what it follows.")


def not_saved() -> str:
    """The database refused the change (a full disk): nothing changed."""
    return _("I could not save that right now, so nothing has changed. Please try again later.")


def admin_check_failed() -> str:
    """Telegram did not say whether the sender is one of the group's admins."""
    return _("I could not check that you are an admin of this group. Please try again.")
