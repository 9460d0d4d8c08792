"""The daily review, the pure part: what "done" means for each action, how a row reads, how
long a snooze lasts, and which rows a review session still shows.

The review lists the same agenda as ``postinterview today`` (:func:`build_agenda`); this module
adds what the screen needs to act on a row without knowing anything about SQL or Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem, actionable
from postinterview_tui.domain.agenda_groups import shown_groups
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import (
    ActionKind,
    DueStatus,
    due_status,
    item_status,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import CloseReason, Stage
from postinterview_tui.domain.when import WhenError, parse_when
from postinterview_tui.domain.wording import due_words, let_go_words

SNOOZE_CHOICES: tuple[tuple[str, int], ...] = (("1 day", 1), ("3 days", 3), ("1 week", 7))
"""The snooze lengths offered, as (label, days)."""


class ItemKey(NamedTuple):
    """What identifies one row of the agenda across reloads."""

    application_id: int
    action: ActionKind
    condition_id: int | None


def item_key(item: AgendaItem) -> ItemKey:
    """The key of an agenda item."""
    return ItemKey(item.application_id, item.action, item.condition_id)


# -- what "done" means ------------------------------------------------------------------------


class StepKind(StrEnum):
    """The kinds of change the review can make."""

    MOVE = "move"
    """Move the application to ``stage`` (closing with ``reason``)."""
    CHECK_IN = "check-in"
    """Record a check-in on the offer condition ``condition_id``."""
    SNOOZE = "snooze"
    """Hide the application's actions until ``until``."""
    DECIDE_OFFER = "decide-offer"
    """Nothing yet: ask whether the offer is accepted or declined (see :func:`offer_step`)."""
    NOT_YET = "not-yet"
    """Nothing to record: the row is a round still ahead (``done`` says so)."""


@dataclass(frozen=True, slots=True)
class ReviewStep:
    """One change the review asks the store to make for a row."""

    kind: StepKind
    done: str
    """What happened, for the confirmation message ("thank-you marked sent")."""
    stage: Stage | None = None
    reason: CloseReason | None = None
    condition_id: int | None = None
    until: DateTime | None = None
    note: str = ""


DONE_HINTS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "d marks the thank-you sent",
    ActionKind.FOLLOW_UP: "d marks the follow-up sent",
    ActionKind.MOVE_ON: "d closes it (no response)",
    ActionKind.OFFER_CONDITION: "d records that you checked in",
    ActionKind.OFFER_DEADLINE: "d asks: accept or decline?",
    ActionKind.INTERVIEW: "d has nothing to mark until the interview is over",
    ActionKind.CONDITION_FAILED: "d notes that you talked to them about it",
}
"""One line per action kind saying what ``d`` records."""


def done_step(action: ActionKind, condition_id: int | None = None) -> ReviewStep:
    """What marking an action done records.

    Args:
        action: the kind of action on the row.
        condition_id: the offer condition, for a condition check-in.

    Returns:
        A thank-you moves to Thank-you sent, a follow-up to Followed up (one more follow-up),
        a move-on suggestion closes with "no response", a condition check-in is recorded on its
        condition (and so is the talk about a failed one), an offer deadline asks for a
        decision first, and a scheduled interview has nothing to record yet.

    Raises:
        ValueError: a condition check-in (or failed condition) without a condition id.
    """
    if action is ActionKind.THANK_YOU:
        return ReviewStep(StepKind.MOVE, "thank-you marked sent", stage=Stage.THANKED)
    if action is ActionKind.FOLLOW_UP:
        return ReviewStep(StepKind.MOVE, "follow-up marked sent", stage=Stage.FOLLOWED_UP)
    if action is ActionKind.MOVE_ON:
        return close_step(CloseReason.NO_RESPONSE)
    if action is ActionKind.OFFER_CONDITION:
        if condition_id is None:
            raise ValueError("a condition check-in needs the condition's id")
        return ReviewStep(StepKind.CHECK_IN, "check-in recorded", condition_id=condition_id)
    if action is ActionKind.CONDITION_FAILED:
        if condition_id is None:
            raise ValueError("a failed condition needs the condition's id")
        return ReviewStep(StepKind.CHECK_IN, "talk noted", condition_id=condition_id)
    if action is ActionKind.INTERVIEW:
        return ReviewStep(
            StepKind.NOT_YET, "the interview has not happened yet: nothing to mark before it"
        )
    return ReviewStep(StepKind.DECIDE_OFFER, "")


def offer_step(accept: bool) -> ReviewStep:
    """Answering an offer: accepted, or closed as "declined the offer"."""
    if accept:
        return ReviewStep(StepKind.MOVE, "offer accepted", stage=Stage.ACCEPTED)
    return close_step(CloseReason.DECLINED_OFFER)


def close_step(reason: CloseReason, note: str = "") -> ReviewStep:
    """Closing an application with ``reason`` and an optional line of reflection."""
    return ReviewStep(
        StepKind.MOVE,
        f"closed: {reason.phrase}",
        stage=Stage.CLOSED,
        reason=reason,
        note=note,
    )


def snooze_step(until: DateTime, zone: Timezone) -> ReviewStep:
    """Snoozing an application's actions until ``until``."""
    shown = until.in_timezone(zone).format("ddd D MMM HH:mm")
    return ReviewStep(StepKind.SNOOZE, f"snoozed until {shown}", until=until)


# -- snoozing ---------------------------------------------------------------------------------


def snooze_until(days: int, now: DateTime, zone: Timezone) -> DateTime:
    """The same local clock time ``days`` days after ``now`` (daylight saving kept right)."""
    return now.in_timezone(zone).add(days=days)


