"""Run the real bot (``python -m bot``) as a subprocess against :class:`FakeTelegram`.

The bot gets its whole configuration from the environment, as in production:
``BOT_TOKEN``, ``TELEGRAM_API_URL`` (the fake server), ``DATABASE_PATH`` (a file in the
test's tmp dir), ``DEFAULT_LANGUAGE``, ``ADMIN_IDS``, plus any overrides. Its stdout and
stderr go to a log file that failure messages include.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from .fake_telegram import Call, FakeTelegram, make_token

__all__ = [
    "REPO_ROOT",
    "WEBHOOK_SECRET",
    "BotProcess",
    "Exited",
    "clean_env",
    "copy_rating_db",
    "free_port",
    "load_bundled_database",
    "wait_until",
    "webhook_env",
]

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Variables of the parent environment that must not leak into the bot under test.
_CONFIG_PREFIXES = ("BOT_", "TELEGRAM_", "WEBHOOK_", "WEB_", "DATABASE_", "ADMIN_", "DEFAULT_LANGUAGE")

#: The secret :func:`webhook_env` registers unless told otherwise.
WEBHOOK_SECRET = "e2e-webhook-secret_0123456789"


#: How long a bot process may take to start (or to make an awaited call) before a test
#: gives up. A deadline, not a timing assertion: waits end as soon as the call comes, and
#: a busy 2-core machine running test files in parallel has been seen to need over 20 s.
START_DEADLINE = 60.0


def clean_env(*prefixes: str) -> dict[str, str]:
    """This process's environment without the variables whose names start with one of
    ``prefixes``: a developer's own settings must not leak into a child process."""
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


