"""Draw the README's example charts from the bundled data: ``python -m bot.charts docs/charts``.

An operator's and a developer's tool, not part of the bot: it loads the bundled data with
the importer into a temporary database, as ``make run`` does the first time, then draws
one chart of each kind in each language.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from bot.charts.draw import png
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog
from bot.domain.languages import LANGUAGES
from bot.domain.snapshot import Snapshot
from bot.importer.cli import main as run_importer
from bot.runtime.i18n import make_i18n
from bot.store import Store
from bot.views.callbacks import Chart
from bot.views.charts.request import ChartView, chart_view

EXAMPLES = {
    "history": Chart(kind="history", subject="mod"),
    "year": Chart(kind="year"),
    "changes": Chart(kind="changes"),
    "compare": Chart(kind="compare", subject="moh+mod+mes"),
}
#: Drawn as if the chat followed these bodies: the year's list shows the outline.
FOLLOWED = ("moh", "mes")


async def bundled_snapshot(database: Path) -> Snapshot:
    store = await Store.open(database)
    try:
        catalog = await Catalog.load(store, load_agencies())
        return await catalog.snapshot()
    finally:
        await store.close()


def draw_examples(target: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "rating.db"
        if run_importer(["--bundled", "--create", "--database", str(database)]) != 0:
            raise SystemExit("could not load the bundled data")
        snapshot = asyncio.run(bundled_snapshot(database))
    i18n = make_i18n("ru")
    written = []
    target.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for name, data in EXAMPLES.items():
            with i18n.context(), i18n.use_locale(language):
                view = chart_view(snapshot, data, FOLLOWED)
            if not isinstance(view, ChartView):
                raise SystemExit(f"{name} cannot be drawn from the bundled data")
            path = target / f"{name}-{language}.png"
            path.write_bytes(png(view.spec))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bot.charts OUTPUT_FOLDER", file=sys.stderr)
        return 2
    for path in draw_examples(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
