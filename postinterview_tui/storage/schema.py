"""The schema and its numbered migrations.

Each migration runs in its own ``BEGIN IMMEDIATE`` transaction together with ``PRAGMA
user_version``; a foreign-key check runs before each commit. Never edit a migration that has
shipped: add a new one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database, Migrations

from postinterview_tui.storage.schema_version import (
    APPLICATION_ID,
    LATEST_VERSION,
    MIGRATION_NAMES,
    MIGRATION_SET,
)

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001-core")
def _core(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            company TEXT NOT NULL,
            role TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT '',
            link TEXT NOT NULL DEFAULT '',
            recruiter_name TEXT NOT NULL DEFAULT '',
            recruiter_email TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL,
            close_reason TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            last_interview_at TEXT,
            interviewers_total INTEGER NOT NULL DEFAULT 0,
            interviewers_thanked INTEGER NOT NULL DEFAULT 0,
            decision_by TEXT,
            thanked_at TEXT,
            last_reply_at TEXT,
            follow_ups INTEGER NOT NULL DEFAULT 0,
            last_follow_up_at TEXT,
            snoozed_until TEXT
        );
        CREATE INDEX applications_board ON applications (stage, updated_at)
            WHERE deleted_at IS NULL;
        CREATE TABLE interviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            application_id INTEGER NOT NULL REFERENCES applications (id),
            held_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT '',
            decision_by TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX interviews_application ON interviews (application_id, held_at);
        CREATE TABLE interviewers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            interview_id INTEGER NOT NULL REFERENCES interviews (id),
            name TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            thanked_at TEXT
        );
        CREATE INDEX interviewers_interview ON interviewers (interview_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            application_id INTEGER NOT NULL REFERENCES applications (id),
            kind TEXT NOT NULL,
            at TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            data TEXT NOT NULL DEFAULT '{}',
            action_id INTEGER
        );
        CREATE INDEX events_application ON events (application_id, at);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            label TEXT NOT NULL,
            at TEXT NOT NULL,
            undone_at TEXT,
            snapshot TEXT NOT NULL
        );
        """
    )


