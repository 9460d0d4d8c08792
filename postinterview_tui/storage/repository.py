"""The repository: every read and write the app and the command line make.

Each write method is one user action in one immediate transaction (see :mod:`transactions`);
the rules come from the domain, this module only persists their outcome.

The move rules and the detail and input records are imported by the methods that use them:
``postinterview today`` opens a repository only to read summaries, and must start quickly.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.domain import validation
from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.settings import (
    KEYS,
    SettingChoices,
    Settings,
    format_setting,
    parse_setting,
    setting_rule,
    settings_from_texts,
)
from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    EventKind,
    Stage,
)
from postinterview_tui.storage.connection import open_database
from postinterview_tui.storage.dues import DuesKeeper, RecomputeProgress, dues_of, dues_until
from postinterview_tui.storage.errors import EditConflict, NotFound
from postinterview_tui.storage.rows import (
    SUMMARY_COLUMNS,
    condition_from_row,
    event_from_row,
    interview_from_row,
    summary_from_row,
    summary_from_values,
)
from postinterview_tui.storage.timestamps import optional_to_text, to_text, truncate
from postinterview_tui.storage.transactions import Action, Transactions

if TYPE_CHECKING:
    from postinterview_tui.domain.agenda import AgendaItem
    from postinterview_tui.domain.moves import ChangePlan
    from postinterview_tui.domain.records import (
        ApplicationDetail,
        ApplicationEdit,
        NewApplication,
        NewInterview,
    )
    from postinterview_tui.domain.rules import ActionItem

MAX_ID = 2**63 - 1
"""SQLite's largest integer: a larger id cannot exist."""

_OPEN_STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage if stage.is_open)
"""The stages :meth:`Repository.open_summaries` reads (every one but accepted and closed)."""


