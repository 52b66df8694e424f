"""End to end: deep links and "not rated here" with the real bot process over the fake Bot API:
/start <slug> opens the card, which ends with its own link (the username the process learnt
from getMe), /start rank_<year> opens that year's list, and a court gets where it belongs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, plain, running_bot
from .fake_telegram import BOT_USERNAME
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("deep_links"), rating_db_template) as process:
        yield process


async def test_a_deep_link_opens_the_card_that_links_to_itself(bot: BotProcess) -> None:
    reply = await UserChat(bot, 7301, language_code="en").send("/start moh")

    text = plain(reply)
    assert text.startswith("Ministry of Health\n")
    assert text.endswith(f"🔗 Link to this card: t.me/{BOT_USERNAME}?start=moh")
    assert f'href="https://t.me/{BOT_USERNAME}?start=moh"' in reply.params["text"]


async def test_a_deep_link_to_a_year_opens_its_list(bot: BotProcess) -> None:
    reply = await UserChat(bot, 7302, language_code="kk").send("/start rank_2024")

    assert "2024" in plain(reply).split("\n")[0]
    assert "1. " in plain(reply)


async def test_a_court_is_told_where_it_belongs(bot: BotProcess) -> None:
    reply = await UserChat(bot, 7303).send("районный суд")

    assert plain(reply).startswith("Суды в этот рейтинг не входят.")
    assert reply.callback_data == ["ag:acj:0", "ag:pgo:0"]
