"""A name a user types: one body meant gets its card (at the year written with it, if any),
several get buttons to choose, six a page with ‹ Back / More ›, none gets the query echoed
back (escaped) with how to ask, and a blank message gets the hint."""

from __future__ import annotations

import pytest

from bot.domain.bodies import Agency, load_agencies
from bot.domain.recent import query_key
from bot.domain.snapshot import Snapshot
from bot.views.callbacks import AgencyCard, ChoicePage
from bot.views.cards import card
from bot.views.keyboards import LABEL_LIMIT, choice_label
from bot.views.lookup import CHOICES_PER_PAGE, agency_prompt, lookup, year_in
from bot.views.screen import Screen
from tests.unit.views.conftest import LANGUAGES, RATINGS, YEARS, Speaker, buttons, labels, make_snapshot

BACK = {"ru": "‹ Назад", "kk": "‹ Артқа", "en": "‹ Back"}
MORE = {"ru": "Ещё ›", "kk": "Тағы ›", "en": "More ›"}


@pytest.fixture(scope="module")
def every_body() -> Snapshot:
    """The small book's ratings with all 32 bodies of the reference list to search."""
    return make_snapshot(YEARS, RATINGS, [body.slug for body in load_agencies()])


def cards_of(screen: Screen) -> list[AgencyCard]:
    """The choice buttons' data, leaving out the row of ‹ Back / More ›."""
    return [
        AgencyCard.unpack(data)
        for row in buttons(screen)
        for button in row
        if (data := button.callback_data or "").startswith("ag:")
    ]


def paging(screen: Screen) -> list[ChoicePage]:
    return [
        ChoicePage.unpack(data)
        for row in buttons(screen)
        for button in row
        if (data := button.callback_data or "").startswith("cp:")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("МЧС", "mes"),
        ("минздрава", "moh"),
        ("Денсаулық сақтау", "moh"),
        ("defense ministry", "mod"),
        ("justice", "acj"),
    ],
)
def test_a_name_that_means_one_body_opens_its_card(
    speak: Speaker, snapshot: Snapshot, language: str, query: str, slug: str
) -> None:
    assert speak(language, lookup, snapshot, query) == speak(language, card, snapshot, slug)


def test_a_single_search_match_opens_its_card_even_when_not_resolved_outright(
    speak: Speaker, snapshot: Snapshot
) -> None:
    """«минздрав минфин»: the Ministry of Finance is not in the small book, so half the query
    matches one body only; too weak to resolve, yet the one search result is its card."""
    assert snapshot.index.resolve("минздрав минфин") is None

    assert speak("en", lookup, snapshot, "минздрав минфин") == speak("en", card, snapshot, "moh")


# -- a year in the query ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "query"),
    [("ru", "минздрав 2024"), ("kk", "Денсаулық сақтау 2024"), ("en", "2024 health ministry")],
)
def test_a_year_written_with_the_name_opens_the_card_at_that_year(
    speak: Speaker, snapshot: Snapshot, language: str, query: str
) -> None:
    screen = speak(language, lookup, snapshot, query)

    assert screen == speak(language, card, snapshot, "moh", 2024)
    assert screen.text.split("\n")[2].startswith("<b>2024</b>: ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Рейтинга за 2030 год нет. Есть данные за: 2025, 2024, 2020."),
        ("kk", "2030 жылғы рейтинг жоқ. Деректері бар жылдар: 2025, 2024, 2020."),
        ("en", "There is no rating for 2030. Years on record: 2025, 2024, 2020."),
    ],
)
def test_a_year_not_on_record_in_the_query_says_which_years_there_are(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, lookup, snapshot, "минздрав 2030")

    assert screen.text.split("\n")[2] == expected


def test_a_year_written_with_an_ambiguous_name_goes_with_every_choice(
    speak: Speaker, snapshot: Snapshot
) -> None:
    screen = speak("ru", lookup, snapshot, "министерство 2024")

    assert cards_of(screen) == [AgencyCard(slug=slug, year=2024) for slug in ("moh", "mod", "mes")]


@pytest.mark.parametrize(
    ("query", "year"),
    [
        ("минздрав 2024", 2024),
        ("2020 МЧС", 2020),
        ("минздрав", None),
        ("минздрав 2024 2025", None),
        ("12024", None),
    ],
)
def test_one_four_digit_year_in_the_query_is_the_year_meant(query: str, year: int | None) -> None:
    assert year_in(query) == year


