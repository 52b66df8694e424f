"""End to end: what a new user ran into, each through the fake Bot API against ``python -m bot``.

One test (or a small group) per defect; each checks the requests the bot made and would
have failed before the fix. One bot process serves the module on a copy of the bundled
database, each test as a different user; a second one owns a database the import script
changes (a partial 2027 list, a corrected 2025), so the first never sees those.

Texts are checked by structure (methods, buttons' callback data, numbers, years, the ``*``
mark); where a translated phrase matters it is read from the catalog, not written here.
"""

from __future__ import annotations

import csv
import functools
import gettext
import io
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .dialog import UserChat, message_id, plain, running_bot
from .fake_telegram import BOT_USERNAME, Call
from .harness import REPO_ROOT, BotProcess
from .releases import db_rows, run_importer, write_release

pytestmark = pytest.mark.asyncio(loop_scope="module")

DATA = REPO_ROOT / "data"
GROUP = -1001234567890
EVERYTHING = 80400  # follows every rating, in the module's second bot
ILLUSTRATIVE = "illustrative"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("new-user"), rating_db_template) as process:
        yield process


# ---------------------------------------------------------------------- reading the data and catalogs


def _po(language: str) -> Path:
    return REPO_ROOT / "locales" / language / "LC_MESSAGES" / "messages.po"


@functools.cache
def catalog(language: str) -> gettext.GNUTranslations:
    """The translations the bot uses, compiled from the .po as it is now."""
    with _po(language).open("rb") as handle:
        messages = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def translated(language: str, pattern: str, count: int | None = None) -> str:
    """The translation of the one message whose English text matches ``pattern`` (a
    regex, so a reworded message is still found), of its plural for ``count`` if given."""
    with _po(language).open("rb") as handle:
        messages = read_po(handle)
    ids = [m.id for m in messages if m.id and re.search(pattern, m.id if isinstance(m.id, str) else m.id[0])]
    assert len(ids) == 1, f"{len(ids)} messages match {pattern!r}: {ids}"
    [found] = ids
    if isinstance(found, str):
        return catalog(language).gettext(found)
    assert count is not None, f"{found!r} has plurals: give a count"
    return catalog(language).ngettext(found[0], found[1], count)


