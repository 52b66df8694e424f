"""``python -m bot``: run the bot with settings from the environment or .env.

Long polling by default; webhook mode (:mod:`bot.runtime.webhook`) when ``WEBHOOK_URL`` is set.
Any configuration problem ends the process with exit code 2 and one line on stderr.
"""

from __future__ import annotations

import asyncio
import sys

from bot.config import ConfigError, load_settings, scrub
from bot.runtime.logs import configure_logging
from bot.store import StoreError


def main() -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.bot_token.get_secret_value())
        # Imported only once the settings are valid: aiogram takes seconds to import, and a
        # bad setting should be reported at once.
        if settings.webhook_url:
            from bot.runtime.webhook import run_webhook  # noqa: PLC0415

            asyncio.run(run_webhook(settings))
        else:
            from bot.runtime.app import run_polling  # noqa: PLC0415

            asyncio.run(run_polling(settings))
    except ConfigError as error:
        print(scrub(str(error.code)), file=sys.stderr)
        return 2
    except StoreError as error:
        print(scrub(f"Database error: {error}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