# -- choices ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        (
            "ru",
            "Под запрос «министерство» подходят 3 госоргана. Какой из них вы имеете в виду?",
            [
                "Министерство здравоохранения",
                "Министерство обороны",
                "Министерство по чрезвычайным ситуациям",
            ],
        ),
        (
            "kk",
            "«министерство» сұрауына 3 орган сәйкес келеді. Сізге қайсысы керек?",
            ["Денсаулық сақтау министрлігі", "Қорғаныс министрлігі", "Төтенше жағдайлар министрлігі"],
        ),
        (
            "en",
            "3 bodies match «министерство». Which one do you mean?",
            ["Ministry of Health", "Ministry of Defence", "Ministry of Emergency Situations"],
        ),
    ],
)
def test_an_ambiguous_name_says_how_many_match_and_offers_one_button_per_body(
    speak: Speaker, snapshot: Snapshot, language: str, text: str, names: list[str]
) -> None:
    screen = speak(language, lookup, snapshot, "министерство")

    assert screen.text == text
    assert labels(screen) == [[name] for name in names]
    assert cards_of(screen) == [AgencyCard(slug=slug) for slug in ("moh", "mod", "mes")]
    assert paging(screen) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Под запрос «министерство» подходит 21 госорган. Какой из них вы имеете в виду?"),
        ("kk", "«министерство» сұрауына 21 орган сәйкес келеді. Сізге қайсысы керек?"),
        ("en", "21 bodies match «министерство». Which one do you mean?"),
    ],
)
def test_many_choices_come_six_a_page_with_a_more_button(
    speak: Speaker, every_body: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, lookup, every_body, "министерство")

    assert screen.text == expected
    assert len(cards_of(screen)) == CHOICES_PER_PAGE == 6
    assert labels(screen)[-1] == [MORE[language]]
    assert paging(screen) == [ChoicePage(key=query_key("министерство"), page=1)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_middle_page_of_choices_goes_back_and_on_and_keeps_the_count(
    speak: Speaker, every_body: Snapshot, language: str
) -> None:
    first = speak(language, lookup, every_body, "министерство", 0)
    middle = speak(language, lookup, every_body, "министерство", 1)

    assert middle.text == first.text
    assert labels(middle)[-1] == [BACK[language], MORE[language]]
    key = query_key("министерство")
    assert paging(middle) == [ChoicePage(key=key, page=0), ChoicePage(key=key, page=2)]
    assert not {c.slug for c in cards_of(first)} & {c.slug for c in cards_of(middle)}


def test_the_pages_of_choices_hold_every_candidate_once(speak: Speaker, every_body: Snapshot) -> None:
    """21 ministries: pages of 6, 6, 6 and 3; the last one only goes back."""
    pages = [speak("en", lookup, every_body, "ministry", page) for page in range(4)]

    slugs = [c.slug for screen in pages for c in cards_of(screen)]
    assert [len(cards_of(screen)) for screen in pages] == [6, 6, 6, 3]
    assert len(set(slugs)) == len(slugs) == 21
    assert labels(pages[-1])[-1] == [BACK["en"]]
    assert paging(pages[-1]) == [ChoicePage(key=query_key("ministry"), page=2)]


@pytest.mark.parametrize(("asked", "shown"), [(99, 3), (-5, 0)])
def test_a_page_of_choices_out_of_range_is_clamped(
    speak: Speaker, every_body: Snapshot, asked: int, shown: int
) -> None:
    assert speak("en", lookup, every_body, "ministry", asked) == speak(
        "en", lookup, every_body, "ministry", shown
    )


def test_the_more_button_carries_a_short_key_of_the_query_not_the_query(
    speak: Speaker, every_body: Snapshot
) -> None:
    """Telegram allows 64 bytes of callback data; the key stands for the query however it
    was spaced or capitalised."""
    screen = speak("ru", lookup, every_body, "  МИНИСТЕРСТВО ")

    assert paging(screen) == [ChoicePage(key=query_key("министерство"), page=1)]
    assert all(len((b.callback_data or "").encode()) <= 64 for row in buttons(screen) for b in row)


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("министерство образования", ["edu", "mshe"]),
        ("минобр", ["edu", "mshe"]),
        ("education ministry", ["edu", "mshe"]),
    ],
)
def test_both_heirs_of_the_ministry_of_education_are_offered(
    speak: Speaker, every_body: Snapshot, query: str, slugs: list[str]
) -> None:
    assert [c.slug for c in cards_of(speak("ru", lookup, every_body, query))] == slugs


# -- labels -----------------------------------------------------------------------------------


