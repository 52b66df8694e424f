"""/start greets by name and says how many bodies the latest rating covers; /help lists
the commands. Both in the reader's language; the greeting carries the main menu."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, YearInfo
from bot.views.callbacks import MenuAction
from bot.views.start import greeting, help_screen
from tests.unit.views.conftest import AGENCIES, Speaker, buttons, labels, make_snapshot

INTRO = {
    "ru": "Я отвечаю на вопросы о ежегодном рейтинге государственных органов Казахстана по качеству "
    "оказания государственных услуг. Последний рейтинг — за {year} год, в нём {count}.",
    "kk": "Мен мемлекеттік қызметтер көрсету сапасы бойынша Қазақстанның мемлекеттік органдарының "
    "жыл сайынғы рейтингі туралы сұрақтарға жауап беремін. Соңғы рейтинг — {year} жылғы, "
    "онда {count} бар.",
    "en": "I answer questions about the yearly rating of Kazakhstan's state bodies by the quality "
    "of public services. The latest is for {year}: {count}.",
}
HOW_TO_ASK = {
    "ru": "Пришлите мне название министерства или агентства на любом языке — например, "
    "<i>Минздрав</i>, <i>МЧС</i>, <i>KNB</i> или <i>health ministry</i>, — и я покажу его балл, "
    "место в рейтинге и изменения по сравнению с прошлым годом.",
    "kk": "Маған министрліктің немесе агенттіктің атауын кез келген тілде жіберіңіз — мысалы, "
    "<i>Минздрав</i>, <i>МЧС</i>, <i>KNB</i> немесе <i>health ministry</i> — мен оның балын, "
    "рейтингтегі орнын және өткен жылмен салыстырғандағы өзгерісін көрсетемін.",
    "en": "Send me the name of a ministry or agency in any language — for example <i>Минздрав</i>, "
    "<i>МЧС</i>, <i>KNB</i> or <i>health ministry</i> — and I will show its score, rank and change "
    "since the year before.",
}


def snapshot_of(count: int) -> Snapshot:
    """A complete 2025 of ``count`` bodies."""
    slugs = list(AGENCIES)[:count]
    ratings = [Rating(2025, slug, 4.0, 90.0 - i) for i, slug in enumerate(slugs)]
    return make_snapshot([YearInfo(2025, False, "test", 1)], ratings, slugs)


@pytest.mark.parametrize(
    ("language", "hello", "count"),
    [
        ("ru", "Здравствуйте, Айгерим!", "3 госоргана"),
        ("kk", "Сәлеметсіз бе, Айгерим!", "3 мемлекеттік орган"),
        ("en", "Hello, Айгерим!", "3 bodies"),
    ],
)
def test_the_greeting_names_the_user_the_latest_year_and_how_to_ask(
    speak: Speaker, snapshot: Snapshot, language: str, hello: str, count: str
) -> None:
    screen = speak(language, greeting, snapshot, "Айгерим")

    assert screen.text.split("\n\n") == [
        hello,
        INTRO[language].format(year=2025, count=count),
        HOW_TO_ASK[language],
    ]


@pytest.mark.parametrize(
    ("language", "bodies", "count"),
    [
        ("ru", 1, "1 госорган"),
        ("ru", 2, "2 госоргана"),
        ("ru", 5, "5 госорганов"),
        ("ru", 21, "21 госорган"),
        ("kk", 1, "1 мемлекеттік орган"),
        ("kk", 5, "5 мемлекеттік орган"),
        ("en", 1, "1 body"),
        ("en", 5, "5 bodies"),
    ],
)
def test_the_count_of_bodies_takes_the_languages_plural(
    speak: Speaker, language: str, bodies: int, count: str
) -> None:
    screen = speak(language, greeting, snapshot_of(bodies), "Ann")

    assert screen.text.split("\n\n")[1] == INTRO[language].format(year=2025, count=count)


def test_the_users_name_is_escaped(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", greeting, snapshot, "<b>Ann</b> & co")

    assert screen.text.split("\n\n")[0] == "Hello, &lt;b&gt;Ann&lt;/b&gt; &amp; co!"


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_before_any_rating_the_greeting_says_nothing_of_one(
    speak: Speaker, empty_snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, greeting, empty_snapshot, "Ann")

    assert screen.text.split("\n\n")[1:] == [HOW_TO_ASK[language]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", [["📊 Весь рейтинг", "📈 Взлёты и падения"], ["🌐 Язык"]]),
        ("kk", [["📊 Толық рейтинг", "📈 Өскендер мен түскендер"], ["🌐 Тіл"]]),
        ("en", [["📊 Whole rating", "📈 Risers and fallers"], ["🌐 Language"]]),
    ],
)
def test_the_greeting_carries_the_main_menu(
    speak: Speaker, snapshot: Snapshot, language: str, expected: list[list[str]]
) -> None:
    screen = speak(language, greeting, snapshot, "Ann")

    assert labels(screen) == expected
    actions = [[MenuAction.unpack(b.callback_data or "").action for b in row] for row in buttons(screen)]
    assert actions == [["rank", "changes"], ["language"]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "<b>Что я умею</b>",
                "/rank [год] — весь список, постранично",
                "/agency НАЗВАНИЕ — карточка одного госоргана (или просто пришлите его название)",
                "/changes [год] — главные взлёты и падения",
                "/subscribe — сообщение, когда выйдет новый рейтинг",
                "/subscriptions — на что подписан этот чат; /unsubscribe — отписаться от всего",
                "/language — Русский, Қазақша или English",
                "",
                "Название можно написать полностью или коротко, по-русски, по-казахски или по-английски, "
                "аббревиатурой и даже с опечаткой: «минздрав», «ДСМ», «KNB», «Минисерство финансов».",
            ],
        ),
        (
            "kk",
            [
                "<b>Мен не істей аламын</b>",
                "/rank [жыл] — толық тізім, бет-бетімен",
                "/agency АТАУЫ — бір мемлекеттік органның карточкасы (немесе жай ғана оның атауын жіберіңіз)",
                "/changes [жыл] — ең көп өскендер мен түскендер",
                "/subscribe — жаңа рейтинг жарияланғанда хабарлама",
                "/subscriptions — осы чат неге жазылған; /unsubscribe — барлығынан бас тарту",
                "/language — Русский, Қазақша немесе English",
                "",
                "Атауын толық не қысқа түрде, орысша, қазақша немесе ағылшынша, аббревиатурамен, тіпті "
                "қатемен де жазуға болады: «минздрав», «ДСМ», «KNB», «Минисерство финансов».",
            ],
        ),
        (
            "en",
            [
                "<b>What I can do</b>",
                "/rank [year] — the whole list, page by page",
                "/agency NAME — one body's card (or just send its name)",
                "/changes [year] — the biggest risers and fallers",
                "/subscribe — a message when a new rating is published",
                "/subscriptions — what this chat follows; /unsubscribe — stop it all",
                "/language — Русский, Қазақша or English",
                "",
                "A name can be full or short, in Russian, Kazakh or English, an abbreviation or even "
                "with a typo: «минздрав», «ДСМ», «KNB», «Минисерство финансов».",
            ],
        ),
    ],
)
def test_help_lists_every_command_and_how_names_are_understood(
    speak: Speaker, language: str, expected: list[str]
) -> None:
    screen = speak(language, help_screen)

    assert screen.text.split("\n") == expected
    assert screen.markup is None
