"""Plain text is a name to look up (in a group: when it mentions the bot or replies to it);
a greeting, thanks or a call for help is answered as such, and a question in plain words
("топ 10", "who is top?") as a question, read before any name is looked up."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, Message

from bot.domain import smalltalk
from bot.domain.intents.grammar import COMPARE
from bot.domain.intents.parse import parse
from bot.domain.recent import RecentQueries
from bot.domain.snapshot import Snapshot
from bot.views import common, start
from bot.views.callbacks import AskExample
from bot.views.lookup import lookup
from bot.views.question_help import example
from bot.views.questions import answer, compare_text
from bot.views.screen import Draw, Screen
from handlers import links
from handlers.filters import NameToLookUp


async def lookup_text(
    message: Message, query: str, bot: Bot, snapshot: Snapshot, draw: Draw, recent: RecentQueries
) -> None:
    talk = smalltalk.kind_of(query)
    if talk is not None:
        name = message.from_user.first_name if message.from_user else ""
        screen = start.small_talk(snapshot, talk, name)
    else:
        screen = ask(query, snapshot, draw, recent, await links.username(bot))
    await message.answer(screen.text, reply_markup=screen.markup)


def ask(query: str, snapshot: Snapshot, draw: Draw, recent: RecentQueries, username: str = "") -> Screen:
    """A question's answer, or, when the text is no question the grammar reads, the look-up."""
    intent = parse(query, snapshot.index)
    if intent is None:
        recent.remember(query)  # for the "More" button of a list of choices
        return draw(lookup, snapshot, query, 0, username)  # a card ends with its link
    if intent.intent == COMPARE:
        recent.remember(compare_text(intent))  # for the buttons that choose a body, as /compare
    return draw(answer, snapshot, intent)


async def ask_example(
    query: CallbackQuery,
    callback_data: AskExample,
    bot: Bot,
    snapshot: Snapshot,
    draw: Draw,
    recent: RecentQueries,
) -> None:
    """An example question pressed: asked as if typed, answered in a new message."""
    text = example(callback_data.number)
    if text is None or not isinstance(query.message, Message):
        await query.answer(common.stale_button(), show_alert=True)
        return
    screen = ask(text, snapshot, draw, recent, await links.username(bot))
    await query.answer()
    await query.message.answer(screen.text, reply_markup=screen.markup)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.message.register(lookup_text, NameToLookUp())
    routes.callback_query.register(ask_example, AskExample.filter())
    return routes
