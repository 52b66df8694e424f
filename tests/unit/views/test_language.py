"""/language: the menu ticks the language this text is written in; once a language is
chosen, the confirmation is written in that language and the tick moves with it."""

from __future__ import annotations

import pytest

from bot.views.callbacks import LanguageChoice
from bot.views.language import chosen, menu
from tests.unit.views.conftest import Speaker, buttons, labels

TICKED = {
    "ru": [["✓ Русский", "Қазақша", "English"]],
    "kk": [["Русский", "✓ Қазақша", "English"]],
    "en": [["Русский", "Қазақша", "✓ English"]],
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Выберите, на каком языке мне с вами говорить:"),
        ("kk", "Сізбен қай тілде сөйлесейін? Тілді таңдаңыз:"),
        ("en", "Choose the language I speak with you:"),
    ],
)
def test_the_menu_asks_in_the_current_language_and_ticks_it(
    speak: Speaker, language: str, expected: str
) -> None:
    screen = speak(language, menu)

    assert screen.text == expected
    assert labels(screen) == TICKED[language]


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_each_language_button_chooses_its_own_code_whatever_the_current_language(
    speak: Speaker, language: str
) -> None:
    screen = speak(language, menu)

    assert [LanguageChoice.unpack(b.callback_data or "").code for b in buttons(screen)[0]] == [
        "ru",
        "kk",
        "en",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Готово: теперь я говорю с вами по-русски."),
        ("kk", "Жарайды: енді сізбен қазақша сөйлесемін."),
        ("en", "Done: I will speak English with you."),
    ],
)
def test_the_confirmation_names_the_chosen_language_in_that_language(
    speak: Speaker, language: str, expected: str
) -> None:
    screen = speak(language, chosen)

    assert screen.text == expected
    assert labels(screen) == TICKED[language]
    assert [LanguageChoice.unpack(b.callback_data or "").code for b in buttons(screen)[0]] == [
        "ru",
        "kk",
        "en",
    ]
