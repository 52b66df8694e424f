"""The floor of ``bench/web.py``: a minimal aiohttp app handing out fixed bytes, nothing else.

``python bench/static_floor.py DIRECTORY PORT`` reads every file of DIRECTORY once, at
start, and answers ``GET /NAME`` on 127.0.0.1:PORT with those bytes in a plain
``web.Response`` (content type from the name, an ``ETag`` of the bytes, a 304 with no body
to a matching ``If-None-Match``); no middleware, no access log. ``bench/web.py`` writes
there a copy of each answer of the page and the API, byte for byte, so the ratio it prints
is our code and the routes' cost against aiohttp sending the same bytes.

Not ``web.FileResponse``: it opens and stats the file in a worker thread per request,
which for files of 1-40 KB costs more than our JSON answers do (a floor above the thing
measured); from memory is the least aiohttp can do for the same bytes. Stops on SIGTERM
or SIGINT.
"""

from __future__ import annotations

import asyncio
import hashlib
import mimetypes
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from aiohttp import hdrs, web


def floor_app(directory: Path) -> web.Application:
    """One route, ``/{name}``, answering a file of ``directory`` by name (404 otherwise)."""
    files = {path.name: Static.read(path) for path in directory.iterdir() if path.is_file()}

    async def serve(request: web.Request) -> web.Response:
        static = files.get(request.match_info["name"])
        if static is None:
            raise web.HTTPNotFound()
        headers = {hdrs.ETAG: static.etag}
        if request.headers.get(hdrs.IF_NONE_MATCH) == static.etag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=static.body, content_type=static.content_type, headers=headers)

    app = web.Application()
    app.router.add_get("/{name}", serve)
    return app


@dataclass(frozen=True)
class Static:
    """A file's bytes, its content type and an ETag of them."""

    body: bytes
    content_type: str
    etag: str

    @classmethod
    def read(cls, path: Path) -> Static:
        body = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return cls(body, content_type, f'"{hashlib.sha256(body).hexdigest()[:16]}"')


async def run(directory: Path, port: int) -> None:
    runner = web.AppRunner(floor_app(directory), access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/static_floor.py DIRECTORY PORT", file=sys.stderr)
        return 2
    asyncio.run(run(Path(argv[0]), int(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
