"""What a board card says about its application: the next action and how pressing it is."""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime, Timezone

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import (
    ActionKind,
    DueStatus,
    due_status,
    is_interview_upcoming,
    pending_actions,
)
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import ConditionStatus, Stage
from postinterview_tui.domain.wording import (
    let_go_words,
    narrow_round_time,
    round_time,
    short_delta,
)

OVERDUE_SYMBOL = "!"
DUE_SYMBOL = "•"
UPCOMING_SYMBOL = "›"
QUIET_SYMBOL = "~"
"""Gone quiet: a suggestion to let go, not something late (no colour needed to tell them apart)."""


@dataclass(frozen=True, slots=True)
class CardStatus:
    """The status line of a card: words, a tone for colour, and a symbol that reads without it."""

    text: str
    tone: str
    symbol: str = ""
    short: str = ""
    """A compact form for narrow columns, e.g. "overdue 2d"."""
    shortest: str = ""
    """An even shorter form, where ``short`` does not fit either ("round Thu")."""


def card_status(
    summary: ApplicationSummary, settings: Settings, now: DateTime, zone: Timezone
) -> CardStatus:
    """Describe where an application stands in one form: what is next, then when.

    "follow up in 3d", "thank-you due tomorrow", "follow up again 2d late"; the short form keeps
    both parts with fewer words ("follow up 2d late"), for narrow columns.
    """
    progress = summary.progress
    if summary.stage is Stage.CLOSED:
        # The column already says Closed: the card gives the reason alone, in words short
        # enough for the narrowest column, so every closed card reads alike at any width.
        reason = summary.close_reason.card_words if summary.close_reason else "no reason"
        return CardStatus(reason, "done")
    if summary.stage is Stage.ACCEPTED and not pending_actions(progress, settings, zone):
        # Accepted asks for nothing more once every offer condition is settled.
        return CardStatus("offer accepted", "done", short="accepted")
    if progress.stage is Stage.INTERVIEWED and is_interview_upcoming(progress, now):
        assert progress.last_interview_at is not None
        when = round_time(progress.last_interview_at, now, zone, short=True)
        # "round tomorrow 14:00" fits a column at 80 cells; the narrowest column, "round Thu".
        narrow = narrow_round_time(progress.last_interview_at, now, zone)
        return CardStatus(
            f"interview {when}",
            "calm",
            UPCOMING_SYMBOL,
            short=f"round {when}",
            shortest=f"round {narrow}",
        )
    items = pending_actions(progress, settings, zone)
    if not items:
        return CardStatus("nothing due", "calm")
    item = items[0]
    status = due_status(item.due, now, settings.window_days, zone)
    label = _label(summary, item.action)
    delta = short_delta(item.due, now, zone)
    if item.action is ActionKind.MOVE_ON:
        return _let_go(item.detail, status, delta)
    short_label = SHORT_LABELS[item.action]
    if status is DueStatus.OVERDUE and now.timestamp() - item.due.timestamp() < 3600:
        # Less than an hour past its due time: "0h late" would read as a glitch.
        return CardStatus(
            f"{label} due now", "overdue", OVERDUE_SYMBOL, short=f"{short_label} due now"
        )
    if status is DueStatus.OVERDUE:
        when = f"{delta} late"
        return CardStatus(f"{label} {when}", "overdue", OVERDUE_SYMBOL, f"{short_label} {when}")
    if status is DueStatus.DUE:
        when = f"due {delta}" if delta in ("today", "tomorrow") else f"due in {delta}"
        # "•" says due: the short form keeps only the day ("thank-you tomorrow").
        return CardStatus(f"{label} {when}", "due", DUE_SYMBOL, f"{short_label} {_when(delta)}")
    when = _when(delta)
    tone = "upcoming" if status is DueStatus.UPCOMING else "calm"
    symbol = UPCOMING_SYMBOL if tone == "upcoming" else ""
    return CardStatus(f"{label} {when}", tone, symbol, short=f"{short_label} {when}")


SHORT_LABELS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "thank-you",
    ActionKind.FOLLOW_UP: "follow up",
    ActionKind.MOVE_ON: "move on?",
    ActionKind.OFFER_DEADLINE: "reply",
    ActionKind.OFFER_CONDITION: "check-in",
    ActionKind.INTERVIEW: "interview",
    ActionKind.CONDITION_FAILED: "talk to them",
}
"""What is next in the fewest words, for the short form of a card's status."""


def _let_go(detail: str, status: DueStatus | None, delta: str) -> CardStatus:
    """A move-on suggestion: advice to let go, in its own calm look ("quiet", "~"), never red
    or late: "no reply since Tue 24 Nov: close it?"; before its time, when it will ask."""
    words = let_go_words(detail)
    if status is DueStatus.OVERDUE:
        return CardStatus(words, "quiet", QUIET_SYMBOL, short="quiet: close it?")
    when = _when(delta)
    asks = f"{words.removesuffix('?')} {when}?"
    return CardStatus(asks, "upcoming", UPCOMING_SYMBOL, short=f"close it {when}?")


def _when(delta: str) -> str:
    return delta if delta in ("today", "tomorrow") else f"in {delta}"


def _label(summary: ApplicationSummary, action: ActionKind) -> str:
    progress = summary.progress
    if action is ActionKind.THANK_YOU:
        if progress.interviewers_total > 1:
            return f"thank-you ({progress.interviewers_thanked}/{progress.interviewers_total} sent)"
        return "thank-you"
    if action is ActionKind.FOLLOW_UP:
        return "follow up" if progress.follow_ups == 0 else "follow up again"
    if action is ActionKind.CONDITION_FAILED:
        return "a condition failed: talk to them"
    conditions = progress.conditions
    cleared = sum(1 for item in conditions if item.status is ConditionStatus.CLEARED)
    what = "reply to the offer" if action is ActionKind.OFFER_DEADLINE else "check-in"
    if conditions:
        return f"{what} ({cleared}/{len(conditions)} conditions met)"
    return what
