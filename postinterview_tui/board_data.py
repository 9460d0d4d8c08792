"""The board's data: what each column holds, loaded in one go off the event loop."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import build_agenda
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.domain.stages import STAGE_ORDER, Stage
from postinterview_tui.storage.repository import Repository

CLOSED_SHOWN = 5
"""Closed cards shown before the rest fold into "+ N more"."""


@dataclass(frozen=True)
class BoardData:
    """An immutable snapshot of the board."""

    columns: dict[Stage, tuple[ApplicationSummary, ...]]
    counts: dict[Stage, int]
    settings: Settings
    closed_complete: bool
    data_version: int = 0
    by_id: dict[int, ApplicationSummary] = field(default_factory=dict)
    overdue: int = 0
    """Actions overdue when the board was loaded (as ``postinterview today`` counts them)."""
    due_soon: int = 0
    """Actions due within the next 24 hours."""

    @property
    def total(self) -> int:
        """How many applications there are in all."""
        return sum(self.counts.values())

    def stage_of(self, application_id: int) -> Stage | None:
        """The stage an application is in, if it is on the board."""
        summary = self.by_id.get(application_id)
        return summary.stage if summary else None


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
    version = repository.data_version()
    active = repository.summaries(exclude_stage=Stage.CLOSED)
    closed = repository.summaries(
        stage=Stage.CLOSED, limit=None if all_closed else CLOSED_SHOWN + 1
    )
    counts = repository.stage_counts()
    columns: dict[Stage, list[ApplicationSummary]] = {stage: [] for stage in STAGE_ORDER}
    for summary in active:
        columns[summary.stage].append(summary)
    columns[Stage.CLOSED] = list(closed)
    by_id = {summary.id: summary for summary in (*active, *closed)}
    settings = repository.settings()
    overdue = due_soon = 0
    if now is not None and zone is not None:
        for item in build_agenda(active, settings, now, zone, window_days=0):
            overdue += item.status is DueStatus.OVERDUE
            due_soon += item.status is DueStatus.DUE
    return BoardData(
        columns={stage: tuple(items) for stage, items in columns.items()},
        counts=counts,
        settings=settings,
        closed_complete=all_closed or counts[Stage.CLOSED] <= CLOSED_SHOWN,
        data_version=version,
        by_id=by_id,
        overdue=overdue,
        due_soon=due_soon,
    )


def with_moved_card(
    board: BoardData, moved: ApplicationSummary, now: DateTime, zone: Timezone
) -> BoardData:
    """The board after one card changed stage (or was updated): the card leaves its old column
    and heads its new one (it is now the most recently changed), counts follow.

    This is what a reload would show, without reading every card again.
    """
    old = board.by_id.get(moved.id)
    columns = {
        stage: tuple(item for item in items if item.id != moved.id)
        for stage, items in board.columns.items()
    }
    columns[moved.stage] = (moved, *columns[moved.stage])
    counts = dict(board.counts)
    if old is not None:
        counts[old.stage] -= 1
    counts[moved.stage] += 1
    overdue, due_soon = board.overdue, board.due_soon
    for summary, sign in ((old, -1), (moved, 1)):
        if summary is None:
            continue
        for item in build_agenda([summary], board.settings, now, zone, window_days=0):
            overdue += sign * (item.status is DueStatus.OVERDUE)
            due_soon += sign * (item.status is DueStatus.DUE)
    return replace(
        board,
        columns=columns,
        counts=counts,
        by_id={**board.by_id, moved.id: moved},
        overdue=max(overdue, 0),
        due_soon=max(due_soon, 0),
        closed_complete=board.closed_complete or counts[Stage.CLOSED] <= CLOSED_SHOWN,
    )
