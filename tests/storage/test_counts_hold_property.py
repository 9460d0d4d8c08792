"""Counts already made hold at a later moment exactly when the store says so (issue 19).

The board counts the review's groups when it reads (and keeps the counts on its writes); the
review, opened a moment later, takes those counts instead of counting again when nothing was
written since and ``Repository.agenda_counts_hold`` finds no due or round time that crossed a
limit in between. Over random histories written through the real repository, and two moments
around the writes' clock: whenever the counts are said to hold, they equal a fresh count at the
later moment; and at the same moment they always hold.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.storage.repository import Repository
from tests.storage.test_dues_property import START, ZONES, _add, _apply, _steps

# Apart by minutes up to days: a due passes, a round starts, the 24 hours and a day end move.
_gaps = st.one_of(st.integers(0, 90), st.integers(0, 60 * 24 * 9))


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.tuples(
        st.lists(_add, min_size=2, max_size=5), st.lists(_steps, min_size=2, max_size=20)
    ).map(lambda parts: parts[0] + parts[1]),
    starts=st.lists(st.integers(-72 * 60, 24 * 60 * 8), min_size=1, max_size=4),
    gaps=st.lists(_gaps, min_size=1, max_size=4),
    zone_name=st.sampled_from(ZONES),
)
def test_counts_said_to_hold_equal_a_fresh_count(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple],
    starts: list[int],
    gaps: list[int],
    zone_name: str,
) -> None:
    zone: Timezone = pendulum.timezone(zone_name)  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("hold") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    try:
        ids: list[int] = []
        now = START
        for step in steps:
            now = _apply(repo, step, ids, now)
        window = repo.settings().window_days
        moments = [
            (now.add(minutes=start), now.add(minutes=start + gap))
            for start, gap in zip(starts, gaps * len(starts), strict=False)
        ]
        # And just either side of the stored times: a due passing now or the 24 hours ahead.
        with repo.exclusive():
            stored = [row[0] for row in repo.db.execute("SELECT due_at FROM dues LIMIT 6")]
        for text in stored:
            due = pendulum.parse(text)
            assert isinstance(due, DateTime)
            for edge in (due, due.subtract(hours=24)):
                moments.append((edge.subtract(minutes=5), edge.add(minutes=5)))
        for then, later in moments:
            counted = repo.agenda_counts(then, window)
            assert repo.agenda_counts_hold(then, then, window)
            if repo.agenda_counts_hold(then, later, window):
                assert repo.agenda_counts(later, window) == counted, (then, later)
            assert not repo.agenda_counts_hold(later, then, window) or later == then
    finally:
        repo.close()
