"""Message texts, in HTML, in the language of the current i18n context.

Pure: every function takes the data it shows and the language for names and numbers,
and returns text. Anything a user typed is escaped here, once, with ``html.escape``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agencies import Agency
from bot.i18n import fmt_percent, fmt_score, fmt_signed
from bot.rating import Change, RatingBook, Standing

PAGE_SIZE = 10
ILLUSTRATIVE_MARK = "*"
QUERY_ECHO_LIMIT = 80


def echo(text: str) -> str:
    """A user's text, shortened and escaped, safe inside an HTML message."""
    text = " ".join(text.split())
    if len(text) > QUERY_ECHO_LIMIT:
        text = text[: QUERY_ECHO_LIMIT - 1] + "…"
    return html.escape(text)


def _mark(provenance: str) -> str:
    return ILLUSTRATIVE_MARK if provenance == "illustrative" else ""


def illustrative_footnote() -> str:
    return _("{mark} an illustrative value that fits the published report, not an official figure").format(
        mark=ILLUSTRATIVE_MARK
    )


def short_name(agencies: dict[str, Agency], slug: str, language: str) -> str:
    """A body's short name in ``language``; its slug if the data no longer names it. Not escaped."""
    agency = agencies.get(slug)
    return agency.short_name(language) if agency else slug


def position_text(standing: Standing) -> str:
    if standing.position is None:
        return _("partial list, no rank")
    return _("rank {position} of {total}").format(position=standing.position, total=standing.total)


def movement_text(change: Change) -> str:
    gained = change.positions_gained
    if gained is None:
        return ""
    if gained > 0:
        return ngettext("up {n} place", "up {n} places", gained).format(n=gained)
    if gained < 0:
        return ngettext("down {n} place", "down {n} places", -gained).format(n=-gained)
    return _("same place")


def figures(standing: Standing, language: str) -> str:
    rating = standing.rating
    score = fmt_score(rating.score, language) + _mark(rating.score_provenance)
    satisfaction = fmt_percent(rating.satisfaction, language) + _mark(rating.satisfaction_provenance)
    return f"{score} · {satisfaction}"


def greeting(first_name: str, book: RatingBook) -> str:
    year = book.latest_year()
    lines = [_("Hello, {name}!").format(name=html.escape(first_name))]
    if year is not None:
        count = len(book.standings[year])
        lines.append(
            ngettext(
                "I answer questions about the yearly rating of Kazakhstan's state bodies by the "
                "quality of public services. The latest is for {year}: {count} body.",
                "I answer questions about the yearly rating of Kazakhstan's state bodies by the "
                "quality of public services. The latest is for {year}: {count} bodies.",
                count,
            ).format(year=year, count=count)
        )
    lines.append(
        _(
            "Send me the name of a ministry or agency in any language — for example "
            "<i>Минздрав</i>, <i>МЧС</i>, <i>KNB</i> or <i>health ministry</i> — and I will "
            "show its score, rank and change since the year before."
        )
    )
    return "\n\n".join(lines)


def help_text() -> str:
    return "\n".join(
        [
            _("<b>What I can do</b>"),
            _("/rank [year] — the whole list, page by page"),
            _("/agency NAME — one body's card (or just send its name)"),
            _("/changes [year] — the biggest risers and fallers"),
            _("/subscribe — a message when a new rating is published"),
            _("/subscriptions — what this chat follows; /unsubscribe — stop it all"),
            _("/language — Русский, Қазақша or English"),
            "",
            _(
                "A name can be full or short, in Russian, Kazakh or English, an abbreviation "
                "or even with a typo: «минздрав», «ДСМ», «KNB», «Минисерство финансов»."
            ),
        ]
    )


