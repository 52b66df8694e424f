"""/subscribe, /unsubscribe, /subscriptions and the Follow buttons on agency cards.

Subscriptions belong to the chat: in a group only its admins may change them.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.enums import ChatMemberStatus, ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Chat, Message, User
from aiogram.utils.i18n import I18n

from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.store import Store
from bot.store.records import ALL
from bot.views import common
from bot.views import subscriptions as subscribing
from bot.views.callbacks import DropAll, Follow, FollowPage, Unfollow
from bot.views.formatting import plain
from bot.views.screen import Screen
from handlers.replies import edit_or_answer

MANAGERS = frozenset({ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR})


async def _allowed(bot: Bot, chat: Chat, user: User | None) -> bool:
    """Anyone manages their own private chat; in a group, only its admins."""
    if user is None:
        return False
    if chat.type not in {ChatType.GROUP, ChatType.SUPERGROUP}:
        return True
    member = await bot.get_chat_member(chat.id, user.id)
    return member.status in MANAGERS


async def _managed_chat(query: CallbackQuery, bot: Bot) -> Chat | None:
    """The chat a button belongs to, if its presser may change what it follows.

    Otherwise the press is answered (a stale button, or "admins only") and None returned.
    """
    chat = query.message.chat if query.message else None
    if chat is None:
        await query.answer(common.stale_button(), show_alert=True)
        return None
    if not await _allowed(bot, chat, query.from_user):
        await query.answer(subscribing.admins_only(), show_alert=True)
        return None
    return chat


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
    if not await _allowed(bot, message.chat, message.from_user):
        await message.answer(subscribing.admins_only())
        return
    topic: str | Screen = ALL
    if command.args and command.args.strip():
        recent.remember(command.args)  # for the pages of a list of choices
        topic = subscribing.pick_body(snapshot, command.args)
    if isinstance(topic, Screen):  # several bodies match, or none: choose, or try again
        await message.answer(topic.text, reply_markup=topic.markup)
        return
    await store.subscriptions.remember_chat(message.chat.id, message.chat.type, i18n.current_locale)
    new = await store.subscriptions.add(message.chat.id, topic)
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
    if not await _allowed(bot, message.chat, message.from_user):
        await message.answer(subscribing.admins_only())
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
    elif await store.subscriptions.remove(message.chat.id, topic):
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
    await store.subscriptions.remember_chat(chat.id, chat.type, i18n.current_locale)
    new = await store.subscriptions.add(chat.id, topic)
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
    removed = await store.subscriptions.remove(chat.id, callback_data.topic)
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
        await store.subscriptions.remove_all(chat.id)
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
