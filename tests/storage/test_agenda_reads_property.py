"""The agenda read along the due-time index by pages, and counted, is the agenda (issue 19).

The board's header and the review's header count the groups without building the agenda
(``Repository.agenda_counts``: the stored dues grouped by what classifies them, and counted).
Over random histories written through the real repository (the steps of
``test_dues_property``) and moments before and after the writes' clock (rounds starting,
dues passing, the 24 hours and the window's end moving), the counts equal the review's group
sizes and the board header's words over the agenda read from the same dues; and the review's
pages, read on one after another whatever their size, are the agenda's rows in the review's
order (its groups in turn), each once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import GROUP_KINDS, header_counts, header_words
from postinterview_tui.domain.review import grouped
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.storage.repository import Repository
from tests.storage.test_dues_property import START, ZONES, _add, _apply, _steps


def _pages(repo: Repository, moment: DateTime, window: int, size: int) -> list[AgendaItem]:
    rows: list[AgendaItem] = []
    mark = None
    for _ in range(1000):
        page, mark = repo.agenda_rows(moment, window, mark, size)
        assert len(page) <= size
        rows += page
        if mark is None:
            return rows
        assert len(page) == size, "a page is cut short only at the end"
    raise AssertionError("the pages never ended")


def _check(repo: Repository, now: DateTime, offsets: list[int], size: int = 3) -> None:
    window = repo.settings().window_days
    for hours in offsets:
        moment = now.add(hours=hours)
        agenda = repo.stored_agenda(moment, window)
        counts = repo.agenda_counts(moment, window)
        sizes = {kind.status: 0 for kind in GROUP_KINDS}
        titles = {kind.title: kind.status for kind in GROUP_KINDS}
        for title, items in grouped(agenda):
            sizes[titles[title]] = len(items)
        assert counts == sizes, (moment, agenda)
        assert counts == {status: Counter(i.status for i in agenda)[status] for status in DueStatus}
        assert header_words(counts) == header_counts(agenda)
        in_order = [item for _title, items in grouped(agenda) for item in items]
        assert _pages(repo, moment, window, size) == in_order, moment


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.tuples(
        st.lists(_add, min_size=2, max_size=5), st.lists(_steps, min_size=4, max_size=25)
    ).map(lambda parts: parts[0] + parts[1]),
    # Moments around the writes' clock: a round ahead starts, a due passes, a day ends.
    offsets=st.lists(st.integers(-72, 24 * 10), min_size=1, max_size=4),
    page_size=st.integers(1, 6),
    zone_name=st.sampled_from(ZONES),
)
def test_the_counts_and_the_pages_read_from_the_index_are_the_agenda(
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple],
    offsets: list[int],
    page_size: int,
    zone_name: str,
) -> None:
    zone: Timezone = pendulum.timezone(zone_name)  # type: ignore[assignment]
    path: Path = tmp_path_factory.mktemp("counts") / "postinterview.db"
    repo = Repository.open(path, zone=zone, create=True)
    assert repo is not None
    try:
        ids: list[int] = []
        now = START
        for step in steps:
            now = _apply(repo, step, ids, now)
            _check(repo, now, [0, *offsets], page_size)
    finally:
        repo.close()