def rank_page(book: RatingBook, year: int, page: int, agencies: dict[str, Agency], language: str) -> str:
    standings = book.standings[year]
    pages = page_count(len(standings))
    lines = [
        _("<b>Rating of state bodies by the quality of public services, {year}</b>").format(year=year),
        _("Score out of 5 · share of satisfied service recipients"),
        "",
    ]
    for standing in standings[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        name = short_name(agencies, standing.rating.agency, language)
        lines.append(f"{standing.position}. {html.escape(name)} — {figures(standing, language)}")
    lines.append("")
    lines.append(_("Page {page} of {pages}").format(page=page + 1, pages=pages))
    lines.append(_("Source: {source}").format(source=html.escape(book.years[year].source)))
    if any(s.rating.illustrative for s in standings):
        lines.append(illustrative_footnote())
    return "\n".join(lines)


def page_count(items: int) -> int:
    return max(1, -(-items // PAGE_SIZE))


def agency_card(book: RatingBook, agency: Agency, language: str) -> str:
    history = book.history(agency.slug)
    lines = [f"<b>{html.escape(agency.name(language))}</b>"]
    if not history:
        lines.append(_("No rating on record for this body yet."))
        return "\n".join(lines)

    latest = book.latest_year()
    current = book.standing(agency.slug, latest) if latest is not None else None
    if current is not None:
        rating = current.rating
        lines += [
            "",
            _("<b>{year}</b>: {position}").format(year=rating.year, position=position_text(current)),
            _("Score: {score}{mark} of 5").format(
                score=fmt_score(rating.score, language), mark=_mark(rating.score_provenance)
            ),
            _("Satisfaction: {pct}{mark}").format(
                pct=fmt_percent(rating.satisfaction, language), mark=_mark(rating.satisfaction_provenance)
            ),
        ]
        change = book.change(agency.slug, rating.year)
        if change is not None:
            lines.append(change_line(change, language))
    elif latest is not None:
        lines += ["", _("Not rated in {year}.").format(year=latest)]

    lines += ["", _("<b>Every year on record</b>")]
    for standing in history:
        lines.append(f"{standing.rating.year}: {figures(standing, language)} · {position_text(standing)}")
    if any(s.rating.illustrative for s in history):
        lines += ["", illustrative_footnote()]
    return "\n".join(lines)


def change_line(change: Change, language: str) -> str:
    parts = [
        _("score {delta}").format(delta=fmt_signed(change.score_delta, language, 2)),
        _("satisfaction {delta} p.p.").format(delta=fmt_signed(change.satisfaction_delta, language, 1)),
    ]
    movement = movement_text(change)
    if movement:
        parts.append(movement)
    return _("Since {year}: {changes}").format(year=change.previous_year, changes=", ".join(parts))


def choices(query: str) -> str:
    return _("Several bodies match «{query}». Which one do you mean?").format(query=echo(query))


def empty_query() -> str:
    """For a message with nothing to search for (only spaces): no «» echo, just how to ask."""
    return _(
        "Send the name of a ministry or agency — for example <i>Минздрав</i>, <i>МЧС</i> or "
        "<i>KNB</i>. /help lists what else I can do."
    )


def no_match(query: str) -> str:
    return _(
        "I found no state body for «{query}». Try a short name or an abbreviation — "
        "for example <i>Минфин</i>, <i>МЧС</i>, <i>KNB</i> — or see the whole list: /rank"
    ).format(query=echo(query))


def changes(book: RatingBook, year: int, agencies: dict[str, Agency], language: str, count: int = 5) -> str:
    risers, fallers = book.movers(year, count)
    if not risers and not fallers:
        return _("There is nothing to compare {year} with.").format(year=year)
    previous = (risers or fallers)[0].previous_year
    lines = [
        _("<b>Biggest changes in satisfaction, {year} against {previous}</b>").format(
            year=year, previous=previous
        ),
    ]
    for title, group in ((_("Risers"), risers), (_("Fallers"), fallers)):
        if not group:
            continue
        lines += ["", f"<b>{title}</b>"]
        for number, change in enumerate(group, start=1):
            name = short_name(agencies, change.agency, language)
            lines.append(f"{number}. {html.escape(name)}: {mover_details(change, language)}")
    if any(s.rating.illustrative for s in book.standings[year]):
        lines += ["", illustrative_footnote()]
    return "\n".join(lines)


def mover_details(change: Change, language: str) -> str:
    details = _("{delta} p.p.").format(delta=fmt_signed(change.satisfaction_delta, language, 1))
    extra = [_("score {delta}").format(delta=fmt_signed(change.score_delta, language, 2))]
    movement = movement_text(change)
    if movement:
        extra.append(movement)
    return f"{details} ({', '.join(extra)})"


def unknown_year(year: int, available: Sequence[int]) -> str:
    return _("There is no complete rating for {year}. Available: {years}.").format(
        year=year, years=", ".join(str(y) for y in available) or "—"
    )


def year_format(argument: str) -> str:
    return _("«{argument}» is not a year. Write it with four digits, e.g. /rank 2024").format(
        argument=echo(argument)
    )


def no_data() -> str:
    return _("No rating has been loaded yet. Please try again later.")


def not_text() -> str:
    return _("I understand text messages only. Send the name of a ministry or agency, or /help.")


def unknown_command() -> str:
    return _("I don't know that command. /help lists what I can do.")


def stale_button() -> str:
    return _("This button is out of date. Send the command again.")


def language_prompt() -> str:
    return _("Choose the language I speak with you:")


def language_set() -> str:
    return _("Done: I will speak English with you.")


def agency_prompt() -> str:
    return _("Send the name of a ministry or agency after the command, e.g. /agency Минздрав")