def parse_snooze(text: str, now: DateTime, zone: Timezone) -> DateTime:
    """Read a typed snooze end (any form :func:`parse_when` reads); it must be in the future.

    Raises:
        WhenError: unreadable, or not after ``now``; the message is for the user.
    """
    until = parse_when(text, now, zone)
    if until <= now:
        raise WhenError("a snooze has to end in the future")
    return until


def snooze_examples(now: DateTime, zone: Timezone) -> tuple[str, ...]:
    """Dates to show as examples of a typed snooze end, each one read by :func:`parse_snooze`
    as a time after ``now``: a date a week ahead (from the clock, never a fixed one that
    passes), then the relative forms."""
    week_ahead = now.in_timezone(zone).add(days=7).date()
    return (week_ahead.isoformat(), "tomorrow", "+2d")


# -- how a row reads --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowText:
    """The words of one review row (plain user text: the screen makes it safe)."""

    company: str
    role: str
    action: str
    when: str
    detail: str


_ACTION_WORDS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "send a thank-you note",
    ActionKind.FOLLOW_UP: "follow up",
    ActionKind.MOVE_ON: "no reply: close it?",
    ActionKind.OFFER_DEADLINE: "answer the offer",
    ActionKind.OFFER_CONDITION: "check in on a condition",
    ActionKind.INTERVIEW: "interview",
    ActionKind.CONDITION_FAILED: "a condition failed: talk to them",
}


def row_text(item: AgendaItem, now: DateTime, zone: Timezone) -> RowText:
    """How a review row reads, e.g. "follow up", "2 days late", "follow-up 2 of 2".

    A move-on suggestion is the question it asks: "no reply since Tue 24 Nov: close it?"; once
    it has gone quiet it has no "when" (it is advice, not late: its group says it).
    """
    action = _ACTION_WORDS[item.action]
    detail = item.detail
    when = due_words(item.action, item.due, now, zone)
    if item.action is ActionKind.MOVE_ON:
        action, detail = let_go_words(detail), ""
        if item.status is DueStatus.GONE_QUIET:
            when = ""
    elif item.action is ActionKind.OFFER_CONDITION:
        detail = detail.removeprefix("check in: ")
    elif item.action is ActionKind.CONDITION_FAILED:
        detail = detail.removeprefix("failed: ")
    return RowText(item.company, item.role, action, when, detail)


def grouped(items: Iterable[AgendaItem]) -> list[tuple[str, tuple[AgendaItem, ...]]]:
    """The items in the review's groups (:func:`.agenda_groups.group_agenda`, as ``today``
    prints them and the headers count them), empty groups left out, each in due order (so the
    most overdue comes first)."""
    return [(group.title, group.items) for group in shown_groups(items)]


def next_up(
    summaries: Iterable[ApplicationSummary],
    settings: Settings,
    now: DateTime,
    zone: Timezone,
) -> AgendaItem | None:
    """The earliest pending action still ahead of ``now``, for a review with nothing left.

    When the agenda is empty this is the first action beyond the review window (a scheduled
    round counts, as on the agenda).
    """
    best: AgendaItem | None = None
    for summary, action in actionable(summaries, settings, now, zone):
        if action.due <= now or (best is not None and action.due >= best.due):
            continue
        best = AgendaItem(
            application_id=summary.id,
            company=summary.company,
            role=summary.role,
            stage=summary.stage,
            action=action.action,
            due=action.due,
            status=item_status(
                action.action, due_status(action.due, now, settings.window_days, zone)
            )
            or DueStatus.UPCOMING,
            detail=action.detail,
            condition_id=action.condition_id,
        )
    return best


# -- a review session -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewSession:
    """What the user has acted on since opening the review (immutable: replace, never mutate).

    A row the user acted on leaves the list for the rest of the session, even if the store
    still lists it (a snooze ending inside the window, a check-in due again later). New rows
    that an action creates for the same application (the follow-up that follows a thank-you)
    stay out of the session too: they are for another day. Rows for other applications, and
    rows already shown, keep following the store.
    """

    handled: frozenset[ItemKey] = field(default_factory=frozenset)
    shown: frozenset[ItemKey] = field(default_factory=frozenset)

    @property
    def acted_on(self) -> frozenset[int]:
        """Ids of the applications the user acted on."""
        return frozenset(key.application_id for key in self.handled)

    def visible(self, agenda: Sequence[AgendaItem]) -> tuple[AgendaItem, ...]:
        """The agenda items the review still shows."""
        if not self.handled:
            return tuple(agenda)  # nothing acted on yet: all of it (the usual first read)
        acted = self.acted_on
        rows = []
        for item in agenda:
            key = item_key(item)
            if key in self.handled:
                continue
            if item.application_id in acted and key not in self.shown:
                continue
            rows.append(item)
        return tuple(rows)

    def showing(self, rows: Iterable[AgendaItem]) -> ReviewSession:
        """The session after ``rows`` were put on screen."""
        return ReviewSession(self.handled, self.shown | {item_key(item) for item in rows})

    def handling(self, item: AgendaItem) -> ReviewSession:
        """The session once the user acted on ``item``."""
        return ReviewSession(self.handled | {item_key(item)}, self.shown)

    def restoring(self, item: AgendaItem) -> ReviewSession:
        """The session after acting on ``item`` failed or was cancelled (it comes back)."""
        return ReviewSession(self.handled - {item_key(item)}, self.shown | {item_key(item)})
