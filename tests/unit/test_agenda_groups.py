"""Issue 15 §2: the board's header counts and the review's groups come from one function and
agree. Over random boards, the header's "N overdue · N due soon" are the rows under the review's
Overdue and Due soon headings, and ``today`` prints the same headings with the same counts."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.cli.output import agenda_lines
from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.agenda_groups import (
    GROUP_KINDS,
    group_agenda,
    header_counts,
    needs_attention,
)
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.review import grouped
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage

from ._support import NOW, ORDINARY_ZONES, PROPERTY, tz
from .test_dues_domain import instants, progresses


def _board(facts: list[Progress]) -> list[ApplicationSummary]:
    moment = pendulum.datetime(2026, 1, 1, tz="UTC")
    return [
        ApplicationSummary(number, f"Co {number}", "Role", p.stage, moment, moment, p)
        for number, p in enumerate(facts, start=1)
    ]


def _read_counts(parts: list[str]) -> dict[str, int]:
    counts = {}
    for part in parts:
        number, words = part.split(" ", 1)
        counts[words] = int(number)
    return counts


@PROPERTY
@given(
    facts=st.lists(progresses(), max_size=12),
    zone=st.sampled_from(ORDINARY_ZONES),
    now=instants,
    window=st.integers(0, 14),
)
def test_the_header_counts_are_the_rows_of_the_review_groups(
    facts: list[Progress], zone: str, now: DateTime, window: int
) -> None:
    agenda = build_agenda(_board(facts), Settings(), now, tz(zone), window)
    review = dict(grouped(agenda))  # what the review lists under each heading
    # The header, read back as a person would: "3 overdue", "1 due soon".
    header = _read_counts(header_counts(agenda))
    assert header == {
        "overdue": len(review.get("Overdue", ())),
        "due soon": len(review.get("Due soon", ())),
    }
    # ``today`` prints the same headings with the same counts.
    printed = [line for line in agenda_lines(agenda, now, tz(zone)) if line and line[0] != " "]
    assert printed == [f"{title} ({len(items)})" for title, items in grouped(agenda)]
    # Every item is in exactly one group; --check fails exactly when Overdue has a row.
    assert sum(len(group.items) for group in group_agenda(agenda)) == len(agenda)
    assert needs_attention(agenda) == bool(review.get("Overdue"))


def test_due_soon_is_named_for_what_it_counts() -> None:
    """The demo's header said "1 due today" of a thank-you due tomorrow: the group and the
    count are "due soon" (the next 24 hours), whatever the day."""
    zone = tz("Europe/Berlin")
    interviewed = Progress(Stage.INTERVIEWED, last_interview_at=NOW.subtract(hours=10))
    agenda = build_agenda(_board([interviewed]), Settings(), NOW.add(hours=12), zone)
    assert [(item.action, item.status) for item in agenda] == [
        (ActionKind.THANK_YOU, DueStatus.DUE)
    ]
    assert header_counts(agenda) == ["0 overdue", "1 due soon"]
    assert [title for title, _items in grouped(agenda)] == ["Due soon"]
    assert [kind.title for kind in GROUP_KINDS] == ["Overdue", "Due soon", "Gone quiet", "Upcoming"]
