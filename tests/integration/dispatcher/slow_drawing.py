"""A drawing function for the chart worker process that waits for the test's go-ahead.

It runs in the spawned worker, so it is a module-level function the worker imports by
name; the go-ahead is a file the test creates (the path comes in the environment, which
the worker inherits). Bounded: after 60 seconds it draws anyway.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

GATE = "CHART_TEST_GATE"
FAKE_PNG = b"\x89PNG\r\n\x1a\nslow"


def gated_png(spec: object) -> bytes:
    gate = Path(os.environ[GATE])
    for _ in range(600):
        if gate.exists():
            break
        time.sleep(0.1)
    return FAKE_PNG
