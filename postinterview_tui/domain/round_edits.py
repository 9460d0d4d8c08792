"""What correcting an interview round means for the application's facts: the pure part."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pendulum import DateTime

from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.moves import ChangePlan, PlannedEvent
from postinterview_tui.domain.stages import EventKind, Stage


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """The latest round as it stands after the correction."""

    held_at: DateTime
    interviewers: int
    thanked: int
    last_thanked_at: DateTime | None
    decision_by: date | None


def plan_round_edit(
    progress: Progress,
    latest: RoundFacts,
    *,
    edited_is_latest: bool,
    decision_changed: bool,
    changed: tuple[str, ...],
) -> ChangePlan:
    """The application's facts after a round was corrected.

    The thank-you count follows the latest round's interviewers (a thank-you stays with the
    person it was recorded for). Removing the last interviewer who was not yet thanked moves
    an application still in Interviewed to Thank-you sent, as thanking them would have.
    A decision date typed on the latest round replaces the one the application waits for.
    """
    new = replace(
        progress,
        last_interview_at=latest.held_at,
        interviewers_total=latest.interviewers,
        interviewers_thanked=min(latest.thanked, latest.interviewers),
    )
    if edited_is_latest and decision_changed:
        new = replace(new, decision_by=latest.decision_by)
    events = [PlannedEvent(EventKind.EDITED, {"fields": list(changed)})]
    everyone_thanked = latest.interviewers > 0 and latest.thanked >= latest.interviewers
    if (
        progress.stage is Stage.INTERVIEWED
        and everyone_thanked
        and latest.last_thanked_at is not None
    ):
        new = replace(new, stage=Stage.THANKED, thanked_at=latest.last_thanked_at)
        events.append(
            PlannedEvent(
                EventKind.STAGE_MOVED,
                {"from": str(Stage.INTERVIEWED), "to": str(Stage.THANKED), "correction": False},
            )
        )
    return ChangePlan(new, None, tuple(events))
