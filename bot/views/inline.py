"""What ``@bot NAME`` offers in any chat: each matching body's card, ready to send there.

A name gives its body's card (several names that fit: each, up to :data:`MAX_BODIES`),
and the body's history chart as a photo once someone has had it drawn; nothing typed
gives the top three, the bottom three and the whole list of the latest year. A card sent
this way carries one button, back to the bot (bot/views/sharing.py). Everything is read
from the snapshot in memory: an inline answer draws nothing and reads no database.

The answer's language comes from the typed text alone (bot/views/typed_language.py), not the
asker: Telegram caches an answer per query text and gives it to every user who types that text.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Protocol

from aiogram.enums import ParseMode
from aiogram.types import (
    InlineQueryResultArticle,
    InlineQueryResultCachedPhoto,
    InlineQueryResultsButton,
    InlineQueryResultUnion,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.domain.bodies import Agency
from bot.domain.ratings import Standing
from bot.domain.snapshot import Snapshot
from bot.views.cards import card
from bot.views.charts.history import history_caption
from bot.views.charts.keys import history_key
from bot.views.figures import figures, position_text
from bot.views.formatting import MESSAGE_LIMIT, NAME_LIMIT, body_name, clip, locale, mark, with_footnote
from bot.views.lookup import year_in
from bot.views.screen import Draw, draw
from bot.views.sharing import open_in_bot
from bot.views.sources import source_line

#: Bodies offered for one query: enough for a short word that fits several, few enough to scan.
MAX_BODIES = 10
#: Bodies at each end of the list offered when nothing is typed.
ENDS = 3
#: How long Telegram may keep an answer and give it again without asking (its default).
CACHE_SECONDS = 300
#: One answer per query text for everyone (Telegram's cache is shared): it may be, since
#: its language is the text's own, whoever typed it (the handler sets the locale).
PERSONAL = False
#: What the button over an empty or fruitless answer sends to /start (no body's slug).
START_PARAMETER = "inline"

#: Any result Telegram takes (only articles and cached photos are made here).
InlineResult = InlineQueryResultUnion


class ChartFileIds(Protocol):
    """The charts' record of pictures already uploaded (bot.domain.chart_files.ChartFiles)."""

    def file_id(self, key: Hashable, /) -> str | None: ...


@dataclass(frozen=True, slots=True)
class InlineAnswer:
    """The results of one inline query, and the button over them (when nothing fits)."""

    results: list[InlineResult] = field(default_factory=list)
    button: InlineQueryResultsButton | None = None


def inline_answer(
    snapshot: Snapshot,
    query: str,
    username: str,
    *,
    draw_screen: Draw = draw,
    charts: ChartFileIds | None = None,
) -> InlineAnswer:
    """The answer to ``@username query`` in the current locale (the text's own language,
    set by handlers/inline.py: the same text gets the same answer whoever asks).

    ``draw_screen`` draws the cards (the app's screen cache); ``charts`` knows the history
    charts already sent once, offered again by their file_id.
    """
    if not query.split():
        return ends_of_the_list(snapshot, username, draw_screen)
    year = year_in(query) or 0
    resolved = snapshot.index.resolve(query)
    if resolved is not None:
        found = [resolved]
    else:
        found = [match.agency for match in snapshot.index.search(query, limit=MAX_BODIES)]
    if not found:
        return InlineAnswer(button=to_the_bot(_("Nothing found — ask the bot directly")))
    results: list[InlineResult] = []
    for body in found:
        results.append(card_result(snapshot, body, year, username, draw_screen))
        photo = chart_result(snapshot, body, username, charts)
        if photo is not None:
            results.append(photo)
    return InlineAnswer(results)


def ends_of_the_list(snapshot: Snapshot, username: str, draw_screen: Draw = draw) -> InlineAnswer:
    """Nothing typed: the latest year's top three, its bottom three and the whole list."""
    book = snapshot.book
    ranked = book.ranked_years()
    if not ranked:
        return InlineAnswer(button=to_the_bot(_("No rating loaded yet — open the bot")))
    year = ranked[0]
    standings = book.standings[year]
    top = standings[:ENDS]
    bottom = standings[max(ENDS, len(standings) - ENDS) :]  # a short list: no body offered twice
    results: list[InlineResult] = []
    for standing in (*top, *bottom):
        body = snapshot.body(standing.rating.agency)
        if body is not None:
            title = f"{standing.position}{mark(standing.position_illustrative)}. {plain_name(body)}"
            results.append(card_result(snapshot, body, year, username, draw_screen, title=title))
    results.append(whole_list_result(snapshot, year, username))
    return InlineAnswer(results)


