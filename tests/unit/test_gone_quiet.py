"""Issue 15 §2: "move on?" is advice to let go, not a failure. A move-on suggestion whose time
has come has gone quiet: its own group, its own calm look and words ("no reply since Tue 24 Nov:
close it?") on the card, in the review and in ``today``; never overdue, never counted in the
header or by ``today --check``."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.cli.output import agenda_lines
from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.agenda_groups import header_counts, needs_attention
from postinterview_tui.domain.cards import OVERDUE_SYMBOL, QUIET_SYMBOL, card_status
from postinterview_tui.domain.models import ApplicationSummary, Progress
from postinterview_tui.domain.review import grouped, row_text
from postinterview_tui.domain.rules import ActionKind, DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import Stage

from ._support import ORDINARY_ZONES, PROPERTY, tz
from .test_dues_domain import instants, progresses

ZONE = tz("Europe/Berlin")
# Saturday 5 December 2026; the last follow-up went out on Tuesday 24 November.
NOW = pendulum.datetime(2026, 12, 5, 12, tz="Europe/Berlin")
LAST = pendulum.datetime(2026, 11, 24, 10, tz="Europe/Berlin")


def _quiet_summary(last_follow_up: DateTime = LAST) -> ApplicationSummary:
    progress = Progress(
        Stage.FOLLOWED_UP,
        last_interview_at=last_follow_up.subtract(days=20),
        thanked_at=last_follow_up.subtract(days=19),
        follow_ups=2,
        last_follow_up_at=last_follow_up,
    )
    moment = pendulum.datetime(2026, 1, 1, tz="UTC")
    return ApplicationSummary(
        7, "Cobalt Robotics", "Embedded developer", progress.stage, moment, moment, progress
    )


def test_a_ripe_move_on_has_gone_quiet_with_its_own_words_and_look() -> None:
    summary = _quiet_summary()
    (item,) = build_agenda([summary], Settings(), NOW, ZONE)
    assert item.action is ActionKind.MOVE_ON
    assert item.status is DueStatus.GONE_QUIET
    # The card: calm, its own tone and symbol, the question it asks.
    card = card_status(summary, Settings(), NOW, ZONE)
    assert card.text == "no reply since Tue 24 Nov: close it?"
    assert (card.tone, card.symbol) == ("quiet", QUIET_SYMBOL)
    assert QUIET_SYMBOL != OVERDUE_SYMBOL and "late" not in card.text + card.short
    # The review: its own group, and no lateness on the row.
    assert [(title, len(items)) for title, items in grouped([item])] == [("Gone quiet", 1)]
    text = row_text(item, NOW, ZONE)
    assert (text.action, text.when) == ("no reply since Tue 24 Nov: close it?", "")
    # today: its own heading and the same words; the header and --check leave it out.
    lines = agenda_lines([item], NOW, ZONE)
    assert lines[0] == "Gone quiet (1)"
    assert lines[1].endswith("no reply since Tue 24 Nov: close it?")
    assert "late" not in "\n".join(lines)
    assert header_counts([item]) == ["0 overdue", "0 due soon"]
    assert not needs_attention([item])


def test_before_its_time_a_move_on_is_upcoming_and_calm() -> None:
    summary = _quiet_summary(NOW.subtract(days=3))  # asks in 2 working days
    (item,) = build_agenda([summary], Settings(), NOW, ZONE)
    assert item.status is DueStatus.UPCOMING
    card = card_status(summary, Settings(), NOW, ZONE)
    assert card.tone == "upcoming" and card.text.startswith("no reply since Wed 2 Dec: close it")


def _board(facts: list[Progress]) -> list[ApplicationSummary]:
    moment = pendulum.datetime(2026, 1, 1, tz="UTC")
    return [
        ApplicationSummary(number, f"Co {number}", "Role", p.stage, moment, moment, p)
        for number, p in enumerate(facts, start=1)
    ]


@PROPERTY
@given(
    facts=st.lists(progresses(), max_size=10),
    zone=st.sampled_from(ORDINARY_ZONES),
    now=instants,
    window=st.integers(0, 14),
)
def test_a_move_on_is_never_overdue_nor_due_and_every_ripe_one_has_gone_quiet(
    facts: list[Progress], zone: str, now: DateTime, window: int
) -> None:
    agenda = build_agenda(_board(facts), Settings(), now, tz(zone), window)
    for item in agenda:
        if item.action is ActionKind.MOVE_ON:
            ripe = item.due <= now
            assert item.status is (DueStatus.GONE_QUIET if ripe else DueStatus.UPCOMING)
        else:
            assert item.status is not DueStatus.GONE_QUIET
    overdue = [item for item in agenda if item.status is DueStatus.OVERDUE]
    assert needs_attention(agenda) == bool(overdue)
    assert all(item.action is not ActionKind.MOVE_ON for item in overdue)
