"""``python -m bot.healthcheck``: exit 0 when the bot is healthy (the Docker HEALTHCHECK).

In webhook mode it asks the running bot's ``/healthz``, which checks the database from
inside the process. In polling mode there is no server to ask, so it checks that the
database opens and answers. No aiogram here: it runs every half minute and must be quick.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bot.config import HEALTH_PATH, ConfigError, Settings, load_settings

log = logging.getLogger(__name__)

Health = tuple[int, dict[str, Any]]


def probe_database(path: Path) -> int | None:
    """The latest rating year in the database at ``path``, None when it holds none.

    A fresh read-only connection each time: the answer says whether the file the settings
    name can be read now (a volume unmounted, the file moved away), not whether a
    connection opened long ago still works.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as connection:
        row = connection.execute("SELECT MAX(year) FROM releases").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def database_health(path: Path) -> Health:
    """``(HTTP status, body)`` for ``/healthz``: 200 when the database answers, else 503.

    The body names no path or error: the endpoint may be reachable from outside; the
    details go to the log.
    """
    try:
        year = probe_database(path)
    except (sqlite3.Error, OSError) as error:
        log.warning("Health check failed: the database at %s is unreachable: %s", path, error)
        return 503, {"ok": False, "database": "unreachable", "last_release_year": None}
    return 200, {"ok": True, "database": "ok", "last_release_year": year}


def local_address(host: str) -> str:
    """Where to reach a server listening on ``host`` from the same machine, for a URL."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def ask_server(settings: Settings, timeout: float = 5.0) -> Health:
    """What the running bot's ``/healthz`` answers; 0 and an error text when nothing answers."""
    url = f"http://{local_address(settings.webhook_host)}:{settings.webhook_port}{HEALTH_PATH}"
    # No proxy: HTTP_PROXY in a container's environment must not take 127.0.0.1 elsewhere.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return int(response.status), json.load(response)
    except urllib.error.HTTPError as error:
        with contextlib.suppress(ValueError):
            return error.code, json.load(error)
        return error.code, {"ok": False}
    except (OSError, ValueError) as error:
        return 0, {"ok": False, "error": f"{url}: {error}"}


def check(settings: Settings) -> Health:
    return ask_server(settings) if settings.webhook_url else database_health(settings.database_path)


def main() -> int:
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error.code, file=sys.stderr)
        return 1
    status, body = check(settings)
    healthy = status == 200 and body.get("ok") is True
    print(json.dumps(body), file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
