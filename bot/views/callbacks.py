"""Callback data for every inline button, in one place so a forged or stale payload is
rejected by parsing rather than by handler code. Each prefix is short: Telegram allows
64 bytes of callback data."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class RankPage(CallbackData, prefix="rk"):
    year: int
    page: int
    fresh: bool = False  # under a card or a notification: open the list below, keep that message


class AgencyCard(CallbackData, prefix="ag"):
    slug: str
    year: int = 0  # the year the card leads with; 0: the latest


class ChoicePage(CallbackData, prefix="cp"):
    key: str  # bot.domain.recent.query_key of the query the choices are for
    page: int


class FollowPage(CallbackData, prefix="fp"):
    key: str  # as in ChoicePage: the /subscribe NAME or /unsubscribe NAME query
    page: int
    unfollow: bool


class ChangesView(CallbackData, prefix="ch"):
    year: int


class LanguageChoice(CallbackData, prefix="lang"):
    code: str


class MenuAction(CallbackData, prefix="menu"):
    action: str  # "rank", "changes", "language", "help"


class Follow(CallbackData, prefix="fo"):
    topic: str  # an agency slug, or "*" for every new rating


class Unfollow(CallbackData, prefix="uf"):
    topic: str
    listing: bool = False  # pressed in /subscriptions: redraw the list after


class DropAll(CallbackData, prefix="da"):
    confirm: bool


class UploadAction(CallbackData, prefix="up"):
    token: str  # bot.domain.uploads: the staged file's random token
    confirm: bool  # True: import it; False: cancel


class Chart(CallbackData, prefix="cht"):
    """A chart, or the same figures as text: see bot/views/charts (the specs) and handlers/chart.py."""

    kind: str  # "history" | "year" | "changes" | "compare"
    subject: str = ""  # a slug (history), "+"-joined 2-3 slugs (compare), "" (year, changes)
    year: int = 0  # year, changes: the year (0: the latest); history, compare: 0
    text: bool = False  # True: the chart's figures as text, for screen readers


class ComparePick(CallbackData, prefix="cmp"):
    """A body chosen for a /compare name that could be several, or another page of them."""

    key: str  # bot.domain.recent.query_key of the /compare text
    picks: str  # the body chosen for each name so far, "."-joined ("" where none was)
    page: int = 0


class ExportFile(CallbackData, prefix="ex"):
    """The year's table as a file (the "⬇️ Export" button under /rank)."""

    year: int
    format: str = "xlsx"  # "xlsx" or "csv"


class AskExample(CallbackData, prefix="ask"):
    """An example question offered when a question could not be read: pressing it asks it."""

    number: int  # its place in bot.views.question_help.EXAMPLES
