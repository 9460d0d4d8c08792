"""Short phrases for due dates and actions, shared by the board, the review and the CLI."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from pendulum import DateTime, Timezone

from postinterview_tui.domain.day_words import DAY_NAMES, MONTH_NAMES
from postinterview_tui.domain.rules import ActionKind

ACTION_LABELS: dict[ActionKind, str] = {
    ActionKind.THANK_YOU: "thank-you",
    ActionKind.FOLLOW_UP: "follow up",
    ActionKind.MOVE_ON: "move on?",
    ActionKind.OFFER_DEADLINE: "offer reply",
    ActionKind.OFFER_CONDITION: "condition check-in",
    ActionKind.INTERVIEW: "interview",
    ActionKind.CONDITION_FAILED: "talk to them",
}


def lateness(due: DateTime, now: DateTime, zone: Timezone) -> str:
    """How late or how soon, in words: "2 days late", "3 hours late", "today", "tomorrow"."""
    return DueWording(now, zone).lateness(due)


def due_words(action: ActionKind, due: DateTime, now: DateTime, zone: Timezone) -> str:
    """When an agenda item is due, in words: a scheduled round by its day and clock time
    ("Thursday 14:00 (in 3 days)"), a move-on whose time has come as "gone quiet" (advice is
    never late), anything else by :func:`lateness`."""
    return DueWording(now, zone).due_words(action, due)


class DueWording:
    """:func:`due_words` and :func:`lateness` for many dues at one ``now``: ``postinterview
    today`` words 1,500 at 100,000 applications. ``now``'s instant is taken once for the whole
    list, and its local day only when a due needs it, once."""

    __slots__ = ("_now_seconds", "_today", "now", "zone")

    def __init__(self, now: DateTime, zone: Timezone) -> None:
        self.now = now
        self.zone = zone
        # Plain timestamps: comparing or subtracting pendulum instants asks both zones for
        # offsets (and subtracting builds an Interval, 20x slower).
        self._now_seconds = now.timestamp()
        self._today: int | None = None

    def due_words(self, action: ActionKind, due: DateTime) -> str:
        """:func:`due_words` of ``due`` at this ``now``."""
        due_seconds = due.timestamp()
        if action is ActionKind.INTERVIEW and due_seconds > self._now_seconds:
            return round_time(due, self.now, self.zone)
        if action is ActionKind.MOVE_ON and due_seconds <= self._now_seconds:
            return "gone quiet"
        return self._lateness(due, due_seconds)

    def lateness(self, due: DateTime) -> str:
        """:func:`lateness` of ``due`` at this ``now``."""
        return self._lateness(due, due.timestamp())

    def _lateness(self, due: DateTime, due_seconds: float) -> str:
        now_seconds = self._now_seconds
        if due_seconds <= now_seconds:
            hours = int((now_seconds - due_seconds) // 3600)
            if hours < 24:
                return (
                    "late today" if hours < 1 else f"{hours} hour{'s' if hours != 1 else ''} late"
                )
            days = hours // 24
            return f"{days} day{'s' if days != 1 else ''} late"
        # Plain local dates and times: pendulum's format() parses the pattern on every call.
        local_due = due.in_timezone(self.zone)
        days_ahead = local_due.toordinal() - self._local_today()
        if days_ahead == 0:
            return f"today {local_due.strftime('%H:%M')}"
        if days_ahead == 1:
            return "tomorrow"
        if days_ahead < 7:
            return f"{day_name(local_due.date())} (in {days_ahead} days)"
        return f"in {days_ahead} days"

    def _local_today(self) -> int:
        if self._today is None:
            self._today = _local_day_number(self.now, self.zone)
        return self._today


def let_go_words(detail: str) -> str:
    """A move-on suggestion as the question it asks: "no reply since Tue 24 Nov: close it?"
    (``detail`` is the rule's "no reply since ...")."""
    return f"{detail}: close it?" if detail else "no reply: close it?"


def round_time(moment: DateTime, now: DateTime, zone: Timezone, *, short: bool = False) -> str:
    """When a round still ahead takes place: "today 14:00", "tomorrow 09:30", "Thursday 14:00
    (in 3 days)"; with ``short`` (for cards) "Thu 14:00" and "17 Dec 14:00"."""
    local = moment.in_timezone(zone)
    clock = local.strftime("%H:%M")
    days_ahead = days_between(now, local, zone)
    if days_ahead <= 0:
        return f"today {clock}"
    if days_ahead == 1:
        return f"tomorrow {clock}"
    if short:
        if days_ahead < 7:
            return f"{day_name(local.date())[:3]} {clock}"
        return f"{local.day} {MONTH_NAMES[local.month - 1][:3]} {clock}"
    if days_ahead < 7:
        return f"{day_name(local.date())} {clock} (in {days_ahead} days)"
    return f"{day_and_month(local.date())} {clock} (in {days_ahead} days)"


def narrow_round_time(moment: DateTime, now: DateTime, zone: Timezone) -> str:
    """When a round still ahead takes place, in at most 8 cells, for the board's narrowest
    columns (20 cells, edge included: 16 for a status, so "› round " and 8): the clock time
    today ("at 14:00"), else the day ("tomorrow", "Thu", "17 Dec"); the time of a later round
    is on a wider card, and on the detail screen."""
    local = moment.in_timezone(zone)
    days_ahead = days_between(now, local, zone)
    if days_ahead <= 0:
        return f"at {local.strftime('%H:%M')}"
    if days_ahead == 1:
        return "tomorrow"
    if days_ahead < 7:
        return day_name(local.date())[:3]
    return f"{local.day} {MONTH_NAMES[local.month - 1][:3]}"


def days_between(now: DateTime, local: DateTime, zone: Timezone) -> int:
    """Local calendar days from ``now`` to ``local`` (already in ``zone``): 0 the same day.

    By day numbers: subtracting pendulum dates builds an Interval (years, months and days
    worked out), which wording a thousand dues at a time paid for each of them.
    """
    return local.toordinal() - _local_day_number(now, zone)


@lru_cache(maxsize=4)
def _local_day_number(now: DateTime, zone: Timezone) -> int:
    # A list words every due at one ``now``: its local day is worked out once, not per due.
    return now.in_timezone(zone).toordinal()


def day_name(day: date) -> str:
    """The weekday's name: "Monday"."""
    return DAY_NAMES[day.weekday()]


def day_and_month(day: date) -> str:
    """As pendulum's ``format("dddd D MMMM")`` writes it: "Saturday 28 November"."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def long_date(day: date) -> str:
    """The date in full, as pendulum's ``format("dddd D MMMM YYYY")`` writes it: "Saturday
    28 November 2026"."""
    return f"{day_and_month(day)} {day.year}"


def short_delta(due: DateTime, now: DateTime, zone: Timezone) -> str:
    """A compact distance for cards: "2d", "5h", "today", "tomorrow"."""
    if due <= now:
        hours = int((now.timestamp() - due.timestamp()) // 3600)
        return f"{hours // 24}d" if hours >= 24 else f"{max(hours, 0)}h"
    days_ahead = days_between(now, due.in_timezone(zone), zone)
    if days_ahead <= 0:
        return "today"
    if days_ahead == 1:
        return "tomorrow"
    return f"{days_ahead}d"
