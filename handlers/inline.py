"""@bot NAME in any chat: the matching cards to send there (bot/views/inline.py).

Telegram caches an inline answer per query text and shares it among all users, so the
answer is built in the language of the text typed (bot/views/typed_language.py), not the user's.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import InlineQuery
from aiogram.utils.i18n import I18n

from bot.domain.snapshot import Snapshot
from bot.views.inline import CACHE_SECONDS, PERSONAL, ChartFileIds, inline_answer
from bot.views.screen import Draw
from bot.views.typed_language import language_of


async def inline_query(
    query: InlineQuery,
    bot: Bot,
    snapshot: Snapshot,
    draw: Draw,
    i18n: I18n,
    chart_files: ChartFileIds | None = None,
) -> None:
    """``i18n`` is put in the handler's data by the language middleware (aiogram's I18nMiddleware)."""
    me = await bot.me()  # asked once, then remembered by aiogram
    with i18n.use_locale(language_of(query.query, i18n.default_locale)):  # texts, numbers, chart key
        answer = inline_answer(snapshot, query.query, me.username or "", draw_screen=draw, charts=chart_files)
    await query.answer(answer.results, cache_time=CACHE_SECONDS, is_personal=PERSONAL, button=answer.button)


def router() -> Router:
    """A new router of this feature's handlers (a router joins one dispatcher only)."""
    routes = Router(name=__name__)
    routes.inline_query.register(inline_query)
    return routes
