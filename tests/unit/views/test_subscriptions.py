"""What following says: subscribing to every rating or to one body (by name, choosing when a
name means several), leaving, the list of a chat's subscriptions with a button to drop
each, and the confirm before dropping them all."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import ALL
from bot.views.callbacks import DropAll, Follow, Unfollow
from bot.views.lookup import lookup
from bot.views.screen import Screen
from bot.views.subscriptions import (
    admins_only,
    confirm_drop_all,
    dropped_all,
    listing,
    not_subscribed,
    nothing_changed,
    pick_body,
    subscribed,
    topic_name,
    unsubscribed,
)
from tests.unit.views.conftest import LANGUAGES, Speaker, buttons, labels

HEALTH = {
    "ru": "Министерство здравоохранения",
    "kk": "Денсаулық сақтау министрлігі",
    "en": "Ministry of Health",
}
DEFENCE = {"ru": "Министерство обороны", "kk": "Қорғаныс министрлігі", "en": "Ministry of Defence"}
EMERGENCIES = {
    "ru": "Министерство по чрезвычайным ситуациям",
    "kk": "Төтенше жағдайлар министрлігі",
    "en": "Ministry of Emergency Situations",
}
NO = {"ru": "Нет", "kk": "Жоқ", "en": "No"}


# -- topic names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "все новые рейтинги"), ("kk", "барлық жаңа рейтингтер"), ("en", "every new rating")],
)
def test_the_topic_of_every_rating_has_a_name(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    assert speak(language, topic_name, snapshot, ALL) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_body_topic_is_the_bodys_full_name(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    assert speak(language, topic_name, snapshot, "moh") == HEALTH[language]


def test_a_topic_the_list_no_longer_names_is_shown_as_its_slug(speak: Speaker, snapshot: Snapshot) -> None:
    assert speak("ru", topic_name, snapshot, "gone") == "gone"


# -- subscribing and leaving ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "new", "already"),
    [
        (
            "ru",
            "Готово: я напишу, когда выйдет новый рейтинг. Список подписок — в /subscriptions.",
            "Вы уже подписаны на уведомления о новых рейтингах.",
        ),
        (
            "kk",
            "Жарайды: жаңа рейтинг жарияланғанда хабарлаймын. Жазылымдар тізімін /subscriptions "
            "командасынан көріңіз.",
            "Сіз жаңа рейтингтер туралы хабарламаға жазылып қойғансыз.",
        ),
        (
            "en",
            "Done: I will write when a new rating is published. "
            "/subscriptions lists this chat's subscriptions.",
            "You already get a message when a new rating is published.",
        ),
    ],
)
def test_subscribing_to_every_rating_tells_a_new_follower_from_an_old_one(
    speak: Speaker, snapshot: Snapshot, language: str, new: str, already: str
) -> None:
    assert speak(language, subscribed, snapshot, ALL, new=True) == new
    assert speak(language, subscribed, snapshot, ALL, new=False) == already


@pytest.mark.parametrize(
    ("language", "new", "already"),
    [
        (
            "ru",
            "Подписка оформлена: Министерство здравоохранения. Напишу, когда в новом рейтинге появятся "
            "данные по этому госоргану.",
            "Подписка уже оформлена: Министерство здравоохранения.",
        ),
        (
            "kk",
            "Жазылдыңыз: Денсаулық сақтау министрлігі. Жаңа рейтингте оның көрсеткіштері шыққанда "
            "хабарлаймын.",
            "Жазылып қойғансыз: Денсаулық сақтау министрлігі.",
        ),
        (
            "en",
            "Subscribed: Ministry of Health. I will write when a new rating is published.",
            "Already subscribed: Ministry of Health.",
        ),
    ],
)
def test_following_a_body_names_it_in_the_readers_language(
    speak: Speaker, snapshot: Snapshot, language: str, new: str, already: str
) -> None:
    assert speak(language, subscribed, snapshot, "moh", new=True) == new
    assert speak(language, subscribed, snapshot, "moh", new=False) == already


def test_a_topic_shown_as_its_slug_is_escaped(speak: Speaker, snapshot: Snapshot) -> None:
    assert speak("en", subscribed, snapshot, "<x>", new=False) == "Already subscribed: &lt;x&gt;."


@pytest.mark.parametrize(
    ("language", "every", "body"),
    [
        (
            "ru",
            "Вы больше не будете получать сообщения о новых рейтингах.",
            "Подписка отменена: Министерство здравоохранения.",
        ),
        (
            "kk",
            "Енді жаңа рейтингтер туралы хабарлама алмайсыз.",
            "Жазылымнан шықтыңыз: Денсаулық сақтау министрлігі.",
        ),
        (
            "en",
            "You will no longer get a message when a new rating is published.",
            "Unsubscribed: Ministry of Health.",
        ),
    ],
)
def test_leaving_says_what_was_left(
    speak: Speaker, snapshot: Snapshot, language: str, every: str, body: str
) -> None:
    assert speak(language, unsubscribed, snapshot, ALL) == every
    assert speak(language, unsubscribed, snapshot, "moh") == body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "В этом чате нет подписки: Министерство здравоохранения."),
        ("kk", "Бұл чатта жазылым жоқ: Денсаулық сақтау министрлігі."),
        ("en", "This chat is not subscribed to Ministry of Health."),
    ],
)
def test_leaving_a_body_not_followed_says_the_chat_does_not_follow_it(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    assert speak(language, not_subscribed, snapshot, "moh") == expected


# -- /subscribe NAME and /unsubscribe NAME ----------------------------------------------------


@pytest.mark.parametrize("query", ["Минздрав", "минздрава", "Денсаулық сақтау", "health ministry"])
@pytest.mark.parametrize("unfollow", [False, True])
def test_a_name_that_means_one_body_is_that_bodys_topic(
    speak: Speaker, snapshot: Snapshot, query: str, unfollow: bool
) -> None:
    assert speak("ru", pick_body, snapshot, query, unfollow=unfollow) == "moh"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Под запрос «министерство» подходят 3 госоргана. Какой из них вы имеете в виду?"),
        ("kk", "«министерство» сұрауына 3 орган сәйкес келеді. Сізге қайсысы керек?"),
        ("en", "3 bodies match «министерство». Which one do you mean?"),
    ],
)
def test_a_name_of_several_bodies_offers_to_follow_the_one_meant(
    speak: Speaker, snapshot: Snapshot, language: str, text: str
) -> None:
    screen = speak(language, pick_body, snapshot, "министерство")

    assert isinstance(screen, Screen)
    assert screen.text == text
    assert labels(screen) == [[HEALTH[language]], [DEFENCE[language]], [EMERGENCIES[language]]]
    assert [Follow.unpack(row[0].callback_data or "") for row in buttons(screen)] == [
        Follow(topic="moh"),
        Follow(topic="mod"),
        Follow(topic="mes"),
    ]


def test_a_name_of_several_bodies_offers_to_unfollow_the_one_meant(
    speak: Speaker, snapshot: Snapshot
) -> None:
    screen = speak("en", pick_body, snapshot, "министерство", unfollow=True)

    assert isinstance(screen, Screen)
    assert [Unfollow.unpack(row[0].callback_data or "") for row in buttons(screen)] == [
        Unfollow(topic="moh"),
        Unfollow(topic="mod"),
        Unfollow(topic="mes"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_name_of_no_body_says_so_as_a_look_up_would(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, pick_body, snapshot, "<b>x</b>")

    assert isinstance(screen, Screen)
    assert screen.text == speak(language, lookup, snapshot, "<b>x</b>").text
    assert screen.markup is None


# -- the list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "В этом чате пока нет подписок. Отправьте /subscribe, чтобы узнавать о каждом новом рейтинге, "
            "или откройте карточку госоргана и нажмите «🔔 Подписаться».",
        ),
        (
            "kk",
            "Бұл чатта әзірге жазылым жоқ. Әр жаңа рейтинг туралы хабарлама алу үшін /subscribe командасын "
            "жіберіңіз немесе мемлекеттік органның карточкасын ашып, «🔔 Жазылу» батырмасын басыңыз.",
        ),
        (
            "en",
            "This chat has no subscriptions yet. /subscribe to get notified of each new rating, or open a "
            "body's card and press 🔔 Follow.",
        ),
    ],
)
def test_an_empty_list_says_how_to_follow(
    speak: Speaker, snapshot: Snapshot, language: str, expected: str
) -> None:
    screen = speak(language, listing, snapshot, [])

    assert screen.text == expected
    assert screen.markup is None


@pytest.mark.parametrize(
    ("language", "lines", "buttons_text"),
    [
        (
            "ru",
            [
                "<b>Подписки в этом чате</b>",
                "• все новые рейтинги",
                "• Министерство здравоохранения",
                "• Министерство обороны",
            ],
            [["❌ все новые рейтинги"], ["❌ Минздрав"], ["❌ Минобороны"]],
        ),
        (
            "kk",
            [
                "<b>Осы чаттың жазылымдары</b>",
                "• барлық жаңа рейтингтер",
                "• Денсаулық сақтау министрлігі",
                "• Қорғаныс министрлігі",
            ],
            [["❌ барлық жаңа рейтингтер"], ["❌ Денсаулық сақтау"], ["❌ Қорғаныс"]],
        ),
        (
            "en",
            [
                "<b>This chat's subscriptions</b>",
                "• every new rating",
                "• Ministry of Health",
                "• Ministry of Defence",
            ],
            [["❌ every new rating"], ["❌ Health"], ["❌ Defence"]],
        ),
    ],
)
def test_the_list_names_each_topic_and_offers_to_drop_it_by_short_name(
    speak: Speaker, snapshot: Snapshot, language: str, lines: list[str], buttons_text: list[list[str]]
) -> None:
    screen = speak(language, listing, snapshot, [ALL, "moh", "mod"])

    assert screen.text.split("\n") == lines
    assert labels(screen) == buttons_text
    assert [Unfollow.unpack(row[0].callback_data or "") for row in buttons(screen)] == [
        Unfollow(topic=ALL, listing=True),
        Unfollow(topic="moh", listing=True),
        Unfollow(topic="mod", listing=True),
    ]


def test_a_topic_the_list_no_longer_names_can_still_be_dropped(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", listing, snapshot, ["gone<1>"])

    assert screen.text.split("\n") == ["<b>This chat's subscriptions</b>", "• gone&lt;1&gt;"]
    assert labels(screen) == [["❌ gone<1>"]]
    assert Unfollow.unpack(buttons(screen)[0][0].callback_data or "") == Unfollow(
        topic="gone<1>", listing=True
    )


# -- dropping everything ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "yes"),
    [
        ("ru", "Отменить подписку?", "Да, отменить"),
        ("kk", "Жазылымнан бас тартасыз ба?", "Иә, бас тартамын"),
        ("en", "Cancel this chat's subscription?", "Yes, cancel it"),
    ],
)
def test_dropping_the_only_subscription_asks_without_a_count(
    speak: Speaker, language: str, expected: str, yes: str
) -> None:
    """One subscription: "Cancel this chat's subscription? [Yes, cancel it]", not "all 1"."""
    screen = speak(language, confirm_drop_all, 1)

    assert screen.text == expected
    assert labels(screen) == [[yes, NO[language]]]


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ru", 3, "Отменить все 3 подписки в этом чате?"),
        ("ru", 5, "Отменить все 5 подписок в этом чате?"),
        ("ru", 22, "Отменить все 22 подписки в этом чате?"),
        ("ru", 21, "Отменить 21 подписку в этом чате?"),
        ("kk", 3, "Осы чаттағы барлық 3 жазылымнан бас тартасыз ба?"),
        ("en", 3, "Cancel all 3 of this chat's subscriptions?"),
    ],
)
def test_dropping_all_asks_first_with_the_count_in_the_languages_plural(
    speak: Speaker, language: str, count: int, expected: str
) -> None:
    assert speak(language, confirm_drop_all, count).text == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", [["Да, отменить все", "Нет"]]),
        ("kk", [["Иә, бәрінен бас тартамын", "Жоқ"]]),
        ("en", [["Yes, cancel them all", "No"]]),
    ],
)
def test_the_confirm_has_a_yes_and_a_no(speak: Speaker, language: str, expected: list[list[str]]) -> None:
    screen = speak(language, confirm_drop_all, 2)

    assert labels(screen) == expected
    assert [DropAll.unpack(b.callback_data or "") for b in buttons(screen)[0]] == [
        DropAll(confirm=True),
        DropAll(confirm=False),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Отменять нечего: подписок нет."),
        ("kk", "Бас тартатын жазылым жоқ."),
        ("en", "There are no subscriptions to cancel."),
    ],
)
def test_with_nothing_followed_there_is_nothing_to_confirm(
    speak: Speaker, language: str, expected: str
) -> None:
    screen = speak(language, confirm_drop_all, 0)

    assert screen.text == expected
    assert screen.markup is None


@pytest.mark.parametrize(
    ("language", "dropped", "unchanged", "admins"),
    [
        (
            "ru",
            "Готово: в этом чате больше нет подписок.",
            "Ничего не изменилось.",
            "Менять подписки этой группы могут только её администраторы.",
        ),
        (
            "kk",
            "Жарайды: енді бұл чатта жазылым жоқ.",
            "Ештеңе өзгерген жоқ.",
            "Бұл топтың жазылымдарын тек оның әкімшілері өзгерте алады.",
        ),
        (
            "en",
            "Done: this chat has no subscriptions now.",
            "Nothing changed.",
            "Only this group's admins can change what it follows.",
        ),
    ],
)
def test_the_short_replies_are_translated(
    speak: Speaker, language: str, dropped: str, unchanged: str, admins: str
) -> None:
    assert speak(language, dropped_all) == dropped
    assert speak(language, nothing_changed) == unchanged
    assert speak(language, admins_only) == admins
