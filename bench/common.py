"""What every benchmark shares: the fake Bot API with a reply hook, the processes, stats.

The fake Bot API server (``tests/e2e/fake_telegram.py``) records every request; the
benchmarks need to know *when* a reply arrives for a chat without scanning the whole
record per message, so :class:`TimedTelegram` resolves a per-chat future at the moment the
``sendMessage`` request is recorded (``Call.at``, ``time.monotonic()``). The processes are
started with the end-to-end tests' :class:`BotProcess`, so the bot runs exactly as there:
``python -m bot`` with its whole configuration in the environment; the floors
(``bench/floor_bot.py``, a bare aiogram bot, and ``bench/bare_floor_bot.py``, no framework
at all) get the same environment.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.e2e.fake_telegram import Call, FakeTelegram, html_to_text  # noqa: E402
from tests.e2e.harness import (  # noqa: E402
    BotProcess,
    copy_rating_db,
    free_port,
    load_bundled_database,
    webhook_env,
)

FLOOR_SCRIPT = REPO / "bench" / "floor_bot.py"
BARE_FLOOR_SCRIPT = REPO / "bench" / "bare_floor_bot.py"
#: The floors' scripts by kind: "floor" is the bare aiogram bot, "bare" the bot with no framework.
FLOOR_SCRIPTS = {"floor": FLOOR_SCRIPT, "bare": BARE_FLOOR_SCRIPT}
#: The aiogram floor and the bot (``bench/memory.py``); ``bench/replies.py`` adds "bare".
KINDS = ("floor", "bot")
MODES = ("polling", "webhook")

#: What a citizen types to find a body: a short name, an abbreviation in each alphabet, an
#: English phrase, a Kazakh name and a typo. Users start at different places in the list.
LOOKUPS = ("минздрав", "МЧС", "KNB", "health ministry", "Денсаулық сақтау", "минздарв")
LANGUAGE_CODES = ("ru", "kk", "en")
WORKLOADS: dict[str, tuple[str, ...]] = {"lookup": LOOKUPS, "rank": ("/rank",)}


class TimedTelegram(FakeTelegram):
    """The fake Bot API server, telling a waiting simulated user when its reply arrives."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.waiters: dict[int, asyncio.Future[Call]] = {}

    def _record(self, method: str, raw: dict[str, Any], files: dict[str, Any], **kwargs: Any) -> Call:
        call = super()._record(method, raw, files, **kwargs)
        if call.method == "sendMessage":
            waiter = self.waiters.pop(call.chat_id, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(call)
        return call

    def expect_reply(self, chat_id: int) -> asyncio.Future[Call]:
        """A future set to the next ``sendMessage`` call to ``chat_id`` (``Call.at``: when it arrived)."""
        future: asyncio.Future[Call] = asyncio.get_running_loop().create_future()
        self.waiters[chat_id] = future
        return future


def make_database(directory: Path) -> Path:
    """The bundled data loaded by the importer, as an operator does it, folded into one file."""
    path = directory / "template.sqlite3"
    load_bundled_database(path)
    return path


class Contender:
    """One run of a floor ("floor", "bare") or the bot ("bot"), in one mode, against its own
    fresh fake server."""

    def __init__(self, kind: str, mode: str, workdir: Path, template_db: Path | None) -> None:
        self.kind = kind
        self.mode = mode
        self.workdir = workdir
        self.template_db = template_db
        self.fake = TimedTelegram()
        self.process: BotProcess | None = None

    async def __aenter__(self) -> Contender:
        await self.fake.start()
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.template_db is not None:
            database = copy_rating_db(self.template_db, self.workdir)
        else:
            database = self.workdir / "bot.sqlite3"
        env: dict[str, str | None] = {"LOG_LEVEL": "INFO"}
        if self.mode == "webhook":
            env.update(webhook_env(free_port(), secret="bench-secret-0123456789", WEBHOOK_PATH="/webhook"))
        args = ("-m", "bot") if self.kind == "bot" else (str(FLOOR_SCRIPTS[self.kind]),)
        self.process = BotProcess(self.fake, self.workdir, database_path=database, env=env, args=args)
        try:
            if self.mode == "webhook":
                await self.process.start(wait_for_polling=False, timeout=60)
                await self.process.wait_until_called("setWebhook", timeout=60, skip=0)
                await asyncio.sleep(0.2)  # the server is up before it registers; let it settle
            else:
                await self.process.start(timeout=60)
        except BaseException:
            await self.close()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self.process is not None:
            await self.process.stop()
        await self.fake.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        assert self.process.pid is not None
        return self.process.pid

    def log(self) -> str:
        return self.process.log() if self.process is not None else ""


@dataclass(frozen=True)
class Script:
    """What one simulated user sends, in order, from a client in ``language``."""

    language: str
    texts: Sequence[str]


@dataclass(frozen=True)
class Reply:
    """A message sent in a closed-loop run and the ``sendMessage`` call that answered it."""

    language: str
    sent: str
    call: Call


@dataclass
class Traffic:
    """What a closed-loop run measured."""

    latencies: list[float]  # seconds, one per answered message
    seconds: float  # wall time of the whole run
    failures: int  # messages not answered within the timeout
    cpu: float = float("nan")  # CPU seconds the process under test used meanwhile
    replies: list[Reply] = field(default_factory=list)  # kept only when asked for

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_reply(self) -> float:
        """CPU milliseconds the process spent per answered message."""
        return self.cpu * 1000 / len(self.latencies) if self.latencies else float("nan")


async def closed_loop(
    fake: TimedTelegram,
    texts: Sequence[str],
    *,
    users: int,
    messages: int,
    first_user: int,
    timeout: float = 30.0,  # noqa: ASYNC109 - per message
    pid: int | None = None,
) -> Traffic:
    """``users`` simulated users at once, each sending ``messages`` of ``texts`` (each user
    starting one further along the list), each after the reply to the one before; the
    users' languages rotate ru, kk, en. See :func:`scripted_loop`."""
    scripts = [
        Script(
            LANGUAGE_CODES[number % len(LANGUAGE_CODES)],
            [texts[(number + step) % len(texts)] for step in range(messages)],
        )
        for number in range(users)
    ]
    return await scripted_loop(fake, scripts, first_user=first_user, timeout=timeout, pid=pid)


async def scripted_loop(
    fake: TimedTelegram,
    scripts: Sequence[Script],
    *,
    first_user: int,
    timeout: float = 30.0,  # noqa: ASYNC109 - per message
    pid: int | None = None,
    keep_replies: bool = False,
) -> Traffic:
    """One simulated user per script, all at once, each sending its texts in order, each
    after the reply to the one before (a closed loop): latency is push -> the reply's
    ``sendMessage`` arriving. With ``keep_replies``, every answering call is kept too.

    The harness's own garbage collector is paused meanwhile: its pauses (the fake server
    keeps every call) would otherwise land on whichever contender happens to be running.
    With ``pid``, the CPU time that process used during the run is measured too.
    """
    latencies: list[float] = []
    replies: list[Reply] = []
    failures = 0

    async def user(number: int, script: Script) -> None:
        nonlocal failures
        user_id = first_user + number
        for text in script.texts:
            reply = fake.expect_reply(user_id)
            sent = time.monotonic()
            fake.push_message(user_id, text, language_code=script.language)
            try:
                call = await asyncio.wait_for(reply, timeout)
            except TimeoutError:
                failures += 1
                continue
            latencies.append(call.at - sent)
            if keep_replies:
                replies.append(Reply(script.language, text, call))

    gc.collect()
    gc.disable()
    try:
        cpu_before = cpu_seconds(pid) if pid else float("nan")
        began = time.monotonic()
        await asyncio.gather(*(user(n, script) for n, script in enumerate(scripts)))
        seconds = time.monotonic() - began
        cpu = cpu_seconds(pid) - cpu_before if pid else float("nan")
    finally:
        gc.enable()
    return Traffic(latencies, seconds, failures, cpu, replies)


def plain(call: Call) -> str:
    """The text of a reply as the user sees it: markup removed, entities decoded."""
    return html_to_text(call.text or "")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc (its threads included)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB, from /proc."""
    found: dict[str, int] = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, columns padded so it also reads well in a terminal."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        "| " + " | ".join("-" * w for w in widths) + " |",
    ]
    lines += ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join(lines)
