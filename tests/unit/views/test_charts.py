"""Chart specs, captions and keys from the small book, in each language (no drawing here).

The book (tests/unit/views/conftest.py): moh 2020 partial, 2024 2nd, 2025 1st; mes's 2025
score and mod's 2025 satisfaction are illustrative, so every 2025 place carries the mark.
"""

from __future__ import annotations

import pickle

import pytest

from bot.domain.ratings import RatingBook
from bot.domain.snapshot import Snapshot
from bot.store.records import YearInfo
from bot.views.callbacks import Chart
from bot.views.cards import card
from bot.views.changes import changes
from bot.views.charts.history import history_caption
from bot.views.charts.keys import history_key
from bot.views.charts.request import ChartView, chart_request, chart_view
from bot.views.charts.spec import BarsSpec, CompareSpec, HistorySpec
from bot.views.ranking import rank
from bot.views.screen import Screen

from .conftest import AGENCIES, LANGUAGES, MINUS, NBSP, RATINGS, YEARS, Speaker, make_snapshot


def view(
    speak: Speaker, language: str, snapshot: Snapshot, data: Chart, followed: tuple[str, ...] = ()
) -> ChartView:
    found = speak(language, chart_view, snapshot, data, followed)
    assert isinstance(found, ChartView), found
    return found


def test_chart_data_fits_telegram_64_bytes() -> None:
    assert len(Chart(kind="compare", subject="maidd+ardfm+apdc", year=0, text=True).pack().encode()) <= 64


