"""End to end: a new release reaches its subscribers, once each, in their language.

People subscribe through the bot (Russian, Kazakh and English clients; one follows every
rating, one a body, one both, one another body). The operator then runs the import
script as a separate process while the bot runs, as in production, and the test watches
what the bot sends. The module's bot goes through four imports, always in this order
whichever test runs first: the release, the same file again, a correction, a release
loaded with ``--no-notify``. Each step is a module fixture that asks for the one before
it, and each test asks for the step it checks, so no test depends on which ran before it;
/stats, which shows the last release, gets a bot of its own.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import Call
from .harness import BotProcess
from .releases import Run, db_rows, db_value, notify_status, run_importer, write_release

pytestmark = pytest.mark.asyncio(loop_scope="module")

ADMIN = 3900
EVERYTHING, HEALTH, BOTH, EMERGENCIES = 3001, 3002, 3003, 3004
SUBSCRIBERS = (EVERYTHING, HEALTH, BOTH, EMERGENCIES)
# 2026: the 2025 figures with three bodies moved.
NEW_FIGURES = {"moh": (4.88, 91.0), "mes": (4.80, 85.0), "mfa": (4.85, 90.0)}
# Its correction: one more change, to the Emergencies score.
CORRECTED_FIGURES = {**NEW_FIGURES, "mes": (4.81, 85.0)}
ENV = {"NOTIFY_POLL_SECONDS": "0.2"}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(
        tmp_path_factory.mktemp("notifications"), rating_db_template, admin_ids=[ADMIN], env=ENV
    ) as process:
        yield process


async def follow(chat: UserChat, query: str) -> None:
    card = await chat.send(query)
    [data] = [d for d in card.callback_data if d.startswith("fo:")]
    await chat.press(data, message_id(card))


async def subscribe(bot: BotProcess) -> dict[int, UserChat]:
    """The four subscribers follow what they follow, through the bot."""
    chats = {
        EVERYTHING: UserChat(bot, EVERYTHING, "ru"),
        HEALTH: UserChat(bot, HEALTH, "kk"),
        BOTH: UserChat(bot, BOTH, "en"),
        EMERGENCIES: UserChat(bot, EMERGENCIES, "ru"),
    }
    await chats[EVERYTHING].send("/subscribe")
    await follow(chats[HEALTH], "минздрав")
    await chats[BOTH].send("/subscribe")
    await follow(chats[BOTH], "минздрав")
    await follow(chats[EMERGENCIES], "мчс")
    rows = db_rows(bot.database_path, "SELECT chat_id, agency FROM subscriptions ORDER BY chat_id, agency")
    assert rows == [(3001, "*"), (3002, "moh"), (3003, "*"), (3003, "moh"), (3004, "mes")]
    return chats


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def subscribed(bot: BotProcess) -> dict[int, UserChat]:
    return await subscribe(bot)


def notifications(bot: BotProcess, since: int = 0) -> dict[int, list[Call]]:
    """The messages each subscriber got since call ``since``."""
    found: dict[int, list[Call]] = {chat: [] for chat in SUBSCRIBERS}
    for call in bot.fake.calls("sendMessage", since=since):
        if call.chat_id in found:
            found[call.chat_id].append(call)
    return found


async def wait_delivered(bot: BotProcess, since: int, count: int) -> dict[int, list[Call]]:
    await bot.wait_for(
        "sendMessage",
        since=since,
        count=count,
        timeout=15,
        predicate=lambda call: call.chat_id in SUBSCRIBERS,
    )
    await bot.fake.wait_idle(0.8)  # then nothing more comes
    return notifications(bot, since)


@dataclass(frozen=True)
class Imported:
    """One run of the import script while the bot runs, and what followed."""

    path: Path
    run: Run
    release_id: int  # the newest release after the run
    outbox_before: int  # rows in the outbox before the run...
    outbox_after: int  # ...and once the deliveries it queued were sent
    got: dict[int, list[Call]]  # what each subscriber got after the run


async def import_release(bot: BotProcess, path: Path, *args: str, delivered: int) -> Imported:
    """Run the import script on ``path``; wait for ``delivered`` notifications (0: wait
    until the bot has been quiet a while) and return what happened."""
    outbox_before = db_value(bot.database_path, "SELECT count(*) FROM outbox")
    since = bot.fake.mark()
    run = await run_importer(bot.database_path, path, *args)
    assert run.code == 0, run.err
    if delivered:
        got = await wait_delivered(bot, since, delivered)
    else:
        await bot.fake.wait_idle(1.0)
        got = notifications(bot, since)
    return Imported(
        path,
        run,
        db_value(bot.database_path, "SELECT max(id) FROM releases"),
        outbox_before,
        db_value(bot.database_path, "SELECT count(*) FROM outbox"),
        got,
    )


async def import_first(bot: BotProcess, directory: Path) -> Imported:
    """2026 imported while the bot runs: every subscriber gets it."""
    path = write_release(directory / "rating-2026.csv", NEW_FIGURES)
    imported = await import_release(bot, path, "--year", "2026", delivered=4)
    assert imported.run.out.splitlines() == [
        "2026: loaded a new release (32 bodies).",
        "2026: 4 notification(s) queued.",
    ]
    return imported


async def import_correction(bot: BotProcess, directory: Path) -> Imported:
    """2026 corrected (one body's score): only the followers of every rating and of that
    body get it."""
    path = write_release(directory / "rating-2026-fixed.csv", CORRECTED_FIGURES)
    return await import_release(bot, path, "--year", "2026", delivered=3)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def first_release(
    bot: BotProcess, subscribed: dict[int, UserChat], tmp_path_factory: pytest.TempPathFactory
) -> Imported:
    """Step 1: the new release."""
    return await import_first(bot, tmp_path_factory.mktemp("files"))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def same_again(bot: BotProcess, first_release: Imported) -> Imported:
    """Step 2: the same file imported again."""
    return await import_release(bot, first_release.path, "--year", "2026", delivered=0)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def correction(bot: BotProcess, same_again: Imported) -> Imported:
    """Step 3: the correction."""
    return await import_correction(bot, same_again.path.parent)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def quiet_release(bot: BotProcess, correction: Imported) -> Imported:
    """Step 4: 2027 imported with ``--no-notify``."""
    path = write_release(correction.path.with_name("rating-2027.csv"), {"moh": (4.9, 92.0)})
    return await import_release(bot, path, "--year", "2027", "--no-notify", delivered=0)


# ---------------------------------------------------------------------- a new release


async def test_each_subscriber_gets_exactly_one_message(first_release: Imported) -> None:
    got = first_release.got
    assert {chat: len(calls) for chat, calls in got.items()} == dict.fromkeys(SUBSCRIBERS, 1)
    for [call] in got.values():
        # The button to the whole 2026 list, opened below so the notification stays.
        assert "rk:2026:0:1" in call.callback_data
        assert call.params["parse_mode"] == "HTML"


async def test_every_rating_subscriber_gets_the_summary_in_russian(first_release: Imported) -> None:
    [call] = first_release.got[EVERYTHING]
    text = plain(call)
    assert text.startswith("🔔 Опубликован рейтинг за 2026 год")
    headings = (
        "Первая тройка",
        "Последняя тройка",
        "Сильнее всего выросла доля удовлетворённых",
        "Сильнее всего снизилась доля удовлетворённых",
    )
    for heading in headings:
        assert heading in text.splitlines(), heading
    assert "1. Академия правосудия — 5,00" in text
    # A riser by the share of satisfied people; the change from illustrative 2025 figures is marked.
    lines = text.splitlines()
    rises = lines[lines.index("Сильнее всего выросла доля удовлетворённых") + 1]
    assert rises.startswith("1. МЧС — +4,6* п. п.")
    assert "5.00" not in text


async def test_a_body_follower_gets_its_figures_in_kazakh(first_release: Imported) -> None:
    [call] = first_release.got[HEALTH]
    text = plain(call)
    assert text.startswith("🔔 2026 жылғы рейтинг жарияланды")
    assert "Денсаулық сақтау министрлігі" in text
    assert "4,88" in text
    assert "4.88" not in text
    assert "Алғашқы үштік" not in text  # no summary: it follows one body only


async def test_a_chat_following_both_gets_one_message_with_both_in_english(first_release: Imported) -> None:
    [call] = first_release.got[BOTH]
    text = plain(call)
    assert text.startswith("🔔 The 2026 rating is out")
    assert "Top three" in text
    assert "Ministry of Health" in text
    assert "4.88" in text
    assert "4,88" not in text


async def test_another_body_follower_gets_only_that_body(first_release: Imported) -> None:
    [call] = first_release.got[EMERGENCIES]
    text = plain(call)
    assert "Министерство по чрезвычайным ситуациям" in text
    assert "4,80" in text
    assert "Министерство здравоохранения" not in text
    assert "Первая тройка" not in text


async def test_the_outbox_records_every_delivery(bot: BotProcess, first_release: Imported) -> None:
    rows = db_rows(
        bot.database_path,
        "SELECT chat_id, kind, topics, language, status, attempts FROM outbox "
        "WHERE release_id = ? ORDER BY chat_id",
        first_release.release_id,
    )
    normalized = [(c, k, "|".join(sorted(t.split("|"))), lang, s, a) for c, k, t, lang, s, a in rows]
    assert normalized == [
        (EVERYTHING, "new", "*", "ru", "sent", 1),
        (HEALTH, "new", "moh", "kk", "sent", 1),
        (BOTH, "new", "*|moh", "en", "sent", 1),
        (EMERGENCIES, "new", "mes", "ru", "sent", 1),
    ]


# ---------------------------------------------------------------------- the same file again


async def test_importing_the_same_file_again_queues_and_sends_nothing(
    first_release: Imported, same_again: Imported
) -> None:
    assert same_again.run.out.strip() == "2026: the same figures are already loaded; nothing changed."
    assert same_again.release_id == first_release.release_id, "no release was added"
    assert same_again.outbox_after == same_again.outbox_before
    assert same_again.got == {chat: [] for chat in SUBSCRIBERS}


# ---------------------------------------------------------------------- a correction


async def test_a_correction_reaches_every_rating_and_the_changed_bodys_followers_only(
    bot: BotProcess, correction: Imported
) -> None:
    assert "2026: a corrected release replaced the one loaded before:" in correction.run.out
    assert correction.run.out.strip().endswith("2026: 3 notification(s) queued.")

    got = correction.got
    assert {chat: len(calls) for chat, calls in got.items()} == {
        EVERYTHING: 1,
        HEALTH: 0,
        BOTH: 1,
        EMERGENCIES: 1,
    }
    everything = plain(got[EVERYTHING][0])
    assert everything.startswith("✏️ Рейтинг за 2026 год исправлен")
    assert "/rank 2026" in everything
    assert "Первая тройка" not in everything  # short: no summary again
    both = plain(got[BOTH][0])
    assert both.startswith("✏️ The 2026 rating was corrected")
    assert "Ministry of Health" not in both  # the body it follows did not change
    emergencies = plain(got[EMERGENCIES][0])
    assert "Министерство по чрезвычайным ситуациям" in emergencies
    assert "4,81" in emergencies
    kinds = db_rows(
        bot.database_path, "SELECT DISTINCT kind FROM outbox WHERE release_id = ?", correction.release_id
    )
    assert kinds == [("corrected",)]


async def test_stats_shows_the_last_release_delivery(tmp_path: Path, rating_db_template: Path) -> None:
    """On a bot of its own, set up here: the module's bot has had a --no-notify release
    too by the time some orders of the tests get here, and /stats shows the last one."""
    async with running_bot(tmp_path, rating_db_template, admin_ids=[ADMIN], env=ENV) as bot:
        await subscribe(bot)
        first = await import_first(bot, tmp_path)
        corrected = await import_correction(bot, tmp_path)
        assert (sum(map(len, first.got.values())), sum(map(len, corrected.got.values()))) == (4, 3)

        reply = await UserChat(bot, ADMIN).send("/stats")

    lines = plain(reply).splitlines()
    assert lines[0] == "Статистика бота"
    assert lines[3] == "Подписки: на все рейтинги — 2, на отдельные госорганы — 3"
    assert lines[4] == "Уведомления: до 25 в секунду, бесплатно"
    assert lines[6].startswith("Последний рейтинг: 2026, загружен ")
    # The correction's 3, not the first release's 4 nor both together.
    assert lines[7] == "Рассылка: отправлено — 3, в очереди — 0, с ошибкой — 0, отменено — 0"


# ---------------------------------------------------------------------- --no-notify


async def test_no_notify_queues_nothing(quiet_release: Imported) -> None:
    assert quiet_release.run.out.strip() == "2027: loaded a new release (32 bodies)."
    assert quiet_release.outbox_after == quiet_release.outbox_before
    assert quiet_release.got == {chat: [] for chat in SUBSCRIBERS}


# ---------------------------------------------------------------------- the operator


async def test_status_prints_each_releases_deliveries(bot: BotProcess, quiet_release: Imported) -> None:
    """After all four imports (asking for the last step brings the ones before it)."""
    run = await notify_status(bot.database_path)
    assert run.code == 0, run.err
    mode, header, *rows = run.out.splitlines()
    assert mode == "NOTIFY_RATE 25/s, free"
    assert header.split() == [
        "release",
        "year",
        "imported",
        "queued",
        "sent",
        "failed",
        "dropped",
        "rate/s",
        "left",
    ]
    table = [(int(r.split()[1]), [int(n) for n in r.split()[3:7]]) for r in rows]
    # Newest first: 2027 (--no-notify), the 2026 correction, 2026, then the bundled years.
    assert table[:3] == [(2027, [0, 0, 0, 0]), (2026, [0, 3, 0, 0]), (2026, [0, 4, 0, 0])]
    assert [year for year, _ in table[3:]] == [2025, 2024, 2020]
    assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", rows[0])  # when it was imported


async def test_status_without_a_database_says_so(tmp_path: Path) -> None:
    run = await notify_status(tmp_path / "missing.db")
    assert run.code == 2
    assert "No database at" in run.out
