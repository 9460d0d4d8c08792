"""Drafts of notes and the user's own template texts.

Autosaves are not undoable actions (undo is for changes to applications); marking a note sent
is one, since it moves the card.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.moves import (
    ChangePlan,
    NoteAnswer,
    PlannedEvent,
    check_note_after_interview,
    plan_move,
)
from postinterview_tui.domain.stages import EventKind, Stage
from postinterview_tui.domain.templates import (
    DEFAULT_TEMPLATES,
    Draft,
    NoteKind,
    NoteTemplate,
    TemplateId,
    plain_text,
    with_override,
)
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.sent_messages import SentMessage, record_sent_message
from postinterview_tui.storage.timestamps import from_text, optional_from_text, to_text, truncate
from postinterview_tui.storage.transactions import Action

_UNSAFE_FILENAME = re.compile(r"[^\w.-]+")


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


class DraftStore:
    """Reads and writes drafts and template overrides through a :class:`Repository`."""

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

    # -- sending -----------------------------------------------------------------------------

    def mark_sent(
        self,
        template: NoteTemplate,
        application_id: int,
        interviewer_id: int | None,
        when: DateTime,
        now: DateTime,
        *,
        force: bool = False,
        draft_uid: str | None = None,
        delivered: SentMessage | None = None,
    ) -> None:
        """Record a note from ``template`` as sent, with what that means for its kind: a
        thank-you thanks the interviewer, a follow-up is a follow-up, anything else is noted.
        ``delivered`` (a note the app sent itself) is stored with the same write.

        Raises:
            NotFound: no such application (or interviewer in its latest round).
            RuleRefusal: a follow-up too soon or one too many (confirmable: pass ``force``), or
                a thank-you or follow-up before the interview it answers (never confirmable).
        """
        if template.kind is NoteKind.THANK_YOU:
            self.mark_thank_you_sent(
                application_id, interviewer_id, when, now, draft_uid=draft_uid, delivered=delivered
            )
        elif template.kind is NoteKind.FOLLOW_UP:
            self.mark_follow_up_sent(
                application_id, when, now, force=force, draft_uid=draft_uid, delivered=delivered
            )
        else:
            self.mark_note_sent(
                application_id, template.title, when, now, draft_uid=draft_uid, delivered=delivered
            )

    def mark_thank_you_sent(
        self,
        application_id: int,
        interviewer_id: int | None,
        when: DateTime,
        now: DateTime,
        *,
        draft_uid: str | None = None,
        delivered: SentMessage | None = None,
    ) -> ApplicationSummary:
        """Record a thank-you note sent to one interviewer of the latest round (or to all of
        them when ``interviewer_id`` is ``None``).

        Once every interviewer of the latest round is thanked, an application still in
        Interviewed moves to Thank-you sent. Undo reverts it.

        Raises:
            NotFound: no such application, or the interviewer is not in its latest round.
            RuleRefusal: the latest round has not happened yet, or ``when`` is before it.
        """
        repository = self.repository
        with self._tx.action("thank-you sent", now) as act:
            settings = repository.settings()
            summary = repository.summary_in(self.db, application_id)
            # Every thank-you passes here, one interviewer's or everyone's: none before the round.
            check_note_after_interview(
                summary.progress,
                NoteAnswer.THANK_YOU,
                when=truncate(when),
                now=now,
                zone=repository.zone,
            )
            latest = self.db.execute(
                "SELECT id FROM interviews WHERE application_id = ? "
                "ORDER BY held_at DESC, id DESC LIMIT 1",
                [application_id],
            ).fetchone()
            people: list[Any] = (
                self.db.execute(
                    "SELECT id, name, thanked_at FROM interviewers WHERE interview_id = ?",
                    [latest[0]],
                ).fetchall()
                if latest
                else []
            )
            name = ""
            if interviewer_id is not None:
                match = [person for person in people if person[0] == interviewer_id]
                if not match:
                    raise NotFound(
                        f"interviewer {interviewer_id} is not in the latest interview round"
                    )
                name = match[0][1]
                if match[0][2] is None:
                    act.remember("interviewers", interviewer_id)
                    self.db.execute(
                        "UPDATE interviewers SET thanked_at = ? WHERE id = ?",
                        [to_text(truncate(when)), interviewer_id],
                    )
            thanked = sum(
                1 for person in people if person[2] is not None or person[0] == interviewer_id
            )
            everyone = interviewer_id is None or thanked >= len(people)
            data: dict[str, object] = {"interviewer": name} if name else {}
            if delivered is not None:
                data["sent_to"] = delivered.recipient
            if everyone and summary.stage is Stage.INTERVIEWED:
                plan = plan_move(
                    summary.progress,
                    Stage.THANKED,
                    when=truncate(when),
                    now=now,
                    reason=None,
                    force=True,
                    settings=settings,
                    zone=repository.zone,
                )
                plan = replace(
                    plan,
                    events=tuple(
                        PlannedEvent(event.kind, {**event.data, **data})
                        if event.kind is EventKind.THANK_YOU_SENT
                        else event
                        for event in plan.events
                    ),
                )
                repository.thank_latest_round(act, application_id, when)
            else:
                if interviewer_id is None:
                    repository.thank_latest_round(act, application_id, when)
                    thanked = len(people)
                progress = replace(
                    summary.progress,
                    interviewers_thanked=min(thanked, summary.progress.interviewers_total),
                )
                plan = ChangePlan(progress, None, (PlannedEvent(EventKind.THANK_YOU_SENT, data),))
            repository.apply_plan(act, application_id, plan, when, summary.close_reason)
            self._mark_draft_sent(act, draft_uid, when, delivered)
            return repository.summary_in(self.db, application_id)

    def mark_follow_up_sent(
        self,
        application_id: int,
        when: DateTime,
        now: DateTime,
        *,
        force: bool = False,
        draft_uid: str | None = None,
        delivered: SentMessage | None = None,
    ) -> ApplicationSummary:
        """Record a follow-up sent: the same as moving the card to Followed up.

        Raises:
            NotFound: no such application.
            RuleRefusal: too soon, or one too many (confirmable: pass ``force``).
        """
        summary = self.repository.move(
            application_id,
            Stage.FOLLOWED_UP,
            when=when,
            now=now,
            force=force,
            sent_to=delivered.recipient if delivered else "",
        )
        if draft_uid is not None or delivered is not None:
            with self._tx.action("draft sent", now, undoable=False) as act:
                self._mark_draft_sent(act, draft_uid, when, delivered)
        return summary

    def mark_note_sent(
        self,
        application_id: int,
        title: str,
        when: DateTime,
        now: DateTime,
        *,
        draft_uid: str | None = None,
        delivered: SentMessage | None = None,
    ) -> None:
        """Record that some other note (an offer reply, a withdrawal...) went out.

        Raises:
            NotFound: no such application.
        """
        with self._tx.action("note sent", now) as act:
            self.repository.summary_in(self.db, application_id)
            act.remember("applications", application_id)
            self.repository.update_application(act, application_id, {})
            to = f" to {delivered.recipient}" if delivered else ""
            act.event(application_id, EventKind.NOTE_ADDED, when, {"text": f"Sent: {title}{to}"})
            self._mark_draft_sent(act, draft_uid, when, delivered)

    def _mark_draft_sent(
        self,
        act: Action,
        draft_uid: str | None,
        when: DateTime,
        delivered: SentMessage | None = None,
    ) -> None:
        if delivered is not None:
            record_sent_message(self.db, delivered)
        if draft_uid is not None:
            self.db.execute(
                "UPDATE drafts SET sent_at = ?, updated_at = ? WHERE uid = ? AND sent_at IS NULL",
                [to_text(truncate(when)), act.now_text, draft_uid],
            )


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


DRAFTS_FOLDER = "drafts"


def export_dir(db_path: Path) -> Path:
    """Where drafts are saved as files: a private ``drafts`` folder beside the database.

    Beside the database rather than in one global place, so that each database (a demo's
    temporary one too) keeps its notes with it. Computed when asked; nothing is created here.
    """
    return db_path.parent / DRAFTS_FOLDER


def export_draft(subject: str, body: str, *, stem: str, now: DateTime, directory: Path) -> Path:
    """Write a draft to a new text file only its owner can read; return its path.

    The folder is created (or tightened) to owner-only: a note names the company and the
    people the user met. An existing file is never overwritten.

    Args:
        subject: the subject line (left out of the file when empty).
        body: the note.
        stem: words for the file name, e.g. "Acme thank-you"; unsafe characters go.
        now: the time, for the file name.
        directory: where to write (see :func:`export_dir`).

    Raises:
        OSError: the file cannot be written.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    slug = _UNSAFE_FILENAME.sub("-", stem).strip("-.")[:60] or "draft"
    base = f"{now.format('YYYY-MM-DD-HHmm')}-{slug}"
    data = plain_text(subject, body).encode("utf-8")
    for number in range(1, 1000):
        path = directory / (f"{base}.txt" if number == 1 else f"{base}-{number}.txt")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return path
    raise OSError(f"too many drafts named {base} in {directory}")


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
