"""What following says: subscribing to every rating or to one body, leaving, the list of
what a chat follows with a button to drop each, and the confirm before dropping them all."""

from __future__ import annotations

import pytest

from bot.domain.snapshot import Snapshot
from bot.store.records import ALL
from bot.views.callbacks import DropAll, Unfollow
from bot.views.subscriptions import (
    admins_only,
    confirm_drop_all,
    dropped_all,
    listing,
    nothing_changed,
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
            "Готово: я напишу, когда будет опубликован новый рейтинг. Ваши подписки — в /subscriptions.",
            "Вы уже получаете сообщение, когда публикуется новый рейтинг.",
        ),
        (
            "kk",
            "Дайын: жаңа рейтинг жарияланғанда хабарлаймын. Жазылымдарыңызды /subscriptions "
            "командасынан көріңіз.",
            "Сіз жаңа рейтинг жарияланғанда хабарламаны қазірдің өзінде аласыз.",
        ),
        (
            "en",
            "Done: I will write when a new rating is published. /subscriptions lists what you follow.",
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
            "Вы подписались: Министерство здравоохранения. Я напишу, когда в новом рейтинге появятся "
            "его показатели.",
            "Вы уже подписаны: Министерство здравоохранения.",
        ),
        (
            "kk",
            "Сіз Денсаулық сақтау министрлігі бойынша жазылдыңыз: жаңа рейтингте оның көрсеткіштері шыққанда "
            "хабарлаймын.",
            "Сіз Денсаулық сақтау министрлігі бойынша жазылып қойғансыз.",
        ),
        (
            "en",
            "You follow Ministry of Health now: I will write when a new rating shows its figures.",
            "You already follow Ministry of Health.",
        ),
    ],
)
def test_following_a_body_names_it_in_the_readers_language(
    speak: Speaker, snapshot: Snapshot, language: str, new: str, already: str
) -> None:
    assert speak(language, subscribed, snapshot, "moh", new=True) == new
    assert speak(language, subscribed, snapshot, "moh", new=False) == already


def test_a_topic_shown_as_its_slug_is_escaped(speak: Speaker, snapshot: Snapshot) -> None:
    assert speak("en", subscribed, snapshot, "<x>", new=False) == "You already follow &lt;x&gt;."


@pytest.mark.parametrize(
    ("language", "every", "body"),
    [
        (
            "ru",
            "Вы больше не будете получать сообщения о новых рейтингах.",
            "Вы отписались: Министерство здравоохранения.",
        ),
        (
            "kk",
            "Енді жаңа рейтингтер туралы хабарлама алмайсыз.",
            "Сіз Денсаулық сақтау министрлігі бойынша жазылымнан бас тарттыңыз.",
        ),
        ("en", "You will no longer get every new rating.", "You no longer follow Ministry of Health."),
    ],
)
def test_leaving_says_what_was_left(
    speak: Speaker, snapshot: Snapshot, language: str, every: str, body: str
) -> None:
    assert speak(language, unsubscribed, snapshot, ALL) == every
    assert speak(language, unsubscribed, snapshot, "moh") == body


# -- the list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "У вас пока нет подписок. Отправьте /subscribe, чтобы узнавать о каждом новом рейтинге, или "
            "откройте карточку госоргана и нажмите «🔔 Подписаться».",
        ),
        (
            "kk",
            "Әзірге сізде жазылым жоқ. Әр жаңа рейтинг туралы білу үшін /subscribe командасын жіберіңіз "
            "немесе мемлекеттік органның карточкасын ашып, «🔔 Жазылу» батырмасын басыңыз.",
        ),
        (
            "en",
            "You follow nothing yet. /subscribe to hear of every new rating, or open a body's card and "
            "press 🔔 Follow.",
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
                "<b>Ваши подписки</b>",
                "• все новые рейтинги",
                "• Министерство здравоохранения",
                "• Министерство обороны",
            ],
            [["❌ все новые рейтинги"], ["❌ Минздрав"], ["❌ Минобороны"]],
        ),
        (
            "kk",
            [
                "<b>Сіздің жазылымдарыңыз</b>",
                "• барлық жаңа рейтингтер",
                "• Денсаулық сақтау министрлігі",
                "• Қорғаныс министрлігі",
            ],
            [["❌ барлық жаңа рейтингтер"], ["❌ Денсаулық сақтау"], ["❌ Қорғаныс"]],
        ),
        (
            "en",
            ["<b>You follow</b>", "• every new rating", "• Ministry of Health", "• Ministry of Defence"],
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

    assert screen.text.split("\n") == ["<b>You follow</b>", "• gone&lt;1&gt;"]
    assert labels(screen) == [["❌ gone<1>"]]
    assert Unfollow.unpack(buttons(screen)[0][0].callback_data or "") == Unfollow(
        topic="gone<1>", listing=True
    )


# -- dropping everything ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ru", 1, "Отменить 1 подписку?"),
        ("ru", 3, "Отменить все 3 подписки?"),
        ("ru", 5, "Отменить все 5 подписок?"),
        ("ru", 22, "Отменить все 22 подписки?"),
        ("kk", 1, "1 жазылымыңызды тоқтатасыз ба?"),
        ("kk", 3, "Барлық 3 жазылымыңызды тоқтатасыз ба?"),
        ("en", 1, "Stop your 1 subscription?"),
        ("en", 3, "Stop all 3 of your subscriptions?"),
    ],
)
def test_dropping_all_asks_first_with_the_count_in_the_languages_plural(
    speak: Speaker, language: str, count: int, expected: str
) -> None:
    assert speak(language, confirm_drop_all, count).text == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", [["Да, отменить все", "Отмена"]]),
        ("kk", [["Иә, бәрін тоқтату", "Бас тарту"]]),
        ("en", [["Yes, stop them all", "Cancel"]]),
    ],
)
def test_the_confirm_has_a_yes_and_a_cancel(speak: Speaker, language: str, expected: list[list[str]]) -> None:
    screen = speak(language, confirm_drop_all, 2)

    assert labels(screen) == expected
    assert [DropAll.unpack(b.callback_data or "") for b in buttons(screen)[0]] == [
        DropAll(confirm=True),
        DropAll(confirm=False),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "У вас нет подписок, отменять нечего."),
        ("kk", "Сізде жазылым жоқ, сондықтан тоқтататын ештеңе жоқ."),
        ("en", "You follow nothing, so there is nothing to stop."),
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
            "Готово: у вас больше нет подписок.",
            "Ничего не изменилось.",
            "Менять подписки этой группы могут только её администраторы.",
        ),
        (
            "kk",
            "Дайын: енді сізде ешқандай жазылым жоқ.",
            "Ештеңе өзгерген жоқ.",
            "Бұл топтың жазылымдарын тек оның әкімшілері өзгерте алады.",
        ),
        (
            "en",
            "Done: you follow nothing now.",
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
