"""End to end: the bot on a full disk still answers; what it could not write, it writes later.

The database lives on a 3 MB tmpfs. Once the bot polls, a file fills the filesystem to
ENOSPC, so every write fails ("database or disk is full") while reads still work. Forty
new users ask a question each: every one must be answered, the log must hold no
traceback and say once that writes fail. Then the space is freed: the next write works,
the log says so once, and the forty first contacts kept in memory are written.

Mounting needs root (CI runs as root); elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .dialog import UserChat, plain
from .fake_telegram import FakeTelegram
from .harness import BotProcess, wait_until

NEW_USERS = range(710_001, 710_041)  # forty users the database has never seen
LATE_USER = 710_100  # writes after the space is freed
WRITES_FAIL = "Database writes fail"
WRITES_WORK = "Database writes work again"


@contextlib.contextmanager
def small_filesystem(directory: Path, size: str = "3m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``directory`` for the block; unmounted after it."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    directory.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield directory
    finally:
        if subprocess.run(["umount", str(directory)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(directory)], check=False)  # busy: detach it anyway


def fill(directory: Path) -> Path:
    """Write a file until the filesystem has no space left; the file, to free it later."""
    filler = directory / "filler"
    block = b"\0" * 65536
    with filler.open("wb", buffering=0) as handle:  # unbuffered: closing has nothing left to write
        for _ in range(1024):  # 64 MB at most: far more than the 3 MB filesystem holds
            try:
                handle.write(block)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                return filler
    raise AssertionError("the small filesystem never filled up")


def users_recorded(database: Path, user_ids: range | list[int]) -> set[int]:
    """Which of ``user_ids`` the users table holds, read by a connection of our own."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT user_id FROM users").fetchall()
    return {row[0] for row in rows} & set(user_ids)


async def test_a_full_disk_answers_every_reader_and_writes_the_new_users_later(
    fake_telegram: FakeTelegram, tmp_path: Path, rating_db_template: Path
) -> None:
    with small_filesystem(tmp_path / "disk") as disk:
        database = disk / "rating.db"
        shutil.copyfile(rating_db_template, database)
        bot = BotProcess(fake_telegram, tmp_path / "bot", database_path=database)
        try:
            await bot.start()
            filler = fill(disk)

            since = fake_telegram.mark()
            for user_id in NEW_USERS:
                UserChat(bot, user_id).push("минздрав")
            for user_id in NEW_USERS:
                [reply] = await bot.wait_for("sendMessage", chat_id=user_id, since=since, timeout=20)
                assert "Министерство здравоохранения" in plain(reply)

            log = bot.log()
            assert "Traceback" not in log, log
            assert log.count(WRITES_FAIL) == 1, log
            assert users_recorded(database, NEW_USERS) == set()  # not written: kept in memory

            filler.unlink()
            rank = await UserChat(bot, LATE_USER, "en").send("/rank")
            assert "Page 1 of 4" in plain(rank)
            everyone = [*NEW_USERS, LATE_USER]

            def missing() -> list[int]:
                return sorted(set(everyone) - users_recorded(database, everyone))

            # Written by the next try: at most RETRY_SECONDS (5 s) after the last refusal.
            await wait_until(
                lambda: not missing(), 15, failure=lambda: f"kept users not written: {missing()}\n{bot.log()}"
            )
            log = bot.log()
            assert log.count(WRITES_WORK) == 1, log
            assert log.count(WRITES_FAIL) == 1, log
            assert "Traceback" not in log, log
        finally:
            await bot.stop()
