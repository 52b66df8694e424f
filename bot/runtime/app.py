"""Builds the Bot and the Dispatcher and runs them: the one place where parts are wired.

Services reach handlers as the dispatcher's workflow data and middleware data
(``snapshot``, ``draw``, ``store``, ``preferences``, ``settings``), never as globals, so
tests and benchmarks build the same app. Speed-ups are plugged in here, around pure
parts: the commit watch in front of the catalog, the screen cache around the views.
Long polling runs here; webhook mode is :mod:`bot.runtime.webhook`. Both start and stop
through :func:`running_application`, so the two modes cannot drift apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

from bot.config import Settings
from bot.domain.bodies import load_agencies
from bot.domain.catalog import Catalog, always
from bot.domain.chart_files import ChartFiles
from bot.domain.languages import LANGUAGES
from bot.domain.preferences import LanguagePreferences
from bot.domain.recent import RecentQueries
from bot.domain.uploads import Uploads
from bot.notify.limits import Limits
from bot.notify.progress import ProgressReporter
from bot.notify.worker import DeliveryWorker
from bot.runtime import metrics as prometheus
from bot.runtime import update_log, web_server
from bot.runtime.chart_pool import ChartPool
from bot.runtime.commit_watch import CommitWatch
from bot.runtime.i18n import UserLanguageMiddleware, make_i18n
from bot.runtime.importer_process import ImporterProcess
from bot.runtime.menu_button import update_menu_button
from bot.runtime.metrics import Metrics
from bot.runtime.middlewares import InactiveChats, SnapshotMiddleware
from bot.runtime.profile import update_profile
from bot.runtime.retry import RetryAfter
from bot.runtime.screen_cache import ScreenCache
from bot.runtime.session import JsonBodySession
from bot.runtime.settle import settle
from bot.runtime.startup import check_token, ensure_database
from bot.runtime.throttle import Throttle
from bot.store import Store
from bot.store.store import BrokenDatabaseError
from bot.views.commands import menu
from bot.views.screen import Draw
from handlers import feature_routers

log = logging.getLogger(__name__)


@dataclass
class Application:
    bot: Bot
    dispatcher: Dispatcher
    store: Store
    catalog: Catalog
    i18n: I18n
    worker: DeliveryWorker
    watch: CommitWatch | None = None
    reporter: ProgressReporter | None = None
    metrics: Metrics | None = None


def build_bot(settings: Settings, flood: RetryAfter | None = None) -> Bot:
    session = (
        JsonBodySession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        if settings.telegram_api_url
        else JsonBodySession()
    )
    session.middleware(flood or RetryAfter())
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(
    settings: Settings,
    *,
    store: Store,
    catalog: Catalog,
    i18n: I18n,
    inactive: InactiveChats,
    draw: Draw,
    preferences: LanguagePreferences | None = None,
    metrics: Metrics | None = None,
) -> Dispatcher:
    """Routers, middlewares and the services handlers take by name.

    The update log comes first (its time covers everything), then the throttle, before
    anything that reads the database; the language middleware chooses the throttle's
    language too.
    """
    preferences = preferences or LanguagePreferences(store)
    dispatcher = Dispatcher(
        settings=settings,
        store=store,
        preferences=preferences,
        draw=draw,
        recent=RecentQueries(),
        chart_files=ChartFiles(),  # file_ids of uploaded charts (handlers/chart.py, the inline mode)
        chart_pool=ChartPool(),  # the drawing process, started on the first chart
        uploads=Uploads(ImporterProcess(settings.database_path)),  # import by upload (handlers/upload.py)
    )
    update_log.install(dispatcher, metrics.observe_update if metrics else None)
    languages = UserLanguageMiddleware(i18n, preferences)
    throttle = Throttle.from_settings(settings, i18n, languages.get_locale)
    if throttle is not None:
        dispatcher.update.outer_middleware(throttle)
    languages.setup(dispatcher)
    dispatcher.update.outer_middleware(SnapshotMiddleware(catalog))
    dispatcher.message.outer_middleware(inactive)
    dispatcher.callback_query.outer_middleware(inactive)
    dispatcher.include_routers(*feature_routers())
    return dispatcher


async def build_application(settings: Settings) -> Application:
    store = await Store.open(settings.database_path)
    try:
        return await wire_application(settings, store)
    except BaseException:
        await store.close()  # else its thread keeps the process from exiting
        raise


async def wire_application(settings: Settings, store: Store) -> Application:
    bodies = load_agencies()
    await store.sync_agencies(bodies)
    path = await store.file()
    # Opened before the catalog's first read: a commit in between is seen, not missed.
    watch = CommitWatch(path) if path is not None else None
    catalog = await Catalog.load(store, bodies, watch.changed if watch else always)
    i18n = make_i18n(settings.default_language)
    flood = RetryAfter()
    bot = build_bot(settings, flood)
    inactive = InactiveChats(store, await store.subscriptions.inactive_chats())
    metrics = Metrics()  # counted always (microseconds an update); served only when asked for
    worker = DeliveryWorker(
        bot,
        catalog,
        i18n,
        Limits.from_settings(settings),
        on_inactive=inactive.mark,
        draw=ScreenCache(),
        on_end=metrics.delivered,
    )
    flood.listeners.append(worker.pacer.pause)  # a 429 on any request pauses every notification
    flood.listeners.append(metrics.waited)
    preferences = LanguagePreferences(store)
    dispatcher = build_dispatcher(
        settings,
        store=store,
        catalog=catalog,
        i18n=i18n,
        inactive=inactive,
        draw=ScreenCache(),
        preferences=preferences,
        metrics=metrics,
    )
    reporter = (
        ProgressReporter(
            bot,
            store,
            i18n,
            preferences,
            admin_ids=settings.admin_ids,
            interval=settings.notify_progress_seconds,
        )
        if settings.admin_ids
        else None
    )
    return Application(bot, dispatcher, store, catalog, i18n, worker, watch, reporter, metrics)


async def set_commands(bot: Bot, i18n: I18n, default_language: str) -> None:
    """The command menu in each language, and the default one for everyone else."""
    for language in (*LANGUAGES, None):
        with i18n.context(), i18n.use_locale(language or default_language):
            commands = menu()
        await bot.set_my_commands(commands, language_code=language)


@contextlib.asynccontextmanager
async def running_application(settings: Settings) -> AsyncIterator[Application]:
    """The start-up and shutdown both run modes share, written once.

    Yields an application whose token Telegram accepted, with the command menu set and
    the delivery worker draining the outbox. On exit the worker stops first (it sends
    through the bot's session), then the session and the database close.
    """
    ensure_database(settings)
    with BrokenDatabaseError.raised_for(settings.database_path):  # a damaged page met at start-up
        app = await build_application(settings)
    try:
        me = await check_token(app.bot, settings.telegram_api_url)
        log.info("Starting as @%s", me.username)
        await set_commands(app.bot, app.i18n, settings.default_language)
        assert app.metrics is not None
        metrics_server = await prometheus.start(settings, app.metrics, app.store)  # None unless asked for
        try:
            # None unless WEB_PORT; /api/v1/me checks initData with the bot's token.
            personal = web_server.me_source(settings, app.store)
            page_server = await web_server.start(settings, app.catalog, app.i18n, personal)
        except BaseException:
            if metrics_server is not None:
                await metrics_server.cleanup()
            raise
        background = [asyncio.create_task(app.worker.run(), name="delivery-worker")]
        if app.reporter is not None:
            background.append(asyncio.create_task(app.reporter.run(), name="progress-reporter"))
        # Beside the bot, not before it: Telegram may refuse these for an hour (bot/runtime/profile.py).
        profile = update_profile(app.bot, app.i18n, settings.default_language)
        background.append(asyncio.create_task(profile, name="bot-profile"))
        button = update_menu_button(app.bot, app.i18n, settings.default_language, settings.web_app_url)
        background.append(asyncio.create_task(button, name="menu-button"))
        settle()  # start-up is done: see bot/runtime/settle.py
        try:
            yield app
        finally:
            for task in background:
                task.cancel()
            for task in background:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if page_server is not None:
                await page_server.cleanup()
            if metrics_server is not None:
                await metrics_server.cleanup()
            # First contacts kept while the disk was full: one last try before the store closes.
            await app.dispatcher["preferences"].flush()
            app.dispatcher["chart_pool"].close()
    finally:
        await app.bot.session.close()
        if app.watch is not None:
            app.watch.close()
        await app.store.close()


async def run_polling(settings: Settings) -> None:
    """Long polling: the default, needing no public address. Stops on SIGTERM or SIGINT."""
    async with running_application(settings) as app:
        # A webhook left from a run in webhook mode makes getUpdates fail with 409 Conflict;
        # its queued updates are kept and come through the polling.
        await app.bot.delete_webhook(drop_pending_updates=False)
        await app.dispatcher.start_polling(
            app.bot,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
            close_bot_session=False,  # running_application closes it once the worker has stopped
        )
