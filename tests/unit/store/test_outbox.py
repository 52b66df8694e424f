"""The store's side of notifications: who gets a row in the outbox, and what becomes of it.

Against a real SQLite file (the bundled database): the scene is set through the store
(a chat follows topics, a release is published) and the outbox is read with plain
``sqlite3``. Sending is the worker's business (``tests/unit/notify/test_worker.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from bot.store import Store
from tests.unit.conftest import query, release, snapshot
from tests.unit.helpers import EVERYTHING, execute, follow, outbox_rows, publish, ratings

# -- enqueueing ---------------------------------------------------------------------------


async def test_a_chat_following_everything_and_bodies_gets_one_row(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING, "moh", "mfa")  # mfa is not in this release
    await follow(store, 2, "moh", language="kk")
    await follow(store, 3, "mfa")
    outcome = await publish(store)
    assert outcome.queued == 2
    assert outbox_rows(database) == [
        (1, "new", ("*", "moh"), "ru", "pending"),
        (2, "new", ("moh",), "kk", "pending"),
    ]


async def test_subscribing_twice_is_one_subscription(store: Store) -> None:
    await follow(store, 1, EVERYTHING)
    assert await store.subscriptions.add(1, EVERYTHING) is False
    assert await store.subscriptions.topics(1) == ["*"]


async def test_a_correction_reaches_only_the_changed_bodies_followers(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING, "moh")
    await follow(store, 2, "moh")
    await follow(store, 3, "mod")
    first = await publish(store)
    assert first.queued == 3

    corrected = await publish(store, mod=4.95)
    assert corrected.status == "corrected"
    assert corrected.queued == 2
    assert outbox_rows(database, corrected.release_id) == [
        (1, "corrected", ("*",), "ru", "pending"),  # moh did not change
        (3, "corrected", ("mod",), "ru", "pending"),
    ]


async def test_the_same_figures_again_queue_nothing(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await publish(store)
    before = snapshot(database)
    again = await store.apply_release(release(), ratings())
    assert (again.status, again.queued) == ("unchanged", 0)
    assert len(outbox_rows(database)) == 1
    assert snapshot(database) == before


async def test_without_notify_or_in_a_dry_run_nothing_stays_queued(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    before = snapshot(database)
    dry = await store.apply_release(release(), ratings(), dry_run=True)
    assert dry.queued == 1  # what it would queue...
    assert snapshot(database) == before  # ...but nothing is written, in any table
    quiet = await store.apply_release(release(), ratings(), notify=False)
    assert (quiet.status, quiet.queued) == ("new", 0)
    assert outbox_rows(database) == []


async def test_inactive_chats_get_nothing(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    # Inactive but still subscribed (e.g. written by an older version): still skipped.
    execute(database, "UPDATE chats SET active = 0 WHERE chat_id = 2")
    outcome = await publish(store)
    assert outcome.queued == 1
    assert [row[0] for row in outbox_rows(database)] == [1]


async def test_deactivate_drops_pending_deliveries_and_subscriptions_of_that_chat_only(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING, "moh")
    await follow(store, 2, EVERYTHING)
    await publish(store)
    await store.subscriptions.deactivate(1, "Forbidden: bot was blocked by the user")
    assert query(database, "SELECT chat_id, active, inactive_reason FROM chats ORDER BY chat_id") == [
        (1, 0, "Forbidden: bot was blocked by the user"),
        (2, 1, None),
    ]
    assert query(database, "SELECT chat_id, agency FROM subscriptions") == [(2, "*")]
    assert [(row[0], row[4]) for row in outbox_rows(database)] == [(1, "dropped"), (2, "pending")]
    assert await store.subscriptions.inactive_chats() == {1}


async def test_a_chat_that_writes_again_is_active_again(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await store.subscriptions.deactivate(1, "gone")
    assert await store.subscriptions.reactivate(1) is True
    assert await store.subscriptions.reactivate(1) is False  # already active
    assert query(database, "SELECT active, inactive_reason FROM chats") == [(1, None)]


async def test_a_new_language_choice_follows_into_the_chat(store: Store, database: Path) -> None:
    await follow(store, 7, EVERYTHING)
    await store.set_user_language(7, "kk")
    assert query(database, "SELECT language FROM chats WHERE chat_id = 7") == [("kk",)]
    await publish(store)
    assert outbox_rows(database)[0][3] == "kk"


async def test_a_queued_message_goes_out_in_the_language_chosen_since(store: Store) -> None:
    await follow(store, 8, EVERYTHING, language="ru")
    await publish(store)
    await store.set_user_language(8, "en")
    [delivery] = await store.outbox.due()
    assert delivery.language == "en"


async def test_progress_counts_each_status_per_release_newest_first(store: Store, database: Path) -> None:
    for chat in range(1, 6):
        await follow(store, chat, EVERYTHING)
    outcome = await publish(store)
    ids = [cast(int, row[0]) for row in query(database, "SELECT id FROM outbox ORDER BY id")]
    await store.outbox.mark_sent(ids[0])
    await store.outbox.mark_sent(ids[1])
    await store.outbox.mark_failed(ids[2], "boom")
    await store.subscriptions.deactivate(4, "gone")
    progress = await store.outbox.progress()
    assert progress[0].release_id == outcome.release_id
    assert (progress[0].pending, progress[0].sent, progress[0].failed, progress[0].dropped) == (1, 2, 1, 1)
    assert [p.year for p in progress] == [2026, 2025, 2024, 2020]
    assert all((p.pending, p.sent, p.failed, p.dropped) == (0, 0, 0, 0) for p in progress[1:])
    totals = await store.subscriptions.totals()
    assert (totals.active_chats, totals.inactive_chats, totals.subscriptions_all) == (4, 1, 4)
