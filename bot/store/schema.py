"""The database schema as an ordered list of migrations.

``PRAGMA user_version`` holds how many have been applied, so a database made by an older
version of the bot is brought up to date at start, and a newer one is refused rather
than misread.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the rating data and the people who talk to the bot.
    """
    CREATE TABLE agencies (
        slug      TEXT PRIMARY KEY,
        kind      TEXT NOT NULL,
        name_ru   TEXT NOT NULL, name_kk  TEXT NOT NULL, name_en  TEXT NOT NULL,
        short_ru  TEXT NOT NULL, short_kk TEXT NOT NULL, short_en TEXT NOT NULL,
        abbr_ru   TEXT NOT NULL, abbr_kk  TEXT NOT NULL, abbr_en  TEXT NOT NULL,
        aliases   TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE releases (
        id          INTEGER PRIMARY KEY,
        year        INTEGER NOT NULL,
        source      TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        checksum    TEXT NOT NULL,
        partial     INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
        row_count   INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        replaces    INTEGER REFERENCES releases(id)
    );
    CREATE INDEX releases_by_year ON releases(year, id);
    CREATE TABLE ratings (
        year        INTEGER NOT NULL,
        agency      TEXT NOT NULL REFERENCES agencies(slug),
        release_id  INTEGER NOT NULL REFERENCES releases(id),
        score       REAL NOT NULL CHECK (score BETWEEN 0 AND 5),
        satisfaction REAL NOT NULL CHECK (satisfaction BETWEEN 0 AND 100),
        score_provenance TEXT NOT NULL
            CHECK (score_provenance IN ('published', 'article', 'illustrative')),
        satisfaction_provenance TEXT NOT NULL
            CHECK (satisfaction_provenance IN ('published', 'article', 'illustrative')),
        note        TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (year, agency)
    );
    CREATE TABLE users (
        user_id    INTEGER PRIMARY KEY,
        language   TEXT CHECK (language IN ('ru', 'kk', 'en')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
    # 2: subscriptions and the outbox of notifications.
    """
    CREATE TABLE chats (
        chat_id    INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL,              -- private, group, supergroup, channel
        language   TEXT NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'kk', 'en')),
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        inactive_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE subscriptions (
        chat_id    INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE,
        agency     TEXT NOT NULL,              -- an agency slug, or '*' for every new rating
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, agency)
    );
    CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY,
        release_id  INTEGER NOT NULL REFERENCES releases(id),
        chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('new', 'corrected')),
        topics      TEXT NOT NULL,             -- '*' and/or agency slugs, '|'-separated
        language    TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        not_before  REAL NOT NULL DEFAULT 0,   -- unix time of the next attempt
        last_error  TEXT,
        created_at  TEXT NOT NULL,
        sent_at     TEXT,
        UNIQUE (release_id, chat_id)
    );
    CREATE INDEX outbox_due ON outbox(status, not_before, id);
    """,
    # 3: no language list in the schema (the code checks a language against
    # bot.domain.languages), and no names of bodies: the bot reads them from
    # data/agencies.csv, so a language is added without a migration. DROP COLUMN keeps
    # every row and every reference; a column's own CHECK goes with it.
    """
    ALTER TABLE agencies DROP COLUMN name_ru;
    ALTER TABLE agencies DROP COLUMN name_kk;
    ALTER TABLE agencies DROP COLUMN name_en;
    ALTER TABLE agencies DROP COLUMN short_ru;
    ALTER TABLE agencies DROP COLUMN short_kk;
    ALTER TABLE agencies DROP COLUMN short_en;
    ALTER TABLE agencies DROP COLUMN abbr_ru;
    ALTER TABLE agencies DROP COLUMN abbr_kk;
    ALTER TABLE agencies DROP COLUMN abbr_en;
    ALTER TABLE agencies DROP COLUMN aliases;
    ALTER TABLE users ADD COLUMN chosen_language TEXT;
    UPDATE users SET chosen_language = language;
    ALTER TABLE users DROP COLUMN language;
    ALTER TABLE users RENAME COLUMN chosen_language TO language;
    ALTER TABLE chats ADD COLUMN chat_language TEXT NOT NULL DEFAULT '';
    UPDATE chats SET chat_language = language;
    ALTER TABLE chats DROP COLUMN language;
    ALTER TABLE chats RENAME COLUMN chat_language TO language;
    """,
    # 4: a release's source as parts the bot writes in the reader's language (who
    # published it, when, where, what kind of source), not one line of English. The
    # three releases bundled before get theirs; any other keeps its text as the publisher.
    """
    ALTER TABLE releases ADD COLUMN publisher TEXT NOT NULL DEFAULT '';
    ALTER TABLE releases ADD COLUMN published TEXT NOT NULL DEFAULT '';
    ALTER TABLE releases ADD COLUMN url TEXT NOT NULL DEFAULT '';
    ALTER TABLE releases ADD COLUMN source_kind TEXT NOT NULL DEFAULT ''
        CHECK (source_kind IN ('', 'official', 'report', 'reconstruction'));
    UPDATE releases SET publisher = 'kapital.kz / ranking.kz', published = '2021-04', source_kind = 'report'
        WHERE source LIKE 'kapital.kz citing ranking.kz%';
    UPDATE releases SET source_kind = 'reconstruction'
        WHERE source LIKE 'Illustrative reconstruction fitting the changes%';
    UPDATE releases SET publisher = 'Kazinform / finprom.kz', published = '2026-01-29', source_kind = 'report'
        WHERE source LIKE 'Kazinform / finprom.kz, 2026-01-29%';
    UPDATE releases SET publisher = source WHERE publisher = '' AND source_kind = '';
    """,
    # 5: a delivery is claimed before it is sent (a lease: which worker, until when), so
    # two bots on one database share the outbox and never both send one row; a crashed
    # worker's lease runs out and another takes the row over.
    """
    ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
    ALTER TABLE outbox ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
    CREATE INDEX outbox_claimable ON outbox(status, not_before, lease_until, id);
    CREATE TABLE progress_messages (            -- the admins' message about a release's delivery
        release_id INTEGER NOT NULL REFERENCES releases(id),
        admin_id   INTEGER NOT NULL,
        message_id INTEGER NOT NULL DEFAULT 0,  -- 0 while the worker that claimed it sends it
        done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        PRIMARY KEY (release_id, admin_id)
    );
    """,
    # 6: a delivery's id is never used twice (AUTOINCREMENT). A worker records what
    # Telegram said by id; when a removed release's deliveries were deleted while one was
    # being sent, a new release's delivery got the same id and was marked sent in its place.
    """
    CREATE TABLE outbox_v6 (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        release_id  INTEGER NOT NULL REFERENCES releases(id),
        chat_id     INTEGER NOT NULL REFERENCES chats(chat_id) ON DELETE CASCADE,
        kind        TEXT NOT NULL CHECK (kind IN ('new', 'corrected')),
        topics      TEXT NOT NULL,             -- '*' and/or agency slugs, '|'-separated
        language    TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        not_before  REAL NOT NULL DEFAULT 0,   -- unix time of the next attempt
        last_error  TEXT,
        created_at  TEXT NOT NULL,
        sent_at     TEXT,
        lease_owner TEXT,
        lease_until REAL NOT NULL DEFAULT 0,
        UNIQUE (release_id, chat_id)
    );
    INSERT INTO outbox_v6 (id, release_id, chat_id, kind, topics, language, status, attempts,
                           not_before, last_error, created_at, sent_at, lease_owner, lease_until)
        SELECT id, release_id, chat_id, kind, topics, language, status, attempts,
               not_before, last_error, created_at, sent_at, lease_owner, lease_until FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v6 RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(status, not_before, id);
    CREATE INDEX outbox_claimable ON outbox(status, not_before, lease_until, id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
