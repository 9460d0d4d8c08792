"""What the daily review shows: the groups' counts, the agenda's rows a page at a time (grouped
and ordered), the inbox's proposals, and what comes next when nothing is left; read off the
event loop.

The review costs what it shows (issue 19): every group's count comes from the due-time index
without reading a row (``Repository.agenda_counts``), or, opened from the board, is the
board's own count while it still holds (nothing written since, no due or round time crossed a
limit: a few seeks); and the rows are read a page at a time in the review's order, reading on
as the user nears the last one read (:func:`read_on`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import GROUP_KINDS
from postinterview_tui.domain.review import ItemKey, ReviewSession, grouped, item_key
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.domain.settings import Settings
from postinterview_tui.tui.state.board_data import BoardData, is_current

if TYPE_CHECKING:
    from postinterview_tui.inbox.records import InboxEntry
    from postinterview_tui.storage.agenda_reads import PageMark
    from postinterview_tui.storage.repository import Repository

PAGE_ROWS = 60
"""Rows read at a time: more than a screen shows (two lines a row), so the list scrolls a while
before it reads on."""

_TITLES = {kind.status: kind.title for kind in GROUP_KINDS}


@dataclass(frozen=True, slots=True)
class ReviewData:
    """One read of the store: the rows read so far, the counts, and what they were read at."""

    agenda: tuple[AgendaItem, ...]
    """The agenda's rows read so far, in the review's order (a page, or more once read on)."""
    settings: Settings
    now: DateTime
    groups: tuple[tuple[str, tuple[AgendaItem, ...]], ...] = ()
    """The rows read in the review's groups and order (``grouped``)."""
    counts: Mapping[DueStatus, int] = field(default_factory=dict)
    """Every group's rows in the store, read or not (the headers' counts)."""
    held: tuple[AgendaItem, ...] = ()
    """Every row of the applications the session acted on or that were written elsewhere,
    read or not: what the session hides is counted off the counts, and where such a row went
    is known wherever it now is."""
    next_mark: PageMark | None = None
    """Where the next page starts; None once every row has been read."""
    upcoming: AgendaItem | None = None
    """What comes next (``next_up``), for a review with nothing left to show."""
    upcoming_known: bool = False
    """False when ``upcoming`` was not looked for: the read had rows to show."""
    inbox: tuple[InboxEntry, ...] = ()
    """Proposals from ingested mail, shown first (the Inbox group)."""

    @property
    def any_due(self) -> bool:
        """True when the store lists something in the window (the session may hide it all)."""
        return any(self.counts.values())

    def shown_counts(self, session: ReviewSession) -> dict[DueStatus, int]:
        """Every group's count once what ``session`` hides is left out: the rows the review
        lists under each heading (read or not yet read)."""
        rows = {item_key(item): item for item in (*self.held, *self.agenda)}
        hidden = set(rows) - {item_key(item) for item in session.visible(tuple(rows.values()))}
        gone = Counter(rows[key].status for key in hidden)
        return {status: self.counts.get(status, 0) - gone[status] for status in DueStatus}


def read_review(
    repository: Repository,
    board: BoardData | None,
    session: ReviewSession,
    now: DateTime,
    zone: Timezone,
    *,
    rows: int = PAGE_ROWS,
    written: Collection[int] = (),
) -> ReviewData:
    """Read what the review shows (off the event loop: call it from a worker).

    Args:
        repository: the store.
        board: the board's latest snapshot: its settings serve while nothing was written
            since, and its header counts too while no due or round time crossed a limit.
        session: what the user acted on since opening the review.
        now: the moment the agenda is read at.
        zone: the user's zone.
        rows: read at least this many rows (a read after a write keeps what was read on to).
        written: applications written elsewhere since the last read (their rows are read
            wherever they are: see :attr:`ReviewData.held`).

    Raises:
        StoreError: the file cannot be read.
    """
    current = board if board is not None and is_current(board, repository.change_marker()) else None
    settings = current.settings if current is not None else repository.settings()
    days = settings.window_days
    counts = _board_counts(repository, current, now) or repository.agenda_counts(now, days)
    agenda, mark = repository.agenda_rows(now, days, None, max(rows, PAGE_ROWS))
    held = repository.agenda_of(session.acted_on | set(written), now, days)
    from postinterview_tui.storage.inbox import InboxStore

    inbox = tuple(InboxStore(repository).pending())
    data = ReviewData(
        tuple(agenda),
        settings,
        now,
        tuple(grouped(agenda)),
        counts=counts,
        held=tuple(held),
        next_mark=mark,
        inbox=inbox,
    )
    # What comes next is only looked up when this read leaves nothing to show (``session`` is
    # an immutable snapshot): one step along the due-time index, whatever the file holds.
    if not any(data.shown_counts(session).values()):
        upcoming = repository.stored_next_up(now, days)
        data = replace(data, upcoming=upcoming, upcoming_known=True)
    return data


def _board_counts(
    repository: Repository, board: BoardData | None, now: DateTime
) -> Mapping[DueStatus, int] | None:
    """The board's header counts when they are what counting at ``now`` would give: nothing
    written since they were counted (``board`` is current, or None) and no due or round time
    crossed a limit between their moment and ``now`` (a few index seeks, not a count)."""
    if board is None or board.agenda_counts is None or board.counted_at is None:
        return None
    if not repository.agenda_counts_hold(board.counted_at, now, board.settings.window_days):
        return None
    return board.agenda_counts


def read_on(repository: Repository, data: ReviewData, *, to_the_end: bool = False) -> ReviewData:
    """``data`` with the next page of rows read (``data`` itself when every row is read), at
    the same moment: the page starts after the last row read, so none is read twice.

    Args:
        to_the_end: read every row left, not a page (the user asked for the last row).
    """
    if data.next_mark is None:
        return data
    # The counts say how many rows the store lists; one more page covers any written since.
    rest = sum(data.counts.values()) - len(data.agenda) + PAGE_ROWS
    page, mark = repository.agenda_rows(
        data.now,
        data.settings.window_days,
        data.next_mark,
        max(rest, PAGE_ROWS) if to_the_end else PAGE_ROWS,
    )
    agenda = (*data.agenda, *page)
    return replace(data, agenda=agenda, groups=tuple(grouped(agenda)), next_mark=mark)


def place_of(data: ReviewData, key: ItemKey) -> tuple[str, DateTime] | None:
    """The (group title, due) of the row ``key`` in a read, None when it is not in it."""
    for item in (*data.held, *data.agenda):
        if item_key(item) == key:
            return _TITLES[item.status], item.due
    return None
