"""The pure side of stored dues: what is kept, the basis it holds for, the agenda read back."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta
from typing import Any, cast

import pendulum
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.dues import (
    RULE_FIELDS,
    RULES_VERSION,
    StoredDue,
    agenda_from_dues,
    rules_basis,
    stored_dues,
)
from postinterview_tui.domain.models import ApplicationSummary, Condition, Progress
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import ConditionKind, ConditionStatus, Stage

from ._support import ORDINARY_ZONES, PROPERTY, tz

instants = st.datetimes(
    min_value=pendulum.datetime(2024, 1, 2).naive(),
    max_value=pendulum.datetime(2028, 10, 1).naive(),
).map(lambda naive: pendulum.instance(naive.replace(microsecond=0), tz="UTC"))
hours = st.integers(min_value=1, max_value=24 * 20).map(lambda n: timedelta(hours=n))


@st.composite
def progresses(draw: st.DrawFn) -> Progress:
    """Facts in every stage, rounds past and ahead, snoozes, offers with conditions."""
    t: DateTime = draw(instants)
    gap: timedelta = draw(hours)
    stage = draw(st.sampled_from(list(Stage)))
    held = t - gap if draw(st.booleans()) else t + gap
    condition = Condition(
        1,
        ConditionKind.REFERENCES,
        "two references",
        draw(st.sampled_from(list(ConditionStatus))),
        t - gap,
        draw(st.none() | st.just(t - gap / 2)),  # settled (cleared or failed) at
        draw(st.none() | st.just(t)),
    )
    progress = Progress(
        stage,
        last_interview_at=draw(st.none() | st.just(held)),
        interviewers_total=draw(st.integers(0, 3)),
        decision_by=draw(st.none() | st.just(date(t.year, t.month, t.day))),
        thanked_at=draw(st.none() | st.just(t)),
        last_reply_at=draw(st.none() | st.just(t - gap)),
        follow_ups=draw(st.integers(0, 3)),
        last_follow_up_at=draw(st.none() | st.just(t + gap)),
        offer_deadline=draw(st.none() | st.just(t + gap + gap)),
        conditions=draw(st.sampled_from([(), (condition,)])),
        snoozed_until=draw(st.none() | st.just(t + gap)),
    )
    return progress


class _Recording:
    """A :class:`Settings` stand-in that notes every field the rules read."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._settings, name)


@PROPERTY
@given(progress=progresses(), zone=st.sampled_from(ORDINARY_ZONES))
def test_the_rules_read_no_setting_outside_the_basis(progress: Progress, zone: str) -> None:
    # A setting the rules read but the basis leaves out would leave stale dues after a change.
    recording = _Recording(Settings())
    stored_dues(progress, cast(Settings, recording), tz(zone))
    assert recording.read <= set(RULE_FIELDS), recording.read - set(RULE_FIELDS)


def test_the_rules_read_the_settings_at_all() -> None:
    # The recording above sees reads (so its subset check can fail).
    recording = _Recording(Settings())
    progress = Progress(Stage.THANKED, pendulum.datetime(2026, 11, 2, tz="UTC"))
    stored_dues(progress, cast(Settings, recording), tz("UTC"))
    assert "follow_up_days" in recording.read and "weekend_days" in recording.read


def test_every_rule_field_is_a_setting() -> None:
    assert set(RULE_FIELDS) <= {item.name for item in fields(Settings)}


def test_the_basis_changes_with_each_rule_setting_the_zone_and_nothing_else() -> None:
    base = Settings()
    zone = tz("Europe/London")
    basis = rules_basis(base, zone)
    assert f'"rules": {RULES_VERSION}' in basis
    changed = {
        "thank_you_hours": 48,
        "follow_up_days": 9,
        "after_decision_days": 7,
        "second_follow_up_days": 8,
        "max_follow_ups": 4,
        "too_soon_days": 6,
        "move_on_days": 11,
        "condition_check_in_days": 2,
        "weekend_days": (4, 5),
        "skip_dates": (date(2026, 12, 24),),
        "holidays": "US",
    }
    assert set(changed) == set(RULE_FIELDS)
    for name, value in changed.items():
        assert rules_basis(replace(base, **{name: value}), zone) != basis, name
    assert rules_basis(base, tz("Asia/Tokyo")) != basis
    for unrelated in ({"window_days": 2}, {"theme": "nord"}, {"user_name": "Sam"}):
        assert rules_basis(replace(base, **unrelated), zone) == basis, unrelated


def test_closed_and_accepted_applications_keep_nothing() -> None:
    held = pendulum.datetime(2026, 11, 2, tz="UTC")
    for stage in (Stage.CLOSED, Stage.ACCEPTED):
        assert stored_dues(Progress(stage, held), Settings(), tz("UTC")) == ()


def test_the_latest_round_is_kept_first_whatever_its_time() -> None:
    held = pendulum.datetime(2026, 11, 30, 15, tz="UTC")
    items = stored_dues(Progress(Stage.INTERVIEWED, held, 1), Settings(), tz("UTC"))
    assert [item.action for item in items] == [ActionKind.INTERVIEW, ActionKind.THANK_YOU]
    assert items[0].due == held


def _summary(application_id: int, progress: Progress) -> ApplicationSummary:
    moment = pendulum.datetime(2026, 1, 1, tz="UTC")
    return ApplicationSummary(
        application_id, f"Co {application_id}", "Role", progress.stage, moment, moment, progress
    )


@PROPERTY
@given(
    facts=st.lists(progresses(), min_size=1, max_size=8),
    zone=st.sampled_from(ORDINARY_ZONES),
    now=instants,
    window=st.integers(0, 30),
    settings=st.builds(
        Settings,
        thank_you_hours=st.integers(1, 96),
        follow_up_days=st.integers(1, 10),
        max_follow_ups=st.integers(1, 3),
        weekend_days=st.sampled_from([(5, 6), (4, 5), ()]),
    ),
)
def test_the_agenda_read_from_stored_dues_is_the_agenda_the_rules_build(
    facts: list[Progress], zone: str, now: DateTime, window: int, settings: Settings
) -> None:
    summaries = [_summary(number, progress) for number, progress in enumerate(facts, start=1)]
    stored = [
        StoredDue(
            summary.id,
            summary.company,
            summary.role,
            summary.stage,
            summary.progress.last_interview_at,
            position,
            item,
        )
        for summary in summaries
        for position, item in enumerate(stored_dues(summary.progress, settings, tz(zone)))
    ]
    expected = build_agenda(summaries, settings, now, tz(zone), window)
    assert agenda_from_dues(reversed(stored), now, window, tz(zone)) == expected
