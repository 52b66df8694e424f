"""End to end: /compare with the real bot process over the fake Bot API, in Russian, Kazakh
and English: the comparison with its chart button, and a name of several bodies chosen by
a button that turns the question into the comparison in place."""

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
    async with running_bot(tmp_path_factory.mktemp("compare"), rating_db_template) as process:
        yield process


@pytest.mark.parametrize(
    ("language", "command", "expected"),
    [
        (
            "ru",
            "/compare Минздрав, МЧС и КНБ",
            [
                "Министерство здравоохранения",
                "2025: 4,86* · 89,9\u00a0%* · 20*-е место из 32",
                "2024: 4,79* · 82,6\u00a0%* · 29*-е место из 32",
                "По сравнению с 2024 годом: балл +0,07*, доля удовлетворённых +7,3* п. п., вверх на 9 мест*",
            ],
        ),
        (
            "kk",
            "/compare ДСМ, ТЖМ, ҰҚК",
            [
                "Денсаулық сақтау министрлігі",
                "2025: 4,86* · 89,9%* · 32 органның ішінде 20*-орын",
                "2024: 4,79* · 82,6%* · 32 органның ішінде 29*-орын",
                "2024 жылмен салыстырғанда: балл +0,07*, қанағаттанғандар үлесі +7,3* п.т., "
                "9 орынға көтерілді*",
            ],
        ),
        (
            "en",
            "/compare health, emergencies and KNB",
            [
                "Ministry of Health",
                "2025: 4.86* · 89.9%* · rank 20* of 32",
                "2024: 4.79* · 82.6%* · rank 29* of 32",
                "Since 2024: score +0.07*, satisfaction +7.3* p.p., up 9 places*",
            ],
        ),
    ],
)
async def test_three_bodies_side_by_side_in_the_users_language(
    bot: BotProcess, language: str, command: str, expected: list[str]
) -> None:
    chat = UserChat(bot, 7001 + ["ru", "kk", "en"].index(language), language_code=language)
    reply = await chat.send(command)

    lines = plain(reply).split("\n")
    start = lines.index(expected[0])
    assert lines[start : start + 4] == expected
    assert reply.params["parse_mode"] == "HTML"
    assert reply.callback_data == ["cht:compare:moh+mes+nsc:0:0"]


async def test_a_name_of_several_bodies_is_chosen_by_a_button(bot: BotProcess) -> None:
    chat = UserChat(bot, 7010)
    question = await chat.send("/compare минздрав, образования")
    assert plain(question) == "Под запрос «образования» подходят 2 госоргана. Какой из них вы имеете в виду?"

    answer, edit = await chat.click(
        "Министерство науки и высшего образования", message_id(question), expect="editMessageText"
    )

    assert answer.ok
    assert edit is not None
    text = plain(edit)
    assert "Министерство здравоохранения\n2025: " in text
    assert "Министерство науки и высшего образования\n2025: " in text
    assert edit.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "cht:compare:moh+mshe:0:0"


async def test_an_empty_compare_says_how_to_ask(bot: BotProcess) -> None:
    reply = await UserChat(bot, 7011, language_code="en").send("/compare")

    assert plain(reply) == (
        "Name two or three bodies after the command, separated by commas, e.g. "
        "/compare health, emergencies, finance"
    )
