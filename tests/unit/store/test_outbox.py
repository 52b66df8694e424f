"""The store's side of notifications: who gets a row in the outbox, and what becomes of it.

Against a real SQLite file (the bundled database): the scene is set through the store
(a chat follows topics, a release is published) and the outbox is read with plain
``sqlite3``. Sending is the worker's business (``tests/unit/notify/test_worker.py``).
"""

from __future__ import annotations

import asyncio
import re
import time
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


# -- claiming: a lease with an owner and an expiry ------------------------------------------


def leases(database: Path) -> dict[int, tuple[object, float]]:
    """chat id -> (lease owner, lease_until) of every row in the outbox."""
    rows = query(database, "SELECT chat_id, lease_owner, lease_until FROM outbox ORDER BY chat_id")
    return {cast(int, chat): (owner, cast(float, until)) for chat, owner, until in rows}


def run_out_leases(database: Path) -> None:
    """A minute passes for every lease: as if their worker had crashed a minute ago."""
    execute(database, "UPDATE outbox SET lease_until = lease_until - 60 WHERE lease_until > 0")


async def test_two_owners_claiming_at_once_share_the_due_rows_without_overlap(
    store: Store, database: Path
) -> None:
    for chat in range(1, 8):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    other = await Store.open(database)  # a second bot on the same database
    try:
        first, second = await asyncio.gather(
            store.outbox.claim("bot-a", 4, 30.0), other.outbox.claim("bot-b", 4, 30.0)
        )
    finally:
        await other.close()
    first_ids = {d.id for d in first}
    second_ids = {d.id for d in second}
    assert first_ids.isdisjoint(second_ids)
    assert sorted(len(batch) for batch in (first, second)) == [3, 4]
    due = {cast(int, row[0]) for row in query(database, "SELECT id FROM outbox WHERE status = 'pending'")}
    assert first_ids | second_ids == due
    owners = {owner for owner, _ in leases(database).values()}
    assert owners == {"bot-a", "bot-b"}


async def test_a_claimed_row_is_not_claimed_again_while_leased_even_by_its_owner(
    store: Store, database: Path
) -> None:
    await follow(store, 1, EVERYTHING)
    await follow(store, 2, EVERYTHING)
    await publish(store)
    before = time.time()
    [claimed] = await store.outbox.claim("bot-a", 1, 30.0)
    assert claimed.chat_id == 1
    owner, until = leases(database)[1]
    assert owner == "bot-a"
    assert before + 30 <= until <= time.time() + 30
    [rest] = await store.outbox.claim("bot-a", 5, 30.0)  # only what it does not hold yet
    assert rest.chat_id == 2
    assert await store.outbox.claim("bot-a", 5, 30.0) == []
    assert await store.outbox.claim("bot-b", 5, 30.0) == []
    assert len(await store.outbox.due()) == 2, "leased rows are still due, only not claimable"


async def test_a_lease_that_ran_out_is_taken_over_by_another_owner(store: Store, database: Path) -> None:
    await follow(store, 1, EVERYTHING)
    await publish(store)
    [crashed] = await store.outbox.claim("bot-a", 5, 30.0)
    assert await store.outbox.claim("bot-b", 5, 30.0) == []
    run_out_leases(database)
    [taken_over] = await store.outbox.claim("bot-b", 5, 30.0)
    assert taken_over.id == crashed.id
    assert leases(database)[1][0] == "bot-b"
    assert await store.outbox.claim("bot-a", 5, 30.0) == []  # the old owner, back, gets nothing


async def test_every_outcome_of_a_send_gives_the_lease_up(store: Store, database: Path) -> None:
    for chat in (1, 2, 3, 4):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    sent, later, failed, untried = await store.outbox.claim("bot-a", 4, 30.0)
    assert all(owner == "bot-a" and until > 0 for owner, until in leases(database).values())
    await store.outbox.mark_sent(sent.id)
    await store.outbox.retry_later(later.id, 0.0, "Bad Gateway")
    await store.outbox.mark_failed(failed.id, "Bad Request: message is too long")
    await store.outbox.release(untried.id)
    assert leases(database) == {1: (None, 0.0), 2: (None, 0.0), 3: (None, 0.0), 4: (None, 0.0)}
    assert query(database, "SELECT chat_id, status FROM outbox ORDER BY chat_id") == [
        (1, "sent"),
        (2, "pending"),
        (3, "failed"),
        (4, "pending"),
    ]
    again = await store.outbox.claim("bot-b", 4, 30.0)
    assert [d.chat_id for d in again] == [2, 4], "a row given back or retried at once is free again"


async def test_renew_extends_only_the_owners_pending_rows(store: Store, database: Path) -> None:
    for chat in (1, 2, 3):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    mine = await store.outbox.claim("bot-a", 2, 30.0)
    [theirs] = await store.outbox.claim("bot-b", 1, 30.0)
    await store.subscriptions.deactivate(2, "gone")  # chat 2's row is dropped while bot-a holds it
    execute(database, "UPDATE outbox SET lease_until = 100")
    before = time.time()
    await store.outbox.renew("bot-a", [*(d.id for d in mine), theirs.id], 300.0)
    held = leases(database)
    assert held[1][0] == "bot-a"
    assert before + 300 <= held[1][1] <= time.time() + 300
    assert held[2] == ("bot-a", 100.0), "a row no longer pending is not held any longer"
    assert held[3] == ("bot-b", 100.0), "another owner's row is not touched"


