"""Every benchmark once, with quick settings (``make bench``): a minute or two in all.

Each runs as its own process, one after another (they share two cores), and prints its
own table; the full-size runs whose figures are in ``bench/README.md`` are the commands
listed there.

    python bench/run_all.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

QUICK: list[tuple[str, list[str]]] = [
    ("replies.py", ["--quick"]),
    ("memory.py", []),
    ("importer.py", ["--repeats", "1"]),
    ("broadcast.py", ["--subscribers", "500"]),
    ("inline.py", ["--quick"]),
    ("charts.py", ["--repeats", "2"]),
    ("search.py", ["--rounds", "5"]),
    ("questions.py", ["--rounds", "2"]),
    ("web.py", ["--quick"]),
]


def main() -> int:
    failed: list[str] = []
    began = time.monotonic()
    for script, args in QUICK:
        path = BENCH / script
        if not path.exists():
            continue
        command = [sys.executable, str(path), *args]
        print(f"\n$ python bench/{script} {' '.join(args)}".rstrip(), flush=True)
        if subprocess.run(command, cwd=BENCH.parent, check=False).returncode != 0:
            failed.append(script)
    print(
        f"\nAll benchmarks: {time.monotonic() - began:.0f} s"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
