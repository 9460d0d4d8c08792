"""What the daily review shows: one read of the store (the agenda, grouped and ordered, the
inbox's proposals, and what comes next when nothing is left), built off the event loop."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.review import ItemKey, ReviewSession, grouped, item_key
from postinterview_tui.domain.settings import Settings
from postinterview_tui.tui.state.board_data import BoardData, agenda_now

if TYPE_CHECKING:
    from postinterview_tui.inbox.records import InboxEntry
    from postinterview_tui.storage.repository import Repository


@dataclass(frozen=True, slots=True)
class ReviewData:
    """One read of the store: the agenda and what it was built from (built off the loop)."""

    agenda: tuple[AgendaItem, ...]
    settings: Settings
    now: DateTime
    groups: tuple[tuple[str, tuple[AgendaItem, ...]], ...] = ()
    """The agenda in the review's groups and order (``grouped``), sorted once per read."""
    upcoming: AgendaItem | None = None
    """What comes next (``next_up``), for a review with nothing left to show."""
    upcoming_known: bool = False
    """False when ``upcoming`` was not looked for: the read had rows to show."""
    inbox: tuple[InboxEntry, ...] = ()
    """Proposals from ingested mail, shown first (the Inbox group)."""


def read_review(
    repository: Repository,
    board: BoardData | None,
    session: ReviewSession,
    now: DateTime,
    zone: Timezone,
) -> ReviewData:
    """Build what the review shows (off the event loop: call it from a worker).

    ``board``, the board's latest snapshot, stands in for a read of every card while nothing
    has been written since it was taken.

    Raises:
        StoreError: the file cannot be read.
    """
    shared = None
    if board is not None:
        shared = agenda_now(board, repository.change_marker(), now, zone)
    if board is not None and shared is not None:
        # The board read the same file a moment ago: no second read of every card.
        settings, agenda = board.settings, shared
    else:
        settings = repository.settings()
        agenda = tuple(repository.stored_agenda(now, settings.window_days))
    from postinterview_tui.storage.inbox import InboxStore

    inbox = tuple(InboxStore(repository).pending())
    data = ReviewData(agenda, settings, now, tuple(grouped(agenda)), inbox=inbox)
    # What comes next is only looked up when this read leaves nothing to show (``session`` is
    # an immutable snapshot): one step along the due-time index, whatever the file holds.
    if not session.visible(agenda):
        upcoming = repository.stored_next_up(now, settings.window_days)
        data = replace(data, upcoming=upcoming, upcoming_known=True)
    return data


def place_of(data: ReviewData, key: ItemKey) -> tuple[str, DateTime] | None:
    """The (group title, due) of the row ``key`` in a read, None when it is not in it."""
    for title, members in data.groups:
        for item in members:
            if item_key(item) == key:
                return title, item.due
    return None
