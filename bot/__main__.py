"""``python -m bot``: run the bot with settings from the environment or .env.

Long polling by default; webhook mode (:mod:`bot.runtime.webhook`) when ``WEBHOOK_URL`` is set.
``python -m bot web`` serves only the rating page, read-only, with no bot token needed
(:mod:`bot.runtime.web_server`).
Any configuration problem ends the process with exit code 2 and one line on stderr; an
error nobody foresaw, with exit code 1 and one line (the traceback at ``LOG_LEVEL=DEBUG``).
Nothing leaves the process unscrubbed: see :mod:`bot.runtime.logs`.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from bot.config import ConfigError, Settings, WebSettings, load_settings, load_web_settings
from bot.runtime.logs import (
    SCRUBBER,
    asyncio_exception_handler,
    configure_logging,
    install_scrubbing,
    one_line,
)
from bot.store.store import BrokenDatabaseError, StoreError

log = logging.getLogger("bot")


def main() -> int:
    install_scrubbing()
    try:
        if sys.argv[1:2] == ["web"]:
            web_settings = load_web_settings()
            token = web_settings.bot_token
            configure_logging(web_settings.log_level, token.get_secret_value() if token else "")
            asyncio.run(run_page(web_settings))
        else:
            settings = load_settings()
            configure_logging(settings.log_level, settings.bot_token.get_secret_value())
            asyncio.run(run(settings))
    except ConfigError as error:
        print(SCRUBBER(str(error.code)), file=sys.stderr)
        return 2
    except BrokenDatabaseError as error:
        print(SCRUBBER(f"DATABASE_PATH {error}"), file=sys.stderr)
        return 2
    except StoreError as error:
        print(SCRUBBER(f"Database error: {error}"), file=sys.stderr)
        return 2
    except (KeyboardInterrupt, asyncio.CancelledError):
        log.info("Stopped")
    except Exception as error:  # a bug or a failure nobody foresaw: one line, not a traceback
        log.error("Stopped by an unexpected error: %s (LOG_LEVEL=DEBUG shows where)", one_line(error))
        log.debug("The unexpected error", exc_info=error)
        return 1
    return 0


async def run(settings: Settings) -> None:
    """The run mode the settings ask for, stoppable at once while it starts."""
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(asyncio_exception_handler)
    stop_while_starting(loop)
    # Imported only once the settings are valid: aiogram takes seconds to import, and a
    # bad setting should be reported at once.
    if settings.webhook_url:
        from bot.runtime.webhook import run_webhook  # noqa: PLC0415

        await run_webhook(settings)
    else:
        from bot.runtime.app import run_polling  # noqa: PLC0415

        await run_polling(settings)


async def run_page(settings: WebSettings) -> None:
    """``python -m bot web``: the rating page alone, stoppable at once while it starts."""
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(asyncio_exception_handler)
    stop_while_starting(loop)
    from bot.runtime.web_server import run_web  # noqa: PLC0415 - after the settings, as in run()

    await run_web(settings)


def stop_while_starting(loop: asyncio.AbstractEventLoop) -> None:
    """SIGTERM and Ctrl-C cancel start-up at once (it may be waiting for the network), and
    main() exits 0. Each run mode puts its own graceful stop in place once it is serving."""
    task = asyncio.current_task()
    assert task is not None, "called from the main task"
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)


if __name__ == "__main__":
    sys.exit(main())