class Repository:
    """Reads and writes one postinterview database file."""

    def __init__(self, db: sqlite3.Connection, path: Path, zone: Timezone) -> None:
        self.db = db
        self.path = path
        self.zone = zone
        self._tx = Transactions(db)
        self.dues = DuesKeeper(db, zone)
        self._tx.before_commit.append(lambda _act: self.dues.refresh())

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        zone: Timezone,
        create: bool = True,
        on_recompute: RecomputeProgress | None = None,
    ) -> Repository | None:
        """Open the file, creating and migrating it when ``create`` is true.

        When the stored dues were computed under other rules, another zone or other settings
        (a new version, a file edited elsewhere, the first start after the upgrade), every due
        is computed again first, in one transaction, calling ``on_recompute(done, total)``.

        Returns:
            The repository, or ``None`` when the file is missing and ``create`` is false.

        Raises:
            StoreUnusable: the file is not ours, newer, damaged or locked.
        """
        db = open_database(path, create=create)
        if db is None:
            return None
        repository = cls(db, path, zone)
        try:
            repository.bring_dues_up_to_date(on_recompute)
        except BaseException:
            repository.close()
            raise
        return repository

    def bring_dues_up_to_date(self, on_recompute: RecomputeProgress | None = None) -> bool:
        """Compute every due again if the basis changed since they were stored (see
        :meth:`open`); True when it did."""
        with self._tx.read():
            if self.dues.is_current() or not self.dues.any_to_keep():
                # A file with nothing to keep needs no write now: its first write computes.
                return False
        # Recorded nowhere (the action is not undoable): the wall clock will do.
        now = pendulum.now("UTC")
        with self._tx.action("compute dues", now, undoable=False):
            if self.dues.is_current():  # another process did it while this one waited
                return False
            self.dues.recompute_all(on_recompute)
        return True

    def dues_of(self, application_id: int) -> tuple[ActionItem, ...]:
        """One application's stored dues, in the order the rules gave them."""
        with self._tx.read() as db:
            return dues_of(db, application_id)

    def stored_agenda(self, now: DateTime, window_days: int | None = None) -> list[AgendaItem]:
        """The agenda at ``now`` read from the due-time index: what ``build_agenda`` gives over
        :meth:`agenda_summaries`, reading only the dues of the window (overdue ones included).

        Args:
            window_days: days ahead; defaults to the ``review.window_days`` setting.
        """
        from postinterview_tui.domain.dues import agenda_from_dues
        from postinterview_tui.domain.rules import due_limits

        days = self.settings().window_days if window_days is None else window_days
        _soon, until = due_limits(now, days, self.zone)
        with self._tx.read() as db:
            dues = dues_until(db, now, until)
        return agenda_from_dues(dues, now, days, self.zone)

    def close(self) -> None:
        """Close the connection."""
        with self._tx.read():
            self.db.close()

    # -- reads -------------------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        with self._tx.read() as db:
            return int(db.execute("PRAGMA data_version").fetchone()[0])

    def change_marker(self) -> tuple[int, int]:
        """Equal for two calls only if nothing was written to the file in between, by this
        connection (``total_changes``) or by any other (``data_version``)."""
        with self._tx.read() as db:
            version = int(db.execute("PRAGMA data_version").fetchone()[0])
            return version, int(db.total_changes)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Run several calls with no other call of this process in between (writes of other
        processes still show in :meth:`change_marker`)."""
        with self._tx.lock:
            yield

    def settings(self) -> Settings:
        """The settings, with defaults for anything never set."""
        with self._tx.read() as db:
            texts = {row[0]: row[1] for row in db.execute("SELECT key, value FROM settings")}
        return settings_from_texts(texts)

    def summaries(
        self,
        *,
        stage: Stage | None = None,
        exclude_stage: Stage | None = None,
        limit: int | None = None,
    ) -> list[ApplicationSummary]:
        """Applications that are not deleted, most recently updated first."""
        where = "deleted_at IS NULL"
        params: list[Any] = []
        if stage is not None:
            where += " AND stage = ?"
            params.append(str(stage))
        if exclude_stage is not None:
            where += " AND stage != ?"
            params.append(str(exclude_stage))
        sql = f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE {where} "
        sql += "ORDER BY updated_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._read_summaries(sql, params)

    def open_summaries(self) -> list[ApplicationSummary]:
        """Applications still in progress (not accepted, closed or deleted)."""
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE deleted_at IS NULL "
            "AND stage NOT IN ('accepted', 'closed') ORDER BY updated_at DESC, id DESC"
        )
        return self._read_summaries(sql, [])

    def agenda_summaries(self) -> list[ApplicationSummary]:
        """The applications of :meth:`open_summaries`, in no particular order.

        For callers that order what they build themselves, as the agenda does (by due time):
        naming the open stages lets SQLite seek them in the board index, where excluding the
        closed ones scans it, and no sort is asked for. At 10,000 applications this halves the
        query ``postinterview today`` waits for.
        """
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE deleted_at IS NULL "
            f"AND stage IN ({', '.join('?' * len(_OPEN_STAGES))})"
        )
        return self._read_summaries(sql, list(_OPEN_STAGES))

    def _read_summaries(self, sql: str, params: list[Any]) -> list[ApplicationSummary]:
        """Run a ``SELECT {SUMMARY_COLUMNS}`` query and build the summaries with their conditions.

        The rows stay plain tuples (the columns are in :data:`SUMMARY_FIELDS` order, the id
        first): a dictionary per row is a measurable part of ``today`` at 10,000 applications.
        """
        with self._tx.read() as db:
            rows = db.execute(sql, params).fetchall()
            conditions = self._offer_conditions(db)
        return [summary_from_values(row, conditions.get(row[0], ())) for row in rows]

    def stage_counts(self) -> dict[Stage, int]:
        """How many applications each stage holds."""
        with self._tx.read() as db:
            rows = db.execute(
                "SELECT stage, count(*) FROM applications WHERE deleted_at IS NULL GROUP BY stage"
            ).fetchall()
        counts = dict.fromkeys(Stage, 0)
        for stage, count in rows:
            counts[Stage(stage)] = count
        return counts

    def summary(self, application_id: int) -> ApplicationSummary:
        """One application's summary.

        Raises:
            NotFound: no such application, or it was deleted.
        """
        with self._tx.read() as db:
            return self._summary(db, application_id)

    def detail(self, application_id: int) -> ApplicationDetail:
        """Everything about one application, events oldest first.

        Raises:
            NotFound: no such application, or it was deleted.
        """
        from postinterview_tui.domain.records import ApplicationDetail, Contact

        with self._tx.read() as db:
            summary = self._summary(db, application_id)
            row = _dict_rows(
                db.execute("SELECT * FROM applications WHERE id = ?", [application_id])
            )[0]
            interviews = _dict_rows(
                db.execute(
                    "SELECT * FROM interviews WHERE application_id = ? ORDER BY held_at, id",
                    [application_id],
                )
            )
            people: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for person in _dict_rows(
                db.execute(
                    "SELECT * FROM interviewers WHERE interview_id IN "
                    "(SELECT id FROM interviews WHERE application_id = ?) ORDER BY id",
                    [application_id],
                )
            ):
                people[person["interview_id"]].append(person)
            events = _dict_rows(
                db.execute(
                    "SELECT * FROM events WHERE application_id = ? ORDER BY at, id",
                    [application_id],
                )
            )
        recruiter = None
        if row["recruiter_name"] or row["recruiter_email"]:
            recruiter = Contact(row["recruiter_name"], row["recruiter_email"])
        return ApplicationDetail(
            summary=summary,
            location=row["location"],
            link=row["link"],
            recruiter=recruiter,
            notes=row["notes"],
            offer_notes=row["offer_notes"],
            interviews=tuple(interview_from_row(item, people[item["id"]]) for item in interviews),
            events=tuple(event_from_row(item) for item in events),
        )

    # -- writes ------------------------------------------------------------------------------

    def add_application(self, new: NewApplication, now: DateTime) -> int:
        """Add an application with its first interview; returns the new id (never reused).

        Raises:
            FieldError: a field the domain's validation refuses (whichever way it came in).
        """
        with self._tx.action("add application", now) as act:
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
        with self._tx.action("add interview", now) as act:
            summary = self._summary(self.db, application_id)
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

        with self._tx.action("record reply", now) as act:
            summary = self._summary(self.db, application_id)
            plan = plan_reply(
                summary.progress, when=truncate(when), decision_by=decision_by, note=note
            )
            self._apply(act, application_id, plan, when, summary.close_reason)

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
        with self._tx.action(f"move to {target.label}", now) as act:
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
        summary = self._summary(self.db, application_id)
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
        if plan.thank_all_interviewers:
            self._thank_latest_round(act, application_id, when)
        close_reason = plan.close_reason if target is Stage.CLOSED else None
        extra = {EventKind.CLOSED: {"reflection": reflection.strip()} if reflection.strip() else {}}
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
        self._apply(act, application_id, plan, when, close_reason)
        return self._summary(self.db, application_id)

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
        with self._tx.action("edit", now) as act:
            current = self._summary(self.db, application_id)
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
            self._update_application(act, application_id, values)
            act.event(application_id, EventKind.EDITED, act.now, {"fields": sorted(fields)})

    def add_note(self, application_id: int, text: str, now: DateTime) -> None:
        """Append a free-text note to an application's history.

        Raises:
            FieldError: the note is empty of meaning to store (NUL) or too long.
        """
        validation.check_text("notes", text)
        with self._tx.action("add note", now) as act:
            self._summary(self.db, application_id)
            act.remember("applications", application_id)
            self._update_application(act, application_id, {})
            act.event(application_id, EventKind.NOTE_ADDED, act.now, {"text": text})

    def delete(self, application_id: int, now: DateTime) -> None:
        """Mark an application deleted (undo brings it back; purge removes it for good)."""
        with self._tx.action("delete", now) as act:
            self._summary(self.db, application_id)
            act.remember("applications", application_id)
            self._update_application(act, application_id, {"deleted_at": act.now_text})
            act.event(application_id, EventKind.DELETED, act.now, {})

    def undo(self, now: DateTime) -> str:
        """Undo the latest change; returns what was undone.

        Raises:
            NothingToUndo: nothing left to undo.
        """
        return self._tx.undo_last(now)

    def undo_and_describe(self, now: DateTime, *, own: bool = False) -> str:
        """Undo the latest change (of any window, or with ``own`` of this one) and say what it
        was, naming the application: ``move of Acme to Thank-you sent``.

        Raises:
            NothingToUndo: nothing left to undo.
            UndoBlocked: (``own``) a later change made elsewhere touched the same application.
        """
        from postinterview_tui.domain.undo_words import undo_message

        label, touched = self._tx.undo_latest(now, own=own)
        with self._tx.read():
            return undo_message(label, self._tx.companies(touched))

    def purge(self, now: DateTime) -> int:
        """Remove deleted applications and their records for good; returns how many.

        The undo history goes too, since it may hold copies of what was removed.
        """
        with self._tx.action("purge", now, undoable=False):
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

    def record_offer(
        self,
        application_id: int,
        *,
        deadline: DateTime | None,
        conditions: Sequence[tuple[ConditionKind, str]],
        notes: str,
        now: DateTime,
    ) -> None:
        """Record an offer (moving the application to Offer) with its conditions and deadline."""
        from postinterview_tui.domain.moves import ChangePlan, PlannedEvent, plan_move

        if deadline is not None:
            validation.check_moment("deadline", deadline)
        for _kind, label in conditions:
            validation.check_text("condition", label)
        validation.check_text("notes", notes)
        with self._tx.action("record offer", now) as act:
            summary = self._summary(self.db, application_id)
            progress = replace(summary.progress, offer_deadline=deadline)
            events: tuple[PlannedEvent, ...] = ()
            if summary.stage is not Stage.OFFER:
                plan = plan_move(
                    summary.progress,
                    Stage.OFFER,
                    when=act.now,
                    now=act.now,
                    reason=None,
                    force=True,
                    settings=self.settings(),
                    zone=self.zone,
                )
                progress = replace(plan.progress, offer_deadline=deadline)
                events = plan.events
            for kind, label in conditions:
                act.insert(
                    "conditions",
                    {
                        "application_id": application_id,
                        "kind": str(kind),
                        "label": label,
                        "status": str(ConditionStatus.PENDING),
                        "started_at": act.now_text,
                    },
                )
            self._apply(act, application_id, ChangePlan(progress, None, events), act.now, None)
            act.db.execute(
                "UPDATE applications SET offer_notes = ? WHERE id = ?", [notes, application_id]
            )

    def set_condition_status(
        self, application_id: int, condition_id: int, *, cleared: bool, now: DateTime
    ) -> None:
        """Mark an offer condition cleared or failed.

        Raises:
            NotFound: no such application or condition.
        """
        status = ConditionStatus.CLEARED if cleared else ConditionStatus.FAILED
        kind = EventKind.CONDITION_CLEARED if cleared else EventKind.CONDITION_FAILED
        with self._tx.action(f"condition {status}", now) as act:
            self._summary(self.db, application_id)
            label = self._condition_label(application_id, condition_id)
            act.remember("conditions", condition_id)
            act.remember("applications", application_id)
            self.db.execute(
                "UPDATE conditions SET status = ?, resolved_at = ? WHERE id = ?",
                [str(status), act.now_text, condition_id],
            )
            self._update_application(act, application_id, {})
            act.event(application_id, kind, act.now, {"condition": label})

    def snooze(self, application_id: int, until: DateTime, now: DateTime) -> None:
        """Hide an application's pending actions until ``until`` (a new change clears it).

        Raises:
            NotFound: no such application.
        """
        validation.check_moment("until", until)
        with self._tx.action("snooze", now) as act:
            self._summary(self.db, application_id)
            act.remember("applications", application_id)
            self._update_application(
                act, application_id, {"snoozed_until": to_text(truncate(until))}
            )
            act.event(application_id, EventKind.SNOOZED, act.now, {"until": to_text(until)})

    def check_in_condition(self, application_id: int, condition_id: int, now: DateTime) -> None:
        """Record a polite check-in on a pending offer condition (the next one is due later).

        Raises:
            NotFound: no such application or condition.
        """
        with self._tx.action("condition check-in", now) as act:
            self._summary(self.db, application_id)
            label = self._condition_label(application_id, condition_id)
            act.remember("conditions", condition_id)
            act.remember("applications", application_id)
            self.db.execute(
                "UPDATE conditions SET last_check_in_at = ? WHERE id = ?",
                [act.now_text, condition_id],
            )
            self._update_application(act, application_id, {"snoozed_until": None})
            act.event(application_id, EventKind.CONDITION_CHECKED_IN, act.now, {"condition": label})

    def stage_before_closing(self, application_id: int) -> Stage:
        """The stage a closed application was in before it closed (Interviewed if unknown)."""
        with self._tx.read() as db:
            rows = db.execute(
                "SELECT data FROM events WHERE application_id = ? AND kind = ? "
                "ORDER BY at DESC, id DESC",
                [application_id, str(EventKind.STAGE_MOVED)],
            ).fetchall()
        for (data_text,) in rows:
            data = json.loads(data_text)
            if data.get("to") == str(Stage.CLOSED) and data.get("from"):
                try:
                    return Stage(str(data["from"]))
                except ValueError:
                    break
        return Stage.INTERVIEWED

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
        with self._tx.action(f"set {key}", now, undoable=False):
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, format_setting(key, value)],
            )

    def setting_keys(self) -> tuple[str, ...]:
        """Every known setting key."""
        return tuple(KEYS)

    # -- helpers -----------------------------------------------------------------------------

    def _summary(self, db: sqlite3.Connection, application_id: int) -> ApplicationSummary:
        if not 0 < application_id <= MAX_ID:
            raise NotFound(f"no application with id {application_id}")
        rows = _dict_rows(
            db.execute(
                f"SELECT {SUMMARY_COLUMNS} FROM applications WHERE id = ? AND deleted_at IS NULL",
                [application_id],
            )
        )
        if not rows:
            raise NotFound(f"no application with id {application_id}")
        conditions = [
            condition_from_row(row)
            for row in _dict_rows(
                db.execute(
                    "SELECT * FROM conditions WHERE application_id = ? ORDER BY id",
                    [application_id],
                )
            )
        ]
        return summary_from_row(rows[0], conditions, full=True)

    def _condition_label(self, application_id: int, condition_id: int) -> str:
        row = self.db.execute(
            "SELECT label FROM conditions WHERE id = ? AND application_id = ?",
            [condition_id, application_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"application {application_id} has no condition {condition_id}")
        return str(row[0])

    def _offer_conditions(self, db: sqlite3.Connection) -> dict[int, list[Condition]]:
        result: dict[int, list[Condition]] = defaultdict(list)
        rows = db.execute(
            "SELECT * FROM conditions WHERE application_id IN (SELECT id FROM applications "
            "WHERE stage = 'offer' AND deleted_at IS NULL) ORDER BY id"
        )
        for row in _dict_rows(rows):
            result[row["application_id"]].append(condition_from_row(row))
        return result

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
            self._apply(act, application_id, plan, held_at, close_reason)
            return
        # A scheduled round: the interview is dated on its day, but the card moves (and
        # reopens) now, and the history says so.
        held = tuple(event for event in plan.events if event.kind is EventKind.INTERVIEW_HELD)
        others = tuple(event for event in plan.events if event.kind is not EventKind.INTERVIEW_HELD)
        self._apply(act, application_id, replace(plan, events=others), act.now, close_reason)
        for event in held:
            act.event(application_id, event.kind, held_at, dict(event.data))

    def _thank_latest_round(self, act: Action, application_id: int, when: DateTime) -> None:
        latest = self.db.execute(
            "SELECT id FROM interviews WHERE application_id = ? ORDER BY held_at DESC, id DESC "
            "LIMIT 1",
            [application_id],
        ).fetchone()
        if latest is None:
            return
        for (person_id,) in self.db.execute(
            "SELECT id FROM interviewers WHERE interview_id = ? AND thanked_at IS NULL",
            [latest[0]],
        ).fetchall():
            act.remember("interviewers", person_id)
            self.db.execute(
                "UPDATE interviewers SET thanked_at = ? WHERE id = ?",
                [to_text(truncate(when)), person_id],
            )

    def _apply(
        self,
        act: Action,
        application_id: int,
        plan: ChangePlan,
        when: DateTime,
        close_reason: CloseReason | None,
    ) -> None:
        progress = plan.progress
        act.remember("applications", application_id)
        self._update_application(
            act,
            application_id,
            {
                "stage": str(progress.stage),
                "close_reason": str(close_reason) if close_reason else None,
                "last_interview_at": optional_to_text(progress.last_interview_at),
                "interviewers_total": progress.interviewers_total,
                "interviewers_thanked": progress.interviewers_thanked,
                "decision_by": progress.decision_by.isoformat() if progress.decision_by else None,
                "thanked_at": optional_to_text(progress.thanked_at),
                "last_reply_at": optional_to_text(progress.last_reply_at),
                "follow_ups": progress.follow_ups,
                "last_follow_up_at": optional_to_text(progress.last_follow_up_at),
                "snoozed_until": optional_to_text(progress.snoozed_until),
                "offer_deadline": optional_to_text(progress.offer_deadline),
            },
        )
        for event in plan.events:
            act.event(application_id, event.kind, when, dict(event.data))

    def _update_application(self, act: Action, application_id: int, values: dict[str, Any]) -> None:
        values = {**values, "updated_at": act.now_text}
        assignments = ", ".join(f"{name} = ?" for name in values)
        self.db.execute(
            f"UPDATE applications SET {assignments}, version = version + 1 WHERE id = ?",
            [*values.values(), application_id],
        )


def _dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