def bodies() -> list[dict[str, str]]:
    with (DATA / "agencies.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ratings(year: int) -> list[dict[str, str]]:
    with (DATA / "ratings" / f"{year}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_short_name() -> dict[str, str]:
    """Russian short name -> the full name the rating files use."""
    return {body["short_ru"]: body["name_ru"] for body in bodies()}


def lines_of(call: Call) -> list[str]:
    return plain(call).splitlines()


def numbered(text: str) -> list[str]:
    """The "1. ..." lines of a list."""
    return [line for line in text.splitlines() if re.match(r"\d+\. ", line)]


def headline(call: Call) -> str:
    """The card's "<b>YEAR</b>: place" line, as sent (markup included)."""
    found = [line for line in (call.text or "").splitlines() if re.match(r"<b>\d{4}</b>", line)]
    assert found, f"no year headline on the card:\n{call.text}"
    return found[0]


# ---------------------------------------------------------------------- 1. commands in any case


@pytest.mark.parametrize(
    ("typed", "command", "user_id"),
    [("/START", "/start", 80101), ("/Help", "/help", 80102), ("/Rank", "/rank", 80103)],
)
async def test_a_command_in_capitals_is_answered_like_the_lower_case_one(
    bot: BotProcess, typed: str, command: str, user_id: int
) -> None:
    chat = UserChat(bot, user_id)
    usual = await chat.send(command)
    shouted = await chat.send(typed)
    assert shouted.text != (await chat.send("/foo")).text  # not "I don't know that command"
    assert shouted.text == usual.text
    assert shouted.reply_markup == usual.reply_markup


# ---------------------------------------------------------------------- 2. the mark on differences


async def test_every_mover_worked_out_from_illustrative_values_carries_the_mark(bot: BotProcess) -> None:
    reply = await UserChat(bot, 80201).send("/changes")
    full_names = by_short_name()
    before = {row["agency"]: row for row in ratings(2024)}
    after = {row["agency"]: row for row in ratings(2025)}
    movers = numbered(plain(reply))
    assert len(movers) == 10
    for line in movers:
        short, details = line.split(". ", 1)[1].split(": ", 1)
        then, now = before[full_names[short]], after[full_names[short]]
        satisfaction_mark = ILLUSTRATIVE in (then["satisfaction_provenance"], now["satisfaction_provenance"])
        score_mark = ILLUSTRATIVE in (then["score_provenance"], now["score_provenance"])
        points, extra = details.split(" (", 1)
        score = extra.split(", ")[0]
        assert bool(re.search(r"[+−]\d+,\d\*", points)) == satisfaction_mark, line
        assert ("*" in score) == score_mark, line
    assert any("*" in line for line in movers)


async def test_a_cards_change_since_last_year_and_its_rank_carry_the_mark(bot: BotProcess) -> None:
    reply = await UserChat(bot, 80202).send("минздрав")
    [since] = [line for line in lines_of(reply) if "2024" in line and "+0,07" in line]
    assert "+0,07*" in since  # the score: 4,86* - 4,79*
    assert "+7,3*" in since  # the satisfaction: 89,9* - 82,6*
    assert headline(reply).startswith("<b>2025</b>")
    assert "20*" in headline(reply)  # the 2025 list holds illustrative values
    assert "* " in plain(reply).splitlines()[-3]  # the footnote explains the mark (then the link)


# ---------------------------------------------------------------------- 3. changes need two complete years


async def test_changes_compare_consecutive_complete_years_only(bot: BotProcess) -> None:
    chat = UserChat(bot, 80301)
    earlier = plain(await chat.send("/changes 2024"))
    assert "2024" in earlier
    assert "2023" in earlier  # the year it would need has no complete list
    assert "2020" not in earlier  # the partial list is no base to compare with
    assert "Минпромстрой" not in earlier
    assert "+23,8" not in earlier
    assert numbered(earlier) == []

    latest = await chat.send("/changes")
    title = lines_of(latest)[0]
    assert "2025" in title
    assert "2024" in title
    assert len(numbered(plain(latest))) == 10


# ---------------------------------------------------------------------- 5. the source line (and below)


@pytest.mark.parametrize(
    ("language_code", "date", "user_id"),
    [("ru", "29 января 2026 г.", 80501), ("kk", "2026 ж. 29 қаңтар", 80502)],
)
async def test_the_rank_source_line_is_in_the_readers_language(
    bot: BotProcess, language_code: str, date: str, user_id: int
) -> None:
    reply = await UserChat(bot, user_id, language_code).send("/rank")
    [footer] = [line for line in lines_of(reply) if "Kazinform / finprom.kz" in line]
    assert date in " ".join(footer.split())  # babel writes "2026\u202fг."
    assert re.findall(r"[A-Za-z]+", footer.replace("Kazinform / finprom.kz", "")) == []


# ---------------------------------------------------------------------- 6. subscribing to a body by name


def topics(bot: BotProcess, chat_id: int) -> list[str]:
    rows = db_rows(
        bot.database_path, "SELECT agency FROM subscriptions WHERE chat_id = ? ORDER BY agency", chat_id
    )
    return [row[0] for row in rows]


async def test_subscribe_and_unsubscribe_with_a_name_follow_and_drop_that_body(bot: BotProcess) -> None:
    chat = UserChat(bot, 80601)
    subscribed = await chat.send("/subscribe Минздрав")
    assert topics(bot, chat.chat) == ["moh"]
    assert subscribed.buttons == []

    unsubscribed = await chat.send("/unsubscribe Минздрав")
    assert unsubscribed.buttons == []  # no "cancel everything?" confirm
    assert topics(bot, chat.chat) == []


async def test_subscribe_with_an_ambiguous_name_offers_follow_buttons(bot: BotProcess) -> None:
    chat = UserChat(bot, 80602)
    reply = await chat.send("/subscribe министерство")
    follow = [data for data in reply.callback_data if data.startswith("fo:")]
    pages = [data for data in reply.callback_data if data.startswith("fp:")]
    assert len(follow) == 6, "a page of bodies to follow"
    assert len(pages) == 1, "and a button to the next page"
    assert set(reply.callback_data) == {*follow, *pages}
    assert "fo:*" not in reply.callback_data
    assert topics(bot, chat.chat) == []


# ---------------------------------------------------------------------- 7. the whole rating, below a card


async def test_the_whole_rating_under_a_card_opens_below_and_keeps_the_card(bot: BotProcess) -> None:
    chat = UserChat(bot, 80701)
    card = await chat.send("минздрав")
    [whole] = [data for data in card.callback_data if data.startswith("rk:2025:0")]
    since = bot.fake.mark()
    answer, rating = await chat.press(whole, message_id(card), expect="sendMessage")
    assert answer.ok
    assert rating is not None
    assert len(numbered(plain(rating))) == 10
    assert message_id(rating) != message_id(card)
    await bot.fake.wait_idle(0.3)
    assert bot.fake.calls("editMessageText", chat_id=chat.chat, since=since) == []


# ---------------------------------------------------------------------- 8. two ministries of education


@pytest.mark.parametrize(
    ("query", "language_code", "user_id"),
    [
        ("министерство образования", "ru", 80801),
        ("минобр", "ru", 80802),
        ("Министерство образования и науки", "ru", 80803),
        ("education ministry", "en", 80804),
    ],
)
async def test_education_offers_both_ministries(
    bot: BotProcess, query: str, language_code: str, user_id: int
) -> None:
    reply = await UserChat(bot, user_id, language_code).send(query)
    slugs = {data.split(":")[1] for data in reply.callback_data if data.startswith("ag:")}
    assert {"edu", "mshe"} <= slugs
    assert not any(data.startswith("fo:") for data in reply.callback_data)  # not a card


# ---------------------------------------------------------------------- 9. a long list of choices


def label_is_whole(label: str, language: str) -> bool:
    """A button shows a body's full or short name, or says with "…" that it is shortened."""
    names = {body[f"name_{language}"] for body in bodies()} | {body[f"short_{language}"] for body in bodies()}
    return label in names or label.endswith("…")


def choices_of(call: Call) -> list[tuple[str, str]]:
    """(label, callback data) of the buttons that open a card."""
    return [
        (str(b["text"]), str(b["callback_data"]))
        for b in call.buttons
        if b["callback_data"].startswith("ag:")
    ]


def page_button(call: Call, page: int) -> str | None:
    """The callback data of the button that turns the choices to ``page``, if any."""
    found = [d for d in call.callback_data if d.startswith("cp:") and d.rsplit(":", 1)[1] == str(page)]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("query", "language_code", "user_id"), [("министерство", "ru", 80901), ("agency", "en", 80902)]
)
async def test_many_choices_page_on_with_whole_names(
    bot: BotProcess, query: str, language_code: str, user_id: int
) -> None:
    chat = UserChat(bot, user_id, language_code)
    reply = await chat.send(query)
    pages = [choices_of(reply)]
    assert len(pages[0]) == 6
    more = page_button(reply, 1)
    assert more is not None, reply.button_texts

    while more is not None:
        answer, page = await chat.press(more, message_id(reply), expect="editMessageText")
        assert answer.ok
        assert page is not None
        assert page.params["message_id"] == message_id(reply)  # the same message, the next bodies
        shown = choices_of(page)
        assert shown
        assert not {data for _, data in shown} & {data for earlier in pages for _, data in earlier}
        pages.append(shown)
        more = page_button(page, len(pages))
    labels = [label for shown in pages for label, _ in shown]
    assert [label for label in labels if not label_is_whole(label, language_code)] == []


# ---------------------------------------------------------------------- 10. a year in the query


@pytest.mark.parametrize(
    ("query", "language_code", "year", "title", "user_id"),
    [
        ("минздрав 2024", "ru", 2024, "Министерство здравоохранения", 81001),
        ("/agency минюст 2020", "ru", 2020, "Министерство юстиции", 81002),
        ("Денсаулық сақтау 2024", "kk", 2024, "Денсаулық сақтау министрлігі", 81003),
    ],
)
async def test_a_year_in_the_query_leads_the_card(
    bot: BotProcess, *, query: str, language_code: str, year: int, title: str, user_id: int
) -> None:
    reply = await UserChat(bot, user_id, language_code).send(query)
    assert lines_of(reply)[0] == title
    assert headline(reply).startswith(f"<b>{year}</b>")
    assert not any(line.startswith("<b>2025</b>") for line in (reply.text or "").splitlines())


# ---------------------------------------------------------------------- 11. the example of /changes


async def test_changes_with_a_word_shows_how_to_write_the_year_for_changes(bot: BotProcess) -> None:
    text = plain(await UserChat(bot, 81101).send("/changes abc"))
    assert "/changes 2024" in text
    assert "/rank" not in text


# ---------------------------------------------------------------------- 12. in a group


def say_in_group(bot: BotProcess, user_id: int, text: str, **extra: Any) -> None:
    bot.fake.push_message(user_id, text, chat_id=GROUP, chat_type="supergroup", **extra)


async def group_answer(bot: BotProcess, user_id: int, text: str, **extra: Any) -> Call:
    since = bot.fake.mark()
    say_in_group(bot, user_id, text, **extra)
    [reply] = await bot.wait_for("sendMessage", chat_id=GROUP, since=since)
    return reply


async def test_in_a_group_the_bot_answers_only_what_is_addressed_to_it(bot: BotProcess) -> None:
    mention = f"@{BOT_USERNAME}"
    card = await group_answer(
        bot,
        81201,
        f"{mention} минздрав",
        entities=[{"type": "mention", "offset": 0, "length": len(mention)}],
    )
    assert lines_of(card)[0] == "Министерство здравоохранения"
    assert "fo:moh" in card.callback_data

    again = await group_answer(bot, 81202, "минздрав", reply_to_message_id=message_id(card))
    assert lines_of(again)[0] == "Министерство здравоохранения"

    unknown = await group_answer(bot, 81203, f"/foo@{BOT_USERNAME}")
    assert plain(unknown) == plain(await UserChat(bot, 81204).send("/foo"))

    talker = UserChat(bot, 81205, chat_id=GROUP, chat_type="supergroup")
    talker.push("минздрав")  # people talking among themselves
    talker.push("/foo@other_bot")  # a command for another bot
    assert await talker.expect_silence() == []


# ---------------------------------------------------------------------- 13. one decimal always


def whole_percent() -> tuple[str, int]:
    """A body whose 2025 satisfaction is a whole number, and that number."""
    for row in ratings(2025):
        if float(row["satisfaction"]).is_integer():
            return row["agency"], int(float(row["satisfaction"]))
    raise AssertionError("no whole-number satisfaction in 2025.csv")


async def test_a_whole_percentage_keeps_its_decimal(bot: BotProcess) -> None:
    name, percent = whole_percent()
    reply = await UserChat(bot, 81301).send(name)
    assert lines_of(reply)[0] == name
    assert re.search(rf"\b{percent},0\s%", plain(reply)), plain(reply)
    assert not re.search(rf"\b{percent}\s%", plain(reply))


# ---------------------------------------------------------------------- 14. a year with no list


@pytest.mark.parametrize(("year", "user_id"), [("2020", 81401), ("2030", 81402)])
async def test_rank_for_a_year_without_a_list_offers_the_years_that_have_one(
    bot: BotProcess, year: str, user_id: int
) -> None:
    reply = await UserChat(bot, user_id).send(f"/rank {year}")
    assert year in plain(reply)
    assert [data.rsplit(":", 2)[0] for data in reply.callback_data] == ["rk:2025", "rk:2024"]
    assert all(data.startswith(("rk:2025:0", "rk:2024:0")) for data in reply.callback_data)


# ---------------------------------------------------------------------- 15. a shared place


def shared_places() -> list[tuple[int, str, int, bool, int]]:
    """(year, name, place, illustrative list, bodies) of every body sharing its place."""
    found = []
    for year in (2024, 2025):
        rows = ratings(year)
        ordered = sorted(rows, key=lambda r: (-float(r["score"]), -float(r["satisfaction"])))
        figures = [(float(r["score"]), float(r["satisfaction"])) for r in ordered]
        illustrative = any(
            ILLUSTRATIVE in (r["score_provenance"], r["satisfaction_provenance"]) for r in rows
        )
        for row, pair in zip(ordered, figures, strict=True):
            if figures.count(pair) > 1:
                found.append((year, row["agency"], figures.index(pair) + 1, illustrative, len(rows)))
    return found


async def test_bodies_sharing_a_place_say_so_on_their_cards(bot: BotProcess) -> None:
    ties = shared_places()
    assert len(ties) >= 2
    # "rank {position}{mark} of {total}" with a word saying the place is shared
    shared = translated("ru", r"^rank \{position\}\{mark\} of \{total\}.")
    for user_id, (year, name, place, illustrative, total) in enumerate(ties, start=81501):
        reply = await UserChat(bot, user_id).send(f"{name} {year}")
        assert lines_of(reply)[0] == name
        expected = shared.format(position=place, mark="*" if illustrative else "", total=total)
        assert expected in headline(reply), headline(reply)


# ---------------------------------------------------------------------- 16. the menu follows the language


async def test_choosing_english_sets_this_chats_command_menu_in_english(bot: BotProcess) -> None:
    chat = UserChat(bot, 81601)
    menu = await chat.send("/language")
    since = bot.fake.mark()
    await chat.press("lang:en", message_id(menu), expect="editMessageText")
    [call] = await bot.wait_for(
        "setMyCommands",
        since=since,
        predicate=lambda c: (c.params.get("scope") or {}).get("type") == "chat",
    )
    assert call.params["scope"] == {"type": "chat", "chat_id": chat.user_id}
    english = {c["command"]: c["description"] for c in bot.fake.commands(language_code="en")}
    russian = {c["command"]: c["description"] for c in bot.fake.commands(language_code="ru")}
    chosen = {c["command"]: c["description"] for c in call.params["commands"]}
    assert chosen == english
    assert chosen != russian


# ---------------------------------------------------------------------- 17. greetings and thanks


@pytest.mark.parametrize(
    ("text", "language_code", "kind", "user_id"),
    [
        ("привет", "ru", "greeting", 81701),
        ("спасибо", "ru", "thanks", 81702),
        ("помощь", "ru", "help", 81703),
        ("сәлем", "kk", "greeting", 81704),
        ("рахмет", "kk", "thanks", 81705),
        ("hello", "en", "greeting", 81706),
        ("help", "en", "help", 81707),
        ("thanks", "en", "thanks", 81708),
    ],
)
async def test_greetings_thanks_and_calls_for_help_are_answered_not_searched(
    bot: BotProcess, text: str, language_code: str, kind: str, user_id: int
) -> None:
    chat = UserChat(bot, user_id, language_code)
    reply = await chat.send(text)
    miss = plain(await chat.send("zzqxw"))
    assert plain(reply) != miss.replace("zzqxw", text)  # not "no state body matches"
    assert f"«{text}»" not in plain(reply)
    if kind == "greeting":
        start = await chat.send("/start")
        assert (reply.text, reply.reply_markup) == (start.text, start.reply_markup)
    elif kind == "help":
        assert reply.text == (await chat.send("/help")).text
    else:
        assert "/rank" in plain(reply)
        assert reply.buttons == []


# ---------------------------------------------------------------------- 4, 5, 7: after an import


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def imports_bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    """A bot whose database the import script changes while it runs; one chat follows everything."""
    async with running_bot(
        tmp_path_factory.mktemp("new-user-imports"), rating_db_template, env={"NOTIFY_POLL_SECONDS": "0.2"}
    ) as process:
        await UserChat(process, EVERYTHING).send("/subscribe")
        assert topics(process, EVERYTHING) == ["*"]
        yield process


async def delivered(bot: BotProcess, since: int, wanted: Any) -> Call:
    [call] = await bot.wait_for(
        "sendMessage", since=since, timeout=15, predicate=lambda c: c.chat_id == EVERYTHING and wanted(c)
    )
    return call


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def partial_notification(imports_bot: BotProcess, tmp_path_factory: pytest.TempPathFactory) -> Call:
    """A partial 2027 list of five bodies imported with --partial; what the follower got."""
    path = tmp_path_factory.mktemp("partial") / "rating-2027.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("agency", "score", "satisfaction"))
        writer.writerows((r["agency"], r["score"], r["satisfaction"]) for r in ratings(2025)[:5])
    since = imports_bot.fake.mark()
    run = await run_importer(imports_bot.database_path, path, "--year", "2027", "--partial")
    assert run.code == 0, run.err
    return await delivered(imports_bot, since, lambda c: "2027" in (c.text or ""))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def corrected_notification(imports_bot: BotProcess, tmp_path_factory: pytest.TempPathFactory) -> Call:
    """2025 corrected (Health's figures) without --source; what the follower got."""
    path = write_release(tmp_path_factory.mktemp("corrected") / "corrected-2025.csv", {"moh": (4.87, 90.0)})
    since = imports_bot.fake.mark()
    run = await run_importer(imports_bot.database_path, path, "--year", "2025")
    assert run.code == 0, run.err
    assert "corrected" in run.out
    return await delivered(
        imports_bot, since, lambda c: any(d.startswith("rk:2025:0") for d in c.callback_data)
    )


async def test_a_partial_release_is_announced_as_partial_without_a_top_three(
    partial_notification: Call,
) -> None:
    text = partial_notification.text or ""
    assert translated("ru", "(?i)partial list.*count", 5).format(count=5) in text
    assert translated("ru", "^<b>Top three</b>$") not in text
    assert "Top three" not in text
    assert numbered(plain(partial_notification)) == []  # no places in a partial list
    assert len([line for line in lines_of(partial_notification) if line.startswith("• ")]) == 5


async def test_a_correction_without_a_source_keeps_the_publisher(
    imports_bot: BotProcess, corrected_notification: Call
) -> None:
    chat = UserChat(imports_bot, 80503)
    card = await chat.send("минздрав")
    assert "4,87" in plain(card)  # the bot reads the corrected figures
    [footer] = [line for line in lines_of(await chat.send("/rank")) if "Kazinform / finprom.kz" in line]
    assert "corrected-2025" not in footer


async def test_the_whole_rating_under_a_notification_opens_below_it(
    imports_bot: BotProcess, corrected_notification: Call
) -> None:
    chat = UserChat(imports_bot, EVERYTHING)
    [whole] = [d for d in corrected_notification.callback_data if d.startswith("rk:2025:0")]
    since = imports_bot.fake.mark()
    _, rating = await chat.press(whole, message_id(corrected_notification), expect="sendMessage")
    assert rating is not None
    assert len(numbered(plain(rating))) == 10
    await imports_bot.fake.wait_idle(0.3)
    assert imports_bot.fake.calls("editMessageText", chat_id=EVERYTHING, since=since) == []