@pytest.mark.parametrize("language", LANGUAGES)
def test_history_points_oldest_first_with_marks_ranks_and_source(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    chart = view(speak, language, snapshot, Chart(kind="history", subject="moh"))
    spec = chart.spec
    assert isinstance(spec, HistorySpec)
    assert [p.year for p in spec.points] == [2020, 2024, 2025]
    assert [p.score for p in spec.points] == [4.10, 4.80, 4.86]
    assert [p.satisfaction for p in spec.points] == [85.0, 96.0, 97.5]
    assert AGENCIES["moh"].name(language) in spec.frame.title
    assert "2020" in spec.frame.title
    assert "2025" in spec.frame.title
    # Every year's source is on the picture, with its year.
    assert [line[:4] for line in spec.frame.source.split("\n")] == ["2025", "2024", "2020"]
    assert "Kazinform" in spec.frame.source
    assert spec.legend.gap  # 2020 -> 2024 skips three years: the dotted line is explained
    assert (
        spec.points[-1].rank_label
        == {"ru": "1*-е место из 3", "kk": "3 органның ішінде 1*-орын", "en": "rank 1* of 3"}[language]
    )
    assert (
        spec.points[0].rank_label
        == {
            "ru": "неполный список, без места",
            "kk": "толық емес тізім, орын берілмеген",
            "en": "partial list, no rank",
        }[language]
    )
    assert all(p.era_label == "" for p in spec.points)  # the lineage seam: nothing on record yet
    decimal = "." if language == "en" else ","
    assert spec.frame.decimal == decimal
    assert spec.points[1].score_label == f"4{decimal}80"
    assert spec.frame.footnote  # the 2025 place is illustrative
    assert chart.markup is None  # the caption gives every figure
    assert chart.text == chart.caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_history_illustrative_values_are_flagged(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    spec = view(speak, language, snapshot, Chart(kind="history", subject="mod")).spec
    assert isinstance(spec, HistorySpec)
    latest = spec.points[-1]
    assert (latest.score_illustrative, latest.satisfaction_illustrative) == (False, True)
    assert latest.satisfaction_label.endswith("*")
    assert not latest.score_label.endswith("*")
    assert spec.legend.illustrative.endswith("(*)")


@pytest.mark.parametrize("language", LANGUAGES)
def test_history_caption_names_the_body_and_every_year(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    caption = speak(language, history_caption, snapshot, "moh")
    assert caption.startswith(f"<b>{AGENCIES['moh'].name(language)}</b>")
    for line in ("2025: 4", "2024: 4", "2020: 4"):
        assert line in caption
    assert {"ru": f"97,5{NBSP}%", "kk": "97,5%", "en": "97.5%"}[language] in caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_year_list_sorted_banded_and_followed_outlined(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    chart = view(speak, language, snapshot, Chart(kind="year", year=2024), ("acj", "*"))
    spec = chart.spec
    assert isinstance(spec, BarsSpec)
    names = [AGENCIES[s].short_name(language) for s in ("mes", "moh", "acj", "mod")]
    assert [bar.label for bar in spec.bars] == [f"{n}. {name}" for n, name in enumerate(names, start=1)]
    assert [bar.value for bar in spec.bars] == [4.90, 4.80, 4.50, 4.40]
    assert [bar.group for bar in spec.bars] == [0, 1, 1, 1]  # only above 4.8 is "very high"
    assert [bar.highlighted for bar in spec.bars] == [False, False, True, False]
    assert spec.highlight
    assert spec.threshold == 4.8
    assert len(spec.groups) == 2
    assert "2024" in spec.frame.title
    assert spec.frame.source.startswith("2024 — ")
    assert "&lt;" not in spec.frame.source
    assert "<b>ЦЭФ</b>" in spec.frame.source
    assert spec.frame.footnote == ""  # 2024 has no illustrative value
    assert chart.markup is not None  # the caption shows the ends of the list; the rest as text
    assert Chart.unpack(chart.markup.inline_keyboard[0][0].callback_data or "").text
    assert "<b>" in chart.text
    assert "ЦЭФ" in chart.text
    assert "&lt;b&gt;ЦЭФ" in chart.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_year_list_marks_illustrative_places(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    spec = view(speak, language, snapshot, Chart(kind="year")).spec  # 0: the latest, 2025
    assert isinstance(spec, BarsSpec)
    assert "2025" in spec.frame.title
    assert all(bar.label.split(".")[0].endswith("*") for bar in spec.bars)
    mes = next(bar for bar in spec.bars if AGENCIES["mes"].short_name(language) in bar.label)
    assert mes.illustrative
    assert mes.value_label.endswith("*")
    assert spec.frame.footnote
    assert spec.highlight == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_changes_chart_risers_on_top_fallers_below(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    chart = view(speak, language, snapshot, Chart(kind="changes"))
    spec = chart.spec
    assert isinstance(spec, BarsSpec)
    assert spec.diverging
    # 2025 vs 2024: moh +1.5 p.p.; mod +3.7* p.p.; mes -3.0 p.p. (acj not rated in 2025)
    assert [(bar.value, bar.group) for bar in spec.bars] == [(3.7, 0), (1.5, 0), (-3.0, 1)]
    assert spec.bars[-1].value_label.startswith(f"{MINUS}3")
    assert spec.bars[0].illustrative
    assert spec.bars[0].value_label.startswith("+3")
    assert "2025" in spec.frame.title
    assert "2024" in spec.frame.title
    assert chart.caption == chart.text  # short enough: the whole /changes text is the caption


@pytest.mark.parametrize("language", LANGUAGES)
def test_compare_chart_both_years_and_not_rated(speak: Speaker, snapshot: Snapshot, language: str) -> None:
    chart = view(speak, language, snapshot, Chart(kind="compare", subject="acj+moh"))
    spec = chart.spec
    assert isinstance(spec, CompareSpec)
    assert spec.years == (2024, 2025)
    assert [b.name for b in spec.bodies] == [AGENCIES[s].short_name(language) for s in ("acj", "moh")]
    acj, moh = spec.bodies
    assert [v.value for v in moh.scores] == [4.80, 4.86]
    assert [v.value for v in acj.scores] == [4.50, None]
    assert acj.scores[1].label == spec.not_rated
    assert {"ru": "2025: нет в рейтинге", "kk": "2025: рейтингте жоқ", "en": "2025: not rated"}[
        language
    ] in chart.caption


@pytest.mark.parametrize(
    "data",
    [
        Chart(kind="history", subject="nope"),
        Chart(kind="history", subject="moh", year=2024),
        Chart(kind="compare", subject="moh"),
        Chart(kind="compare", subject="moh+moh"),
        Chart(kind="compare", subject="moh+mes+mod+acj"),
        Chart(kind="compare", subject="moh+nope"),
        Chart(kind="pie"),
    ],
)
def test_forged_or_stale_chart_data_gets_the_stale_answer(
    speak: Speaker, snapshot: Snapshot, data: Chart
) -> None:
    screen = speak("en", chart_view, snapshot, data)
    assert isinstance(screen, Screen)
    assert "out of date" in screen.text


def test_a_year_without_a_list_says_which_years_have_one(speak: Speaker, snapshot: Snapshot) -> None:
    screen = speak("en", chart_view, snapshot, Chart(kind="year", year=2020))
    assert isinstance(screen, Screen)
    assert "2025, 2024" in screen.text
    screen = speak("en", chart_view, snapshot, Chart(kind="changes", year=2024))
    assert isinstance(screen, Screen)
    assert "2023" in screen.text


def test_the_spec_is_plain_data_for_the_drawing_process(speak: Speaker, snapshot: Snapshot) -> None:
    for data in (Chart(kind="history", subject="moh"), Chart(kind="year"), Chart(kind="changes")):
        spec = view(speak, "kk", snapshot, data).spec
        assert pickle.loads(pickle.dumps(spec)) == spec


def test_key_changes_with_language_view_followed_and_release(speak: Speaker, snapshot: Snapshot) -> None:
    ru = view(speak, "ru", snapshot, Chart(kind="history", subject="moh")).key
    assert ru == history_key(snapshot, "moh", "ru")  # the inline mode finds the same key
    assert ru != view(speak, "kk", snapshot, Chart(kind="history", subject="moh")).key
    assert ru != history_key(snapshot, "mes", "ru")
    plain = view(speak, "ru", snapshot, Chart(kind="year")).key
    assert plain == view(speak, "ru", snapshot, Chart(kind="year", year=2025)).key
    assert plain != view(speak, "ru", snapshot, Chart(kind="year"), ("moh",)).key
    assert plain == view(speak, "ru", snapshot, Chart(kind="year"), ("acj",)).key  # acj is not on 2025's list
    corrected = [y if y.year != 2024 else YearInfo(2024, False, y.source, release_id=9) for y in YEARS]
    newer = make_snapshot(corrected, RATINGS)
    assert history_key(newer, "moh", "ru") != ru


def test_chart_request_reads_a_year_or_a_name(speak: Speaker, snapshot: Snapshot) -> None:
    assert speak("ru", chart_request, snapshot, None) == Chart(kind="year")
    assert speak("ru", chart_request, snapshot, " 2024 ") == Chart(kind="year", year=2024)
    assert speak("ru", chart_request, snapshot, "минздрав") == Chart(kind="history", subject="moh")
    assert speak("ru", chart_request, snapshot, "минздрав 2024") == Chart(kind="history", subject="moh")
    missing = speak("ru", chart_request, snapshot, "абракадабра")
    assert isinstance(missing, Screen)
    assert "абракадабра" in missing.text


def test_several_matches_offer_buttons_that_draw_the_chosen_chart(speak: Speaker, snapshot: Snapshot) -> None:
    choices = speak("en", chart_request, snapshot, "ministry")
    assert isinstance(choices, Screen)
    assert choices.markup is not None
    data = [Chart.unpack(b.callback_data or "") for row in choices.markup.inline_keyboard for b in row]
    assert {d.kind for d in data} == {"history"}
    assert len(data) >= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_buttons_under_a_card_the_list_and_the_changes(
    speak: Speaker, snapshot: Snapshot, language: str
) -> None:
    def charts(screen: Screen) -> list[Chart]:
        assert screen.markup is not None
        return [
            Chart.unpack(b.callback_data)
            for row in screen.markup.inline_keyboard
            for b in row
            if b.callback_data and b.callback_data.startswith("cht:")
        ]

    assert charts(speak(language, card, snapshot, "moh")) == [Chart(kind="history", subject="moh")]
    assert charts(speak(language, rank, snapshot, 2024, 0)) == [Chart(kind="year", year=2024)]
    assert charts(speak(language, changes, snapshot, None)) == [Chart(kind="changes", year=2025)]


def test_no_history_no_chart(speak: Speaker) -> None:
    book = RatingBook.build(list(YEARS), [r for r in RATINGS if r.agency != "acj"])
    snapshot = Snapshot.build(book, [AGENCIES[s] for s in ("moh", "acj")])
    screen = speak("en", chart_view, snapshot, Chart(kind="history", subject="acj"))
    assert isinstance(screen, Screen)
    assert "No rating on record" in screen.text
