"""The board's data: what each column holds, loaded in one go off the event loop."""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem, agenda_order, build_agenda, reclassified
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.storage.inbox_count import pending_inbox_count
from postinterview_tui.storage.repository import Repository

CLOSED_SHOWN = 60
"""Closed cards read for the board (more than any screen fits); the board shows as many as fit
and folds the rest into "+ N more"."""
AGENDA_FRESH_FOR = timedelta(seconds=60)
"""How long a board's agenda may stand in for a new read (the board catches up every minute)."""


@dataclass(frozen=True)
class BoardData:
    """An immutable snapshot of the board."""

    columns: dict[Stage, tuple[ApplicationSummary, ...]]
    counts: dict[Stage, int]
    settings: Settings
    closed_complete: bool
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
    all_closed: bool = False,
    now: DateTime | None = None,
    zone: Timezone | None = None,
) -> BoardData:
    """Read the board: every open or accepted application, and the latest closed ones.

    Args:
        repository: the store.
        all_closed: load every closed application (when unfolded or filtering).
        now: when given (with ``zone``), count what is overdue and due for the header here,
            off the event loop, rather than on every redraw.
        zone: the user's zone.
    """
    with repository.exclusive():  # no write of ours between the marker and the reads
        marker = repository.change_marker()
        active = repository.summaries(exclude_stage=Stage.CLOSED)
        closed = repository.summaries(
            stage=Stage.CLOSED, limit=None if all_closed else CLOSED_SHOWN + 1
        )
        counts = repository.stage_counts()
        settings = repository.settings()
        inbox_pending = pending_inbox_count(repository)
    columns: dict[Stage, list[ApplicationSummary]] = {stage: [] for stage in STAGE_ORDER}
    for summary in active:
        columns[summary.stage].append(summary)
    columns[Stage.CLOSED] = list(closed)
    by_id = {summary.id: summary for summary in (*active, *closed)}
    agenda: tuple[AgendaItem, ...] = ()
    agenda_at = None
    if now is not None and zone is not None:
        # One agenda serves the header counts and, while nothing changes, the daily review.
        agenda = tuple(build_agenda(active, settings, now, zone))
        agenda_at = now
    return BoardData(
        columns={stage: tuple(items) for stage, items in columns.items()},
        counts=counts,
        settings=settings,
        closed_complete=all_closed or counts[Stage.CLOSED] <= CLOSED_SHOWN,
        data_version=marker[0],
        by_id=by_id,
        agenda=agenda,
        agenda_at=agenda_at,
        inbox_pending=inbox_pending,
        marker=marker,
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
        closed_complete=board.closed_complete or counts[Stage.CLOSED] <= CLOSED_SHOWN,
    )


def is_current(board: BoardData, marker: tuple[int, int]) -> bool:
    """True when ``board`` is what reading the file now would give (nothing written since)."""
    return board.marker is not None and board.marker == marker


def open_summaries_of(board: BoardData) -> tuple[ApplicationSummary, ...]:
    """The board's applications still in progress, most recently changed first (the order of
    ``Repository.open_summaries``)."""
    items = [summary for stage in STAGE_ORDER if stage.is_open for summary in board.columns[stage]]
    items.sort(key=lambda summary: (summary.updated_at.timestamp(), summary.id), reverse=True)
    return tuple(items)


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
