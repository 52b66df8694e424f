"""The operator's views, in the operator's language: /stats (users, chats, subscriptions,
how notifications go out and, when there is one, the delivery of the last release), and
the admins' message that follows a release's delivery, then sums it up."""

from __future__ import annotations

import pytest

from bot.store.records import Progress, Totals
from bot.views.admin import bar, delivery_done, delivery_progress, stats
from tests.unit.views.conftest import Speaker

TOTALS = Totals(users=12, active_chats=10, inactive_chats=2, subscriptions_all=7, subscriptions_agency=5)
LAST = Progress(
    release_id=3, year=2025, imported_at="2026-01-30 10:00:00", pending=1, sent=6, failed=2, dropped=3
)
EARLIER = Progress(
    release_id=2, year=2024, imported_at="2025-02-01 09:00:00", pending=0, sent=9, failed=0, dropped=0
)

EXPECTED = {
    "ru": [
        "<b>Статистика бота</b>",
        "Пользователи: 12",
        "Активные чаты: 10 (неактивные: 2)",
        "Подписки: на все рейтинги — 7, на отдельные госорганы — 5",
        "Уведомления: до 25 в секунду, бесплатно",
        "",
        "Последний рейтинг: 2025, загружен 2026-01-30 10:00:00",
        "Рассылка: отправлено — 6, в очереди — 1, с ошибкой — 2, отменено — 3",
    ],
    "kk": [
        "<b>Бот статистикасы</b>",
        "Пайдаланушылар: 12",
        "Белсенді чаттар: 10 (белсенді емес: 2)",
        "Жазылымдар: барлық рейтингтерге — 7, жекелеген мемлекеттік органдарға — 5",
        "Хабарламалар: секундына ең көбі 25, тегін",
        "",
        "Соңғы рейтинг: 2025, жүктелген уақыты: 2026-01-30 10:00:00",
        "Жіберу: жіберілді — 6, кезекте — 1, сәтсіз — 2, тоқтатылды — 3",
    ],
    "en": [
        "<b>Bot statistics</b>",
        "Users: 12",
        "Active chats: 10 (inactive: 2)",
        "Subscriptions: 7 to every rating, 5 to single bodies",
        "Notifications: up to 25 a second, free",
        "",
        "Last release: 2025, imported 2026-01-30 10:00:00",
        "Deliveries: 6 sent, 1 queued, 2 failed, 3 dropped",
    ],
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_stats_give_the_totals_and_the_last_releases_deliveries(speak: Speaker, language: str) -> None:
    assert speak(language, stats, TOTALS, [LAST], rate=25, paid=False).split("\n") == EXPECTED[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_only_the_first_release_in_the_list_is_reported(speak: Speaker, language: str) -> None:
    text = speak(language, stats, TOTALS, [LAST, EARLIER], rate=25, paid=False)

    assert text.split("\n") == EXPECTED[language]
    assert "2024" not in text


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_before_any_release_only_the_totals_are_given(speak: Speaker, language: str) -> None:
    assert speak(language, stats, TOTALS, [], rate=25, paid=False).split("\n") == EXPECTED[language][:5]


PAID = {
    "ru": (
        "Уведомления: до 1\u00a0000 в секунду, платная рассылка "
        "(сверх 30 в секунду Telegram списывает звёзды)"
    ),
    "kk": (
        "Хабарламалар: секундына ең көбі 1\u00a0000, ақылы тарату "
        "(секундына 30-дан асқан хабарламалар үшін Telegram жұлдызбен ақы алады)"
    ),
    "en": "Notifications: up to 1,000 a second, paid broadcast (Telegram charges Stars above 30)",
}
FREE_FRACTION = {
    "ru": "Уведомления: до 12,5 в секунду, бесплатно",
    "kk": "Хабарламалар: секундына ең көбі 12,5, тегін",
    "en": "Notifications: up to 12.5 a second, free",
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_stats_say_whether_notifications_go_out_as_paid_broadcast(speak: Speaker, language: str) -> None:
    paid = speak(language, stats, TOTALS, [], rate=1000, paid=True).split("\n")
    free = speak(language, stats, TOTALS, [], rate=12.5, paid=False).split("\n")
    assert paid == [*EXPECTED[language][:4], PAID[language]]
    assert free == [*EXPECTED[language][:4], FREE_FRACTION[language]]


# -- the admins' message while a release goes out ------------------------------------------

#: 360 chats: 51 sent in the first two seconds (25 a second), 4 failed, 5 dropped, 300 queued.
GOING = Progress(
    release_id=7,
    year=2026,
    imported_at="2026-02-01 09:59:58",
    pending=300,
    sent=51,
    failed=4,
    dropped=5,
    first_sent_at="2026-02-01T10:00:00.000+00:00",
    last_sent_at="2026-02-01T10:00:02.000+00:00",
)
#: Just begun: one message sent, so no rate yet.
BEGUN = Progress(
    7, 2026, "2026-02-01 09:59:58", 300, 1, 0, 0, "2026-02-01T10:00:00.000+00:00", GOING.first_sent_at
)
#: Over: 1201 sent in 100 seconds (12 a second after the first), 4 failed, 5 dropped.
DONE = Progress(
    7,
    2026,
    "2026-02-01 09:59:58",
    0,
    1201,
    4,
    5,
    "2026-02-01T10:00:00.000+00:00",
    "2026-02-01T10:01:40.000+00:00",
)

DELIVERING = {
    "ru": [
        "📬 <b>Рассылка рейтинга за 2026 год</b>",
        "▓░░░░░░░░░ 16\u00a0%",
        "Отправлено: 51 · в очереди: 300 · с ошибкой: 9",
        "25,0 в секунду; до конца примерно 12 секунд",
    ],
    "kk": [
        "📬 <b>2026 жылғы рейтинг таратылуда</b>",
        "▓░░░░░░░░░ 16%",
        "Жіберілді: 51 · кезекте: 300 · сәтсіз: 9",
        "секундына 25,0 хабарлама; шамамен 12 секунд қалды",
    ],
    "en": [
        "📬 <b>Delivering the 2026 rating</b>",
        "▓░░░░░░░░░ 16%",
        "Sent 51 · queued 300 · failed 9",
        "25.0 a second; about 12 seconds left",
    ],
}
DELIVERED = {
    "ru": [
        "✅ <b>Рейтинг за 2026 год разослан</b>",
        "Отправлено: 1\u00a0201 · с ошибкой: 4 · отменено (бот заблокирован): 5",
        "Время рассылки: 2 минуты, в среднем 12,0 в секунду",
    ],
    "kk": [
        "✅ <b>2026 жылғы рейтинг таратылды</b>",
        "Жіберілді: 1\u00a0201 · сәтсіз: 4 · тоқтатылды (бот бұғатталған): 5",
        "2 минут ішінде, секундына орта есеппен 12,0 хабарлама",
    ],
    "en": [
        "✅ <b>The 2026 rating was delivered</b>",
        "Sent 1,201 · failed 4 · dropped (blocked the bot) 5",
        "In 2 minutes, 12.0 a second",
    ],
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_progress_message_shows_the_bar_the_counts_the_rate_and_the_time_left(
    speak: Speaker, language: str
) -> None:
    assert speak(language, delivery_progress, GOING).split("\n") == DELIVERING[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_before_a_rate_can_be_told_the_progress_message_has_no_pace_line(
    speak: Speaker, language: str
) -> None:
    lines = speak(language, delivery_progress, BEGUN).split("\n")
    assert lines[0] == DELIVERING[language][0]
    assert lines[1] == {"ru": "░░░░░░░░░░ 0\u00a0%", "kk": "░░░░░░░░░░ 0%", "en": "░░░░░░░░░░ 0%"}[language]
    assert len(lines) == 3


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_summary_gives_the_counts_the_time_taken_and_the_rate(speak: Speaker, language: str) -> None:
    assert speak(language, delivery_done, DONE).split("\n") == DELIVERED[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_summary_without_a_span_of_sends_gives_only_the_counts(speak: Speaker, language: str) -> None:
    single = Progress(7, 2026, "2026-02-01 09:59:58", 0, 1, 0, 0, GOING.first_sent_at, GOING.first_sent_at)
    lines = speak(language, delivery_done, single).split("\n")
    assert lines[0] == DELIVERED[language][0]
    assert len(lines) == 2


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_stats_add_the_pace_line_only_while_the_last_release_is_being_delivered(
    speak: Speaker, language: str
) -> None:
    going = speak(language, stats, TOTALS, [GOING], rate=25, paid=False).split("\n")
    assert going[-1] == DELIVERING[language][-1]
    over = Progress(7, 2026, "2026-02-01 09:59:58", 0, 351, 4, 5, GOING.first_sent_at, GOING.last_sent_at)
    finished = speak(language, stats, TOTALS, [over], rate=25, paid=False).split("\n")
    assert len(finished) == len(going) - 1
    assert finished[-1] != going[-1]


@pytest.mark.parametrize(
    ("done", "total", "shown"),
    [
        (0, 360, "░░░░░░░░░░ 0%"),
        (60, 360, "▓░░░░░░░░░ 16%"),
        (180, 360, "▓▓▓▓▓░░░░░ 50%"),
        (359, 360, "▓▓▓▓▓▓▓▓▓░ 99%"),  # not full while one is still queued
        (360, 360, "▓▓▓▓▓▓▓▓▓▓ 100%"),
        (0, 0, "▓▓▓▓▓▓▓▓▓▓ 100%"),  # nothing to deliver is all delivered
    ],
)
def test_the_bar_has_ten_cells_filled_by_the_share_delivered(
    speak: Speaker, done: int, total: int, shown: str
) -> None:
    assert speak("en", bar, done, total) == shown
