"""/subscribe, /unsubscribe, /subscriptions and the Follow buttons on agency cards.

Subscriptions belong to the chat: in a group only its admins may change them (an anonymous
admin, writing as the group, included). When Telegram cannot say who is an admin, or the
database refuses the change (a full disk), the answer says so and nothing changes.
"""

from __future__ import annotations

import enum
import logging

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Chat, Message, User
from aiogram.utils.i18n import I18n

from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.store import Store
from bot.store.failures import WriteRefusedError
from bot.store.records import ALL
from bot.views import common
from bot.views import subscriptions as subscribing
from bot.views.callbacks import DropAll, Follow, FollowPage, Unfollow
from bot.views.formatting import plain
from bot.views.screen import Screen
from handlers.filters import GROUPS, sent_as_the_group
from handlers.replies import edit_or_answer

log = logging.getLogger(__name__)

MANAGERS = frozenset({ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR})


class Permission(enum.Enum):
    """May this sender change what the chat follows: yes, no, or Telegram did not say."""

    ALLOWED = enum.auto()
    NOT_ADMIN = enum.auto()
    UNKNOWN = enum.auto()

    def refusal(self) -> str:
        """What the sender is told when not allowed."""
        return subscribing.admin_check_failed() if self is Permission.UNKNOWN else subscribing.admins_only()


async def _permission(bot: Bot, chat: Chat, user: User | None) -> Permission:
    """Anyone manages their own private chat; in a group, only its admins."""
    if user is None:
        return Permission.NOT_ADMIN
    if chat.type not in GROUPS:
        return Permission.ALLOWED
    try:
        member = await bot.get_chat_member(chat.id, user.id)
    except TelegramAPIError as error:  # network errors included: TelegramNetworkError is one
        log.warning("Could not check whether user %s is an admin of chat %s: %s", user.id, chat.id, error)
        return Permission.UNKNOWN
    return Permission.ALLOWED if member.status in MANAGERS else Permission.NOT_ADMIN


async def _message_permission(bot: Bot, message: Message) -> Permission:
    if sent_as_the_group(message):
        return Permission.ALLOWED
    return await _permission(bot, message.chat, message.from_user)


async def _managed_chat(query: CallbackQuery, bot: Bot) -> Chat | None:
    """The chat a button belongs to, if its presser may change what it follows.

    Otherwise the press is answered (a stale button, "admins only", or "could not check")
    and None returned.
    """
    chat = query.message.chat if query.message else None
    if chat is None:
        await query.answer(common.stale_button(), show_alert=True)
        return None
    permission = await _permission(bot, chat, query.from_user)
    if permission is not Permission.ALLOWED:
        await query.answer(permission.refusal(), show_alert=True)
        return None
    return chat


async def _follow(store: Store, chat: Chat, topic: str, language: str) -> bool:
    """Record the chat and follow ``topic``; True when it is new. WriteRefusedError when the
    database refuses it (the user is told to try again)."""
    with store.writes.watch("saving a subscription"):
        await store.subscriptions.remember_chat(chat.id, chat.type, language)
        return await store.subscriptions.add(chat.id, topic)


async def subscribe(
    message: Message,
    command: CommandObject,
    bot: Bot,
    store: Store,
    snapshot: Snapshot,
    i18n: I18n,
    recent: RecentQueries,
) -> None:
    """/subscribe: every new rating; /subscribe NAME: one body's figures."""
    permission = await _message_permission(bot, message)
    if permission is not Permission.ALLOWED:
        await message.answer(permission.refusal())
        return
    topic: str | Screen = ALL
    if command.args and command.args.strip():
        recent.remember(command.args)  # for the pages of a list of choices
        topic = subscribing.pick_body(snapshot, command.args)
    if isinstance(topic, Screen):  # several bodies match, or none: choose, or try again
        await message.answer(topic.text, reply_markup=topic.markup)
        return
    try:
        new = await _follow(store, message.chat, topic, i18n.current_locale)
    except WriteRefusedError:
        await message.answer(subscribing.not_saved())
        return
    await message.answer(subscribing.subscribed(snapshot, topic, new=new))


async def subscriptions(message: Message, store: Store, snapshot: Snapshot) -> None:
    topics = await store.subscriptions.topics(message.chat.id)
    screen = subscribing.listing(snapshot, topics)
    await message.answer(screen.text, reply_markup=screen.markup)


