"""The rating page and its JSON API under concurrent load, beside aiohttp serving the same
bytes from a file, measured in the same run.

Two processes on 127.0.0.1, each on a free port:

* ours: ``python -m bot web`` (the page alone, read-only, no bot token) on a copy of the
  bundled database made by the importer;
* the floor: ``bench/static_floor.py``, a minimal aiohttp app answering each request with
  a plain ``web.Response`` of the bytes ours answered to that target (read from a file at
  its start; see there why not ``web.FileResponse``).

Targets: the latest year's page in Russian, a history page (2024, Kazakh, one body), the
three API endpoints, and the ratings URL again with ``If-None-Match`` naming its ETag
(every answer must be a 304; the floor revalidates its file the same way). For each target
and each server: a warm-up, then ``--requests`` requests over ``--concurrency`` keep-alive
connections (aiohttp client, each connection sending its next request when the answer to
the one before is read), the two servers' order alternating from target to target.

Printed: p50 and p99 latency (request sent -> whole body read) and requests/s, ours and
the floor's, and the ratio "x" = how many times the floor's cost ours is (latency: ours /
floor; requests/s: floor / ours; 1.00 = as cheap as a static file of the same size); then
each server's CPU time per request. Every status is counted; an unexpected one (or a 200 of
another size than the first answer's) is printed and makes the exit code 1.

    python bench/web.py                     # 2,000 requests a target, 16 connections
    python bench/web.py --requests 500 --concurrency 4
    python bench/web.py --quick             # 300 requests a target (bench/run_all.py)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from common import REPO, cpu_seconds, make_database, percentile, table

from tests.e2e.harness import clean_env, copy_rating_db, free_port

FLOOR_SCRIPT = REPO / "bench" / "static_floor.py"
#: A body with several years on record, for the history page and /api/v1/bodies/<slug>.
SLUG = "moh"
HISTORY_YEAR = 2024
#: Bounds each wait: a server starting, one request, a server stopping. Guards, not figures.
START_SECONDS = 60.0
REQUEST_SECONDS = 30.0
STOP_SECONDS = 10.0


@dataclass(frozen=True)
class Target:
    """One URL of ours and the floor's file that holds the same bytes."""

    label: str
    path: str  # ours, with its query
    floor_name: str  # the floor's file
    revalidate: bool = False  # sent with If-None-Match: the answer must be a 304


@dataclass
class Run:
    """What the load on one URL of one server measured."""

    latencies: list[float]  # seconds, one per answered request
    seconds: float
    statuses: Counter[str] = field(default_factory=Counter)
    cpu: float = float("nan")  # the server's CPU seconds meanwhile

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_request_us(self) -> float:
        return self.cpu * 1e6 / len(self.latencies) if self.latencies else float("nan")


def targets(latest: int) -> list[Target]:
    return [
        Target(f"/ ({latest}, ru)", f"/?year={latest}&lang=ru", "page-latest.html"),
        Target(
            f"/ history ({HISTORY_YEAR}, kk, {SLUG})",
            f"/?year={HISTORY_YEAR}&lang=kk&body={SLUG}",
            "page-history.html",
        ),
        Target("/api/v1/years", "/api/v1/years", "years.json"),
        Target(f"/api/v1/ratings/{latest}", f"/api/v1/ratings/{latest}", "ratings.json"),
        Target(f"/api/v1/bodies/{SLUG}", f"/api/v1/bodies/{SLUG}", "body.json"),
        Target(f"/api/v1/ratings/{latest}, If-None-Match", f"/api/v1/ratings/{latest}", "ratings.json", True),
    ]


@contextlib.asynccontextmanager
async def server(args: list[str], env: Mapping[str, str], cwd: Path, port: int) -> AsyncIterator[int]:
    """A server process listening on 127.0.0.1:``port``; yields its pid. SIGTERM, then
    SIGKILL if it has not stopped within STOP_SECONDS, always."""
    log = cwd / "server.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=str(cwd),
            env=dict(env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
        )
    try:
        await wait_listening(port, process, log)
        yield process.pid
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_listening(port: int, process: asyncio.subprocess.Process, log: Path) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_SECONDS
    while loop.time() < deadline:
        if process.returncode is not None:
            raise SystemExit(f"server exited with {process.returncode}:\n{tail(log)}")
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
            return
        await asyncio.sleep(0.1)
    raise SystemExit(f"nothing listened on 127.0.0.1:{port} within {START_SECONDS:.0f} s:\n{tail(log)}")


def tail(log: Path) -> str:
    """The end of a server's output, for the line saying why it did not start."""
    return log.read_text(errors="replace")[-3000:]


