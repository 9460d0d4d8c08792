"""Reading summary rows: the shortcuts give exactly what ``from_text`` and ``Stage`` give."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.domain.stages import CloseReason, ConditionKind, Stage
from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.rows import (
    SUMMARY_COLUMNS,
    SUMMARY_FIELDS,
    stage_from_text,
    stored_instant,
    summary_from_row,
    summary_from_values,
)
from postinterview_tui.storage.timestamps import optional_from_text, to_text

from ._support import sample_application

PROPERTY = settings(max_examples=300, deadline=None, database=None)

instants = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda naive: pendulum.instance(naive, tz="UTC")
)


def assert_identical(actual: object, expected: object) -> None:
    assert type(actual) is type(expected)
    assert actual == expected
    if isinstance(actual, datetime) and isinstance(expected, datetime):
        assert actual.tzinfo is expected.tzinfo
        assert actual.fold == expected.fold
        assert actual.isoformat() == expected.isoformat()


@PROPERTY
@given(moment=instants)
def test_property_stored_instants_read_as_from_text_reads_them(moment: pendulum.DateTime) -> None:
    text = to_text(moment)
    assert_identical(stored_instant(text), optional_from_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28T10:00:00+00:00",
        "2026-11-28T10:00:00Z",
        "2026-11-28T10:00:00",  # naive: read as UTC
        "2026-11-28T10:00:00.123456+00:00",  # sub-seconds are dropped
        "2026-11-28T11:00:00+01:00",  # another offset: converted to UTC
        "2026-03-29T01:30:00-05:30",
        "2026-11-28",
    ],
)
def test_stored_instant_examples(text: str) -> None:
    assert_identical(stored_instant(text), optional_from_text(text))


def test_no_stored_instant_is_none() -> None:
    assert stored_instant(None) is None


def test_stage_from_text() -> None:
    for stage in Stage:
        assert stage_from_text(stage.value) is Stage(stage.value)
    with pytest.raises(ValueError, match="is not a valid Stage"):
        stage_from_text("nowhere")


def test_tuple_rows_give_the_summaries_dict_rows_give(repo: Repository, now: DateTime) -> None:
    first = repo.add_application(sample_application(now, company="Acme"), now)
    second = repo.add_application(sample_application(now, company="Bolt"), now)
    repo.move(first, Stage.THANKED, when=now, now=now)
    repo.move(second, Stage.CLOSED, when=now, now=now, reason=CloseReason.WITHDREW)
    conn = repo.db
    cursor = conn.execute(f"SELECT {SUMMARY_COLUMNS} FROM applications ORDER BY id")
    names = [column[0] for column in cursor.description]
    assert tuple(names) == SUMMARY_FIELDS
    for values in cursor.fetchall():
        as_dict = dict(zip(names, values, strict=True))
        for full in (False, True):
            assert summary_from_values(values, full=full) == summary_from_row(as_dict, full=full)
    listed = {item.id: item for item in repo.summaries()}
    assert listed[first] == repo.summary(first)
    assert [item.id for item in repo.open_summaries()] == [first]


def test_agenda_summaries_are_the_open_and_accepted_summaries_in_any_order(
    repo: Repository, now: DateTime
) -> None:
    by_stage: dict[Stage, int] = {}
    for stage in Stage:
        app = repo.add_application(sample_application(now, company=f"Co {stage.value}"), now)
        if stage is Stage.CLOSED:
            repo.move(app, stage, when=now, now=now, reason=CloseReason.WITHDREW, force=True)
        elif stage is Stage.OFFER:
            repo.record_offer(
                app,
                deadline=now.add(days=3),
                conditions=[(ConditionKind.REFERENCES, "Two referees")],
                notes="",
                now=now,
            )
        elif stage is not Stage.INTERVIEWED:
            repo.move(app, stage, when=now, now=now, force=True)
        by_stage[stage] = app
    deleted = repo.add_application(sample_application(now, company="Gone"), now)
    repo.delete(deleted, now)

    agenda = repo.agenda_summaries()
    # Accepted ones too: an offer condition can still ask for something (AGENDA_STAGES).
    accepted = repo.summary(by_stage[Stage.ACCEPTED])
    expected = sorted([*repo.open_summaries(), accepted], key=lambda item: item.id)
    assert sorted(agenda, key=lambda item: item.id) == expected
    assert {item.stage for item in agenda} == {stage for stage in Stage if stage.is_open} | {
        Stage.ACCEPTED
    }
    assert deleted not in {item.id for item in agenda}
    offer = next(item for item in agenda if item.id == by_stage[Stage.OFFER])
    assert [condition.label for condition in offer.progress.conditions] == ["Two referees"]
