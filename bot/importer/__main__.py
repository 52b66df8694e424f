from __future__ import annotations

from bot.importer.cli import main

raise SystemExit(main())
