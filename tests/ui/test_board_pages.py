"""The board reads a page of each column at a time (issue 19): what the user sees is the same as
when every card was read, however long the column.

The file is the benchmark's generator (the app's own writes, then copies of them): 150
applications, 128 of them closed, so the Closed column spans three pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postinterview_tui.domain.stages import Stage
from postinterview_tui.tui.state.board_data import PAGE_SIZE
from tests.benchmarks.datagen import fixed_now, make_database
from tests.ui.board_pilot import BoardPilot, BoardPilots

SIZE = (140, 40)


@pytest.fixture(scope="module")
def long_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("board-pages") / "long.db"
    make_database(path, 150)
    return path


@pytest.fixture
def pilots(long_file: Path, db_path: Path) -> BoardPilots:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(long_file.read_bytes())
    now, zone = fixed_now()
    return BoardPilots(db_path, now, zone)


def _closed_in_store(pilots: BoardPilots) -> list[int]:
    with pilots.repository() as repository:
        return [item.id for item in repository.summaries(stage=Stage.CLOSED)]


async def _scroll_to_the_end(ui: BoardPilot, stage: Stage, seen: list[int]) -> None:
    """Press j (and enter on a "+ N more" row) down a column to its last card, noting every
    card the cursor lands on."""
    column = ui.column(stage)
    for _ in range(1000):
        highlighted = column.highlighted_id
        if highlighted is not None and (not seen or seen[-1] != highlighted):
            seen.append(highlighted)
        if column.cursor_on_fold:
            await ui.press("enter")  # unfold, or read on
        elif column.cursor >= column.card_count - 1 and not column.folded_more:
            return
        else:
            await ui.press("j")
    raise AssertionError("the column never ended")


async def test_scrolling_to_the_end_of_a_long_closed_column_shows_every_card_once_in_order(
    pilots: BoardPilots,
) -> None:
    expected = _closed_in_store(pilots)
    assert len(expected) > 2 * PAGE_SIZE
    async with pilots(demo=False, size=SIZE) as ui:
        board = ui.board().board
        assert board is not None
        assert len(board.columns[Stage.CLOSED]) == PAGE_SIZE  # one page read, not all 128
        assert ui.column(Stage.CLOSED).heading == f"Closed ({len(expected)})"
        ui.column(Stage.CLOSED).focus()
        await ui.settle()
        seen: list[int] = []
        await _scroll_to_the_end(ui, Stage.CLOSED, seen)
        assert seen == expected
        assert ui.column(Stage.CLOSED).heading == f"Closed ({len(expected)})"


async def test_a_card_reopened_from_a_later_page_heads_its_column_and_the_rest_stays_whole(
    pilots: BoardPilots,
) -> None:
    expected = _closed_in_store(pilots)
    async with pilots(demo=False, size=SIZE) as ui:
        column = ui.column(Stage.CLOSED)
        column.focus()
        await ui.settle()
        first = column.highlighted_id
        assert first is not None
        seen = [first]
        while len(seen) < PAGE_SIZE + 5:  # into the second page
            await _step(ui, seen)
        reopened = seen.pop()
        await ui.press("R")
        if ui.app.screen is not ui.board():  # asked first
            await ui.press("enter")
        stage = pilots.stage_of(reopened)
        assert stage is not Stage.CLOSED
        with pilots.repository() as repository:
            in_store = [item.id for item in repository.summaries(stage=stage)]
        assert ui.column(stage).ids == tuple(in_store[: len(ui.column(stage).ids)])
        assert reopened in ui.column(stage).ids
        assert column.heading == f"Closed ({len(expected) - 1})"
        # On down the Closed column from where the cursor is: every other card, once, in order.
        column.focus()
        await ui.settle()
        await _scroll_to_the_end(ui, Stage.CLOSED, seen)
        assert seen == [item for item in expected if item != reopened]


async def _step(ui: BoardPilot, seen: list[int]) -> None:
    column = ui.column(Stage.CLOSED)
    await ui.press("enter" if column.cursor_on_fold else "j")
    highlighted = column.highlighted_id
    if highlighted is not None and (not seen or seen[-1] != highlighted):
        seen.append(highlighted)


async def test_the_filter_finds_a_card_that_is_not_on_the_first_page(
    pilots: BoardPilots,
) -> None:
    with pilots.repository() as repository:
        everyone = repository.summaries()
    closed = [item for item in everyone if item.stage is Stage.CLOSED]
    companies = [item.company for item in everyone]
    # A card of the last page whose company no other application has.
    target = next(item for item in reversed(closed) if companies.count(item.company) == 1)
    async with pilots(demo=False, size=SIZE) as ui:
        board = ui.board().board
        assert board is not None
        assert target.id not in {item.id for item in board.columns[Stage.CLOSED]}
        await ui.press("slash")
        await ui.type_filter(*target.company.upper())
        column = ui.column(Stage.CLOSED)
        assert column.ids == (target.id,)
        assert column.heading == "Closed (1)"
        assert all(ui.column(stage).ids == () for stage in Stage if stage is not Stage.CLOSED)
        await ui.press("escape")
        await ui.press("escape")
        assert len(ui.column(Stage.CLOSED).ids) > 1


async def test_a_typed_filter_reads_the_board_once_a_page_a_column_and_counts_nothing(
    pilots: BoardPilots, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a word reads the board once, when typing pauses (here: enter, with a pause too
    long to end on its own), not once a key; and that read takes each column's first page of
    matches without counting them (a count reads every application: 1-3 s at 100,000)."""
    from postinterview_tui.tui.screens import board_filter_box

    monkeypatch.setattr(board_filter_box, "FILTER_PAUSE_SECONDS", 30.0)
    async with pilots(demo=False, size=SIZE) as ui:
        statements: list[str] = []
        ui.app.repository.db.set_trace_callback(statements.append)
        await ui.press("slash", *"engineer")
        assert not [sql for sql in statements if "search_texts" in sql]  # typing: no read yet
        assert ui.column(Stage.CLOSED).heading == f"Closed ({len(_closed_in_store(pilots))})"
        await ui.press("enter")
        ui.app.repository.db.set_trace_callback(None)
        reads = [sql for sql in statements if "search_texts" in sql]
        assert len(reads) == len(Stage)  # one page of each column, for "engineer" alone
        assert not any("count(" in sql.lower() for sql in reads)
        assert ui.board().filter_text == "engineer"


async def test_more_matches_than_a_page_read_as_such_until_all_are_read(
    pilots: BoardPilots,
) -> None:
    """With a filter, a column with more matches than its first page says "(60+)" and ends
    in "+ more"; read to its end (j, enter on "+ more"), it says how many there are."""
    needle = "e"  # in nearly every company or role
    with pilots.repository() as repository:
        matching = [
            item.id
            for item in repository.summaries(stage=Stage.CLOSED)
            if needle in f"{item.company} {item.role}".casefold()
        ]
    assert len(matching) > PAGE_SIZE
    async with pilots(demo=False, size=SIZE) as ui:
        await ui.type_filter("slash", needle)
        column = ui.column(Stage.CLOSED)
        assert column.heading == f"Closed ({PAGE_SIZE}+)"
        assert column.folded_more and not column.more_counted  # the row reads "+ more"
        await ui.press("enter")  # back to the cards
        column.focus()
        await ui.settle()
        seen: list[int] = []
        await _scroll_to_the_end(ui, Stage.CLOSED, seen)
        assert len(seen) >= len(matching)
        assert column.heading == f"Closed ({len(seen)})"
        assert not column.folded_more
