"""Every way out of the process is scrubbed of the bot token (issue 14, part 3).

Log records were already redacted; a start-up error, an uncaught exception, a warning,
asyncio's report of a lost task and a plain print() were not. Each test puts the token
(or another token-shaped text) into one of those paths and reads what came out.
``main()`` runs in-process here, with its run modes replaced; the real process is in
``tests/e2e/test_startup.py``.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import bot.__main__ as entry
import bot.runtime.app as app_module
from bot.runtime import logs
from bot.runtime.logs import SCRUBBER, RedactToken, ScrubbedStream, Scrubber, one_line
from bot.store.store import BrokenDatabaseError

TOKEN = "123456789:AAHsecretPartOfTheToken_0123456789abc"
SECRET = TOKEN.split(":")[1]
OTHER = "987654321:BBHanotherBotsTokenShape_0123456789xyz"  # never told to the scrubber


@pytest.fixture
def process_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Undo what main() changes for the whole process: hooks, streams, logging, warnings;
    and give it a clean environment with a valid token, in a directory without ``.env``."""
    for name in list(os.environ):
        if name.upper().startswith(("BOT_", "TELEGRAM_", "WEBHOOK_", "DATABASE_", "LOG_LEVEL", "METRICS_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "rating.db"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "stdout", sys.stdout)
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    logging.captureWarnings(False)
    root.handlers[:] = handlers
    root.setLevel(level)


def test_the_scrubber_hides_the_exact_secrets_and_anything_token_shaped() -> None:
    scrubber = Scrubber()
    scrubber.add("webhook-secret-value", "<WEBHOOK_SECRET>")
    text = scrubber(f"/bot{TOKEN}/getMe and {OTHER} with webhook-secret-value")
    assert text == "/bot<BOT_TOKEN>/getMe and <BOT_TOKEN> with <WEBHOOK_SECRET>"


def test_a_log_record_with_a_token_shaped_text_is_redacted() -> None:
    """Before: only the exact token was hidden in log records, not another token's shape."""
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "seen %s", (OTHER,), None)
    RedactToken(TOKEN).filter(record)
    assert record.getMessage() == "seen <BOT_TOKEN>"


def test_the_stream_guard_scrubs_every_write() -> None:
    inner = io.StringIO()
    stream = ScrubbedStream(inner, SCRUBBER)  # type: ignore[arg-type]
    assert stream.write(f"Content: /bot{TOKEN}/getMe\n") == len(f"Content: /bot{TOKEN}/getMe\n")
    stream.flush()
    assert inner.getvalue() == "Content: /bot<BOT_TOKEN>/getMe\n"


def test_one_line_is_scrubbed_before_it_is_cut() -> None:
    """A cut through the middle of a token would leave its first half unscrubbed."""
    error = RuntimeError("x" * 280 + f" /bot{TOKEN}/getMe " + "y" * 1000)
    line = one_line(error)
    assert SECRET[:10] not in line
    assert "\n" not in line
    assert len(line) < 340


def test_an_uncaught_exception_is_scrubbed(process_state: None, capsys: pytest.CaptureFixture[str]) -> None:
    logs.install_scrubbing()
    try:
        raise RuntimeError(f"Content: The requested URL /bot{TOKEN}/getMe was not found")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    err = capsys.readouterr().err
    assert "Uncaught error" in err
    assert "/bot<BOT_TOKEN>/getMe" in err
    assert SECRET not in err


def test_an_error_in_a_thread_is_scrubbed(process_state: None, capsys: pytest.CaptureFixture[str]) -> None:
    logs.install_scrubbing()
    logs.configure_logging("INFO", TOKEN)

    def fail() -> None:
        raise RuntimeError(f"GET /bot{TOKEN}/getMe")

    thread = threading.Thread(target=fail, name="worker")
    thread.start()
    thread.join()
    err = capsys.readouterr().err
    assert "Uncaught error in thread worker" in err
    assert SECRET not in err


def test_a_warning_is_scrubbed(process_state: None, capsys: pytest.CaptureFixture[str]) -> None:
    logs.install_scrubbing()
    logs.configure_logging("INFO", TOKEN)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"Unclosed session to /bot{TOKEN}/getUpdates", ResourceWarning, stacklevel=1)
    err = capsys.readouterr().err
    assert "/bot<BOT_TOKEN>/getUpdates" in err
    assert SECRET not in err


def test_asyncios_report_of_a_lost_error_is_scrubbed(
    process_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    logs.install_scrubbing()
    logs.configure_logging("INFO", TOKEN)
    loop = asyncio.new_event_loop()
    try:
        logs.asyncio_exception_handler(
            loop,
            {"message": "Task exception was never retrieved", "exception": RuntimeError(f"/bot{TOKEN}/x")},
        )
    finally:
        loop.close()
    err = capsys.readouterr().err
    assert "Task exception was never retrieved: RuntimeError: /bot<BOT_TOKEN>/x" in err
    assert SECRET not in err


# ---------------------------------------------------------------------- main()


def test_main_reports_an_unexpected_error_in_one_scrubbed_line(
    process_state: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: main() let it through; Python printed the traceback, token and all, exit 1."""
    seen: list[object] = []

    async def crash(settings: object) -> None:
        seen.append(asyncio.get_running_loop().get_exception_handler())
        raise RuntimeError(f"Failed to decode object\nContent: The requested URL /bot{TOKEN}/getMe")

    monkeypatch.setattr(app_module, "run_polling", crash)
    assert entry.main() == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].endswith(
        "ERROR bot: Stopped by an unexpected error: RuntimeError: Failed to decode object Content: "
        "The requested URL /bot<BOT_TOKEN>/getMe (LOG_LEVEL=DEBUG shows where)"
    )
    assert SECRET not in captured.err + captured.out
    assert seen == [logs.asyncio_exception_handler], "asyncio's reports go through the scrubber too"


def test_main_shows_the_traceback_at_debug_scrubbed(
    process_state: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def crash(settings: object) -> None:
        raise RuntimeError(f"/bot{TOKEN}/getMe")

    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    monkeypatch.setattr(app_module, "run_polling", crash)
    assert entry.main() == 1
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert SECRET not in err


def test_main_prints_a_broken_database_as_one_line_naming_the_setting(
    process_state: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    async def broken(settings: object) -> None:
        raise BrokenDatabaseError(tmp_path / "rating.db", "file is not a database")

    monkeypatch.setattr(app_module, "run_polling", broken)
    assert entry.main() == 2
    assert capsys.readouterr().err == (
        f"DATABASE_PATH {tmp_path / 'rating.db'} is not an SQLite database (file is not a database): "
        "restore a backup or move it away\n"
    )


@pytest.mark.parametrize("stop", [asyncio.CancelledError, KeyboardInterrupt])
def test_a_stop_during_start_up_exits_0(
    process_state: None, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    async def stopped(settings: object) -> None:
        raise stop

    monkeypatch.setattr(app_module, "run_polling", stopped)
    assert entry.main() == 0
