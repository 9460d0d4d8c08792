"""The daily review reads what it shows (issue 19): its counts come from the due-time index,
its rows a page at a time, reading on as the user nears the last row read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.widgets import Static

from postinterview_tui.domain.records import NewApplication, NewInterview, NewInterviewer
from postinterview_tui.domain.review import ItemKey, grouped, item_key
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.review import ReviewScreen
from postinterview_tui.tui.state.review_data import PAGE_ROWS
from postinterview_tui.tui.widgets.agenda_list import AgendaList
from tests.ui.helpers import make_app, open_repository, settle

SIZE = (100, 30)
MANY = 3 * PAGE_ROWS + 7


def _many_overdue(db_path: Path, now: DateTime, zone: Timezone) -> list[ItemKey]:
    """MANY applications whose thank-you is overdue; the review's rows, in its order."""
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    for number in range(MANY):
        held = now.subtract(days=3, minutes=number)
        interview = NewInterview(held, interviewers=(NewInterviewer("Pat"),))
        repository.add_application(NewApplication(f"Co {number:03}", "Analyst", interview), now)
    agenda = repository.stored_agenda(now, repository.settings().window_days)
    repository.close()
    return [item_key(item) for _title, items in grouped(agenda) for item in items]


def _count_rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each read of the review's rows gave."""
    read: list[int] = []
    real = Repository.agenda_rows

    def counting(self: Repository, *args: Any, **kwargs: Any) -> Any:
        rows, mark = real(self, *args, **kwargs)
        read.append(len(rows))
        return rows, mark

    monkeypatch.setattr(Repository, "agenda_rows", counting)
    return read


async def test_the_review_reads_a_page_and_reads_on_to_the_last_row(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _many_overdue(db_path, now, zone)
    assert len(expected) == MANY
    read = _count_rows_read(monkeypatch)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        rows = screen.query_one("#review-list", AgendaList)
        # Opening read one page, yet the headers count every row of the store.
        assert sum(read) <= PAGE_ROWS < MANY
        counts = str(screen.query_one("#review-counts", Static).render())
        assert f"{MANY} overdue" in counts
        assert str(rows.groups[0].heading) == f"Overdue ({MANY})"
        assert list(rows.keys) == expected[: len(rows.keys)]
        # Going down reads on, a page at a time, until the last row is reached.
        for _ in range(MANY):
            await pilot.press("pagedown")
            await settle(pilot)
            if rows.highlighted_key == expected[-1]:
                break
        assert list(rows.keys) == expected
        assert rows.highlighted_key == expected[-1]
        assert sum(read) == MANY, "no row was read twice"


@pytest.mark.parametrize("keys", [("end",), ("pagedown", "end")], ids=["end", "during-a-read"])
async def test_end_goes_to_the_very_last_row_at_once(
    db_path: Path, now: DateTime, zone: Timezone, keys: tuple[str, ...]
) -> None:
    """One press of end reaches the last row of the whole review, not of the page read so
    far (also when pressed while a page is being read)."""
    expected = _many_overdue(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        rows = screen.query_one("#review-list", AgendaList)
        await pilot.press(*keys)
        await settle(pilot)
        assert rows.highlighted_key == expected[-1]
        assert list(rows.keys) == expected
        await pilot.press("home")
        await settle(pilot)
        assert rows.highlighted_key == expected[0]


async def test_a_write_keeps_what_was_read_on_to_and_the_counts_follow(
    db_path: Path, now: DateTime, zone: Timezone
) -> None:
    expected = _many_overdue(db_path, now, zone)
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        rows = screen.query_one("#review-list", AgendaList)
        for _ in range(3):
            await pilot.press("pagedown")
            await settle(pilot)
        read_on_to = len(rows.keys)
        assert read_on_to > PAGE_ROWS
        place = rows.highlighted_key
        assert place is not None
        await pilot.press("d")  # the thank-you is sent: the row leaves, the next one is lit
        await settle(pilot)
        assert len(rows.keys) >= read_on_to - 1
        assert place not in rows.keys
        assert rows.highlighted_key == expected[expected.index(place) + 1]
        counts = str(screen.query_one("#review-counts", Static).render())
        assert f"{MANY - 1} overdue" in counts
        # Written elsewhere: the counts follow at the next read.
        other = open_repository(db_path, zone)
        last = expected[-1]
        other.snooze(last.application_id, now.add(days=30), now)
        other.close()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        counts = str(screen.query_one("#review-counts", Static).render())
        assert f"{MANY - 2} overdue" in counts