def page_env(database: Path, port: int) -> dict[str, str]:
    """``python -m bot web``'s environment: the database and the port, none of a developer's settings."""
    env = clean_env(
        "BOT_", "TELEGRAM_", "WEBHOOK_", "DATABASE_", "ADMIN_", "METRICS_", "WEB_", "DEFAULT_", "LOG_"
    )
    env.update(
        DATABASE_PATH=str(database), WEB_PORT=str(port), LOG_LEVEL="WARNING", PYTHONDONTWRITEBYTECODE="1"
    )
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


async def fetch(
    client: aiohttp.ClientSession, url: str, headers: Mapping[str, str] | None = None
) -> tuple[int, bytes, str]:
    """(status, body, ETag) of one GET."""
    async with client.get(url, headers=headers) as response:
        return response.status, await response.read(), response.headers.get("ETag", "")


async def load(
    url: str,
    headers: Mapping[str, str],
    *,
    requests: int,
    warmup: int,
    concurrency: int,
    expected: tuple[int, int],
    pid: int,
) -> Run:
    """``warmup`` then ``requests`` GETs of ``url`` over ``concurrency`` keep-alive
    connections, each connection's next request sent when its answer is read. ``expected``
    is (status, size of its body); anything else is counted under its own key."""
    status_wanted, size_wanted = expected
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:

        async def worker(
            tickets: Iterator[int], latencies: list[float] | None, statuses: Counter[str]
        ) -> None:
            for _ in tickets:
                began = time.perf_counter()
                try:
                    async with client.get(url, headers=headers) as response:
                        body = await response.read()
                        status = response.status
                except (aiohttp.ClientError, TimeoutError) as error:
                    statuses[f"error: {type(error).__name__}"] += 1
                    continue
                if latencies is not None:
                    latencies.append(time.perf_counter() - began)
                if status != status_wanted:
                    statuses[str(status)] += 1
                elif len(body) != size_wanted:
                    statuses[f"{status}, {len(body)} bytes instead of {size_wanted}"] += 1
                else:
                    statuses[str(status)] += 1

        async def wave(count: int, latencies: list[float] | None, statuses: Counter[str]) -> None:
            tickets = iter(range(count))  # shared: the connections take the next one in turn
            await asyncio.gather(*(worker(tickets, latencies, statuses) for _ in range(concurrency)))

        await wave(warmup, None, Counter())
        run = Run([], 0.0)
        gc.collect()
        gc.disable()  # the client's collector pausing mid-run would land on one server's figures
        try:
            cpu_before = cpu_seconds(pid)
            began = time.perf_counter()
            await wave(requests, run.latencies, run.statuses)
            run.seconds = time.perf_counter() - began
            run.cpu = cpu_seconds(pid) - cpu_before
        finally:
            gc.enable()
    return run


async def prepare(ours: str, chosen: list[Target], floor_dir: Path) -> dict[str, tuple[int, int]]:
    """Fetch each target once from ours, write its body as the floor's file; returns each
    target's expected (status, size): a 304 with no body for the revalidation target."""
    expected: dict[str, tuple[int, int]] = {}
    async with aiohttp.ClientSession() as client:
        for target in chosen:
            status, body, _etag = await fetch(client, ours + target.path)
            if status != 200:
                raise SystemExit(f"{target.label}: GET {target.path} answered {status}, not 200")
            (floor_dir / target.floor_name).write_bytes(body)
            expected[target.label] = (304, 0) if target.revalidate else (200, len(body))
    return expected


async def etag_of(client: aiohttp.ClientSession, url: str) -> str:
    status, _, etag = await fetch(client, url)
    if status != 200 or not etag:
        raise SystemExit(f"GET {url} answered {status} with ETag {etag!r}: cannot revalidate")
    return etag


