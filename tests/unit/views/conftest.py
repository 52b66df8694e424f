"""The small book every view test reads, and a way to draw a view in one language.

The book, of four real bodies from ``data/agencies.csv`` (``*`` marks an illustrative value):

    body   2020 (partial)   2024 (complete)       2025 (complete, the latest)
    moh    4.10 / 85.0      4.80 / 96.0   2nd     4.86  / 97.5    1st
    mes    4.20 / 88.0      4.90 / 98.0   1st     4.70* / 95.0    2nd  } a tie
    mod    -                4.40 / 91.3   4th     4.70  / 95.0*   2nd  }
    acj    -                4.50 / 90.0   3rd     -

Only 2025 and 2024 are two complete lists of consecutive years, so only 2025 has changes;
2025 holds illustrative values, so every place in 2025 (and every move into it) carries
the mark. The 2024 source's publisher holds HTML-like text, so a list that shows it must
escape it; the 2025 source is given in parts (publisher, date, kind), written by the bot in
the reader's language. The language is aiogram's i18n context, as in the bot:
``speak("kk", view, ...)`` draws a view the way a Kazakh-speaking user's update would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import pytest
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import I18n

from bot.domain.bodies import Agency, load_agencies
from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.runtime.i18n import make_i18n
from bot.store.records import Rating, Source, YearInfo
from bot.views.screen import Screen

P = ParamSpec("P")
T = TypeVar("T")

LANGUAGES = ("ru", "kk", "en")
#: Russian writes a no-break space before the percent sign; Kazakh and English write none.
NBSP = "\u00a0"
#: The sign of a fall: a real minus, not a hyphen.
MINUS = "\u2212"
ILLUSTRATIVE = "illustrative"

AGENCIES: dict[str, Agency] = {agency.slug: agency for agency in load_agencies()}
SMALL_BOOK_BODIES = ("moh", "mod", "mes", "acj")
SOURCE_2024 = "АДГС & <b>ЦЭФ</b>"

YEARS = (
    YearInfo(year=2020, partial=True, source=Source("ranking.kz", "2021-04", kind="report"), release_id=1),
    YearInfo(year=2024, partial=False, source=Source(SOURCE_2024), release_id=2),
    YearInfo(year=2025, partial=False, source=Source("Kazinform", "2026-01-29", kind="report"), release_id=3),
)
RATINGS = (
    Rating(2020, "moh", 4.10, 85.0),
    Rating(2020, "mes", 4.20, 88.0),
    Rating(2024, "mes", 4.90, 98.0),
    Rating(2024, "moh", 4.80, 96.0),
    Rating(2024, "acj", 4.50, 90.0),
    Rating(2024, "mod", 4.40, 91.3),
    Rating(2025, "moh", 4.86, 97.5),
    Rating(2025, "mes", 4.70, 95.0, score_provenance=ILLUSTRATIVE),
    Rating(2025, "mod", 4.70, 95.0, satisfaction_provenance=ILLUSTRATIVE),
)


def bodies(*slugs: str) -> list[Agency]:
    """Real bodies from the reference list, in the order given."""
    return [AGENCIES[slug] for slug in slugs]


def make_snapshot(
    years: Sequence[YearInfo], ratings: Sequence[Rating], slugs: Sequence[str] = SMALL_BOOK_BODIES
) -> Snapshot:
    """A snapshot of any hand-made book, the way the catalog builds one."""
    return Snapshot.build(RatingBook.build(list(years), list(ratings)), bodies(*slugs))


def long_snapshot(count: int = 25) -> Snapshot:
    """``count`` bodies rated in 2025 and 2024, each a step below the one before (no ties);
    only the last body's 2025 score is illustrative. Long enough to page and to have a
    bottom three."""
    slugs = [agency.slug for agency in load_agencies()[:count]]
    ratings = [
        Rating(
            year,
            slug,
            round(4.90 - 0.05 * i, 2),
            99.0 - i,
            score_provenance=ILLUSTRATIVE if (year == 2025 and i == count - 1) else "published",
        )
        for year in (2024, 2025)
        for i, slug in enumerate(slugs)
    ]
    years = [
        YearInfo(year=2024, partial=False, source=Source("test 2024"), release_id=1),
        YearInfo(year=2025, partial=False, source=Source("test 2025"), release_id=2),
    ]
    return make_snapshot(years, ratings, slugs)


def buttons(screen: Screen) -> list[list[InlineKeyboardButton]]:
    """The keyboard's rows; a screen that should have one and has none fails here."""
    assert screen.markup is not None, f"no keyboard under {screen.text!r}"
    return screen.markup.inline_keyboard


def labels(screen: Screen) -> list[list[str]]:
    return [[button.text for button in row] for row in buttons(screen)]


class Speaker:
    """Draws views in a chosen language, as the per-update i18n middleware would."""

    def __init__(self, i18n: I18n) -> None:
        self.i18n = i18n

    @contextmanager
    def speaking(self, language: str) -> Iterator[None]:
        with self.i18n.context(), self.i18n.use_locale(language):
            yield

    def __call__(self, language: str, view: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        with self.speaking(language):
            return view(*args, **kwargs)


@pytest.fixture(scope="session")
def i18n() -> I18n:
    """The bot's catalogs, Russian by default, as the bot loads them."""
    return make_i18n("ru")


@pytest.fixture
def speak(i18n: I18n) -> Speaker:
    return Speaker(i18n)


@pytest.fixture(scope="session")
def book() -> RatingBook:
    return RatingBook.build(list(YEARS), list(RATINGS))


@pytest.fixture(scope="session")
def snapshot(book: RatingBook) -> Snapshot:
    """The small book with its four bodies (immutable, so shared by every test)."""
    return Snapshot.build(book, bodies(*SMALL_BOOK_BODIES))


@pytest.fixture(scope="session")
def empty_snapshot() -> Snapshot:
    """Before any rating is loaded: the bodies are known, no year is."""
    return make_snapshot([], [])


@pytest.fixture(scope="session")
def long_book_snapshot() -> Snapshot:
    return long_snapshot()
