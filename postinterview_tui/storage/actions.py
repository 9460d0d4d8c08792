"""Writes: each method is one user action in one immediate transaction (see
:mod:`transactions`); the rules come from the domain, this module only persists their outcome.

The move rules and the input records are imported by the methods that use them, so a command
that only reads never loads them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pendulum import DateTime

from postinterview_tui.domain import validation
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.settings import (
    SettingChoices,
    format_setting,
    parse_setting,
    setting_rule,
)
from postinterview_tui.domain.stages import (
    CloseReason,
    EventKind,
    Stage,
)
from postinterview_tui.storage.errors import EditConflict
from postinterview_tui.storage.timestamps import to_text, truncate
from postinterview_tui.storage.transactions import Action
from postinterview_tui.storage.undo import companies, undo_latest

if TYPE_CHECKING:
    from postinterview_tui.domain.records import (
        ApplicationEdit,
        NewApplication,
        NewInterview,
    )

from postinterview_tui.storage.queries import Queries


class Actions(Queries):
    """Adding, moving, editing, noting, deleting, undoing and purging applications; settings."""

    def add_application(self, new: NewApplication, now: DateTime) -> int:
        """Add an application with its first interview; returns the new id (never reused).

        Raises:
            FieldError: a field the domain's validation refuses (whichever way it came in).
        """
        with self.transactions.action("add application", now) as act:
            return self.insert_application(act, new)

    def insert_application(self, act: Action, new: NewApplication) -> int:
        """Add an application inside an open action (an import adds many in one).

        Raises:
            FieldError: a field the domain's validation refuses.
        """
        from postinterview_tui.domain.records import Contact

        validation.check_new_application(new)
        recruiter = new.recruiter or Contact("")
        application_id = act.insert(
            "applications",
            {
                "company": new.company,
                "role": new.role,
                "location": new.location,
                "link": new.link,
                "recruiter_name": recruiter.name,
                "recruiter_email": recruiter.email,
                "notes": new.notes,
                "stage": str(Stage.INTERVIEWED),
                "created_at": act.now_text,
                "updated_at": act.now_text,
            },
        )
        act.event(application_id, EventKind.CREATED, act.now, {})
        self._add_round(act, application_id, Progress(stage=Stage.INTERVIEWED), new.interview)
        return application_id

    def add_interview(self, application_id: int, new: NewInterview, now: DateTime) -> None:
        """Record another interview round (the latest one moves the card back to Interviewed).

        Raises:
            FieldError: a field the domain's validation refuses.
        """
        validation.check_new_interview(new)
        with self.transactions.action("add interview", now) as act:
            summary = self.summary_in(self.db, application_id)
            self._add_round(act, application_id, summary.progress, new, summary.close_reason)

    def record_reply(
        self,
        application_id: int,
        *,
        when: DateTime,
        decision_by: Any,
        now: DateTime,
        note: str = "",
    ) -> None:
        """Record a reply from the employer (it restarts the follow-up count), with an
        optional note of what they said."""
        from postinterview_tui.domain.moves import plan_reply

        validation.check_moment("when", when)
        if decision_by is not None:
            validation.check_day("decision_by", decision_by)

        with self.transactions.action("record reply", now) as act:
            summary = self.summary_in(self.db, application_id)
            plan = plan_reply(
                summary.progress, when=truncate(when), decision_by=decision_by, note=note
            )
            self.apply_plan(act, application_id, plan, when, summary.close_reason)

    def move(
        self,
        application_id: int,
        target: Stage,
        *,
        when: DateTime,
        now: DateTime,
        reason: CloseReason | None = None,
        force: bool = False,
        reflection: str = "",
        sent_to: str = "",
    ) -> ApplicationSummary:
        """Move an application to another stage under the rules.

        ``reflection`` is an optional line kept with a close ("what I'd do differently");
        ``sent_to``, the recipient of a note the app delivered, with the note's event.

        Raises:
            FieldError: a date or text the domain's validation refuses.
            NotFound: no such application.
            RuleRefusal: the rules refuse the move (or want it confirmed with ``force``).
        """
        with self.transactions.action(f"move to {target.label}", now) as act:
            return self.move_in(
                act,
                application_id,
                target,
                when=when,
                reason=reason,
                force=force,
                reflection=reflection,
                sent_to=sent_to,
            )

    def move_in(
        self,
        act: Action,
        application_id: int,
        target: Stage,
        *,
        when: DateTime,
        reason: CloseReason | None = None,
        force: bool = False,
        reflection: str = "",
        sent_to: str = "",
    ) -> ApplicationSummary:
        """:meth:`move` inside an open action (an import moves many in one).

        Raises:
            FieldError, NotFound, RuleRefusal: as :meth:`move`.
        """
        from postinterview_tui.domain.moves import plan_move

        validation.check_moment("when", when)
        validation.check_text("notes", reflection)
        settings = self.settings()
        summary = self.summary_in(self.db, application_id)
        plan = plan_move(
            summary.progress,
            target,
            when=truncate(when),
            now=act.now,
            reason=reason,
            force=force,
            settings=settings,
            zone=self.zone,
        )
        thanked: tuple[str, ...] = ()
        if plan.thank_all_interviewers:
            thanked = self.thank_latest_round(act, application_id, when)
        close_reason = plan.close_reason if target is Stage.CLOSED else None
        extra: dict[EventKind, dict[str, object]] = {
            EventKind.CLOSED: {"reflection": reflection.strip()} if reflection.strip() else {}
        }
        if thanked:
            # The history says whom the move thanked, as a per-interviewer thank-you does.
            extra[EventKind.THANK_YOU_SENT] = {"interviewers": list(thanked)}
        if sent_to:
            extra[EventKind.FOLLOW_UP_SENT] = {"sent_to": sent_to}
        plan = replace(
            plan,
            events=tuple(
                replace(event, data={**event.data, **extra[event.kind]})
                if extra.get(event.kind)
                else event
                for event in plan.events
            ),
        )
        self.apply_plan(act, application_id, plan, when, close_reason)
        return self.summary_in(self.db, application_id)

    def edit(
        self,
        application_id: int,
        changes: ApplicationEdit,
        now: DateTime,
        *,
        expected_version: int | None = None,
    ) -> None:
        """Change an application's fields.

        Raises:
            NotFound: no such application.
            EditConflict: ``expected_version`` is given and the record changed since.
        """
        from postinterview_tui.domain.records import Contact

        validation.check_edit(changes)
        fields = changes.changed_fields()
        if not fields:
            current = self.summary(application_id)
            if expected_version is not None and current.version != expected_version:
                raise EditConflict("this application was changed elsewhere since you opened it")
            return
        with self.transactions.action("edit", now) as act:
            current = self.summary_in(self.db, application_id)
            if expected_version is not None and current.version != expected_version:
                raise EditConflict("this application was changed elsewhere since you opened it")
            values: dict[str, Any] = {}
            for name, value in fields.items():
                if name == "recruiter":
                    assert isinstance(value, Contact)
                    values["recruiter_name"] = value.name
                    values["recruiter_email"] = value.email
                else:
                    values[name] = value
            if not values:
                return
            act.remember("applications", application_id)
            self.update_application(act, application_id, values)
            act.event(application_id, EventKind.EDITED, act.now, {"fields": sorted(fields)})

    def add_note(self, application_id: int, text: str, now: DateTime) -> None:
        """Append a free-text note to an application's history.

        Raises:
            FieldError: the note is empty of meaning to store (NUL) or too long.
        """
        validation.check_text("notes", text)
        with self.transactions.action("add note", now) as act:
            self.summary_in(self.db, application_id)
            act.remember("applications", application_id)
            self.update_application(act, application_id, {})
            act.event(application_id, EventKind.NOTE_ADDED, act.now, {"text": text})

    def delete(self, application_id: int, now: DateTime) -> None:
        """Mark an application deleted (undo brings it back; purge removes it for good)."""
        with self.transactions.action("delete", now) as act:
            self.summary_in(self.db, application_id)
            act.remember("applications", application_id)
            self.update_application(act, application_id, {"deleted_at": act.now_text})
            act.event(application_id, EventKind.DELETED, act.now, {})

    def undo(self, now: DateTime) -> str:
        """Undo the latest change; returns what was undone.

        Raises:
            NothingToUndo: nothing left to undo.
        """
        return undo_latest(self.transactions, now)[0]

    def undo_and_describe(self, now: DateTime, *, own: bool = False) -> str:
        """Undo the latest change (of any window, or with ``own`` of this one) and say what it
        was, naming the application: ``move of Acme to Thank-you sent``.

        Raises:
            NothingToUndo: nothing left to undo.
            UndoBlocked: (``own``) a later change made elsewhere touched the same application.
        """
        from postinterview_tui.domain.undo_words import undo_message

        label, touched = undo_latest(self.transactions, now, own=own)
        with self.transactions.read() as db:
            return undo_message(label, companies(db, touched))

    def purge(self, now: DateTime) -> int:
        """Remove deleted applications and their records for good; returns how many.

        The undo history goes too, since it may hold copies of what was removed.
        """
        with self.transactions.action("purge", now, undoable=False):
            ids = [
                row[0]
                for row in self.db.execute(
                    "SELECT id FROM applications WHERE deleted_at IS NOT NULL"
                )
            ]
            for application_id in ids:
                for table in ("drafts", "sent_messages"):
                    self.db.execute(
                        f"DELETE FROM {table} WHERE application_id = ?", [application_id]
                    )
                self.db.execute(
                    "DELETE FROM interviewers WHERE interview_id IN "
                    "(SELECT id FROM interviews WHERE application_id = ?)",
                    [application_id],
                )
                for table in ("interviews", "conditions", "events"):
                    self.db.execute(
                        f"DELETE FROM {table} WHERE application_id = ?", [application_id]
                    )
                self.db.execute("DELETE FROM applications WHERE id = ?", [application_id])
            if ids:
                self.db.execute("DELETE FROM actions")
            return len(ids)

    def set_setting(
        self, key: str, text: str, now: DateTime, *, choices: SettingChoices | None = None
    ) -> None:
        """Store a setting after checking it with its rule (``domain.settings``).

        Args:
            choices: the themes and binding ids the app knows; required for settings whose
                value must be one of them, so no unchecked name is ever stored.

        Raises:
            ValueError: unknown key or invalid value (the message says which).
        """
        if setting_rule(key).needs_choices and choices is None:
            raise ValueError(f"{key} can only be checked against the names the app knows")
        value = parse_setting(key, text, choices)
        with self.transactions.action(f"set {key}", now, undoable=False):
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, format_setting(key, value)],
            )

    def _add_round(
        self,
        act: Action,
        application_id: int,
        progress: Progress,
        new: NewInterview,
        close_reason: CloseReason | None = None,
    ) -> None:
        from postinterview_tui.domain.moves import plan_new_round

        held_at = truncate(new.held_at)
        interview_id = act.insert(
            "interviews",
            {
                "application_id": application_id,
                "held_at": to_text(held_at),
                "kind": str(new.kind),
                "notes": new.notes,
                "decision_by": new.decision_by.isoformat() if new.decision_by else None,
                "created_at": act.now_text,
            },
        )
        for person in new.interviewers:
            act.insert(
                "interviewers",
                {
                    "interview_id": interview_id,
                    "name": person.name,
                    "email": person.email,
                    "title": person.title,
                },
            )
        plan = plan_new_round(
            progress,
            held_at=held_at,
            interviewer_count=len(new.interviewers),
            decision_by=new.decision_by,
            kind=str(new.kind),
        )
        if plan.progress.stage is not Stage.CLOSED:
            close_reason = None
        if held_at <= act.now:
            self.apply_plan(act, application_id, plan, held_at, close_reason)
            return
        # A scheduled round: the interview is dated on its day, but the card moves (and
        # reopens) now, and the history says so.
        held = tuple(event for event in plan.events if event.kind is EventKind.INTERVIEW_HELD)
        others = tuple(event for event in plan.events if event.kind is not EventKind.INTERVIEW_HELD)
        self.apply_plan(act, application_id, replace(plan, events=others), act.now, close_reason)
        for event in held:
            act.event(application_id, event.kind, held_at, dict(event.data))
