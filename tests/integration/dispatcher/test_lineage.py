"""Old names through the real dispatcher and the bundled data: a renamed body's old name
gets "now called ..." above today's card, a merged one says so, a split one offers its
successors as buttons (a press opens one), and /agency reads old names the same way."""

from __future__ import annotations

import pytest
from aiogram.methods import EditMessageText, GetMe, SendMessage
from aiogram.types import Update

from bot.views.callbacks import AgencyCard

from .conftest import USER_ID, App, Updates, callback_data, kinds, only_reply

NOW_CALLED = {
    "ru": "Ведомство «Министерство цифрового развития, инноваций и аэрокосмической промышленности» "
    "теперь называется «Министерство искусственного интеллекта и цифрового развития» (с 2025 года).",
    "kk": "«Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі» 2025 жылдан бері «Жасанды "
    "интеллект және цифрлық даму министрлігі» деп аталады.",
    "en": "The Ministry of Digital Development, Innovation and Aerospace Industry is now called the "
    "Ministry of Artificial Intelligence and Digital Development (since 2025).",
}


async def reply_to(app: App, update: Update) -> SendMessage:
    """The one message sent back (a card asks the bot's own name once, for its share link)."""
    return only_reply([r for r in await app.feed(update) if not isinstance(r, GetMe)])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Министерство цифрового развития, инноваций и аэрокосмической промышленности", "ru"),
        ("МЦРИАП", "ru"),
        ("ЦДИАӨМ", "kk"),
        ("MDDIAI", "en"),
    ],
)
async def test_a_renamed_body_s_old_name_says_what_it_is_called_now(
    app: App, updates: Updates, text: str, language: str
) -> None:
    reply = await reply_to(app, updates.private(text, language_code=language))

    first, blank, heading = reply.text.split("\n")[:3]
    assert (first, blank) == (NOW_CALLED[language], "")
    assert heading.startswith("<b>")
    # 2024 and 2020 were rated under the old name, and the card says so
    assert "2020 (" in reply.text
    assert "2024 (" in reply.text


async def test_a_merged_body_s_old_name_says_it_was_merged(app: App, updates: Updates) -> None:
    reply = await reply_to(app, updates.private("Министерство информации и общественного развития"))

    assert reply.text.startswith(
        "В 2023 году ведомство «Министерство информации и общественного развития» вошло в состав "
        "ведомства «Министерство культуры и информации».\n\n<b>Министерство культуры и информации</b>"
    )
    assert "2020 (тогда — Министерство информации и общественного развития): 4,53 · 72,6" in reply.text


SPLIT_MON_RU = (
    "В 2022 году ведомство «Министерство образования и науки» разделили на несколько ведомств. "
    "Какое из них вам нужно?"
)
SPLIT_MON_KK = (
    "2022 жылы «Білім және ғылым министрлігі» бірнеше мемлекеттік органға бөлінді. Сізге қайсысы керек?"
)
SPLIT_MIIR_EN = (
    "In 2023, the Ministry of Industry and Infrastructural Development was split into several "
    "bodies. Which one do you need?"
)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("МОН", "ru", (SPLIT_MON_RU, ("edu", "mshe"))),
        ("Білім және ғылым министрлігі", "kk", (SPLIT_MON_KK, ("edu", "mshe"))),
        ("Ministry of Industry and Infrastructural Development", "en", (SPLIT_MIIR_EN, ("mic", "mot"))),
    ],
)
async def test_a_split_body_s_old_name_offers_its_successors(
    app: App, updates: Updates, text: str, language: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    reply = await reply_to(app, updates.private(text, language_code=language))

    said, successors = expected
    assert reply.text == said
    assert callback_data(reply.reply_markup) == [AgencyCard(slug=slug).pack() for slug in successors]


async def test_a_press_on_a_successor_opens_its_card(app: App, updates: Updates) -> None:
    await app.feed(updates.private("МОН"))
    choices = app.session.messages[-1]

    requests = await app.feed(updates.press(AgencyCard(slug="mshe"), on=choices))

    assert kinds(requests) == ["AnswerCallbackQuery", "EditMessageText"]
    edit = requests[1]
    assert isinstance(edit, EditMessageText)
    assert (edit.chat_id, edit.message_id) == (USER_ID, choices.message_id)
    assert edit.text.startswith("<b>Министерство науки и высшего образования</b>")


async def test_an_old_name_with_a_year_leads_with_that_year(app: App, updates: Updates) -> None:
    reply = await reply_to(app, updates.private("МИИР 2020"))
    assert AgencyCard(slug="mic", year=2020).pack() in callback_data(reply.reply_markup)


async def test_the_agency_command_reads_old_names_too(app: App, updates: Updates) -> None:
    reply = await reply_to(app, updates.private("/agency МЦРИАП"))
    assert reply.text.startswith(NOW_CALLED["ru"])


async def test_today_s_name_gets_no_old_name_line(app: App, updates: Updates) -> None:
    reply = await reply_to(app, updates.private("министерство культуры"))
    assert reply.text.startswith("<b>Министерство культуры и информации</b>")
