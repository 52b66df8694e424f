"""Import by upload as the admin reads it, in each language: the dry run's report with
Confirm / Cancel, the importer's problems in a bounded, escaped <pre>, the result."""

from __future__ import annotations

import pytest

from bot.domain.import_report import ImportReport, ReleaseReport
from bot.domain.snapshot import Snapshot
from bot.domain.uploads import Outcome
from bot.views.callbacks import UploadAction
from bot.views.upload import imported, outcome, report, too_big
from tests.unit.views.conftest import LANGUAGES, Speaker, labels

TOKEN = "0123456789abcdef"
NEW = ImportReport("/db", True, 0, (ReleaseReport(2026, "new", 32, queued=120),))
CORRECTED = ImportReport(
    "/db",
    True,
    0,
    (ReleaseReport(2025, "corrected", 4, added=("acj",), changed=("moh",), removed=("mes",), queued=2),),
)
UNCHANGED = ImportReport("/db", True, 0, (ReleaseReport(2025, "unchanged", 4),))

EXPECTED_NEW = {
    "ru": [
        "📄 Файл «rating-2026.csv» проверен, пока ничего не записано.",
        "",
        "<b>2026</b>: новый рейтинг, 32 госоргана.",
        "Уведомлений будет поставлено в очередь: 120.",
        "",
        "Нажмите «Подтвердить», чтобы загрузить файл: новые данные сразу увидят все пользователи.",
    ],
    "kk": [
        "📄 «rating-2026.csv» файлы тексерілді, әзірге ештеңе жазылған жоқ.",
        "",
        "<b>2026</b>: жаңа рейтинг, 32 мемлекеттік орган.",
        "Кезекке қойылатын хабарламалар саны: 120.",
        "",
        "Жүктеу үшін «Растау» батырмасын басыңыз: жаңа деректерді барлық пайдаланушылар бірден көреді.",
    ],
    "en": [
        "📄 «rating-2026.csv» is checked; nothing is written yet.",
        "",
        "<b>2026</b>: a new release, 32 bodies.",
        "Notifications to queue: 120.",
        "",
        "Press «Confirm» to load it: everyone will see the new figures at once.",
    ],
}
BUTTONS = {
    "ru": ["✅ Подтвердить", "✖️ Отмена"],
    "kk": ["✅ Растау", "✖️ Бас тарту"],
    "en": ["✅ Confirm", "✖️ Cancel"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_release_is_reported_with_confirm_and_cancel(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, report, NEW, snapshot, "rating-2026.csv", TOKEN)

    assert screen.text.split("\n") == EXPECTED_NEW[language]
    assert labels(screen) == [BUTTONS[language]]
    assert screen.markup is not None
    assert [b.callback_data for b in screen.markup.inline_keyboard[0]] == [
        UploadAction(token=TOKEN, confirm=True).pack(),
        UploadAction(token=TOKEN, confirm=False).pack(),
    ]


@pytest.mark.parametrize(
    ("language", "line", "names"),
    [
        ("ru", "<b>2025</b>: исправленный рейтинг (изменено: 1, добавлено: 1, удалено: 1).", "Минздрав"),
        (
            "kk",
            "<b>2025</b>: түзетілген рейтинг (өзгергені: 1, қосылғаны: 1, алынып тасталғаны: 1).",
            "Денсаулық сақтау",
        ),
        ("en", "<b>2025</b>: a corrected release (changed: 1, added: 1, removed: 1).", "Health"),
    ],
)
def test_a_correction_says_how_many_bodies_changed_and_names_them(
    speak: Speaker, snapshot: Snapshot, language: str, line: str, names: str
) -> None:
    screen = speak(language, report, CORRECTED, snapshot, "r.csv", TOKEN)

    lines = screen.text.split("\n")
    assert line in lines
    named = lines[lines.index(line) + 1]
    assert names in named
    assert named.count(", ") == 2  # changed, added, removed: three bodies


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_figures_again_have_nothing_to_confirm(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    screen = speak(language, report, UNCHANGED, snapshot, "r.csv", TOKEN)

    assert screen.markup is None
    assert "2025" in screen.text


def test_problems_are_the_importers_lines_bounded_and_escaped_in_a_translated_frame(
    speak: Speaker, snapshot: Snapshot
) -> None:
    problems = tuple(f"row {n}: unknown agency «<b>{'x' * 10_000}</b>»" for n in range(2, 1002))
    problems = ("row 1: \x1b[31mred\x1b[0m \u202eevil\r", *problems)
    screen = speak(
        "ru", report, ImportReport("/db", True, 1, problems=problems), snapshot, "<i>r</i>.csv", TOKEN
    )

    text = screen.text
    assert screen.markup is None
    assert len(text) < 4096
    assert text.startswith(
        "❌ В файле «&lt;i&gt;r&lt;/i&gt;.csv» 1001 ошибка, ничего не записано. "
        "Программа импорта сообщает:\n<pre>"
    )
    assert "row 1: \\x1b[31mred\\x1b[0m \\u202eevil\\r\n" in text
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "row 2: unknown agency «&lt;b&gt;xxx" in text
    assert "<b>" not in text
    assert text.count("\n") == 12  # the frame, 10 lines in <pre>, "not shown", what to do
    assert text.endswith("…</pre>\nОстальные не показаны: 991.\nИсправьте файл и отправьте его ещё раз.")


@pytest.mark.parametrize(
    ("language", "head"),
    [
        ("ru", "❌ Файл «r.csv» загрузить нельзя, ничего не записано. Программа импорта сообщает:"),
        (
            "kk",
            "❌ «r.csv» файлын жүктеу мүмкін емес, ештеңе жазылған жоқ. Импорттау бағдарламасының хабары:",
        ),
        ("en", "❌ «r.csv» cannot be imported; nothing was written. The importer says:"),
    ],
)
def test_an_unusable_file_quotes_the_importers_one_line(
    speak: Speaker, snapshot: Snapshot, language: str, head: str
) -> None:
    error = ImportReport("/db", True, 2, error="r.csv: cannot read the file as an XLSX workbook (<zip>)")
    screen = speak(language, report, error, snapshot, "r.csv", TOKEN)

    assert screen.text == head + "\n<pre>r.csv: cannot read the file as an XLSX workbook (&lt;zip&gt;)</pre>"


def test_after_confirm_the_report_is_of_what_was_written(speak: Speaker, snapshot: Snapshot) -> None:
    written = ImportReport("/db", False, 0, NEW.releases)

    assert speak("en", imported, written, snapshot, "r.csv").split("\n") == [
        "✅ «r.csv» is loaded: the bot answers with the new figures from now on.",
        "",
        "<b>2026</b>: a new release, 32 bodies.",
        "Notifications queued: 120.",
    ]


@pytest.mark.parametrize("result", [Outcome.BUSY, Outcome.ALREADY, Outcome.CHANGED, Outcome.GONE])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_press_that_does_nothing_says_why(speak: Speaker, language: str, result: Outcome) -> None:
    texts = {speak(language, outcome, other) for other in Outcome if other is not Outcome.DONE}

    assert len(texts) == 4
    assert speak(language, outcome, result) in texts
    assert len(speak(language, outcome, result)) <= 200  # a pop-up alert holds 200 characters


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Файл весит 7,5 МБ — больше, чем я принимаю (5 МБ)."),
        ("kk", "Файлдың көлемі 7,5 МБ, бұл мен қабылдайтын шектен (5 МБ) асады."),
        ("en", "The file is 7.5 MB, more than the 5 MB I accept."),
    ],
)
def test_a_file_too_big_says_its_size_and_the_limit(speak: Speaker, language: str, expected: str) -> None:
    assert speak(language, too_big, 7_864_320).startswith(expected)