async def run(args: argparse.Namespace) -> int:
    began = time.monotonic()
    requests = 300 if args.quick else args.requests
    warmup = max(50, requests // 10)
    results: list[tuple[Target, int, Run, Run]] = []
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        root = Path(tmp)
        database = copy_rating_db(make_database(root), root / "web")
        floor_dir = root / "floor" / "files"
        floor_dir.mkdir(parents=True)
        ours_port, floor_port = free_port(), free_port()
        ours_url, floor_url = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{floor_port}"
        async with server(
            ["-m", "bot", "web"], page_env(database, ours_port), root / "web", ours_port
        ) as ours_pid:
            async with aiohttp.ClientSession() as client:
                status, body, _ = await fetch(client, ours_url + "/api/v1/years")
                if status != 200:
                    raise SystemExit(f"GET /api/v1/years answered {status}: {body[:300]!r}")
                latest = int(json.loads(body)["latest"])
            chosen = targets(latest)
            expected = await prepare(ours_url, chosen, floor_dir)
            floor_env = clean_env("BOT_", "WEB_", "DATABASE_")
            floor_args = [str(FLOOR_SCRIPT), str(floor_dir), str(floor_port)]
            async with server(floor_args, floor_env, root / "floor", floor_port) as floor_pid:
                async with aiohttp.ClientSession() as client:
                    ours_tag = await etag_of(client, ours_url + chosen[-1].path)
                    floor_tag = await etag_of(client, f"{floor_url}/{chosen[-1].floor_name}")
                for number, target in enumerate(chosen):
                    size = expected[target.label]
                    ours_headers = {"If-None-Match": ours_tag} if target.revalidate else {}
                    floor_headers = {"If-None-Match": floor_tag} if target.revalidate else {}
                    jobs = [
                        ("ours", ours_url + target.path, ours_headers, ours_pid),
                        ("floor", f"{floor_url}/{target.floor_name}", floor_headers, floor_pid),
                    ]
                    if number % 2:
                        jobs.reverse()
                    measured: dict[str, Run] = {}
                    for name, url, headers, pid in jobs:
                        measured[name] = await load(
                            url,
                            headers,
                            requests=requests,
                            warmup=warmup,
                            concurrency=args.concurrency,
                            expected=size,
                            pid=pid,
                        )
                    file_size = (floor_dir / target.floor_name).stat().st_size
                    results.append((target, file_size, measured["ours"], measured["floor"]))
    return report(
        results, expected, requests=requests, concurrency=args.concurrency, seconds=time.monotonic() - began
    )


def report(
    results: list[tuple[Target, int, Run, Run]],
    expected: Mapping[str, tuple[int, int]],
    *,
    requests: int,
    concurrency: int,
    seconds: float,
) -> int:
    def ms(values: list[float], share: float) -> float:
        return percentile(values, share) * 1000

    def ratio(value: float) -> str:
        return f"{value:.2f}"

    print(
        f"The rating page and its API: {requests:,} requests a target over {concurrency} connections; "
        "floor: aiohttp answering the same bytes (bench/static_floor.py).\n"
        "x = how many times the floor's cost: latency ours / floor, requests/s floor / ours "
        "(1.00 = a static file)."
    )
    print()
    rows = []
    for target, size, ours, floor in results:
        ours50, floor50 = ms(ours.latencies, 0.5), ms(floor.latencies, 0.5)
        ours99, floor99 = ms(ours.latencies, 0.99), ms(floor.latencies, 0.99)
        rows.append(
            [
                target.label,
                f"{size:,}" if not target.revalidate else "0 (304)",
                f"{ours50:.2f}",
                f"{floor50:.2f}",
                ratio(ours50 / floor50),
                f"{ours99:.2f}",
                f"{floor99:.2f}",
                ratio(ours99 / floor99),
                f"{ours.rate:,.0f}",
                f"{floor.rate:,.0f}",
                ratio(floor.rate / ours.rate if ours.rate else float("inf")),
                f"{ours.cpu_per_request_us:,.0f}",
                f"{floor.cpu_per_request_us:,.0f}",
            ]
        )
    headers = [
        "target",
        "bytes",
        "p50 ms",
        "floor",
        "x",
        "p99 ms",
        "floor",
        "x",
        "req/s",
        "floor",
        "x",
        "CPU µs/req",
        "floor",
    ]
    print(table(headers, rows))
    print()
    failed = False
    for target, _size, ours, floor in results:
        wanted = str(expected[target.label][0])
        for name, measured in (("ours", ours), ("floor", floor)):
            unexpected = {key: count for key, count in measured.statuses.items() if key != wanted}
            if unexpected:
                failed = True
                shown = ", ".join(f"{key}: {count}" for key, count in sorted(unexpected.items()))
                print(f"UNEXPECTED {name}, {target.label}: {shown} (of {requests}; wanted {wanted})")
        if target.revalidate:
            got, floor_got = ours.statuses["304"], floor.statuses["304"]
            print(f"- revalidated with If-None-Match: {got:,} of {requests:,} got 304 (floor {floor_got:,})")
    print(f"\n({seconds:.0f} s)")
    return 1 if failed else 0


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests",
        type=positive,
        default=2000,
        help="measured requests per target and server (default 2000)",
    )
    parser.add_argument(
        "--concurrency", type=positive, default=16, help="keep-alive connections at once (default 16)"
    )
    parser.add_argument("--quick", action="store_true", help="300 requests a target (bench/run_all.py)")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
