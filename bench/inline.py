"""Inline answer latency: the bot's handling of ``@bot NAME`` beside the aiogram floor.

Both run in this process, fed the same inline_query updates through ``feed_update`` with
an in-process Bot API session that answers at once (``tests/integration/dispatcher``'s
recording session), so the figures are the handling alone, no network. The bot is the
real dispatcher (``build_dispatcher``: every middleware, the screen cache, the snapshot)
on a copy of the bundled database; the floor is a bare aiogram dispatcher whose one
handler answers every inline query with one fixed article. The query mix: nothing typed
(the ends of the list and the whole list), short names, abbreviations, a Kazakh name, a
typo, a year, a word that fits several bodies and a miss, from users of three languages.

Rounds alternate the order of the two; the figures are the medians over the rounds of
each run's p50 and p99 (microseconds per update), and the ratio is bot / floor.

    python bench/inline.py                 # 5 rounds of 2,000 queries each
    python bench/inline.py --quick         # 1 round of 500
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
    User,
)
from common import LANGUAGE_CODES, make_database, median, percentile, table

from bot.config import Settings
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.runtime.app import build_dispatcher
from bot.runtime.i18n import make_i18n
from bot.runtime.middlewares import InactiveChats
from bot.runtime.screen_cache import ScreenCache
from bot.store import Store
from tests.integration.dispatcher.recording import BOT_ID, RecordingSession

TOKEN = f"{BOT_ID}:" + "A" * 35
#: What people type after @bot: nothing, names, abbreviations, a Kazakh name, a typo, a
#: year, a word that fits several bodies, a miss.
QUERIES = (
    "",
    "минздрав",
    "МЧС",
    "KNB",
    "health",
    "денсаулық",
    "минздарв",
    "минфин 2024",
    "министерство",
    "zzzz",
)
USERS = 60
FLOOR_RESULT = InlineQueryResultArticle(
    id="floor", title="Floor", input_message_content=InputTextMessageContent(message_text="<b>Floor</b>")
)


def updates(count: int) -> list[Update]:
    """``count`` inline queries of the mix, from USERS users of three languages."""
    numbers = itertools.count(1)
    made = []
    for index in range(count):
        user_id = 10_000 + index % USERS
        user = User(id=user_id, is_bot=False, first_name="U", language_code=LANGUAGE_CODES[user_id % 3])
        query = InlineQuery(
            id=str(next(numbers)), from_user=user, query=QUERIES[index % len(QUERIES)], offset=""
        )
        made.append(Update(update_id=index + 1, inline_query=query))
    return made


def floor_dispatcher() -> Dispatcher:
    router = Router(name="floor")

    @router.inline_query()
    async def answer(query: InlineQuery) -> None:
        await query.answer([FLOOR_RESULT], cache_time=300, is_personal=True)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher


async def run(dispatcher: Dispatcher, batch: list[Update]) -> list[float]:
    """Microseconds each update took, fed one after another (as a single polling loop does)."""
    session = RecordingSession()
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    for update in batch[:50]:  # warm-up: first contacts, the caches, getMe
        await dispatcher.feed_update(bot, update.model_copy(deep=True))
    times = []
    for update in batch:
        began = time.perf_counter()
        await dispatcher.feed_update(bot, update)
        times.append((time.perf_counter() - began) * 1e6)
        session.requests.clear()
    assert session.messages == [], "an inline query was answered with a message"
    return times


async def main_async(rounds: int, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = make_database(Path(tmp))
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=TOKEN,  # type: ignore[arg-type]
            database_path=database,
            default_language="ru",
            throttle_rate=0,  # one loop feeds thousands of queries from 60 users: no flood control
        )
        store = await Store.open(database)
        try:
            bodies = load_agencies()
            catalog = await Catalog.load(store, bodies)
            bot_dispatcher = build_dispatcher(
                settings,
                store=store,
                catalog=catalog,
                i18n=make_i18n("ru"),
                inactive=InactiveChats(store, set()),
                draw=ScreenCache(),
            )
            figures: dict[str, list[tuple[float, float]]] = {"floor": [], "bot": []}
            for number in range(rounds):
                order = ("floor", "bot") if number % 2 == 0 else ("bot", "floor")
                for kind in order:
                    dispatcher = floor_dispatcher() if kind == "floor" else bot_dispatcher
                    times = await run(dispatcher, updates(count))
                    figures[kind].append((percentile(times, 0.5), percentile(times, 0.99)))
        finally:
            await store.close()
    p50 = {kind: median([f[0] for f in runs]) for kind, runs in figures.items()}
    p99 = {kind: median([f[1] for f in runs]) for kind, runs in figures.items()}
    print(f"{rounds} round(s) of {count} inline queries, in-process, one at a time\n")
    print(
        table(
            ["", "aiogram floor", "bot", "bot / floor"],
            [
                ["p50, µs", f"{p50['floor']:.0f}", f"{p50['bot']:.0f}", f"{p50['bot'] / p50['floor']:.2f}x"],
                ["p99, µs", f"{p99['floor']:.0f}", f"{p99['bot']:.0f}", f"{p99['bot'] / p99['floor']:.2f}x"],
            ],
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="1 round of 500 queries")
    args = parser.parse_args()
    rounds, count = (1, 500) if args.quick else (args.rounds, args.queries)
    asyncio.run(main_async(rounds, count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
