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
)

SCHEMA_VERSION = len(MIGRATIONS)
