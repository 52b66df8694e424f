"""End to end: @bot NAME typed in another chat, through the fake Bot API over HTTP.

The fake checks the answer as Telegram does (ids, HTML of every card, buttons), so an
answer Telegram would refuse whole fails here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from .dialog import UserChat, running_bot
from .fake_telegram import BOT_USERNAME, html_to_text
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("inline"), rating_db_template) as process:
        yield process


async def ask_inline(bot: BotProcess, user_id: int, query: str, language_code: str = "ru") -> dict[str, Any]:
    """Type ``@bot query``; the bot's answerInlineQuery parameters, once the fake took them."""
    since = bot.fake.mark()
    update = bot.fake.push_inline_query(user_id, query, language_code=language_code)
    query_id = update["inline_query"]["id"]
    await bot.wait_for(
        "answerInlineQuery",
        predicate=lambda call: call.params.get("inline_query_id") == query_id,
        since=since,
    )
    return bot.fake.inline_answers[query_id]


async def test_a_kazakh_name_typed_inline_offers_its_kazakh_card_whoever_types_it(bot: BotProcess) -> None:
    """The answer is in the language of the text (a Kazakh letter here), not the user's:
    Telegram shares it among everyone who types the same text (is_personal false)."""
    answer = await ask_inline(bot, 3001, "денсаулық", language_code="ru")

    [result] = answer["results"]
    assert result["id"] == "card-moh-0"
    content = result["input_message_content"]
    assert html_to_text(content["message_text"]).startswith("Денсаулық сақтау министрлігі")
    assert result["reply_markup"]["inline_keyboard"] == [
        [{"text": "Ботта ашу", "url": f"https://t.me/{BOT_USERNAME}?start=moh"}]
    ]
    assert answer["cache_time"] == 300
    assert answer["is_personal"] is False


async def test_the_same_text_gets_the_same_answer_for_users_of_different_languages(bot: BotProcess) -> None:
    english = await ask_inline(bot, 3006, "KNB", language_code="ru")
    kazakh = await ask_inline(bot, 3007, "KNB", language_code="kk")

    assert english["results"] == kazakh["results"]
    assert html_to_text(english["results"][0]["input_message_content"]["message_text"]).startswith(
        "National Security Committee"
    )


async def test_nothing_typed_offers_seven_results_telegram_accepts(bot: BotProcess) -> None:
    answer = await ask_inline(bot, 3002, "")

    ids = [result["id"] for result in answer["results"]]
    assert len(ids) == 7
    assert ids[-1] == "list-2025"
    whole = html_to_text(answer["results"][-1]["input_message_content"]["message_text"])
    assert "\n32. " in whole or "\n31. " in whole


async def test_a_name_that_fits_nothing_gets_the_button_to_the_bot(bot: BotProcess) -> None:
    answer = await ask_inline(bot, 3003, "<b>ыыыщщ</b>")

    assert answer["results"] == []
    assert answer["button"] == {
        "text": "Ничего не найдено — спросите бота напрямую",
        "start_parameter": "inline",
    }
    latin = await ask_inline(bot, 3003, "<b>zzzzqq</b>")  # Latin letters: English, whoever asks
    assert latin["button"]["text"] == "Nothing found — ask the bot directly"


async def test_share_under_a_card_types_a_name_that_brings_the_card_back(bot: BotProcess) -> None:
    card = await UserChat(bot, 3004).send("Минздрав")
    [share] = card.reply_markup["inline_keyboard"][-1]  # type: ignore[index]

    answer = await ask_inline(bot, 3004, share["switch_inline_query"])

    assert answer["results"][0]["id"] == "card-moh-0"


async def test_the_link_back_opens_the_card_in_the_bot(bot: BotProcess) -> None:
    reply = await UserChat(bot, 3005).send("/start moh")

    assert html_to_text(reply.text or "").startswith("Министерство здравоохранения")
