"""Import by upload, as the admin reads it: the dry run's report, Confirm / Cancel, the result.

The figures come from the importer's JSON report, in the admin's language; the problems
are the importer's own English lines, shown as it wrote them in a <pre>, bounded and
escaped, inside a translated frame.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder
from babel.numbers import format_decimal

from bot.domain.import_report import ImportReport, ReleaseReport
from bot.domain.snapshot import Snapshot
from bot.domain.uploads import MAX_UPLOAD_BYTES, Outcome
from bot.views.callbacks import UploadAction
from bot.views.formatting import echo, locale
from bot.views.screen import Screen

#: The importer's lines shown at most, and the characters of each: the rest is counted.
PROBLEMS_SHOWN = 10
LINE_LIMIT = 200
#: Bodies named at most in a corrected release's "changed" list.
NAMES_SHOWN = 10
RELEASES_SHOWN = 10


def megabytes(size: int) -> str:
    """Rounded up to a tenth: a file a byte over 5 MB is "5.1 MB", not "5 MB"."""
    tenths = math.ceil(size * 10 / (1024 * 1024))
    return format_decimal(tenths / 10, format="#,##0.#", locale=locale())


def not_a_table(name: str) -> str:
    return _("Only XLSX and CSV files can be imported, and «{name}» is neither.").format(name=echo(name))


def too_big(size: int) -> str:
    return _(
        "The file is {size} MB, more than the {limit} MB I accept. A rating table is far smaller: "
        "check that this is the right file."
    ).format(size=megabytes(size), limit=megabytes(MAX_UPLOAD_BYTES))


def bad_caption() -> str:
    return _(
        "The caption may only be the rating's year, e.g. 2026. Send the file again with such a "
        "caption, or with none: then the year is taken from the file."
    )


def download_failed() -> str:
    return _("Could not download the file from Telegram. Please send it again.")


def checking(name: str) -> str:
    return _("⏳ Checking «{name}»…").format(name=echo(name))


def importing(name: str) -> str:
    return _("⏳ Importing «{name}»…").format(name=echo(name))


def cancelled(name: str) -> str:
    return _("Import of «{name}» cancelled: nothing was written.").format(name=echo(name))


def report(checked: ImportReport, snapshot: Snapshot, name: str, token: str) -> Screen:
    """The dry run: what the file would change, with Confirm / Cancel when it changes anything."""
    if not checked.ok:
        return Screen(refused(checked, name))
    if not checked.changes_anything:
        head = _("📄 «{name}»: these figures are already loaded, there is nothing to import.")
        return Screen("\n".join([head.format(name=echo(name)), *releases(checked.releases, snapshot)]))
    lines = [
        _("📄 «{name}» is checked; nothing is written yet.").format(name=echo(name)),
        "",
        *releases(checked.releases, snapshot),
        _("Notifications to queue: {count}.").format(count=checked.queued),
        "",
        _("Press «Confirm» to load it: everyone will see the new figures at once."),
    ]
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Confirm"), callback_data=UploadAction(token=token, confirm=True))
    builder.button(text=_("✖️ Cancel"), callback_data=UploadAction(token=token, confirm=False))
    return Screen("\n".join(lines), builder.as_markup())


def imported(report: ImportReport, snapshot: Snapshot, name: str) -> str:
    """After Confirm: what the importer wrote."""
    if not report.ok:
        return refused(report, name)
    return "\n".join(
        [
            _("✅ «{name}» is loaded: the bot answers with the new figures from now on.").format(
                name=echo(name)
            ),
            "",
            *releases(report.releases, snapshot),
            _("Notifications queued: {count}.").format(count=report.queued),
        ]
    )


def refused(report: ImportReport, name: str) -> str:
    """Problems in the file, or why it cannot be used: nothing was written."""
    if report.error is not None:
        head = _("❌ «{name}» cannot be imported; nothing was written. The importer says:")
        return "\n".join([head.format(name=echo(name)), pre([report.error])])
    lines = [
        ngettext(
            "❌ «{name}» has {count} problem; nothing was written. The importer's list:",
            "❌ «{name}» has {count} problems; nothing was written. The importer's list:",
            len(report.problems),
        ).format(name=echo(name), count=len(report.problems)),
        pre(report.problems[:PROBLEMS_SHOWN]),
    ]
    hidden = len(report.problems) - PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(_("Not shown: {count} more.").format(count=hidden))
    lines.append(_("Correct the file and send it again."))
    return "\n".join(lines)


def releases(found: Sequence[ReleaseReport], snapshot: Snapshot) -> list[str]:
    return [release_line(release, snapshot) for release in found[:RELEASES_SHOWN]]


def release_line(release: ReleaseReport, snapshot: Snapshot) -> str:
    if release.status == "new":
        return ngettext(
            "<b>{year}</b>: a new release, {count} body.",
            "<b>{year}</b>: a new release, {count} bodies.",
            release.bodies,
        ).format(year=release.year, count=release.bodies)
    if release.status == "unchanged":
        return _("<b>{year}</b>: the same figures as already loaded.").format(year=release.year)
    line = _(
        "<b>{year}</b>: a corrected release (changed: {changed}, added: {added}, removed: {removed})."
    ).format(
        year=release.year,
        changed=len(release.changed),
        added=len(release.added),
        removed=len(release.removed),
    )
    named = [
        snapshot.short_name(slug, locale()) for slug in (*release.changed, *release.added, *release.removed)
    ]
    if not named:
        return line
    shown = ", ".join(html.escape(n) for n in named[:NAMES_SHOWN])
    return line + "\n" + (shown + ", …" if len(named) > NAMES_SHOWN else shown)


def pre(lines: Sequence[str]) -> str:
    """The importer's own lines, each bounded, control characters made visible, escaped."""
    return "<pre>" + "\n".join(html.escape(visible(line)) for line in lines) + "</pre>"


def visible(line: str) -> str:
    """No terminal codes, no bidi overrides: such characters are written as escapes."""
    shown = "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf") else ch
        for ch in line
    )
    return shown if len(shown) <= LINE_LIMIT else shown[: LINE_LIMIT - 1] + "…"


def outcome(result: Outcome) -> str:
    """A pop-up for a press that imported nothing: why."""
    if result is Outcome.BUSY:
        return _("The import is already running.")
    if result is Outcome.ALREADY:
        return _("This file has already been imported or cancelled.")
    if result is Outcome.CHANGED:
        return _("The file changed after it was checked; nothing was written. Send it again.")
    return _(
        "This file is no longer waiting: a checked file waits an hour, and not across a restart. "
        "Send it again."
    )