# -- a group that became a supergroup -------------------------------------------------------

OLD_GROUP = -5
SUPERGROUP = -1_000_000_000_005


async def test_migrate_moves_subscriptions_and_pending_deliveries_to_the_new_id(
    store: Store, database: Path
) -> None:
    await follow(store, OLD_GROUP, EVERYTHING, "moh", language="kk")
    await follow(store, 2, EVERYTHING)
    first = await publish(store)
    [delivered] = query(
        database, "SELECT id FROM outbox WHERE chat_id = ? AND release_id = ?", OLD_GROUP, first.release_id
    )
    await store.outbox.mark_sent(cast(int, delivered[0]))
    corrected = await publish(store, moh=4.99)  # queued for the old group, not sent yet

    await store.subscriptions.migrate(OLD_GROUP, SUPERGROUP)

    assert await store.subscriptions.topics(SUPERGROUP) == ["*", "moh"]
    assert await store.subscriptions.topics(OLD_GROUP) == []
    assert query(
        database, "SELECT chat_id, kind, language, active, inactive_reason FROM chats ORDER BY chat_id"
    ) == [
        (SUPERGROUP, "supergroup", "kk", 1, None),
        (OLD_GROUP, "group", "kk", 0, f"migrated to {SUPERGROUP}"),
        (2, "private", "ru", 1, None),
    ]
    assert query(database, "SELECT release_id, chat_id, status FROM outbox ORDER BY release_id, chat_id") == [
        (first.release_id, OLD_GROUP, "sent"),  # what was delivered stays where it went
        (first.release_id, 2, "pending"),
        (corrected.release_id, SUPERGROUP, "pending"),
        (corrected.release_id, 2, "pending"),
    ]
    [moved] = [d for d in await store.outbox.due() if d.release_id == corrected.release_id and d.chat_id < 0]
    assert (moved.chat_id, moved.language) == (SUPERGROUP, "kk")


async def test_migrate_drops_the_old_ids_row_where_the_new_id_already_has_that_release(
    store: Store, database: Path
) -> None:
    await follow(store, OLD_GROUP, EVERYTHING, "moh")
    await follow(store, SUPERGROUP, "mod")  # the supergroup was subscribed too, before the release
    outcome = await publish(store)

    await store.subscriptions.migrate(OLD_GROUP, SUPERGROUP)

    assert await store.subscriptions.topics(SUPERGROUP) == ["*", "mod", "moh"]
    assert query(database, "SELECT chat_id, status, last_error FROM outbox ORDER BY chat_id") == [
        (SUPERGROUP, "pending", None),
        (OLD_GROUP, "dropped", f"migrated to {SUPERGROUP}"),
    ]
    assert len(await store.outbox.due()) == 1
    assert [p.pending for p in await store.outbox.progress(1)] == [1]
    assert outcome.queued == 2


# -- progress: when the sending began and where it is ---------------------------------------


async def test_progress_carries_the_first_and_last_sent_at_of_a_release(store: Store, database: Path) -> None:
    for chat in (1, 2, 3, 4):
        await follow(store, chat, EVERYTHING)
    await publish(store)
    [before] = await store.outbox.progress(1)
    assert (before.first_sent_at, before.last_sent_at, before.rate()) == (None, None, None)

    deliveries = await store.outbox.claim("bot-a", 4, 30.0)
    for delivery in deliveries[:3]:
        await store.outbox.mark_sent(delivery.id)
    [(written,)] = query(database, "SELECT sent_at FROM outbox WHERE chat_id = 1")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", cast(str, written)), written
    execute(database, "UPDATE outbox SET sent_at = '2026-02-01T10:00:00.000+00:00' WHERE chat_id = 1")
    execute(database, "UPDATE outbox SET sent_at = '2026-02-01T10:00:01.500+00:00' WHERE chat_id = 2")
    execute(database, "UPDATE outbox SET sent_at = '2026-02-01T10:00:04.000+00:00' WHERE chat_id = 3")

    [progress] = await store.outbox.progress(1)
    assert (progress.first_sent_at, progress.last_sent_at) == (
        "2026-02-01T10:00:00.000+00:00",
        "2026-02-01T10:00:04.000+00:00",
    )
    assert (progress.sent, progress.pending, progress.total) == (3, 1, 4)
    assert progress.rate() == 0.5  # two more after the first, in four seconds
    assert progress.seconds_left() == 2.0


async def test_a_deleted_deliverys_id_is_never_given_to_a_new_one(store: Store, database: Path) -> None:
    """Was: with every row of a removed release deleted, the next release's deliveries got
    the same ids, and a worker still sending the old one marked the new one sent."""
    await follow(store, 1, EVERYTHING)
    await publish(store)
    [(old_id,)] = query(database, "SELECT id FROM outbox")
    assert await store.remove_year(2026, dry_run=False) is not None
    assert query(database, "SELECT id FROM outbox") == []

    await publish(store)

    [(new_id,)] = query(database, "SELECT id FROM outbox")
    assert new_id != old_id
