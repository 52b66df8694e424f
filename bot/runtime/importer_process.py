"""Runs ``python -m bot.importer --json`` on an uploaded file, as its own process.

The bot never loads pandas (tests/unit/test_layers.py), and a process of its own is also
a bound: whatever a file does to the importer's memory or time ends with that process,
which is stopped after :data:`TIMEOUT_SECONDS`. One importer runs at a time. The
process gets the bot's environment without the bot's secrets: it needs none of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from pathlib import Path

from bot.domain.import_report import ImportReport, ReportError, failed, parse_report

log = logging.getLogger(__name__)

#: A rating file takes the importer a few seconds, most of it loading pandas.
TIMEOUT_SECONDS = 120.0
#: Settings the importer does not need and should not see.
SECRETS = frozenset({"BOT_TOKEN", "WEBHOOK_SECRET"})
#: The most of the importer's stderr quoted when it printed no report.
ERROR_LIMIT = 300


class ImporterProcess:
    """The :class:`bot.domain.uploads.Importer` of the running bot, on its own database."""

    def __init__(
        self, database: Path, *, timeout: float = TIMEOUT_SECONDS, python: str = sys.executable
    ) -> None:
        self.database = database.resolve()
        self.timeout = timeout
        self.python = python
        self._one_at_a_time = asyncio.Lock()

    def command(self, path: Path, *, year: int | None, dry_run: bool) -> list[str]:
        argv = [self.python, "-m", "bot.importer", str(path), "--json", "--database", str(self.database)]
        if year is not None:
            argv += ["--year", str(year)]
        if dry_run:
            argv.append("--dry-run")
        return argv

    async def run(self, path: Path, *, year: int | None, dry_run: bool) -> ImportReport:
        argv = self.command(path, year=year, dry_run=dry_run)
        env = {name: value for name, value in os.environ.items() if name.upper() not in SECRETS}
        async with self._one_at_a_time:
            try:
                process = await asyncio.create_subprocess_exec(
                    *argv,
                    stdin=asyncio.subprocess.DEVNULL,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                    env=env,
                )
            except OSError as error:  # no memory for a process, the interpreter gone
                log.warning("Could not start the importer: %s", error)
                return failed(
                    f"could not start the importer ({error.strerror or error})",
                    dry_run=dry_run,
                    database=str(self.database),
                )
            try:
                out, err = await asyncio.wait_for(process.communicate(), self.timeout)
            except TimeoutError:
                await stop(process)
                log.warning("The importer ran over %g s on %s and was stopped", self.timeout, path.name)
                return failed(
                    f"the importer took longer than {self.timeout:g} s and was stopped",
                    dry_run=dry_run,
                    database=str(self.database),
                )
            except BaseException:  # the bot is stopping: the importer stops with it
                await stop(process)
                raise
        return self.report(out, err, process.returncode, dry_run=dry_run)

    def report(self, out: bytes, err: bytes, code: int | None, *, dry_run: bool) -> ImportReport:
        """The importer's JSON report; one line of what went wrong when it printed none."""
        try:
            report = parse_report(out)
        except ReportError as error:
            lines = err.decode("utf-8", "replace").strip().splitlines()
            last = lines[-1] if lines else f"it printed no report ({error})"
            log.warning("The importer exited with %s and no report: %s", code, last[:ERROR_LIMIT])
            return failed(
                f"the importer failed: {last[:ERROR_LIMIT]}",
                exit=2,
                dry_run=dry_run,
                database=str(self.database),
            )
        if Path(report.database).resolve() != self.database:
            return failed(
                f"the importer used {report.database}, not the bot's database {self.database}",
                dry_run=dry_run,
                database=report.database,
            )
        return report


async def stop(process: asyncio.subprocess.Process) -> None:
    """Kill the importer; SQLite rolls back what it had not committed."""
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    await process.wait()