def load_bundled_database(path: Path, *, timeout: float = 300) -> str:
    """Load the bundled data into ``path`` with the import script, run as the operator runs
    it (a separate process, no inherited bot settings), and fold the WAL into the file so a
    plain copy holds everything. Returns the importer's report; fails with its output."""
    result = subprocess.run(
        [sys.executable, "-m", "bot.importer", "--bundled", "--create", "--database", str(path)],
        cwd=REPO_ROOT,
        env=clean_env("DATABASE_", "BOT_"),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"the importer failed:\n{result.stdout}\n{result.stderr}"
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return result.stdout


def copy_rating_db(template: Path, directory: Path) -> Path:
    """A private copy of the loaded template database in ``directory``, so each bot
    process owns its own SQLite file."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "bot.sqlite3"
    shutil.copyfile(template, target)
    return target


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a webhook server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_env(
    port: int, *, secret: str | None = WEBHOOK_SECRET, **extra: str | None
) -> dict[str, str | None]:
    """The :class:`BotProcess` ``env`` that puts the bot in webhook mode on ``port``
    (``secret=None``: unset, so the bot generates one); ``extra`` adds variables."""
    return {
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
        "WEBHOOK_HOST": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": secret,
        **extra,
    }


async def wait_until(
    condition: Callable[[], bool],
    timeout: float,  # noqa: ASYNC109 - a deadline for polling state no event announces
    *,
    interval: float = 0.02,
    failure: Callable[[], str] = lambda: "timed out",
) -> None:
    """Poll ``condition`` every ``interval`` seconds until it holds, for state the test
    can only look at (the fake's record, the database); after ``timeout`` seconds fail
    with ``failure()``, built only then so it shows the state at the timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(failure())
        await asyncio.sleep(interval)


@dataclass(frozen=True)
class Exited:
    """How a bot process that stopped by itself ended."""

    code: int
    stdout: str
    stderr: str


class BotProcess:
    """The bot under test, as a child process pointed at a :class:`FakeTelegram`.

    ``env`` overrides or adds variables; a value of ``None`` removes one (e.g. to test a
    missing ``BOT_TOKEN``). ``args`` replaces ``-m bot`` (e.g. ``("-m", "bot.importer",
    "file.csv")``). The token defaults to a well-formed fake one whose id is the fake's
    bot id, so ``bot.id`` agrees with ``getMe``.
    """

    def __init__(
        self,
        fake: FakeTelegram,
        tmp_path: Path,
        *,
        database_path: Path | None = None,
        default_language: str = "ru",
        admin_ids: Iterable[int] = (),
        env: Mapping[str, str | None] | None = None,
        token: str | None = None,
        args: Sequence[str] = ("-m", "bot"),
        python: str = sys.executable,
        cwd: Path = REPO_ROOT,
    ) -> None:
        self.fake = fake
        self.tmp_path = Path(tmp_path)
        self.database_path = database_path or self.tmp_path / "bot.sqlite3"
        self.token = token or fake.token or make_token(int(fake.bot_user["id"]))
        self.log_path = self.tmp_path / "bot.log"
        self.args = tuple(args)
        self.python = python
        self.cwd = cwd
        self._default_language = default_language
        self._admin_ids = tuple(admin_ids)
        self._env_overrides = dict(env or {})
        self._process: asyncio.subprocess.Process | None = None
        self._log_file: IO[bytes] | None = None

    def build_env(self) -> dict[str, str]:
        """The environment the bot is started with."""
        env = clean_env(*_CONFIG_PREFIXES)
        env.update(
            BOT_TOKEN=self.token,
            TELEGRAM_API_URL=self.fake.url,
            DATABASE_PATH=str(self.database_path),
            DEFAULT_LANGUAGE=self._default_language,
            PYTHONUNBUFFERED="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        if self._admin_ids:  # left unset when empty: "" is not a valid list for every parser
            env["ADMIN_IDS"] = ",".join(str(i) for i in self._admin_ids)
        for key, value in self._env_overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    # ------------------------------------------------------------------ lifecycle

    async def start(
        self,
        wait_for_polling: bool = True,
        *,
        timeout: float = START_DEADLINE,  # noqa: ASYNC109 - the documented public API
    ) -> None:
        """Launch the process; by default wait until it has called ``getUpdates``.

        May be called again after the process exited (a restart on the same database;
        the log file is appended to).

        Raises AssertionError with the process log if the process exits first or the
        call does not come within ``timeout`` seconds.
        """
        if self.running:
            raise RuntimeError("the bot process is already running")
        self._close_log()
        self.tmp_path.mkdir(parents=True, exist_ok=True)
        since = len(self.fake.calls("getUpdates", include_failed=True))
        self._log_file = self.log_path.open("ab")
        self._process = await asyncio.create_subprocess_exec(
            self.python,
            *self.args,
            cwd=str(self.cwd),
            env=self.build_env(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=asyncio.subprocess.STDOUT,
        )
        if wait_for_polling:
            await self.wait_until_called("getUpdates", timeout=timeout, skip=since)

    async def wait_until_called(
        self,
        method: str,
        *,
        timeout: float = START_DEADLINE,  # noqa: ASYNC109 - the documented public API
        skip: int | None = None,
    ) -> Call:
        """Wait until the bot calls ``method`` (counting failed calls too) and return
        the call; fail fast, with the log, if the process exits meanwhile. ``skip``:
        how many earlier calls of ``method`` to ignore (default: those already made)."""
        if skip is None:
            skip = len(self.fake.calls(method, include_failed=True))
        deadline = time.monotonic() + timeout
        while True:
            calls = self.fake.calls(method, include_failed=True)
            if len(calls) > skip:
                return calls[skip]
            if self.returncode is not None:
                raise AssertionError(
                    f"the bot exited with code {self.returncode} before calling {method}"
                    f"\n--- bot log ---\n{self.log()}"
                )
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"the bot did not call {method} within {timeout}s"
                    f"\n{self.fake.report()}\n--- bot log ---\n{self.log()}"
                )
            await asyncio.sleep(0.05)

    async def wait_for(self, method: str | None = None, **kwargs: Any) -> list[Call]:
        """:meth:`FakeTelegram.wait_for`, with the bot's log added to a failure and an
        early failure when the process has exited."""
        waiter = asyncio.ensure_future(self.fake.wait_for(method, **kwargs))
        try:
            while not waiter.done():
                if self.returncode is not None:
                    waiter.cancel()
                    raise AssertionError(
                        f"the bot exited with code {self.returncode}"
                        f"\n{self.fake.report()}\n--- bot log ---\n{self.log()}"
                    )
                await asyncio.wait({waiter}, timeout=0.1)
            return waiter.result()
        except AssertionError as error:
            if "--- bot log ---" in str(error):
                raise
            raise AssertionError(f"{error}\n--- bot log ---\n{self.log()}") from None
        finally:
            if not waiter.done():
                waiter.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await waiter

    async def run_until_exit(self, cwd: Path, *, limit: float = START_DEADLINE) -> Exited:
        """Run ``python -m bot`` from ``cwd`` (outside the repo, so no developer's .env is
        read) and wait for it to stop by itself: for start-up errors. ``limit`` only
        guards against a bot that keeps running; it is not a timing assertion."""
        env = self.build_env()
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        process = await asyncio.create_subprocess_exec(
            self.python,
            "-m",
            "bot",
            cwd=str(cwd),
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            out, err = await asyncio.wait_for(process.communicate(), limit)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise AssertionError("the bot kept running; it should have stopped by itself") from None
        assert process.returncode is not None
        return Exited(process.returncode, out.decode(), err.decode())

    async def stop(self, timeout: float = 10.0) -> int | None:  # noqa: ASYNC109
        """Send SIGTERM and wait for the exit (SIGKILL after ``timeout`` seconds).

        Returns the exit code (negative: killed by that signal), None if never started.
        """
        process = self._process
        if process is None:
            return None
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        self._close_log()
        return process.returncode

    def kill(self) -> None:
        """Send SIGKILL (a crash: no shutdown code runs). Await :meth:`wait` after it."""
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()

    async def wait(self, timeout: float = 10.0) -> int:  # noqa: ASYNC109
        """Wait for the process to exit on its own and return its exit code."""
        if self._process is None:
            raise RuntimeError("the bot process is not started")
        code = await asyncio.wait_for(self._process.wait(), timeout)
        self._close_log()
        return code

    def _close_log(self) -> None:
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    async def __aenter__(self) -> Self:
        try:
            await self.start()
        except BaseException:
            # __aexit__ does not run when __aenter__ fails: a process that started but never
            # came up would outlive the test (and the test run) otherwise.
            await self.stop()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ------------------------------------------------------------------ inspection

    @property
    def pid(self) -> int | None:
        """The process id, once started."""
        return self._process.pid if self._process is not None else None

    @property
    def returncode(self) -> int | None:
        """The exit code, or None while running (or never started)."""
        return self._process.returncode if self._process is not None else None

    @property
    def running(self) -> bool:
        """True between start and exit."""
        return self._process is not None and self._process.returncode is None

    def log(self) -> str:
        """Everything the process printed so far (stdout and stderr, interleaved)."""
        if self._log_file is not None:
            self._log_file.flush()
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_contains(self, needle: str) -> bool:
        """Whether the log mentions ``needle``."""
        return needle in self.log()

    @staticmethod
    def matcher(text: str) -> Callable[[Call], bool]:
        """A ``wait_for`` predicate: the call's text contains ``text``."""
        return lambda call: text in (call.text or "")
