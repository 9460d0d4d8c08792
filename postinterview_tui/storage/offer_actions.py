"""Writes about offers: recording one with its conditions, clearing or failing a condition,
checking in on one, and snoozing an application's reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pendulum import DateTime

from postinterview_tui.domain import validation
from postinterview_tui.domain.stages import (
    ConditionKind,
    ConditionStatus,
    EventKind,
    Stage,
)
from postinterview_tui.storage.timestamps import to_text, truncate

if TYPE_CHECKING:
    pass

from postinterview_tui.storage.queries import Queries


class OfferActions(Queries):
    """Offers and their conditions, and snoozing."""

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
        with self.transactions.action("record offer", now) as act:
            summary = self.summary_in(self.db, application_id)
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
            self.apply_plan(act, application_id, ChangePlan(progress, None, events), act.now, None)
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
        with self.transactions.action(f"condition {status}", now) as act:
            self.summary_in(self.db, application_id)
            label = self.condition_label(application_id, condition_id)
            act.remember("conditions", condition_id)
            act.remember("applications", application_id)
            self.db.execute(
                "UPDATE conditions SET status = ?, resolved_at = ? WHERE id = ?",
                [str(status), act.now_text, condition_id],
            )
            self.update_application(act, application_id, {})
            act.event(application_id, kind, act.now, {"condition": label})

    def check_in_condition(self, application_id: int, condition_id: int, now: DateTime) -> None:
        """Record a polite check-in on a pending offer condition (the next one is due later).

        Raises:
            NotFound: no such application or condition.
        """
        with self.transactions.action("condition check-in", now) as act:
            self.summary_in(self.db, application_id)
            label = self.condition_label(application_id, condition_id)
            act.remember("conditions", condition_id)
            act.remember("applications", application_id)
            self.db.execute(
                "UPDATE conditions SET last_check_in_at = ? WHERE id = ?",
                [act.now_text, condition_id],
            )
            self.update_application(act, application_id, {"snoozed_until": None})
            act.event(application_id, EventKind.CONDITION_CHECKED_IN, act.now, {"condition": label})

    def snooze(self, application_id: int, until: DateTime, now: DateTime) -> None:
        """Hide an application's pending actions until ``until`` (a new change clears it).

        Raises:
            NotFound: no such application.
        """
        validation.check_moment("until", until)
        with self.transactions.action("snooze", now) as act:
            self.summary_in(self.db, application_id)
            act.remember("applications", application_id)
            self.update_application(
                act, application_id, {"snoozed_until": to_text(truncate(until))}
            )
            act.event(application_id, EventKind.SNOOZED, act.now, {"until": to_text(until)})
