"""Drafts of notes and the user's own template texts.

Autosaves are not undoable actions (undo is for changes to applications); marking a note sent
is one, since it moves the card (:mod:`postinterview_tui.storage.sent_notes`).
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.templates import (
    Draft,
    NoteTemplate,
    TemplateId,
    with_override,
)
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.sent_notes import SentNotes
from postinterview_tui.storage.timestamps import from_text, optional_from_text


@dataclass(frozen=True, slots=True)
class DraftText:
    """One version of a draft, numbered so that an older version never overwrites a newer one."""

    seq: int
    uid: str
    application_id: int
    interview_id: int | None
    interviewer_id: int | None
    template: str
    subject: str
    body: str


class DraftStore(SentNotes):
    """Reads and writes drafts and template overrides through a :class:`Repository`; marking
    a note sent is in :class:`SentNotes`."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.db = repository.db
        self._tx = repository.transactions

    # -- drafts ------------------------------------------------------------------------------

    def save_draft(
        self,
        *,
        uid: str,
        application_id: int,
        interview_id: int | None,
        interviewer_id: int | None,
        template: str,
        subject: str,
        body: str,
        now: DateTime,
    ) -> int:
        """Create or update the draft ``uid``; returns its id.

        Saving the same ``uid`` again updates it, so an autosave and a save on close that
        race each other never make two drafts. A draft already marked sent is left as it was
        (the caller starts a new draft for further edits).

        Raises:
            NotFound: no such application.
        """
        with self._tx.action("save draft", now, undoable=False) as act:
            self.repository.summary_in(self.db, application_id)
            self.db.execute(
                "INSERT INTO drafts (uid, application_id, interview_id, interviewer_id, template, "
                "subject, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (uid) DO UPDATE SET template = excluded.template, "
                "subject = excluded.subject, body = excluded.body, "
                "updated_at = excluded.updated_at WHERE drafts.sent_at IS NULL",
                [
                    uid,
                    application_id,
                    interview_id,
                    interviewer_id,
                    template,
                    subject,
                    body,
                    act.now_text,
                    act.now_text,
                ],
            )
            row = self.db.execute("SELECT id FROM drafts WHERE uid = ?", [uid]).fetchone()
            return int(row[0])

    def drafts_for(self, application_id: int) -> tuple[Draft, ...]:
        """Every draft ever written for an application, newest first."""
        with self._tx.read() as db:
            cursor = db.execute(
                "SELECT * FROM drafts WHERE application_id = ? ORDER BY updated_at DESC, id DESC",
                [application_id],
            )
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        return tuple(_draft_from_row(row) for row in rows)

    # -- templates ---------------------------------------------------------------------------

    def templates(self) -> dict[TemplateId, NoteTemplate]:
        """Every template, with the user's own text where they changed it."""
        with self._tx.read() as db:
            rows = db.execute("SELECT id, subject, body FROM templates").fetchall()
        result = dict(DEFAULT_TEMPLATES)
        for template_id, subject, body in rows:
            try:
                key = TemplateId(template_id)
            except ValueError:
                continue  # a template this version does not know: kept, not shown
            result[key] = with_override(result[key], subject, body)
        return result

    def template(self, template_id: TemplateId) -> NoteTemplate:
        """One template, with the user's own text if they changed it."""
        return self.templates()[template_id]

    def set_template(self, template_id: TemplateId, subject: str, body: str, now: DateTime) -> None:
        """Replace a template's text with the user's own."""
        with self._tx.action("edit template", now, undoable=False) as act:
            self.db.execute(
                "INSERT INTO templates (id, subject, body, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET subject = excluded.subject, "
                "body = excluded.body, updated_at = excluded.updated_at",
                [str(template_id), subject, body, act.now_text],
            )

    def reset_template(self, template_id: TemplateId, now: DateTime) -> None:
        """Go back to the default text of a template."""
        with self._tx.action("reset template", now, undoable=False):
            self.db.execute("DELETE FROM templates WHERE id = ?", [str(template_id)])


class DraftWriter:
    """Saves successive versions of drafts from any thread, the newest always winning.

    An autosave running in a worker and the save made as the panel closes can race; numbering
    each version (:meth:`version`, on one thread) and writing under a lock settles it.
    """

    def __init__(self, store: DraftStore) -> None:
        self.store = store
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._written: dict[str, int] = {}

    def version(
        self,
        *,
        uid: str,
        application_id: int,
        interview_id: int | None,
        interviewer_id: int | None,
        template: str,
        subject: str,
        body: str,
    ) -> DraftText:
        """Number a version of a draft (newer than every version numbered before)."""
        return DraftText(
            next(self._numbers),
            uid,
            application_id,
            interview_id,
            interviewer_id,
            template,
            subject,
            body,
        )

    def write(self, text: DraftText, now: DateTime) -> bool:
        """Save ``text`` unless a newer version of the draft is saved already.

        Returns:
            True when it was written.

        Raises:
            StoreError: the file could not be written.
        """
        with self._lock:
            if text.seq <= self._written.get(text.uid, 0):
                return False
            self.store.save_draft(
                uid=text.uid,
                application_id=text.application_id,
                interview_id=text.interview_id,
                interviewer_id=text.interviewer_id,
                template=text.template,
                subject=text.subject,
                body=text.body,
                now=now,
            )
            self._written[text.uid] = text.seq
            return True


def _draft_from_row(row: dict[str, Any]) -> Draft:
    return Draft(
        id=row["id"],
        uid=row["uid"],
        application_id=row["application_id"],
        interview_id=row["interview_id"],
        interviewer_id=row["interviewer_id"],
        template=row["template"],
        subject=row["subject"],
        body=row["body"],
        created_at=from_text(row["created_at"]),
        updated_at=from_text(row["updated_at"]),
        sent_at=optional_from_text(row["sent_at"]),
    )
