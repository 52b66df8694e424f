"""``python -m bot``: run the bot (long polling) with settings from the environment or .env."""

from __future__ import annotations

import asyncio
import sys

from bot.config import ConfigError, load_settings
from bot.logs import configure_logging
from bot.store import StoreError


def main() -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.bot_token.get_secret_value())
        # Imported only once the settings are valid: aiogram takes seconds to import, and a
        # missing or malformed BOT_TOKEN should be reported at once.
        from bot.app import run_polling  # noqa: PLC0415

        asyncio.run(run_polling(settings))
    except ConfigError as error:
        print(error.code, file=sys.stderr)
        return 2
    except StoreError as error:
        print(f"Database error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
