"""Recording a note as sent, with what it means for its kind, in one undoable action.

A thank-you thanks the interviewer (and moves the card once everyone is thanked), a follow-up
moves the card to Followed up, any other note is noted in the history. The draft the note was
written in is marked sent in the same action, so undoing the action makes it a draft again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import TYPE_CHECKING, Any

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
from postinterview_tui.domain.templates import NoteKind, NoteTemplate
from postinterview_tui.domain.thank_yous import check_not_thanked_yet, everyone_thanked_at
from postinterview_tui.storage.errors import NotFound
from postinterview_tui.storage.sent_messages import SentMessage, record_sent_message
from postinterview_tui.storage.timestamps import optional_from_text, to_text, truncate
from postinterview_tui.storage.transactions import Action

if TYPE_CHECKING:
    from postinterview_tui.storage.repository import Repository
    from postinterview_tui.storage.transactions import Transactions


class SentNotes:
    """The "mark sent" half of :class:`~postinterview_tui.storage.drafts.DraftStore`."""

    repository: Repository
    db: sqlite3.Connection
    _tx: Transactions

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
            RuleRefusal: a follow-up too soon or one too many, or a second thank-you to
                someone already thanked (confirmable: pass ``force``); a thank-you or
                follow-up before the interview it answers (never confirmable).
        """
        if template.kind is NoteKind.THANK_YOU:
            self.mark_thank_you_sent(
                application_id,
                interviewer_id,
                when,
                now,
                force=force,
                draft_uid=draft_uid,
                delivered=delivered,
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
        force: bool = False,
        draft_uid: str | None = None,
        delivered: SentMessage | None = None,
    ) -> ApplicationSummary:
        """Record a thank-you note sent to one interviewer of the latest round (or to all of
        them when ``interviewer_id`` is ``None``).

        Once every interviewer of the latest round is thanked, an application still in
        Interviewed moves to Thank-you sent. Undo reverts it, the draft's "sent" too.

        Raises:
            NotFound: no such application, or the interviewer is not in its latest round.
            RuleRefusal: the latest round has not happened yet, or ``when`` is before it;
                (confirmable, pass ``force``) the interviewer, or with ``None`` the whole
                round, was thanked already.
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
            people = self._latest_round(application_id)
            name = ""
            if interviewer_id is not None:
                match = [person for person in people if person[0] == interviewer_id]
                if not match:
                    raise NotFound(
                        f"interviewer {interviewer_id} is not in the latest interview round"
                    )
                name = match[0][1]
                thanked_before = optional_from_text(match[0][2])
                check_not_thanked_yet(name, thanked_before, repository.zone, force=force)
                if thanked_before is None:
                    act.remember("interviewers", interviewer_id)
                    self.db.execute(
                        "UPDATE interviewers SET thanked_at = ? WHERE id = ?",
                        [to_text(truncate(when)), interviewer_id],
                    )
            else:
                check_not_thanked_yet(
                    "", self._round_thanked_at(summary, people), repository.zone, force=force
                )
            thanked = sum(
                1 for person in people if person[2] is not None or person[0] == interviewer_id
            )
            everyone = interviewer_id is None or thanked >= len(people)
            data: dict[str, object] = {"interviewer": name} if name else {}
            if delivered is not None:
                data["sent_to"] = delivered.recipient
            if everyone and summary.stage is Stage.INTERVIEWED:
                named = repository.thank_latest_round(act, application_id, when)
                if interviewer_id is None and named:
                    data["interviewers"] = list(named)
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
            else:
                if interviewer_id is None:
                    named = repository.thank_latest_round(act, application_id, when)
                    if named:
                        data["interviewers"] = list(named)
                    thanked = len(people)
                progress = replace(
                    summary.progress,
                    interviewers_thanked=min(thanked, summary.progress.interviewers_total),
                )
                plan = ChangePlan(progress, None, (PlannedEvent(EventKind.THANK_YOU_SENT, data),))
            repository.apply_plan(act, application_id, plan, when, summary.close_reason)
            self._mark_draft_sent(act, draft_uid, when, delivered)
            return repository.summary_in(self.db, application_id)

    def _latest_round(self, application_id: int) -> list[Any]:
        """(id, name, thanked_at) of each interviewer of the latest round."""
        latest = self.db.execute(
            "SELECT id FROM interviews WHERE application_id = ? "
            "ORDER BY held_at DESC, id DESC LIMIT 1",
            [application_id],
        ).fetchone()
        if latest is None:
            return []
        return list(
            self.db.execute(
                "SELECT id, name, thanked_at FROM interviewers WHERE interview_id = ?",
                [latest[0]],
            ).fetchall()
        )

    @staticmethod
    def _round_thanked_at(summary: ApplicationSummary, people: list[Any]) -> DateTime | None:
        """When the latest round was thanked in full (None while it is not)."""
        if people:
            return everyone_thanked_at([optional_from_text(person[2]) for person in people])
        progress = summary.progress
        held, thanked = progress.last_interview_at, progress.thanked_at
        if held is not None and thanked is not None and thanked >= held:
            return thanked
        return None

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
        """Record a follow-up sent: the same as moving the card to Followed up, with the
        draft marked sent in the same action.

        Raises:
            NotFound: no such application.
            RuleRefusal: too soon, or one too many (confirmable: pass ``force``).
        """
        with self._tx.action(f"move to {Stage.FOLLOWED_UP.label}", now) as act:
            summary = self.repository.move_in(
                act,
                application_id,
                Stage.FOLLOWED_UP,
                when=when,
                force=force,
                sent_to=delivered.recipient if delivered else "",
            )
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
        """Mark the draft sent as part of ``act``: undoing the action unmarks it."""
        if delivered is not None:
            record_sent_message(self.db, delivered)
        if draft_uid is None:
            return
        row = self.db.execute(
            "SELECT id FROM drafts WHERE uid = ? AND sent_at IS NULL", [draft_uid]
        ).fetchone()
        if row is None:
            return
        act.remember("drafts", int(row[0]))
        self.db.execute(
            "UPDATE drafts SET sent_at = ?, updated_at = ? WHERE id = ?",
            [to_text(truncate(when)), act.now_text, int(row[0])],
        )
