"""``python -m bot.importer --remove YEAR``: undo a release loaded by mistake.

The whole year goes (a correction with it), and the notifications still queued for it
are cancelled. A running bot sees the year gone at its next answer, as after any import.
"""

from __future__ import annotations

from bot.importer.report import Report
from bot.store import Store
from bot.store.records import Removal


def describe_removal(removal: Removal, *, dry_run: bool) -> str:
    year = removal.year
    corrected = f", loaded {removal.releases} times (corrected)" if removal.releases > 1 else ""
    lines = [
        f"{year}: {'would remove' if dry_run else 'removed'} the release "
        f"({removal.bodies} bodies{corrected}).",
        f"{year}: {removal.cancelled} queued notification(s) {'would be ' if dry_run else ''}cancelled.",
    ]
    if removal.in_flight:
        lines.append(f"{year}: {removal.in_flight} of them were being sent just now and may still arrive.")
    if removal.sent:
        lines.append(f"{year}: {removal.sent} notification(s) already sent: they cannot be unsent.")
    return ("Dry run, nothing written. " if dry_run else "") + "\n".join(lines)


async def remove_year(store: Store, year: int, report: Report) -> int:
    """Exit 0 removed (or would be), 2 the year is not loaded: nothing to do."""
    removal = await store.remove_year(year, dry_run=report.dry_run)
    if removal is None:
        loaded = ", ".join(str(info.year) for info in await store.current_releases()) or "none"
        report.failed(f"{year}: no release of this year is loaded, nothing to remove (loaded: {loaded})")
        return 2
    print(describe_removal(removal, dry_run=report.dry_run))
    return 0