@migrations(name="0002-offers")
def _offers(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE applications ADD COLUMN offer_deadline TEXT;
        ALTER TABLE applications ADD COLUMN offer_notes TEXT NOT NULL DEFAULT '';
        CREATE TABLE conditions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            application_id INTEGER NOT NULL REFERENCES applications (id),
            kind TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending',
            started_at TEXT NOT NULL,
            resolved_at TEXT,
            last_check_in_at TEXT
        );
        CREATE INDEX conditions_application ON conditions (application_id);
        """
    )


@migrations(name="0003-drafts")
def _drafts(db: Database) -> None:
    # A draft outlives the interview or interviewer it was written for (an undone round
    # removes those rows), so those links fall back to NULL instead of blocking the removal.
    db.executescript(
        """
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            application_id INTEGER NOT NULL REFERENCES applications (id),
            interview_id INTEGER REFERENCES interviews (id) ON DELETE SET NULL,
            interviewer_id INTEGER REFERENCES interviewers (id) ON DELETE SET NULL,
            template TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX drafts_application ON drafts (application_id, updated_at);
        CREATE TABLE templates (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


@migrations(name="0004-sent-messages")
def _sent_messages(db: Database) -> None:
    # Every note the app delivered, by Message-ID, so a reply's In-Reply-To or References finds
    # its application even from an address never seen. Rows outlive undo (the mail did leave);
    # the interviewer link falls back to NULL when an undone round removes that person.
    db.executescript(
        """
        CREATE TABLE sent_messages (
            message_id TEXT PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications (id),
            interviewer_id INTEGER REFERENCES interviewers (id) ON DELETE SET NULL,
            kind TEXT,
            recipient TEXT,
            sent_at TEXT
        );
        CREATE INDEX sent_messages_application ON sent_messages (application_id, sent_at);
        """
    )


@migrations(name="0005-inbox")
def _inbox(db: Database) -> None:
    # Only headers and the sentence that decided a message's kind are kept (``body`` only with
    # the setting mail.keep_bodies). A purged application leaves its messages unmatched. The uid
    # is what tells messages apart ("mid:" and the Message-ID, or "ics:" with a calendar
    # event's UID and SEQUENCE), so an import skips a message both files read.
    db.executescript(
        """
        CREATE TABLE inbox_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            message_id TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            from_name TEXT NOT NULL DEFAULT '',
            from_address TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            kind_reason TEXT NOT NULL DEFAULT '',
            sentence TEXT NOT NULL DEFAULT '',
            application_id INTEGER REFERENCES applications (id) ON DELETE SET NULL,
            match_rule TEXT NOT NULL,
            match_detail TEXT NOT NULL DEFAULT '',
            event TEXT,
            body TEXT,
            proposal_step TEXT,
            proposal_words TEXT,
            proposal_data TEXT,
            proposal_status TEXT,
            decided_at TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX inbox_messages_pending ON inbox_messages (proposal_status, received_at);
        CREATE INDEX inbox_messages_thread ON inbox_messages (message_id)
            WHERE application_id IS NOT NULL;
        CREATE TABLE imap_folders (
            folder TEXT PRIMARY KEY,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL
        );
        """
    )


@migrations(name="0006-dues")
def _dues(db: Database) -> None:
    # Each open application's next actions as the rules computed them on its last write,
    # indexed by due time, so a list of what is due reads only its window (storage.dues keeps
    # them current). The basis row says what they were computed under; this step leaves it
    # empty, so the first open after the upgrade (right after the backup and this step)
    # computes every due with the user's zone, in one transaction.
    db.executescript(
        """
        CREATE TABLE dues (
            application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            action TEXT NOT NULL,
            due_at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            condition_id INTEGER,
            rules_version INTEGER NOT NULL,
            PRIMARY KEY (application_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX dues_by_time ON dues (due_at);
        CREATE TABLE dues_basis (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            basis TEXT NOT NULL
        );
        """
    )


@migrations(name="0007-stage-counts")
def _stage_counts(db: Database) -> None:
    # How many applications each stage holds, kept by triggers on every write that adds,
    # removes, moves, deletes or restores one (whatever code makes it: the app, an import, an
    # undo, another process), so the board's headers read six rows instead of counting the
    # file (issue 19: a count of 100,000 rows on every board read). Filled here from a count.
    db.executescript(
        """
        CREATE TABLE stage_counts (
            stage TEXT PRIMARY KEY,
            applications INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO stage_counts (stage, applications)
            SELECT stage, count(*) FROM applications WHERE deleted_at IS NULL GROUP BY stage;
        CREATE TRIGGER stage_counts_added AFTER INSERT ON applications
            WHEN NEW.deleted_at IS NULL
            BEGIN
                INSERT INTO stage_counts (stage, applications) VALUES (NEW.stage, 1)
                    ON CONFLICT (stage) DO UPDATE SET applications = applications + 1;
            END;
        CREATE TRIGGER stage_counts_removed AFTER DELETE ON applications
            WHEN OLD.deleted_at IS NULL
            BEGIN
                UPDATE stage_counts SET applications = applications - 1 WHERE stage = OLD.stage;
            END;
        CREATE TRIGGER stage_counts_changed AFTER UPDATE OF stage, deleted_at ON applications
            WHEN OLD.stage IS NOT NEW.stage
                OR (OLD.deleted_at IS NULL) IS NOT (NEW.deleted_at IS NULL)
            BEGIN
                UPDATE stage_counts SET applications = applications - 1
                    WHERE stage = OLD.stage AND OLD.deleted_at IS NULL;
                INSERT INTO stage_counts (stage, applications)
                    SELECT NEW.stage, 1 WHERE NEW.deleted_at IS NULL
                    ON CONFLICT (stage) DO UPDATE SET applications = applications + 1;
            END;
        """
    )


@migrations(name="0008-search-texts")
def _search_texts(db: Database) -> None:
    # Each application's searchable text, folded once when it changes (storage.search_texts
    # keeps them current), so the board's filter tests one string a row with SQLite's instr
    # rather than folding every piece in Python on every read. Made by Python, not here: a
    # file with applications gets no basis row, so the first open after the upgrade makes
    # every text, in one transaction; an empty one has them all (none) by version 1.
    db.executescript(
        """
        CREATE TABLE search_texts (
            application_id INTEGER PRIMARY KEY REFERENCES applications (id) ON DELETE CASCADE,
            text TEXT NOT NULL
        );
        CREATE TABLE search_basis (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO search_basis (id, version)
            SELECT 1, 1 WHERE NOT EXISTS (SELECT 1 FROM applications);
        """
    )


@migrations(name="0009-dues-counted")
def _dues_counted(db: Database) -> None:
    # Each due keeps its application's round time (when its dues were computed: every write of
    # the application computes them again), and the due-time index carries what the agenda's
    # groups are told by (action, round time), so the headers' counts read that index alone and
    # never an application row (issue 19: ~2 ms a count at 100,000 applications). The index
    # keeps the due-time order (the primary key follows due_at), so the review's pages still
    # read along it. Filled here from the applications; the basis stays, nothing is recomputed.
    db.executescript(
        """
        ALTER TABLE dues ADD COLUMN round_at TEXT;
        UPDATE dues SET round_at =
            (SELECT last_interview_at FROM applications WHERE id = dues.application_id);
        DROP INDEX dues_by_time;
        CREATE INDEX dues_by_time ON dues (due_at, application_id, position, action, round_at);
        """
    )


if tuple(step.name for step in migrations._migrations) != MIGRATION_NAMES:
    raise RuntimeError("schema_version.MIGRATION_NAMES does not list the migrations defined here")
__all__ = ["APPLICATION_ID", "LATEST_VERSION", "MIGRATION_NAMES", "apply_migrations"]


def apply_migrations(conn: sqlite3.Connection, *, stop_after: int | None = None) -> list[str]:
    """Bring the schema up to date, one ``BEGIN IMMEDIATE`` transaction per step.

    Args:
        conn: an open connection (autocommit mode, foreign keys on).
        stop_after: stop once this schema version is reached (tests build older files so).

    Returns:
        The names of the steps applied.

    Raises:
        sqlite3.IntegrityError: a step left a foreign-key violation (the step is rolled back).
    """
    db = Database(conn, execute_plugins=False)
    done: list[str] = []
    target = LATEST_VERSION if stop_after is None else stop_after
    for index, name in enumerate(MIGRATION_NAMES):
        version = index + 1
        if version > target:
            break
        if name in {step.name for step in migrations.applied(db)}:
            continue
        later = list(MIGRATION_NAMES[index + 1 :])
        db.execute("BEGIN IMMEDIATE")
        try:
            if name in {step.name for step in migrations.applied(db)}:
                db.execute("ROLLBACK")  # another process applied it while this one waited
                continue
            migrations.apply(db, stop_before=later or None)
            problems: list[Any] = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise _integrity_error(name, problems)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            current = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute(f"PRAGMA user_version = {max(current, version)}")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
        done.append(name)
    return done


def _integrity_error(name: str, problems: list[Any]) -> Exception:
    import sqlite3

    return sqlite3.IntegrityError(f"migration {name} left {len(problems)} foreign-key problems")
