"""The board's data: the cards each column draws, read a page at a time off the event loop.

Each column holds its first page (more once the user scrolls past what is loaded: see
:func:`with_next_page`) and knows how many cards it has in all, so the board costs the same
with 100 closed applications as with 100,000 (issue 19). The header's counts come from the
stored dues' time index, never from the cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.dues import add_tallies, stored_dues, tallies_of
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import DueStatus, due_limits
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.storage.board_pages import PageKey, column_page, stage_counts
from postinterview_tui.storage.inbox_count import pending_inbox_count
from postinterview_tui.storage.repository import Repository

PAGE_SIZE = 60
"""Cards read per column at a time: more than any screen shows of one column, so a column
scrolls a while before it needs its next page."""


@dataclass(frozen=True)
class BoardData:
    """An immutable snapshot of the board."""

    columns: dict[Stage, tuple[ApplicationSummary, ...]]
    """The cards read so far, per column, in the board's order (most recently changed first)."""
    counts: dict[Stage, int]
    """How many applications each stage holds in all (whatever the filter)."""
    settings: Settings
    next_keys: dict[Stage, PageKey | None] = field(default_factory=dict)
    """Where each column's next page starts; None (or absent) when every card is read."""
    needle: str = ""
    """The filter the columns were read with ("" for none). Matching cards are read a page
    at a time like the rest, and never counted: counting them reads every application."""
    data_version: int = 0
    by_id: dict[int, ApplicationSummary] = field(default_factory=dict)
    agenda_counts: Mapping[DueStatus, int] | None = None
    """How many rows each group of the review holds at ``counted_at`` (the header's counts),
    counted along the due-time index: the board never builds the agenda (None: not counted)."""
    counted_at: DateTime | None = None
    """When ``agenda_counts`` were counted."""
    inbox_pending: int = 0
    """Proposals from ingested mail waiting for the user (the header's "N in inbox")."""
    marker: tuple[int, int] | None = None
    """``Repository.change_marker`` the data was read at; None when unknown. While the file's
    marker still equals it, this snapshot is what a new read would give."""

    @property
    def closed_complete(self) -> bool:
        """True when every card of the Closed column has been read."""
        return self.complete(Stage.CLOSED)

    def complete(self, stage: Stage) -> bool:
        """True when every card of ``stage`` (matching the filter) has been read."""
        return self.next_keys.get(stage) is None

    def shown_count(self, stage: Stage) -> int | None:
        """How many cards the column has in all: with a filter, how many match it, known only
        once every matching card has been read (None before)."""
        if not self.needle:
            return self.counts.get(stage, 0)
        return len(self.columns.get(stage, ())) if self.complete(stage) else None

    @property
    def total(self) -> int:
        """How many applications there are in all."""
        return sum(self.counts.values())

    def stage_of(self, application_id: int) -> Stage | None:
        """The stage an application is in, if it is on the board."""
        summary = self.by_id.get(application_id)
        return summary.stage if summary else None


def open_board(db_path: Path, *, zone: Timezone, now: DateTime) -> tuple[Repository, BoardData]:
    """Open (or create) the store and read the first board: what the app needs to start.

    Raises:
        StoreUnusable: the file cannot be used.
    """
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    return repository, load_board(repository, now=now, zone=zone)


