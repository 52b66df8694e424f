"""Issue 11, parts 3 and 5 through the real dispatcher: a text about something outside this
rating gets where it belongs (buttons to the related rated bodies), a rated body's name still
gets its card, and deep links (/start <slug>, /start rank_<year>) open what they name; each
card ends with its own link."""

from __future__ import annotations

import pytest

from bot.views.callbacks import AgencyCard, RankPage

from .conftest import App, Updates, callback_data, only_reply
from .recording import BOT_USERNAME

MOH_LINK = (
    f'🔗 Ссылка на эту карточку: <a href="https://t.me/{BOT_USERNAME}?start=moh">'
    f"t.me/{BOT_USERNAME}?start=moh</a>"
)


@pytest.mark.parametrize(
    ("text", "language", "starts", "related"),
    [
        ("ЦОН", "ru", "ЦОНы входят в госкорпорацию «Правительство для граждан»", ["maidd"]),
        ("Азаматтарға арналған үкімет", "kk", "ХҚКО «Азаматтарға арналған үкімет»", ["maidd"]),
        ("egov.kz", "en", "egov.kz is the e-government portal", ["maidd"]),
        ("акимат Алматы", "ru", "Акиматы — местные исполнительные органы", []),
        ("Түркістан облысы", "kk", "Әкімдіктер — жергілікті атқарушы органдар", []),
        ("Жоғарғы сот", "kk", "Соттар бұл рейтингке кірмейді.", ["acj", "pgo"]),
        ("supreme court", "en", "Courts are not in this rating.", ["acj", "pgo"]),
        ("отделение полиции", "ru", "Отделение полиции отдельно не оценивается", ["mia"]),
        ("police station", "en", "A police station is not rated on its own", ["mia"]),
        ("Халык банк", "ru", "Банки — компании, а не госорганы", ["nbk", "ardfm"]),
        ("емхана", "kk", "Ауруханалар мен емханалар мұнда бағаланбайды", ["moh"]),
        ("school", "en", "Schools and kindergartens are not rated here", ["edu"]),
        ("ЖКХ", "ru", "Коммунальные предприятия (вода, тепло, свет, газ)", ["mne"]),
    ],
)
async def test_something_outside_the_rating_gets_where_it_belongs(  # noqa: PLR0917 - the table's columns
    app: App, updates: Updates, text: str, language: str, starts: str, related: list[str]
) -> None:
    """Before: "not found", or worse a silent guess ("Халык банк" opened the Ministry of Labour,
    "supreme court" the Academy of Justice, "отделение полиции" the police's ministry unsaid)."""
    reply = only_reply(await app.feed(updates.private(text, language_code=language)))

    assert reply.text.startswith(starts)
    assert callback_data(reply.reply_markup) == [AgencyCard(slug=slug).pack() for slug in related]


@pytest.mark.parametrize(
    ("text", "language", "title"),
    [
        ("полиция", "ru", "<b>Министерство внутренних дел</b>"),
        ("Ұлттық Банк", "kk", "<b>Қазақстан Ұлттық Банкі</b>"),
        ("Академия правосудия", "ru", "<b>Академия правосудия при Высшем Судебном Совете</b>"),
        ("Генпрокуратура", "ru", "<b>Генеральная прокуратура</b>"),
        ("Ministry of Health", "en", "<b>Ministry of Health</b>"),
    ],
)
async def test_a_rated_bodys_name_still_gets_its_card(
    app: App, updates: Updates, text: str, language: str, title: str
) -> None:
    reply = only_reply(await app.feed(updates.private(text, language_code=language)))

    assert reply.text.startswith(title)


async def test_a_card_ends_with_its_own_link(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("Минздрав")))

    assert reply.text.endswith("\n\n" + MOH_LINK)


async def test_a_card_opened_by_a_button_keeps_its_link(app: App, updates: Updates) -> None:
    choices = only_reply(await app.feed(updates.private("министерство образования")))
    assert choices.reply_markup is not None
    message = app.session.messages[-1]

    requests = await app.feed(updates.press(AgencyCard(slug="edu"), on=message))

    edits = [r for r in requests if type(r).__name__ == "EditMessageText"]
    assert edits
    assert edits[0].text.endswith(f"t.me/{BOT_USERNAME}?start=edu</a>")  # type: ignore[attr-defined]


async def test_start_with_a_slug_opens_that_card_with_its_link(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start moh")))

    assert reply.text.startswith("<b>Министерство здравоохранения</b>")
    assert reply.text.endswith(MOH_LINK)


async def test_start_rank_and_a_year_opens_that_years_list(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start rank_2024")))

    assert reply.text.startswith(
        "<b>Рейтинг государственных органов по качеству оказания государственных услуг, 2024</b>"
    )
    assert RankPage(year=2024, page=1).pack() in callback_data(reply.reply_markup)


async def test_start_rank_and_a_year_not_on_record_says_which_are(app: App, updates: Updates) -> None:
    reply = only_reply(await app.feed(updates.private("/start rank_1999", language_code="en")))

    assert reply.text == "There is no complete rating for 1999. Available: 2025, 2024."


@pytest.mark.parametrize("payload", ["garbage", "rank_x", "moh'><b>"])
async def test_start_with_a_payload_that_names_nothing_greets(
    app: App, updates: Updates, payload: str
) -> None:
    plain = only_reply(await app.feed(updates.private("/start")))
    reply = only_reply(await app.feed(updates.private(f"/start {payload}")))

    assert reply.text == plain.text
