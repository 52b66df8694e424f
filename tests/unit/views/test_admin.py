"""/stats: the operator's summary of users, chats, subscriptions and, when there is one,
the delivery of the last release, in the operator's language."""

from __future__ import annotations

import pytest

from bot.store.records import Progress, Totals
from bot.views.admin import stats
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
        "",
        "Последний рейтинг: 2025, загружен 2026-01-30 10:00:00",
        "Рассылка: отправлено — 6, в очереди — 1, с ошибкой — 2, отменено — 3",
    ],
    "kk": [
        "<b>Бот статистикасы</b>",
        "Пайдаланушылар: 12",
        "Белсенді чаттар: 10 (белсенді емес: 2)",
        "Жазылымдар: барлық рейтингтерге — 7, жекелеген мемлекеттік органдарға — 5",
        "",
        "Соңғы рейтинг: 2025, жүктелген уақыты: 2026-01-30 10:00:00",
        "Жіберу: жіберілді — 6, кезекте — 1, сәтсіз — 2, тоқтатылды — 3",
    ],
    "en": [
        "<b>Bot statistics</b>",
        "Users: 12",
        "Active chats: 10 (inactive: 2)",
        "Subscriptions: 7 to every rating, 5 to single bodies",
        "",
        "Last release: 2025, imported 2026-01-30 10:00:00",
        "Deliveries: 6 sent, 1 queued, 2 failed, 3 dropped",
    ],
}


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_stats_give_the_totals_and_the_last_releases_deliveries(speak: Speaker, language: str) -> None:
    assert speak(language, stats, TOTALS, [LAST]).split("\n") == EXPECTED[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_only_the_first_release_in_the_list_is_reported(speak: Speaker, language: str) -> None:
    text = speak(language, stats, TOTALS, [LAST, EARLIER])

    assert text.split("\n") == EXPECTED[language]
    assert "2024" not in text


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_before_any_release_only_the_totals_are_given(speak: Speaker, language: str) -> None:
    assert speak(language, stats, TOTALS, []).split("\n") == EXPECTED[language][:4]
