"""The board's data: the cards each column draws, read a page at a time off the event loop.

Each column holds its first page (more once the user scrolls past what is loaded: see
:func:`with_next_page`) and knows how many cards it has in all, so the board costs the same
with 100 closed applications as with 100,000 (issue 19). The header's counts come from the
stored dues' time index, never from the cards.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem, agenda_order, build_agenda, reclassified
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.storage.board_pages import PageKey, column_page, stage_counts
from postinterview_tui.storage.inbox_count import pending_inbox_count
from postinterview_tui.storage.repository import Repository

PAGE_SIZE = 60
"""Cards read per column at a time: more than any screen shows of one column, so a column
scrolls a while before it needs its next page."""
AGENDA_FRESH_FOR = timedelta(seconds=60)
"""How long a board's agenda may stand in for a new read (the board catches up every minute)."""


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
    agenda: tuple[AgendaItem, ...] = ()
    """The review's agenda (``build_agenda`` over the open cards) at ``agenda_at``."""
    agenda_at: DateTime | None = None
    """When ``agenda`` was built (None: not built)."""
    inbox_pending: int = 0
    """Proposals from ingested mail waiting for the user (the header's "N in inbox")."""
    marker: tuple[int, int] | None = None
    """``Repository.change_marker`` the data was read at; None when unknown. While the file's
    marker still equals it, this snapshot is what a new read would give."""

    @property
    def overdue(self) -> int:
        """Actions overdue at ``agenda_at`` (as ``postinterview today`` counts them)."""
        return sum(item.status is DueStatus.OVERDUE for item in self.agenda)

    @property
    def due_soon(self) -> int:
        """Actions due within the 24 hours after ``agenda_at``."""
        return sum(item.status is DueStatus.DUE for item in self.agenda)

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
    more), each stage's count, and the header's agenda.

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
        agenda: tuple[AgendaItem, ...] = ()
        agenda_at = None
        if now is not None and zone is not None:
            # One agenda serves the header counts and, while nothing changes, the daily review:
            # read from the due-time index, so its cost is the window's, not the file's.
            agenda = tuple(repository.stored_agenda(now, settings.window_days))
            agenda_at = now
    return BoardData(
        columns=columns,
        counts=counts,
        settings=settings,
        next_keys=next_keys,
        needle=needle,
        data_version=marker[0],
        by_id={summary.id: summary for items in columns.values() for summary in items},
        agenda=agenda,
        agenda_at=agenda_at,
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
) -> BoardData:
    """The board after one card changed stage (or was updated): the card leaves its old column
    and heads its new one (it is now the most recently changed), counts and agenda follow.

    This is what a reload would show, without reading every card again. ``marker`` is the
    file's change marker right after that one change (None when other changes may have
    happened since the board was read: the snapshot then never counts as current).
    """
    old = board.by_id.get(moved.id)
    # Only the card's old column changes besides its new one (by_id holds every card shown):
    # the other columns, thousands of cards at most, are shared with the old snapshot.
    columns = dict(board.columns)
    if old is not None:
        columns[old.stage] = tuple(item for item in columns[old.stage] if item.id != moved.id)
    columns[moved.stage] = (moved, *columns[moved.stage])
    counts = dict(board.counts)
    if old is not None:
        counts[old.stage] -= 1
    counts[moved.stage] += 1
    agenda_at = board.agenda_at or now
    agenda = [item for item in board.agenda if item.application_id != moved.id]
    for item in build_agenda([moved], board.settings, agenda_at, zone):
        insort(agenda, item, key=agenda_order)  # the rest is in order already
    return replace(
        board,
        columns=columns,
        counts=counts,
        by_id={**board.by_id, moved.id: moved},
        agenda=tuple(agenda),
        agenda_at=agenda_at,
        marker=marker,
    )


def is_current(board: BoardData, marker: tuple[int, int]) -> bool:
    """True when ``board`` is what reading the file now would give (nothing written since)."""
    return board.marker is not None and board.marker == marker


def agenda_now(
    board: BoardData, marker: tuple[int, int], now: DateTime, zone: Timezone
) -> tuple[AgendaItem, ...] | None:
    """The board's agenda as it stands at ``now``, or None when a new read is needed: the file
    changed since the board was read, or the agenda is older than :data:`AGENDA_FRESH_FOR` or
    from another local day (the review window ends at the end of a day)."""
    at = board.agenda_at
    if not is_current(board, marker) or at is None:
        return None
    if not timedelta(0) <= now - at <= AGENDA_FRESH_FOR:
        return None
    if now.in_timezone(zone).date() != at.in_timezone(zone).date():
        return None
    items = reclassified(board.agenda, now, board.settings.window_days, zone)
    return None if items is None else tuple(items)
