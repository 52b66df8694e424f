"""/start greets by name and says how many bodies the latest rating covers (in a group, how
to ask there); /help lists the commands; a greeting, thanks or a call for help typed as
text is answered as a person would. All in the reader's language; the greeting carries
the main menu."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import Rating, Source, YearInfo
from bot.views.callbacks import MenuAction
from bot.views.start import greeting, help_screen, small_talk
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
    "<i>Денсаулық сақтау</i>, <i>ТЖМ</i>, <i>ҰҚК</i> немесе <i>Қаржы министрлігі</i> — мен оның балын, "
    "рейтингтегі орнын және өткен жылмен салыстырғандағы өзгерісін көрсетемін.",
    "en": "Send me the name of a ministry or agency in any language — for example <i>health ministry</i>, "
    "<i>MES</i>, <i>KNB</i> or <i>Минздрав</i> — and I will show its score, rank and change "
    "since the year before.",
}


def snapshot_of(count: int) -> Snapshot:
    """A complete 2025 of ``count`` bodies."""
    slugs = list(AGENCIES)[:count]
    ratings = [Rating(2025, slug, 4.0, 90.0 - i) for i, slug in enumerate(slugs)]
    return make_snapshot([YearInfo(2025, False, Source("test"), 1)], ratings, slugs)


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
                "/agency НАЗВАНИЕ [год] — карточка госоргана (или просто пришлите его название)",
                "/compare А, Б[, В] — сравнение двух или трёх госорганов",
                "/changes [год] — главные взлёты и падения",
                "/chart [НАЗВАНИЕ] [год] — график: история госоргана или весь список",
                "/export [год] [xlsx|csv] — вся таблица за год одним файлом",
                "/subscribe [название] — сообщение о выходе нового рейтинга (или о показателях одного "
                "госоргана)",
                "/subscriptions — подписки в этом чате; /unsubscribe [название] — отписаться",
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
                "/agency АТАУЫ [жыл] — мемлекеттік органның карточкасы (немесе атауын жай ғана жіберіңіз)",
                "/compare А, Б[, В] — екі не үш мемлекеттік органды салыстыру",
                "/changes [жыл] — ең көп өскендер мен түскендер",
                "/chart [АТАУЫ] [жыл] — график: органның жылдар бойынша көрсеткіштері немесе толық тізім",
                "/export [жыл] [xlsx|csv] — жылдың толық кестесі бір файл түрінде",
                "/subscribe [атауы] — жаңа рейтинг жарияланғанда (немесе бір органның көрсеткіштері "
                "шыққанда) хабарлама алу",
                "/subscriptions — осы чаттың жазылымдары; /unsubscribe [атауы] — жазылымнан шығу",
                "/language — Русский, Қазақша немесе English",
                "",
                "Атауын толық не қысқа түрде, орысша, қазақша немесе ағылшынша, аббревиатурамен, тіпті "
                "қатемен де жазуға болады: «денсаулық сақтау», «ДСМ», «ҰҚК», «Қаржы министірлігі».",
            ],
        ),
        (
            "en",
            [
                "<b>What I can do</b>",
                "/rank [year] — the whole list, page by page",
                "/agency NAME [year] — one body's card (or just send its name)",
                "/compare A, B[, C] — two or three bodies side by side",
                "/changes [year] — the biggest risers and fallers",
                "/chart [NAME] [year] — a chart: a body's history, or the whole list",
                "/export [year] [xlsx|csv] — the year's whole table as one file",
                "/subscribe [name] — get a message when a new rating (or one body's figures) is published",
                "/subscriptions — this chat's subscriptions; /unsubscribe [name] — cancel one or all of them",
                "/language — Русский, Қазақша or English",
                "",
                "A name can be full or short, in Russian, Kazakh or English, an abbreviation or even "
                "with a typo: «health», «MoH», «KNB», «Минздрав», «minstry of finance».",
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


# -- in a group -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "В этой группе упомяните меня вместе с названием — <i>@gosrating_bot Минздрав</i> — или "
            "ответьте на моё сообщение.",
        ),
        (
            "kk",
            "Бұл топта мені атаумен бірге белгілеңіз — <i>@gosrating_bot Денсаулық сақтау</i> — немесе "
            "хабарламама жауап беріңіз.",
        ),
        (
            "en",
            "In this group, mention me with the name — <i>@gosrating_bot health</i> — "
            "or reply to my message.",
        ),
    ],
)
def test_in_a_group_the_greeting_says_to_mention_the_bot_or_reply_to_it(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, greeting, snapshot, "Ann", "@gosrating_bot")

    assert screen.text.split("\n\n") == [
        *speak(language, greeting, snapshot, "Ann").text.split("\n\n"),
        expected,
    ]


# -- small talk -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_greeting_typed_as_text_is_answered_with_the_greeting(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    assert speak(language, small_talk, snapshot, "greeting", "Айгерим") == speak(
        language, greeting, snapshot, "Айгерим"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "Не за что! Присылайте другие названия, когда захотите, или посмотрите весь список: /rank",
        ),
        (
            "kk",
            "Оқасы жоқ! Басқа атауды кез келген уақытта жібере беріңіз немесе толық тізімді қараңыз: /rank",
        ),
        ("en", "You're welcome! Send another name whenever you like, or see the whole list: /rank"),
    ],
)
def test_thanks_typed_as_text_get_a_welcome(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, small_talk, snapshot, "thanks", "Айгерим")

    assert screen.text == expected
    assert screen.markup is None


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_call_for_help_typed_as_text_gets_the_help(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    assert speak(language, small_talk, snapshot, "help", "Айгерим") == speak(language, help_screen)
