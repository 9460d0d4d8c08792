"""Immutable records the rest of the app passes around.

The store builds these from rows; the rules and screens only read them.

This module holds the records every list reads (an application's summary, its rules' facts
and its offer conditions). The records of one application's detail and of what the user types
live in :mod:`.records`, which builds on these; nothing here imports :mod:`.records` back, so
``postinterview today`` and ``list`` (which must start quickly) never generate those dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pendulum import DateTime

from postinterview_tui.domain.stages import (
    CloseReason,
    ConditionKind,
    ConditionStatus,
    Stage,
)


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition of an offer (reference check, background check...)."""

    id: int
    kind: ConditionKind
    label: str
    status: ConditionStatus
    started_at: DateTime
    resolved_at: DateTime | None = None
    last_check_in_at: DateTime | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """The facts the etiquette rules work from, kept current by every change.

    Follow-ups count only those sent after the latest reply or interview round.
    """

    stage: Stage
    last_interview_at: DateTime | None = None
    interviewers_total: int = 0
    interviewers_thanked: int = 0
    decision_by: date | None = None
    thanked_at: DateTime | None = None
    last_reply_at: DateTime | None = None
    follow_ups: int = 0
    last_follow_up_at: DateTime | None = None
    offer_deadline: DateTime | None = None
    conditions: tuple[Condition, ...] = ()
    snoozed_until: DateTime | None = None

    def last_contact_before(self, moment: DateTime) -> DateTime | None:
        """The latest interview, thank-you, follow-up or reply at or before ``moment``."""
        contacts = (
            self.last_interview_at,
            self.thanked_at,
            self.last_follow_up_at,
            self.last_reply_at,
        )
        earlier = [when for when in contacts if when is not None and when <= moment]
        return max(earlier) if earlier else None

    @property
    def last_contact(self) -> DateTime | None:
        """The latest contact of any kind."""
        contacts = [
            when
            for when in (
                self.last_interview_at,
                self.thanked_at,
                self.last_follow_up_at,
                self.last_reply_at,
            )
            if when is not None
        ]
        return max(contacts) if contacts else None


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    """What the board and the lists need to show one application."""

    id: int
    company: str
    role: str
    stage: Stage
    created_at: DateTime
    updated_at: DateTime
    progress: Progress
    close_reason: CloseReason | None = None
    version: int = 1