def test_a_full_name_too_long_for_a_button_gives_way_to_the_short_name(
    speak: Speaker, every_body: Snapshot
) -> None:
    """The Russian full name of the Anti-Corruption Agency is 65 characters, the English one
    of the financial market's regulator 61: each button shows the short name, not a cut."""
    anticorruption, regulator = every_body.bodies["aca"], every_body.bodies["ardfm"]
    assert len(anticorruption.name("ru")) > LABEL_LIMIT
    assert len(regulator.name("en")) > LABEL_LIMIT

    assert speak("ru", choice_label, anticorruption) == anticorruption.short_name("ru") == "Антикор"
    assert speak("en", choice_label, regulator) == regulator.short_name("en") == "ARDFM"
    assert speak("kk", choice_label, anticorruption) == anticorruption.name("kk")
    assert "Антикор" in [b for row in labels(speak("ru", lookup, every_body, "агентство")) for b in row]


def test_a_label_is_the_full_name_when_it_fits(speak: Speaker, every_body: Snapshot) -> None:
    body = every_body.bodies["mlsp"]

    assert (
        speak("ru", choice_label, body)
        == body.name("ru")
        == "Министерство труда и социальной защиты населения"
    )


def test_when_no_name_fits_the_label_ends_at_a_word_with_an_ellipsis(speak: Speaker) -> None:
    long = "Агентство " + "очень длинного названия " * 5
    body = Agency("x", "agency", {"ru": long}, {"ru": long}, {}, ())

    label = speak("ru", choice_label, body)

    assert len(label) <= LABEL_LIMIT
    assert label.endswith("…")
    assert long.startswith(label[:-1])
    assert long[len(label) - 1] == " "


# -- no match, a blank message ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "По запросу «&lt;b&gt;x&lt;/b&gt;» госорган не найден. Попробуйте короткое название или "
            "аббревиатуру — например, <i>Минфин</i>, <i>МЧС</i>, <i>КНБ</i> — либо посмотрите весь "
            "список: /rank",
        ),
        (
            "kk",
            "«&lt;b&gt;x&lt;/b&gt;» бойынша мемлекеттік орган табылмады. Қысқа атауын немесе "
            "аббревиатурасын жазып көріңіз — мысалы, <i>Қаржы</i>, <i>ТЖМ</i>, <i>ҰҚК</i> — не толық "
            "тізімді қараңыз: /rank",
        ),
        (
            "en",
            "I couldn't find a state body matching «&lt;b&gt;x&lt;/b&gt;». Try a short name or an "
            "abbreviation, for example <i>Finance</i>, <i>MES</i> or <i>KNB</i>, or see the whole "
            "list: /rank",
        ),
    ],
)
def test_no_match_echoes_the_query_escaped_and_says_how_to_ask(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, lookup, snapshot, "<b>x</b>")

    assert screen.text == expected
    assert "<b>x</b>" not in screen.text
    assert screen.markup is None


def test_a_long_miss_is_echoed_shortened(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", lookup, snapshot, "q" * 300)

    assert screen.text.startswith("I couldn't find a state body matching «" + "q" * 79 + "…». ")


def test_the_ambiguous_query_is_echoed_escaped(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", lookup, snapshot, "ministry <i>")

    assert screen.text == "3 bodies match «ministry &lt;i&gt;». Which one do you mean?"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "Пришлите название министерства или агентства — например, <i>Минздрав</i>, <i>МЧС</i> или "
            "<i>КНБ</i>. Что ещё я умею — смотрите в /help.",
        ),
        (
            "kk",
            "Министрліктің немесе агенттіктің атауын жіберіңіз — мысалы, <i>Денсаулық сақтау</i>, "
            "<i>ТЖМ</i> немесе <i>ҰҚК</i>. Тағы не істей алатынымды /help командасынан көріңіз.",
        ),
        (
            "en",
            "Send the name of a ministry or agency — for example <i>Health</i>, <i>MES</i> or "
            "<i>KNB</i>. /help lists what else I can do.",
        ),
    ],
)
@pytest.mark.parametrize("query", ["", "   ", "\n\t "])
def test_a_blank_message_gets_the_hint_not_an_empty_echo(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str, query: str
) -> None:
    screen = speak(language, lookup, snapshot, query)

    assert screen.text == expected
    assert "«»" not in screen.text
    assert screen.markup is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Напишите название министерства или агентства после команды, например: /agency Минздрав"),
        (
            "kk",
            "Командадан кейін министрліктің немесе агенттіктің атауын жазыңыз, мысалы: "
            "/agency Денсаулық сақтау",
        ),
        ("en", "Send the name of a ministry or agency after the command, e.g. /agency Health"),
    ],
)
def test_agency_without_a_name_asks_for_one(speak: Speaker, language: str, expected: str) -> None:
    screen = speak(language, agency_prompt)

    assert screen.text == expected
    assert screen.markup is None
