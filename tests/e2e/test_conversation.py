"""End to end: a citizen's conversation with the real bot, in Russian, Kazakh and English.

One ``python -m bot`` process serves the whole module, over real HTTP, from its own
copy of a database that the import script loaded; each test is a different user.
The assertions are on the requests the bot made: what it sent, edited and answered.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.unit.views.test_commands import COMMANDS, MENU_DESCRIPTIONS

from .dialog import UserChat, message_id, plain, running_bot
from .harness import BotProcess

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    tmp_path_factory: pytest.TempPathFactory, rating_db_template: Path
) -> AsyncIterator[BotProcess]:
    async with running_bot(tmp_path_factory.mktemp("conversation"), rating_db_template) as process:
        yield process


#: The last buttons under every /rank page: the list's chart and its table as a file (/export).
TOOLS = ["📈 График", "⬇️ Скачать таблицу"]


def ranked_lines(text: str) -> list[str]:
    """The numbered lines of a /rank page ("1. Академия правосудия — 5,00 · 99,8 %*")."""
    return [line for line in text.splitlines() if line.split(".", 1)[0].isdigit()]


# ---------------------------------------------------------------------- /start, /help


async def test_start_greets_by_name_and_offers_the_menu(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1001).send("/start")
    text = plain(reply)
    assert text.startswith("Здравствуйте, Test!")
    assert "2025" in text
    assert "32 госоргана" in text
    assert "Минздрав" in text  # an example of what to send
    buttons = dict(zip(reply.callback_data, reply.button_texts, strict=True))
    assert buttons["menu:rank"] == "📊 Весь рейтинг"
    assert buttons["menu:changes"] == "📈 Взлёты и падения"
    assert buttons["menu:language"] == "🌐 Язык"
    assert reply.params["parse_mode"] == "HTML"


async def test_start_menu_buttons_open_the_rating_changes_and_languages(bot: BotProcess) -> None:
    chat = UserChat(bot, 1002)
    greeting = message_id(await chat.send("/start"))

    answer, rating = await chat.click("Весь рейтинг", greeting, expect="sendMessage")
    assert answer.ok
    assert not answer.params.get("show_alert")
    assert rating is not None
    assert "Рейтинг государственных органов" in plain(rating)
    assert "Страница 1 из 4" in plain(rating)

    _, changes = await chat.click("Взлёты и падения", greeting, expect="sendMessage")
    assert changes is not None
    assert "Выросли" in plain(changes)

    _, languages = await chat.click("Язык", greeting, expect="sendMessage")
    assert languages is not None
    assert languages.button_texts == ["✓ Русский", "Қазақша", "English"]


async def test_help_lists_the_commands(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1003).send("/help")
    text = plain(reply)
    assert text.startswith("Что я умею")
    for command in ("/rank", "/agency", "/changes", "/language"):
        assert command in text
    assert "<b>" in (reply.text or "")


# ---------------------------------------------------------------------- /rank


async def test_rank_pages_forward_and_back_by_editing_the_same_message(bot: BotProcess) -> None:
    chat = UserChat(bot, 1004)
    first = await chat.send("/rank")
    first_text = plain(first)
    assert "Рейтинг государственных органов по качеству оказания государственных услуг, 2025" in first_text
    assert "Страница 1 из 4" in first_text
    lines = ranked_lines(first_text)
    assert len(lines) == 10
    assert lines[0].startswith("1. Академия правосудия — 5,00")
    assert lines[2].startswith("3. КНБ — 4,99")
    assert first.button_texts == ["Далее ›", "2024", *TOOLS]
    assert first.callback_data == ["rk:2025:1:0", "rk:2024:0:0", "cht:year::2025:0", "ex:2025:xlsx"]
    page_message = message_id(first)

    answer, second = await chat.click("Далее", page_message, expect="editMessageText")
    assert answer.ok
    assert not answer.params.get("show_alert")
    assert second is not None
    assert second.params["message_id"] == page_message
    assert second.chat_id == chat.chat
    second_text = plain(second)
    assert "Страница 2 из 4" in second_text
    assert [line.split(".", 1)[0] for line in ranked_lines(second_text)] == [str(n) for n in range(11, 21)]
    assert second.button_texts == ["‹ Назад", "Далее ›", "2024", *TOOLS]
    assert second.callback_data == [
        "rk:2025:0:0",
        "rk:2025:2:0",
        "rk:2024:0:0",
        "cht:year::2025:0",
        "ex:2025:xlsx",
    ]

    _, back = await chat.click("Назад", page_message, expect="editMessageText")
    assert back is not None
    assert back.params["message_id"] == page_message
    assert plain(back) == first_text
    assert back.reply_markup == first.reply_markup
    # Paging never sends a new message.
    assert bot.fake.calls("sendMessage", chat_id=chat.chat, since=first.index + 1) == []


async def test_rank_last_page_has_only_a_back_button(bot: BotProcess) -> None:
    chat = UserChat(bot, 1005)
    page_message = message_id(await chat.send("/rank"))
    _, last = await chat.press("rk:2025:3:0", page_message, expect="editMessageText")
    assert last is not None
    text = plain(last)
    assert "Страница 4 из 4" in text
    assert ranked_lines(text)[-1].startswith("32. ")
    assert last.button_texts == ["‹ Назад", "2024", *TOOLS]


async def test_rank_year_button_switches_year_in_place(bot: BotProcess) -> None:
    chat = UserChat(bot, 1006)
    page_message = message_id(await chat.send("/rank"))
    _, other = await chat.click("2024", page_message, expect="editMessageText")
    assert other is not None
    assert other.params["message_id"] == page_message
    assert "услуг, 2024" in plain(other)
    assert "Страница 1 из 4" in plain(other)
    assert other.button_texts == ["Далее ›", "2025", *TOOLS]


async def test_rank_with_a_year_argument(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1007).send("/rank 2024")
    text = plain(reply)
    assert "услуг, 2024" in text
    assert len(ranked_lines(text)) == 10
    assert reply.callback_data == ["rk:2024:1:0", "rk:2025:0:0", "cht:year::2024:0", "ex:2024:xlsx"]


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("1999", "Полного рейтинга за 1999 год нет. Есть данные за: 2025, 2024."),
        # 2020 is loaded, but only seven bodies: a partial list has no ranking to page.
        ("2020", "Полного рейтинга за 2020 год нет. Есть данные за: 2025, 2024."),
    ],
)
async def test_rank_for_a_year_without_a_rating(bot: BotProcess, argument: str, expected: str) -> None:
    chat = UserChat(bot, 1008)
    reply = await chat.send(f"/rank {argument}")
    assert plain(reply) == expected
    # Not a dead end: a button for each year that has a list, and one opens it in place.
    assert reply.button_texts == ["2025", "2024"]
    assert reply.callback_data == ["rk:2025:0:0", "rk:2024:0:0"]
    answer, listing = await chat.click("2024", message_id(reply), expect="editMessageText")
    assert not answer.params.get("show_alert")
    assert listing is not None
    assert listing.params["message_id"] == message_id(reply)
    assert "услуг, 2024" in plain(listing)
    assert "Страница 1 из 4" in plain(listing)


async def test_rank_with_something_that_is_not_a_year(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1009).send("/rank abc")
    assert plain(reply) == "«abc» — это не год. Укажите год четырьмя цифрами, например: /rank 2024"


# ---------------------------------------------------------------------- agency card

# Each place and change here is worked out from illustrative values: each carries the mark.
CARDS = {
    "ru": [
        "Министерство здравоохранения",
        "2025: 20*-е место из 32",
        "Балл: 4,86* из 5",
        "Доля удовлетворённых: 89,9\xa0%*",
        "По сравнению с 2024 годом: балл +0,07*, доля удовлетворённых +7,3* п. п., вверх на 9 мест*",
        "Все годы с данными",
        "2025: 4,86* · 89,9\xa0%* · 20*-е место из 32",
        "2024: 4,79* · 82,6\xa0%* · 29*-е место из 32",
        "* условное значение: согласуется с опубликованным отчётом, но это не официальная цифра",
        "🔗 Ссылка на эту карточку: t.me/gosrating_test_bot?start=moh",
    ],
    "kk": [
        "Денсаулық сақтау министрлігі",
        "2025: 32 органның ішінде 20*-орын",
        "Балл: 4,86* (5 балдан)",
        "Қанағаттанғандар үлесі: 89,9%*",
        "2024 жылмен салыстырғанда: балл +0,07*, қанағаттанғандар үлесі +7,3* п.т., 9 орынға көтерілді*",
        "Деректері бар барлық жылдар",
        "2025: 4,86* · 89,9%* · 32 органның ішінде 20*-орын",
        "2024: 4,79* · 82,6%* · 32 органның ішінде 29*-орын",
        "* жарияланған есепке сәйкес келетін шартты (мысал ретіндегі) мән, ресми көрсеткіш емес",
        "🔗 Осы карточкаға сілтеме: t.me/gosrating_test_bot?start=moh",
    ],
    "en-US": [
        "Ministry of Health",
        "2025: rank 20* of 32",
        "Score: 4.86* out of 5",
        "Satisfaction: 89.9%*",
        "Since 2024: score +0.07*, satisfaction +7.3* p.p., up 9 places*",
        "Every year on record",
        "2025: 4.86* · 89.9%* · rank 20* of 32",
        "2024: 4.79* · 82.6%* · rank 29* of 32",
        "* an illustrative value that fits the published report, not an official figure",
        "🔗 Link to this card: t.me/gosrating_test_bot?start=moh",
    ],
}


@pytest.mark.parametrize(("language_code", "user_id"), [("ru", 1010), ("kk", 1011), ("en-US", 1012)])
async def test_agency_card_in_each_language(bot: BotProcess, language_code: str, user_id: int) -> None:
    reply = await UserChat(bot, user_id, language_code).send("минздрав")
    lines = [line for line in plain(reply).splitlines() if line]
    assert lines == CARDS[language_code]
    assert (reply.text or "").startswith("<b>")
    assert "rk:2025:0:1" in reply.callback_data  # the whole list, from the card, in a new message
    # The number format belongs to the language: a comma in ru and kk, a point in en.
    if language_code == "en-US":
        assert "4.86" in lines[2]
        assert "4,86" not in plain(reply)
    else:
        assert "4,86" in lines[2]
        assert "4.86" not in plain(reply)


@pytest.mark.parametrize(
    ("query", "language_code", "title"),
    [
        ("минздрав", "ru", "Министерство здравоохранения"),
        ("МЧС", "ru", "Министерство по чрезвычайным ситуациям"),
        ("мчс", "ru", "Министерство по чрезвычайным ситуациям"),
        ("KNB", "ru", "Комитет национальной безопасности"),
        ("health ministry", "en", "Ministry of Health"),
        ("Денсаулық сақтау", "kk", "Денсаулық сақтау министрлігі"),
        ("минздарв", "ru", "Министерство здравоохранения"),
    ],
)
async def test_query_finds_the_body(bot: BotProcess, query: str, language_code: str, title: str) -> None:
    reply = await UserChat(bot, 1020, language_code).send(query)
    first, *rest = plain(reply).splitlines()
    assert first == title
    assert reply.text is not None
    assert reply.text.startswith(f"<b>{title}</b>")
    assert any(" 32" in line for line in rest)  # "N of 32" in every language


async def test_agency_card_of_a_body_with_published_figures(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1021, "en").send("KNB")
    text = plain(reply)
    assert "2025: rank 3* of 32" in text  # a place among illustrative values is illustrative
    assert "Score: 4.99 out of 5" in text  # a figure tied to the report: no mark
    assert "Satisfaction: 99.3%*" in text
    assert "same place*" in text


async def test_agency_command_with_and_without_a_name(bot: BotProcess) -> None:
    chat = UserChat(bot, 1022)
    card = await chat.send("/agency МЧС")
    assert plain(card).startswith("Министерство по чрезвычайным ситуациям")
    assert "вниз на 8 мест" in plain(card)
    prompt = await chat.send("/agency")
    assert "/agency Минздрав" in plain(prompt)


async def test_ambiguous_query_offers_choices_and_a_choice_opens_the_card(bot: BotProcess) -> None:
    chat = UserChat(bot, 1023)
    reply = await chat.send("министерство")
    assert plain(reply) == "Под запрос «министерство» подходит 21 госорган. Какой из них вы имеете в виду?"
    # Six choices a page, one a row, then the button to the next six.
    *choices, more = reply.button_texts
    *cards, next_page = reply.callback_data
    assert len(choices) == 6
    assert all(label.startswith("Министерство") for label in choices)
    assert all(data.startswith("ag:") for data in cards)
    assert more == "Ещё ›"
    assert next_page.startswith("cp:")
    assert next_page.endswith(":1")
    assert all(len(row) == 1 for row in (reply.reply_markup or {})["inline_keyboard"])

    label = choices[0]
    answer, card = await chat.click(label, message_id(reply), expect="editMessageText")
    assert answer.ok
    assert not answer.params.get("show_alert")
    assert card is not None
    assert card.params["message_id"] == message_id(reply)
    assert plain(card).startswith(label)
    assert "-е место из 32" in plain(card)
    assert "rk:2025:0:1" in card.callback_data


async def test_ambiguous_query_in_english(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1024, "en").send("Ministry")
    assert plain(reply) == "21 bodies match «Ministry». Which one do you mean?"
    *choices, more = reply.button_texts
    assert len(choices) == 6
    assert all(label.startswith("Ministry of") for label in choices)
    assert more == "More ›"


async def test_a_miss_echoes_the_query_and_suggests_how_to_search(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1025).send("pizza")
    text = plain(reply)
    assert text.startswith("По запросу «pizza» госорган не найден.")
    assert "МЧС" in text
    assert "/rank" in text
    assert reply.buttons == []


# ---------------------------------------------------------------------- /changes


async def test_changes_lists_risers_and_fallers(bot: BotProcess) -> None:
    reply = await UserChat(bot, 1030).send("/changes")
    text = plain(reply)
    assert text.startswith("Наибольшие изменения доли удовлетворённых, 2025 к 2024")
    risers = text.split("Выросли", 1)[1].split("Снизились", 1)[0]
    fallers = text.split("Снизились", 1)[1]
    # A difference of illustrative values is illustrative: each one carries the mark.
    assert risers.strip().splitlines()[0] == "1. Минкультуры: +9,2* п. п. (балл +0,12*, вверх на 19 мест*)"
    assert fallers.strip().splitlines()[0] == "1. Минпромстрой: −17,4* п. п. (балл −0,21*, вниз на 20 мест*)"
    assert len([line for line in risers.splitlines() if line[:1].isdigit()]) == 5
    assert len([line for line in fallers.splitlines() if line[:1].isdigit()]) == 5
    assert "* условное значение" in text
    # No other year has changes (2023 has no list, 2020 only a partial one): no year buttons,
    # only the chart of these changes.
    assert reply.callback_data == ["cht:changes::2025:0"]


async def test_changes_in_english_and_the_year_button(bot: BotProcess) -> None:
    """2024 once showed changes against the partial 2020 list; now it has none, says why,
    and offers the year that has changes, which opens in place."""
    chat = UserChat(bot, 1031, "en-GB")
    none = await chat.send("/changes 2024")
    assert plain(none) == (
        "There are no changes for 2024: changes compare two complete lists of consecutive years, "
        "and 2023 has no complete list here."
    )
    assert none.button_texts == ["2025"]
    assert none.callback_data == ["ch:2025"]

    answer, latest = await chat.click("2025", message_id(none), expect="editMessageText")
    assert answer.ok
    assert not answer.params.get("show_alert")
    assert latest is not None
    assert latest.params["message_id"] == message_id(none)
    text = plain(latest)
    assert text.startswith("Biggest changes in the share of satisfied people, 2025 vs 2024")
    assert "1. Culture and Information: +9.2* p.p. (score +0.12*, up 19 places*)" in text
    assert "1. Industry and Construction: −17.4* p.p. (score −0.21*, down 20 places*)" in text
    assert text.index("Culture and Information") < text.index("Industry and Construction")
    assert latest.button_texts == ["📈 Chart"]


async def test_changes_for_an_unknown_year(bot: BotProcess) -> None:
    chat = UserChat(bot, 1032, "en")
    assert plain(await chat.send("/changes 1999")).startswith("There is no complete rating for 1999.")
    assert "is not a year" in plain(await chat.send("/changes last"))


# ---------------------------------------------------------------------- /language


async def test_language_choice_wins_over_the_telegram_language(bot: BotProcess) -> None:
    chat = UserChat(bot, 1040, "en")
    menu = await chat.send("/language")
    assert plain(menu) == "Choose the language I speak with you:"
    assert menu.button_texts == ["Русский", "Қазақша", "✓ English"]
    assert menu.callback_data == ["lang:ru", "lang:kk", "lang:en"]

    since = bot.fake.mark()
    answer, done = await chat.click("Қазақша", message_id(menu), expect="editMessageText")
    assert answer.ok
    assert not answer.params.get("show_alert")
    assert done is not None
    assert done.params["message_id"] == message_id(menu)  # the menu itself is the answer
    assert plain(done) == "Жарайды: енді сізбен қазақша сөйлесемін."
    assert done.button_texts == ["Русский", "✓ Қазақша", "English"]
    # The command menu beside this chat's text field is in Kazakh now too.
    assert await chat_menu(bot, chat.chat, since) == menu_of(bot, "kk")

    # Telegram still says "en", but the saved choice wins.
    rank = await chat.send("/rank")
    assert "Мемлекеттік қызметтер көрсету сапасы бойынша мемлекеттік органдардың рейтингі, 2025" in plain(
        rank
    )
    assert "4 беттің 1-беті" in plain(rank)
    assert "4,99" in plain(rank)
    assert rank.button_texts == ["Келесі ›", "2024", "📈 График", "⬇️ Кестені жүктеп алу"]

    card = await chat.send("health ministry")
    assert plain(card).startswith("Денсаулық сақтау министрлігі")

    menu = await chat.send("/language")
    assert menu.button_texts == ["Русский", "✓ Қазақша", "English"]
    since = bot.fake.mark()
    _, back = await chat.click("English", message_id(menu), expect="editMessageText")
    assert back is not None
    assert plain(back) == "Done: I will speak English with you."
    assert await chat_menu(bot, chat.chat, since) == menu_of(bot, "en")
    assert "Page 1 of 4" in plain(await chat.send("/rank"))


async def test_language_code_picks_the_first_language(bot: BotProcess) -> None:
    """Without a saved choice: kk, en-US and uk (read as Russian) users; no code: the default."""
    assert "Мен не істей аламын" in plain(await UserChat(bot, 1041, "kk").send("/help"))
    assert "What I can do" in plain(await UserChat(bot, 1042, "en-US").send("/help"))
    assert "Что я умею" in plain(await UserChat(bot, 1043, "uk").send("/help"))
    assert "Что я умею" in plain(await UserChat(bot, 1044, None).send("/help"))
    assert "Что я умею" in plain(await UserChat(bot, 1045, "de").send("/help"))


# ---------------------------------------------------------------------- command menu


def menu_of(bot: BotProcess, language: str) -> dict[str, str]:
    """The start-up command menu for users of ``language``: command -> description."""
    return {c["command"]: c["description"] for c in bot.fake.commands(language_code=language)}


async def chat_menu(bot: BotProcess, chat_id: int, since: int) -> dict[str, str]:
    """The command menu the bot set for one chat (after /language) since call ``since``;
    it comes after the edit that answers the button, so it is waited for."""
    scope = {"type": "chat", "chat_id": chat_id}
    await bot.wait_for("setMyCommands", since=since, predicate=lambda call: call.params.get("scope") == scope)
    return {c["command"]: c["description"] for c in bot.fake.commands(scope=scope)}


async def test_command_menu_is_set_in_each_language(bot: BotProcess) -> None:
    calls = bot.fake.calls("setMyCommands")
    at_start = [c for c in calls if c.params.get("scope", {"type": "default"}) == {"type": "default"}]
    assert sorted(str(c.params.get("language_code", "")) for c in at_start) == ["", "en", "kk", "ru"]
    # Any other menu is one chat's own, set when it chose a language: for that chat, in no language_code.
    for call in calls:
        if call not in at_start:
            assert call.params["scope"]["type"] == "chat", call.describe()
            assert "language_code" not in call.params, call.describe()
    english = menu_of(bot, "en")
    for language, descriptions in MENU_DESCRIPTIONS.items():
        menu = menu_of(bot, language)
        assert list(menu) == COMMANDS  # every command of the menu, in its order
        for command, description in zip(COMMANDS, descriptions, strict=True):
            assert menu[command] == description, (language, command)
        if language != "en":  # every command, including ones added later, is translated
            assert all(menu[c] != english[c] for c in menu), menu
    # Everyone else gets the default language's menu (DEFAULT_LANGUAGE=ru).
    assert bot.fake.commands() == bot.fake.commands(language_code="ru")