def load_board(
    repository: Repository,
    *,
    needle: str = "",
    loaded: Mapping[Stage, int] | None = None,
    now: DateTime | None = None,
    zone: Timezone | None = None,
) -> BoardData:
    """Read the board: each column's first page (as many cards as ``loaded`` says it held, if
    more), each stage's count, and the header's counts.

    Args:
        repository: the store.
        needle: only the cards matching this filter (see ``search_texts.match_condition``).
        loaded: how many cards each column held before (a reload keeps what was scrolled to).
        now: when given (with ``zone``), count what is overdue and due for the header here,
            off the event loop, rather than on every redraw.
        zone: the user's zone.
    """
    loaded = loaded or {}
    columns: dict[Stage, tuple[ApplicationSummary, ...]] = {}
    next_keys: dict[Stage, PageKey | None] = {}
    with repository.exclusive():  # no write of ours between the marker and the reads
        marker = repository.change_marker()
        with repository.transactions.read() as db:  # one snapshot for every column
            for stage in STAGE_ORDER:
                limit = max(PAGE_SIZE, loaded.get(stage, 0))
                page = column_page(db, stage, after=None, limit=limit, needle=needle)
                columns[stage], next_keys[stage] = page.items, page.next_key
            counts = stage_counts(db)
        settings = repository.settings()
        inbox_pending = pending_inbox_count(repository)
        agenda_counts = None
        if now is not None and zone is not None:
            # Counted along the due-time index, never built: the header shows counts alone.
            agenda_counts = repository.agenda_counts(now, settings.window_days)
    return BoardData(
        columns=columns,
        counts=counts,
        settings=settings,
        next_keys=next_keys,
        needle=needle,
        data_version=marker[0],
        by_id={summary.id: summary for items in columns.values() for summary in items},
        agenda_counts=agenda_counts,
        counted_at=now if agenda_counts is not None else None,
        inbox_pending=inbox_pending,
        marker=marker,
    )


def with_next_page(repository: Repository, board: BoardData, stage: Stage) -> BoardData:
    """The board with the next page of ``stage``'s column read (the board itself when the
    column is complete). Keyset pagination: the page starts after the last card read, so a
    card moved meanwhile is neither read twice nor skipped."""
    after = board.next_keys.get(stage)
    if after is None:
        return board
    with repository.transactions.read() as db:
        page = column_page(db, stage, after=after, limit=PAGE_SIZE, needle=board.needle)
    known = board.by_id
    fresh = tuple(item for item in page.items if item.id not in known)
    return replace(
        board,
        columns={**board.columns, stage: board.columns[stage] + fresh},
        next_keys={**board.next_keys, stage: page.next_key},
        by_id={**known, **{item.id: item for item in fresh}},
    )


def with_moved_card(
    board: BoardData,
    moved: ApplicationSummary,
    now: DateTime,
    zone: Timezone,
    marker: tuple[int, int] | None = None,
) -> BoardData | None:
    """The board after one card changed stage (or was updated): the card leaves its old column
    and heads its new one (it is now the most recently changed), counts follow.

    This is what a reload would show, without reading every card again: the header's counts
    lose what the card's dues counted before and gain what they count now, both worked out by
    the rules from the card's facts (what the store keeps for it). ``marker`` is the file's
    change marker right after that one change (None when other changes may have happened
    since the board was read: the snapshot then never counts as current).

    Returns:
        None when the card was not on the board: what it counted before is not known, so the
        board has to be read again.
    """
    old = board.by_id.get(moved.id)
    if old is None:
        return None
    # Only the card's old column changes besides its new one (by_id holds every card shown):
    # the other columns, thousands of cards at most, are shared with the old snapshot.
    columns = dict(board.columns)
    columns[old.stage] = tuple(item for item in columns[old.stage] if item.id != moved.id)
    columns[moved.stage] = (moved, *columns[moved.stage])
    counts = dict(board.counts)
    counts[old.stage] -= 1
    counts[moved.stage] += 1
    return replace(
        board,
        columns=columns,
        counts=counts,
        by_id={**board.by_id, moved.id: moved},
        agenda_counts=_counts_after(board, old, moved, zone),
        marker=marker,
    )


def _counts_after(
    board: BoardData, old: ApplicationSummary, moved: ApplicationSummary, zone: Timezone
) -> Mapping[DueStatus, int] | None:
    """The header's counts once ``old`` became ``moved``, at the time they were counted."""
    at, counts = board.counted_at, board.agenda_counts
    if at is None or counts is None:
        return counts
    settings = board.settings
    limits = due_limits(at, settings.window_days, zone)
    before, after = old.progress, moved.progress
    gone = tallies_of(stored_dues(before, settings, zone), before.last_interview_at, at, limits, -1)
    new = tallies_of(stored_dues(after, settings, zone), after.last_interview_at, at, limits)
    return add_tallies(counts, [*gone, *new])


def is_current(board: BoardData, marker: tuple[int, int]) -> bool:
    """True when ``board`` is what reading the file now would give (nothing written since)."""
    return board.marker is not None and board.marker == marker
