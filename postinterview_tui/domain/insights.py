"""Plain numbers about the search so far: only what the data supports, no made-up scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from pendulum import DateTime

from postinterview_tui.domain.stages import STAGE_ORDER, CloseReason, EventKind, Stage


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One event of one application, as the insights need it."""

    application_id: int
    kind: EventKind
    at: DateTime


@dataclass(frozen=True, slots=True)
class Insights:
    """The numbers the insights screen shows."""

    per_stage: tuple[tuple[Stage, int], ...]
    reply_days: tuple[float, ...]
    """Days from an interview to the employer's next reply or decision, one per reply."""
    follow_ups_before_answer: tuple[int, ...]
    """Follow-ups sent before each answer (reply, offer or rejection)."""
    outcomes: tuple[tuple[CloseReason, int], ...]
    accepted: int

    @property
    def median_reply_days(self) -> float | None:
        """The median wait for a reply, in days."""
        return median(self.reply_days) if self.reply_days else None

    @property
    def median_follow_ups(self) -> float | None:
        """The median number of follow-ups before an answer."""
        return median(self.follow_ups_before_answer) if self.follow_ups_before_answer else None


_ANSWERS = frozenset({EventKind.REPLY_RECEIVED, EventKind.OFFER_RECEIVED})


def compute_insights(
    counts: dict[Stage, int],
    close_reasons: Iterable[CloseReason],
    history: Iterable[HistoryPoint],
) -> Insights:
    """Summarise stage counts, reply times, follow-ups and outcomes.

    Args:
        counts: applications per stage.
        close_reasons: the reason of every closed application.
        history: interview, follow-up, reply, offer and close events of every application.
    """
    by_application: dict[int, list[HistoryPoint]] = defaultdict(list)
    for point in history:
        by_application[point.application_id].append(point)
    reply_days: list[float] = []
    follow_ups: list[int] = []
    for points in by_application.values():
        points.sort(key=lambda point: point.at)
        last_interview: DateTime | None = None
        sent = 0
        for point in points:
            if point.kind is EventKind.INTERVIEW_HELD:
                last_interview = point.at
                sent = 0
            elif point.kind is EventKind.FOLLOW_UP_SENT:
                sent += 1
            elif point.kind in _ANSWERS or point.kind is EventKind.CLOSED:
                if last_interview is not None and point.kind in _ANSWERS:
                    reply_days.append((point.at - last_interview).total_seconds() / 86400)
                    last_interview = None
                if point.kind in _ANSWERS or sent:
                    follow_ups.append(sent)
                sent = 0
    reasons = Counter(close_reasons)
    return Insights(
        per_stage=tuple((stage, counts.get(stage, 0)) for stage in STAGE_ORDER),
        reply_days=tuple(reply_days),
        follow_ups_before_answer=tuple(follow_ups),
        outcomes=tuple((reason, reasons[reason]) for reason in CloseReason if reasons[reason]),
        accepted=counts.get(Stage.ACCEPTED, 0),
    )


def bar(value: int, largest: int, width: int) -> str:
    """A text bar proportional to ``value`` (at least one block for a non-zero value)."""
    if largest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(width * value / largest))
