"""``stored_agenda`` (what ``postinterview today`` prints) is one pass along the due-time index.

Each due's timing and whether its round is still ahead come with the row, read as the counts
and the review's pages read them, and the domain's rule names its group: the read builds one
object per listed row and takes no instant apart in Python (before, each due became a stored
due with two instants, each instant's timestamp was taken to classify it, and the rows were
sorted again). The agenda it gives equals the rules' own, after any history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.storage.repository import Repository
from tests.storage.test_dues_property import START, ZONES, _add, _apply, _steps

from ._support import sample_application


def test_the_window_is_read_in_one_pass_that_takes_no_instant_apart(
    repo: Repository, now: DateTime, statements: list[str], instants_taken: list[DateTime]
) -> None:
    for n in range(8):
        repo.add_application(sample_application(now, company=f"Co {n}", held_days_ago=n - 3), now)
    taken = instants_taken
    taken.clear()  # counted from here on
    statements.clear()
    agenda = repo.stored_agenda(now, 7)
    assert len(agenda) >= 8
    assert taken == []
    assert sum("FROM dues" in sql for sql in statements) == 1


def test_a_few_applications_rows_are_the_agendas_rows_of_theirs(
    repo: Repository, now: DateTime
) -> None:
    ids = [
        repo.add_application(sample_application(now, company=f"Co {n}", held_days_ago=n - 3), now)
        for n in range(8)
    ]
    agenda = repo.stored_agenda(now, 7)
    few = {ids[1], ids[4], ids[6]}
    assert repo.agenda_of(few, now, 7) == [item for item in agenda if item.application_id in few]
    assert repo.agenda_of(set(), now, 7) == []


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.tuples(
        st.lists(_add, min_size=2, max_size=4), st.lists(_steps, min_size=4, max_size=25)
    ).map(lambda parts: parts[0] + parts[1]),
    offsets=st.lists(st.integers(-72, 24 * 10), min_size=1, max_size=4),
    zone_name=st.sampled_from(ZONES),
)
def test_the_stored_agenda_is_the_rules_agenda_after_any_history(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[Any, ...]],
    offsets: list[int],
    zone_name: str,
) -> None:
    zone: Timezone = pendulum.timezone(zone_name)  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("window") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    try:
        ids: list[int] = []
        now = START
        for step in steps:
            now = _apply(repo, step, ids, now)
            settings_now = repo.settings()
            open_ones = list(repo.agenda_summaries())
            for hours in (0, *offsets):
                moment = now.add(hours=hours)
                expected = build_agenda(open_ones, settings_now, moment, zone)
                assert repo.stored_agenda(moment) == expected, moment
    finally:
        repo.close()
