"""Every application's searchable text, case-folded once when it changes, for the board's filter.

The ``search_texts`` table (migration ``0008-search-texts``) holds, per application, its company,
role, recruiter, notes, offer notes, its interviews' notes, its interviewers' names, addresses
and titles, and its added notes, one per line and folded with Python's ``str.casefold`` (so
"straße" finds "STRASSE", as everywhere else in the app). The filter then tests one stored
string per application with SQLite's own ``instr``, where it used to fold every piece of every
application, in Python, on every read: 3-10 s for a needle few applications hold at 100,000
(issue 19).

How the texts stay current, whatever code writes (as the stored dues do, :mod:`.dues`):

* each connection gets TEMP triggers (:func:`watch`) that note, in ``temp.search_dirty``, every
  application whose searchable text may have changed: its row, a round, an interviewer or an
  added note;
* the unit of work calls :meth:`SearchTexts.refresh` just before each action commits: the noted
  applications get their text again, in the same transaction;
* at start, :meth:`SearchTexts.is_current` says whether the texts were made by this version's
  :data:`SEARCH_VERSION` (a new file, the first start after the upgrade, a change of what is
  searched); if not, every text is made again once (:meth:`SearchTexts.rebuild`).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from postinterview_tui.domain.stages import EventKind

SEARCH_VERSION = 1
"""Bump when what is searched, or how it is folded, changes: every text is made again."""

_NOTE = EventKind.NOTE_ADDED.value

_WATCH_SQL = f"""
CREATE TEMP TABLE IF NOT EXISTS search_dirty (application_id INTEGER PRIMARY KEY);
CREATE TEMP TRIGGER IF NOT EXISTS search_application_added AFTER INSERT ON main.applications
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_application_changed
    AFTER UPDATE OF company, role, recruiter_name, recruiter_email, notes, offer_notes
    ON main.applications
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interview_added AFTER INSERT ON main.interviews
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (NEW.application_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interview_changed AFTER UPDATE ON main.interviews
    BEGIN
        INSERT OR IGNORE INTO search_dirty VALUES (OLD.application_id);
        INSERT OR IGNORE INTO search_dirty VALUES (NEW.application_id);
    END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interview_removed AFTER DELETE ON main.interviews
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (OLD.application_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interviewer_added AFTER INSERT ON main.interviewers
    BEGIN
        INSERT OR IGNORE INTO search_dirty
            SELECT application_id FROM main.interviews WHERE id = NEW.interview_id;
    END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interviewer_changed AFTER UPDATE ON main.interviewers
    BEGIN
        INSERT OR IGNORE INTO search_dirty
            SELECT application_id FROM main.interviews
            WHERE id IN (OLD.interview_id, NEW.interview_id);
    END;
CREATE TEMP TRIGGER IF NOT EXISTS search_interviewer_removed AFTER DELETE ON main.interviewers
    BEGIN
        INSERT OR IGNORE INTO search_dirty
            SELECT application_id FROM main.interviews WHERE id = OLD.interview_id;
    END;
CREATE TEMP TRIGGER IF NOT EXISTS search_note_added AFTER INSERT ON main.events
    WHEN NEW.kind = '{_NOTE}'
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (NEW.application_id); END;
CREATE TEMP TRIGGER IF NOT EXISTS search_note_changed AFTER UPDATE ON main.events
    WHEN OLD.kind = '{_NOTE}' OR NEW.kind = '{_NOTE}'
    BEGIN
        INSERT OR IGNORE INTO search_dirty VALUES (OLD.application_id);
        INSERT OR IGNORE INTO search_dirty VALUES (NEW.application_id);
    END;
CREATE TEMP TRIGGER IF NOT EXISTS search_note_removed AFTER DELETE ON main.events
    WHEN OLD.kind = '{_NOTE}'
    BEGIN INSERT OR IGNORE INTO search_dirty VALUES (OLD.application_id); END;
"""

_DIRTY = "IN (SELECT application_id FROM temp.search_dirty)"
_EVERY = "IN (SELECT id FROM main.applications)"


def watch(db: sqlite3.Connection) -> None:
    """Note, on this connection, every change that can change a searchable text (TEMP
    triggers: they live with the connection and fire for every write made through it)."""
    db.executescript(_WATCH_SQL)


def match_condition(needle: str) -> tuple[str, list[str]]:
    """SQL (on ``applications AS a``) true for the applications whose searchable text contains
    ``needle``, compared case-folded; with its parameters. An empty needle matches everything.

    One stored string per application and SQLite's ``instr``: no function of ours per row.
    """
    if not needle:
        return "1", []
    return (
        "EXISTS (SELECT 1 FROM search_texts AS s WHERE s.application_id = a.id"
        " AND instr(s.text, ?) > 0)",
        [needle.casefold()],
    )


class SearchTexts:
    """Keeps one connection's file's searchable texts current (see the module docstring)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        watch(db)

    def refresh(self) -> None:
        """Make again the texts of what this transaction changed (inside it, before commit)."""
        db = self.db
        if db.execute("SELECT 1 FROM temp.search_dirty LIMIT 1").fetchone() is None:
            return
        _store(db, _DIRTY)
        db.execute("DELETE FROM temp.search_dirty")

    def is_current(self) -> bool:
        """True when the texts were made by this version's :data:`SEARCH_VERSION`."""
        row = self.db.execute("SELECT version FROM search_basis WHERE id = 1").fetchone()
        return row is not None and row[0] == SEARCH_VERSION

    def rebuild(self) -> None:
        """Make every text again (inside the caller's transaction)."""
        db = self.db
        db.execute("DELETE FROM search_texts")
        _store(db, _EVERY)
        db.execute(
            "INSERT INTO search_basis (id, version) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            [SEARCH_VERSION],
        )
        db.execute("DELETE FROM temp.search_dirty")


def _store(db: sqlite3.Connection, which: str) -> None:
    """Make and store the texts of the applications ``which`` selects (an ``IN`` clause)."""
    pieces: dict[int, list[str]] = defaultdict(list)
    for row in db.execute(
        "SELECT id, company, role, recruiter_name, recruiter_email, notes, offer_notes "
        f"FROM applications WHERE id {which}"
    ):
        pieces[row[0]].extend(row[1:])
    for application_id, notes in db.execute(
        f"SELECT application_id, notes FROM interviews WHERE application_id {which} ORDER BY id"
    ):
        pieces[application_id].append(notes)
    for application_id, name, email, title in db.execute(
        "SELECT i.application_id, p.name, p.email, p.title FROM interviewers AS p "
        f"JOIN interviews AS i ON i.id = p.interview_id WHERE i.application_id {which} "
        "ORDER BY p.id"
    ):
        pieces[application_id].extend((name, email, title))
    for application_id, text in db.execute(
        "SELECT application_id, json_extract(data, '$.text') FROM events "
        f"WHERE kind = ? AND application_id {which} ORDER BY id",
        [_NOTE],
    ):
        pieces[application_id].append(text)
    kept = db.execute(f"SELECT application_id FROM search_texts WHERE application_id {which}")
    gone = [(row[0],) for row in kept if row[0] not in pieces]
    db.executemany("DELETE FROM search_texts WHERE application_id = ?", gone)
    db.executemany(
        "INSERT INTO search_texts (application_id, text) VALUES (?, ?) "
        "ON CONFLICT (application_id) DO UPDATE SET text = excluded.text",
        [
            (application_id, "\n".join(part for part in parts if isinstance(part, str)).casefold())
            for application_id, parts in pieces.items()
        ],
    )
