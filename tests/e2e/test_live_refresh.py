"""End to end: a running bot with warm caches shows an import's figures at the next question.

The bot keeps what it draws (the book, the search memo, the screens of /rank and of each
card) until the importer writes. One ``python -m bot`` process serves the whole module;
one user asks for /rank and a body's card twice, so every cache holds the 2025 answers.
The operator then imports a new year (2026, all 32 bodies) with the import script, run
as a separate process while the bot runs, and later a correction of 2026 that changes
that body's figures; after each, the same user asks again. Each fixture keeps the replies
it got, so the tests do not depend on the order they run in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, plain, running_bot
from .harness import BotProcess
from .releases import run_importer, write_release

pytestmark = pytest.mark.asyncio(loop_scope="module")

USER = 5101
#: The body whose card is asked for: 20th in 2025 (4,86 · 89,9 %*), off the first page.
BODY = "moh"
QUERY = "минздрав"
NAME = "Министерство здравоохранения"
SHORT = "Минздрав"
HEADING = "Рейтинг государственных органов по качеству оказания государственных услуг"
#: 2026: the 2025 figures, with the Ministry of Health up to 4th place, on page 1.
NEW_YEAR = {BODY: (4.98, 98.5)}
#: The correction of 2026: the Ministry of Health's figures changed again, still on page 1.
CORRECTED = {BODY: (4.96, 97.5)}


@dataclass(frozen=True)
class Replies:
    """What the user saw when asking for /rank and for the body's card."""

    rank: str
    card: str

    @property
    def rank_heading(self) -> str:
        return self.rank.splitlines()[0]

    def rank_line(self, short_name: str) -> str:
        """The /rank line of a body, e.g. "4. Минздрав — 4,98 · 98,5 %" (a no-break space before %)."""
        [line] = [line for line in self.rank.splitlines() if f". {short_name} — " in line]
        return line

    def card_lines(self) -> list[str]:
        return self.card.splitlines()


async def ask(chat: UserChat) -> Replies:
    return Replies(plain(await chat.send("/rank")), plain(await chat.send(QUERY)))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("live-refresh"), rating_db_template) as process:
        yield process


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def chat(bot: BotProcess) -> UserChat:
    return UserChat(bot, USER, "ru")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def warm(chat: UserChat) -> tuple[Replies, Replies]:
    """/rank and the card asked twice before any import: the second answers come from the caches."""
    return await ask(chat), await ask(chat)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def new_year(
    bot: BotProcess, chat: UserChat, warm: object, tmp_path_factory: pytest.TempPathFactory
) -> Replies:
    """2026 imported while the bot runs; what the user sees next."""
    path = write_release(tmp_path_factory.mktemp("files") / "rating-2026.csv", NEW_YEAR)
    run = await run_importer(bot.database_path, path, "--year", "2026")
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == "2026: loaded a new release (32 bodies).", run.out
    return await ask(chat)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def correction(
    bot: BotProcess, chat: UserChat, new_year: object, tmp_path_factory: pytest.TempPathFactory
) -> Replies:
    """A corrected 2026 imported while the bot runs; what the user sees next."""
    path = write_release(tmp_path_factory.mktemp("files") / "rating-2026-fixed.csv", CORRECTED)
    run = await run_importer(bot.database_path, path, "--year", "2026")
    assert run.code == 0, run.err
    assert "2026: a corrected release replaced the one loaded before:" in run.out
    return await ask(chat)


async def test_before_any_import_the_warm_answers_are_the_2025_ones(warm: tuple[Replies, Replies]) -> None:
    first, second = warm
    assert second == first  # the same screens, the second time from the caches
    assert second.rank_heading == f"{HEADING}, 2025"
    assert f". {SHORT} — " not in second.rank  # 20th: not on the first page
    lines = second.card_lines()
    assert lines[0] == NAME
    assert lines[2] == "2025: 20*-е место из 32"
    assert lines[3] == "Балл: 4,86* из 5"
    assert lines[4] == "Доля удовлетворённых: 89,9\xa0%*"


async def test_after_a_new_year_the_next_rank_is_the_2026_list(new_year: Replies) -> None:
    assert new_year.rank_heading == f"{HEADING}, 2026"
    assert new_year.rank_line(SHORT) == "4. Минздрав — 4,98 · 98,5\xa0%"


async def test_after_a_new_year_the_next_card_leads_with_2026_figures(new_year: Replies) -> None:
    lines = new_year.card_lines()
    assert lines[0] == NAME
    assert lines[2] == "2026: 4-е место из 32"
    assert lines[3] == "Балл: 4,98 из 5"
    assert lines[4] == "Доля удовлетворённых: 98,5\xa0%"
    assert lines[5].startswith("По сравнению с 2025 годом: балл +0,12*, доля удовлетворённых +8,6* п. п.")
    assert "2026: 4,98 · 98,5\xa0% · 4-е место из 32" in lines


async def test_after_a_correction_the_next_rank_shows_the_corrected_figures(correction: Replies) -> None:
    assert correction.rank_heading == f"{HEADING}, 2026"
    assert correction.rank_line(SHORT) == "5. Минздрав — 4,96 · 97,5\xa0%"
    assert "4,98" not in correction.rank


async def test_after_a_correction_the_next_card_shows_the_corrected_figures(correction: Replies) -> None:
    lines = correction.card_lines()
    assert lines[0] == NAME
    assert lines[2] == "2026: 5-е место из 32"
    assert lines[3] == "Балл: 4,96 из 5"
    assert lines[4] == "Доля удовлетворённых: 97,5\xa0%"
    assert lines[5].startswith("По сравнению с 2025 годом: балл +0,10*, доля удовлетворённых +7,6* п. п.")
    assert "2026: 4,96 · 97,5\xa0% · 5-е место из 32" in lines
    assert "4,98" not in correction.card
