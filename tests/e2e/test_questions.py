"""End to end: the issue's plain questions through the fake Bot API, in Russian, Kazakh and
English: each answer opens with how it was understood; a question the grammar cannot read
gets three example questions, and pressing one asks it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, message_id, plain, running_bot
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("questions"), rating_db_template) as process:
        yield process


QUESTIONS = [
    ("ru", "кто на первом месте?", "Первое место по баллу, 2025", "1. Академия правосудия — 5,00"),
    ("ru", "худшие три", "Последние 3 по баллу, 2025", "1. Минпромстрой — 4,69"),
    ("ru", "топ 10", "Топ-10 по баллу, 2025", "10. "),
    (
        "ru",
        "кто вырос сильнее всех по удовлетворённости",
        "Наибольший рост по доле удовлетворённых, 2025",
        "+9,2",
    ),
    ("ru", "минюст или минфин — кто лучше?", "Минюст или Минфин: кто выше по баллу, 2025", "Выше — Минюст."),
    ("kk", "ең жақсы орган қайсы?", "Балл бойынша бірінші орын, 2025", "5,00"),
    ("kk", "ең нашар үш", "Балл бойынша соңғы 3, 2025", "4,69"),
    (
        "kk",
        "Әділет Қаржыдан жақсы ма?",
        "Балл бойынша қайсысы жоғары: Әділет әлде Қаржы, 2025",
        "Әділет жоғары тұр.",
    ),
    ("en", "who is top?", "First place by score, 2025", "1. Academy of Justice — 5.00"),
    ("en", "worst five", "Bottom 5 by score, 2025", "5. "),
    (
        "en",
        "compare justice and labour",
        "Comparison: Justice, Labour",
        "2025: 4.89* · 92.4%* · rank 14* of 32",
    ),
]


@pytest.mark.parametrize(("language", "question", "understood", "figure"), QUESTIONS)
async def test_a_question_is_answered_with_how_it_was_understood(
    bot: BotProcess, language: str, question: str, understood: str, figure: str
) -> None:
    chat = UserChat(bot, 7101 + [q[1] for q in QUESTIONS].index(question), language_code=language)
    reply = await chat.send(question)

    text = plain(reply)
    assert text.split("\n")[0].startswith(understood)
    assert figure in text
    assert reply.params["parse_mode"] == "HTML"


async def test_a_plain_name_still_opens_its_card(bot: BotProcess) -> None:
    reply = await UserChat(bot, 7150).send("Министерство труда и социальной защиты")
    assert (
        plain(reply).startswith("Министерство труда и социальной защиты населения")
        or "Министерство труда" in plain(reply).split("\n")[0]
    )


async def test_an_unreadable_question_offers_examples_that_ask_when_pressed(bot: BotProcess) -> None:
    chat = UserChat(bot, 7160, language_code="en")
    reply = await chat.send("who is the most honest minister?")
    buttons = [b["text"] for row in reply.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Who is in first place?", "Top 5 ministries", "Who rose most in satisfaction?"]

    _answer, asked = await chat.click("Top 5 ministries", message_id(reply), expect="sendMessage")
    assert asked is not None
    assert plain(asked).split("\n")[0] == "Top 5 by score, ministries only, 2025"