async def unsubscribe(
    message: Message,
    command: CommandObject,
    bot: Bot,
    store: Store,
    snapshot: Snapshot,
    recent: RecentQueries,
) -> None:
    """/unsubscribe: everything, after a confirm; /unsubscribe NAME: that body at once."""
    permission = await _message_permission(bot, message)
    if permission is not Permission.ALLOWED:
        await message.answer(permission.refusal())
        return
    if not (command.args and command.args.strip()):
        screen = subscribing.confirm_drop_all(len(await store.subscriptions.topics(message.chat.id)))
        await message.answer(screen.text, reply_markup=screen.markup)
        return
    recent.remember(command.args)
    followed = await store.subscriptions.topics(message.chat.id)
    topic = subscribing.pick_body(snapshot, command.args, unfollow=True, among=followed)
    if isinstance(topic, Screen):
        await message.answer(topic.text, reply_markup=topic.markup)
        return
    try:
        with store.writes.watch("cancelling a subscription"):
            removed = await store.subscriptions.remove(message.chat.id, topic)
    except WriteRefusedError:
        await message.answer(subscribing.not_saved())
        return
    if removed:
        await message.answer(subscribing.unsubscribed(snapshot, topic))
    else:
        await message.answer(subscribing.not_subscribed(snapshot, topic))


async def follow(
    query: CallbackQuery, callback_data: Follow, bot: Bot, store: Store, snapshot: Snapshot, i18n: I18n
) -> None:
    topic = callback_data.topic
    if topic != ALL and snapshot.body(topic) is None:
        await query.answer(common.stale_button(), show_alert=True)
        return
    chat = await _managed_chat(query, bot)
    if chat is None:
        return
    try:
        new = await _follow(store, chat, topic, i18n.current_locale)
    except WriteRefusedError:
        await query.answer(plain(subscribing.not_saved()), show_alert=True)
        return
    await query.answer(plain(subscribing.subscribed(snapshot, topic, new=new)), show_alert=True)


async def unfollow(
    query: CallbackQuery,
    callback_data: Unfollow,
    bot: Bot,
    store: Store,
    snapshot: Snapshot,
) -> None:
    chat = await _managed_chat(query, bot)
    if chat is None:
        return
    try:
        with store.writes.watch("cancelling a subscription"):
            removed = await store.subscriptions.remove(chat.id, callback_data.topic)
    except WriteRefusedError:
        await query.answer(plain(subscribing.not_saved()), show_alert=True)
        return
    if callback_data.listing:
        # edit_or_answer answers the press itself; Telegram refuses a second answer to one
        # query ("query is too old... or query ID is invalid"), so none is given here.
        topics = await store.subscriptions.topics(chat.id)
        await edit_or_answer(query, subscribing.listing(snapshot, topics))
    elif removed:
        await query.answer(plain(subscribing.unsubscribed(snapshot, callback_data.topic)), show_alert=True)
    else:
        await query.answer(plain(subscribing.not_subscribed(snapshot, callback_data.topic)), show_alert=True)


async def follow_page(
    query: CallbackQuery, callback_data: FollowPage, store: Store, snapshot: Snapshot, recent: RecentQueries
) -> None:
    """Another page of the bodies a /subscribe NAME or /unsubscribe NAME may mean."""
    text = recent.find(callback_data.key)
    chat = query.message.chat if query.message else None
    if text is None or chat is None:
        await query.answer(common.stale_button(), show_alert=True)
        return
    among = await store.subscriptions.topics(chat.id) if callback_data.unfollow else None
    screen = subscribing.pick_body(
        snapshot, text, unfollow=callback_data.unfollow, among=among, page=callback_data.page
    )
    if not isinstance(screen, Screen):  # the choice narrowed to one since: nothing to page
        await query.answer(common.stale_button(), show_alert=True)
        return
    await edit_or_answer(query, screen)


async def drop_all(query: CallbackQuery, callback_data: DropAll, bot: Bot, store: Store) -> None:
    chat = await _managed_chat(query, bot)
    if chat is None:
        return
    if callback_data.confirm:
        try:
            with store.writes.watch("cancelling every subscription of a chat"):
                await store.subscriptions.remove_all(chat.id)
        except WriteRefusedError:
            await query.answer(plain(subscribing.not_saved()), show_alert=True)
            return
        await edit_or_answer(query, Screen(subscribing.dropped_all()))
    else:
        await edit_or_answer(query, Screen(subscribing.nothing_changed()))


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(subscribe, Command("subscribe", ignore_case=True))
    routes.message.register(subscriptions, Command("subscriptions", ignore_case=True))
    routes.message.register(unsubscribe, Command("unsubscribe", ignore_case=True))
    routes.callback_query.register(follow, Follow.filter())
    routes.callback_query.register(unfollow, Unfollow.filter())
    routes.callback_query.register(drop_all, DropAll.filter())
    routes.callback_query.register(follow_page, FollowPage.filter())
    return routes