def card_result(
    snapshot: Snapshot, body: Agency, year: int, username: str, draw_screen: Draw, *, title: str = ""
) -> InlineQueryResultArticle:
    """The body's card as the message; its place and figures as the line under the title."""
    screen = draw_screen(card, snapshot, body.slug, year)
    book = snapshot.book
    shown = year or book.latest_year() or 0
    standing = book.standing(body.slug, shown) or next(iter(book.history(body.slug)), None)
    return InlineQueryResultArticle(
        id=f"card-{body.slug}-{year}"[:64],
        title=title or plain_name(body),
        description=summary(standing),
        input_message_content=html_message(screen.text),
        reply_markup=open_in_bot(username, body.slug),
    )


def chart_result(
    snapshot: Snapshot, body: Agency, username: str, charts: ChartFileIds | None
) -> InlineQueryResultCachedPhoto | None:
    """The body's history chart in this language, when one has been sent before: a photo
    Telegram already holds, so offering it costs nothing. Its caption is the chart's own."""
    if charts is None:
        return None
    file_id = charts.file_id(history_key(snapshot, body.slug, locale()))
    if file_id is None:
        return None
    return InlineQueryResultCachedPhoto(
        id=f"chart-{body.slug}"[:64],
        photo_file_id=file_id,
        title=plain_name(body),
        caption=history_caption(snapshot, body.slug),
        parse_mode=ParseMode.HTML,
        reply_markup=open_in_bot(username, body.slug),
    )


def whole_list_result(snapshot: Snapshot, year: int, username: str) -> InlineQueryResultArticle:
    count = len(snapshot.book.standings[year])
    return InlineQueryResultArticle(
        id=f"list-{year}",
        title=_("The whole rating, {year}").format(year=year),
        description=ngettext(
            "{count} body, from the highest score", "{count} bodies, from the highest score", count
        ).format(count=count),
        input_message_content=html_message(whole_list(snapshot, year)),
        reply_markup=open_in_bot(username),
    )


def whole_list(snapshot: Snapshot, year: int) -> str:
    """Every body of a complete year in one message, as /rank lists them a page at a time.

    A list too long for one message ends in "…" and /rank: it can never be refused.
    """
    book = snapshot.book
    language = locale()
    head = [
        _("<b>Rating of state bodies by the quality of public services, {year}</b>").format(year=year),
        _("Score out of 5 · share of satisfied service recipients"),
        "",
    ]
    tail = ["", source_line(book.years[year].source)]
    rows = [
        f"{standing.position}. {body_name(snapshot.short_name(standing.rating.agency, language))} — "
        f"{figures(standing)}"
        for standing in book.standings[year]
    ]
    lines = with_footnote([*head, *rows, *tail])
    cut = len(rows)
    while len("\n".join(lines)) > MESSAGE_LIMIT and cut > 0:
        cut -= 1
        lines = with_footnote([*head, *rows[:cut], _("… the rest: /rank {year}").format(year=year), *tail])
    return "\n".join(lines)


def summary(standing: Standing | None) -> str:
    """ "2025: 4,86 · 97,5 % · 1*-е место из 32": the line under a card's title."""
    if standing is None:
        return _("No rating on record for this body yet.")
    return f"{standing.rating.year}: {figures(standing)} · {position_text(standing)}"


def plain_name(body: Agency) -> str:
    """A title is plain text (no HTML), bounded like every name the bot shows."""
    return clip(body.name(locale()), NAME_LIMIT)


def html_message(text: str) -> InputTextMessageContent:
    """A card's HTML as the message sent; a link in a source line shows no preview."""
    return InputTextMessageContent(
        message_text=text,
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


def to_the_bot(text: str) -> InlineQueryResultsButton:
    """The button over an answer with nothing to pick: the private chat, where /help is."""
    return InlineQueryResultsButton(text=text, start_parameter=START_PARAMETER)
