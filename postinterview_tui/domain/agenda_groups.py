"""The agenda's groups, from one function (:func:`group_agenda`): the daily review shows them,
``postinterview today`` prints them (and ``--check`` reads them), and the board's header and
the review's header count them. So every count agrees with the rows under its heading."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from postinterview_tui.domain.agenda import AgendaItem, agenda_order
from postinterview_tui.domain.rules import DueStatus


@dataclass(frozen=True, slots=True)
class GroupKind:
    """One of the agenda's groups: which items it holds and what it is called."""

    status: DueStatus
    """The items it holds: those with this status."""
    title: str
    """Its heading in the review and in ``today``: "Due soon"."""
    counted: str
    """Its count in a header reads "3 {counted}": "3 due soon"."""


GROUP_KINDS: tuple[GroupKind, ...] = (
    GroupKind(DueStatus.OVERDUE, "Overdue", "overdue"),
    GroupKind(DueStatus.DUE, "Due soon", "due soon"),
    GroupKind(DueStatus.GONE_QUIET, "Gone quiet", "gone quiet"),
    GroupKind(DueStatus.UPCOMING, "Upcoming", "upcoming"),
)
"""The groups in the order they are shown. "Due soon" is what is due in the next 24 hours,
whatever the day: named so, a header never says "due today" of something due tomorrow.
"Gone quiet" holds the suggestions to let go (no reply after the last follow-up): advice, kept
apart from what is late."""

HEADER_STATUSES: tuple[DueStatus, ...] = (DueStatus.OVERDUE, DueStatus.DUE)
"""The groups the board's header counts: what needs the user now or soon (never the advice to
let go)."""


@dataclass(frozen=True, slots=True)
class AgendaGroup:
    """The items of one group, in due order (the most overdue first)."""

    kind: GroupKind
    items: tuple[AgendaItem, ...]

    @property
    def title(self) -> str:
        """The group's heading."""
        return self.kind.title

    @property
    def heading(self) -> str:
        """The heading with its count: "Due soon (2)"."""
        return f"{self.kind.title} ({len(self.items)})"


def group_agenda(items: Iterable[AgendaItem], *, in_order: bool = False) -> tuple[AgendaGroup, ...]:
    """Every group of :data:`GROUP_KINDS`, in order, each with its items in due order (empty
    groups included: a header counts them as 0).

    Args:
        items: agenda items (:func:`.agenda.build_agenda`), in any order.
        in_order: the items are already in the agenda's order (:func:`.agenda.agenda_order`,
            as ``build_agenda`` and ``domain.dues.agenda_from_dues`` give them): each group
            keeps them in that order instead of sorting them again.

    Returns:
        One :class:`AgendaGroup` per kind; every item is in exactly one of them.
    """
    members = _members(items)
    if in_order:
        # Taking a group's items in turn keeps the order; sorting ``today``'s 1,500 rows
        # again took each one's instant a second time.
        return tuple(AgendaGroup(kind, tuple(members[kind.status])) for kind in GROUP_KINDS)
    # agenda_order: the same order as (due, application id), without comparing datetimes of
    # different zones (slow).
    return tuple(
        AgendaGroup(kind, tuple(sorted(members[kind.status], key=agenda_order)))
        for kind in GROUP_KINDS
    )


def _members(items: Iterable[AgendaItem]) -> dict[DueStatus, list[AgendaItem]]:
    """Which group each item is in (the one partition the groups and the counts share)."""
    members: dict[DueStatus, list[AgendaItem]] = {kind.status: [] for kind in GROUP_KINDS}
    for item in items:
        members[item.status].append(item)
    return members


def shown_groups(items: Iterable[AgendaItem], *, in_order: bool = False) -> tuple[AgendaGroup, ...]:
    """The groups that have items (what the review and ``today`` show); ``in_order`` as for
    :func:`group_agenda`."""
    return tuple(group for group in group_agenda(items, in_order=in_order) if group.items)


def counts_text(
    groups: Iterable[AgendaGroup], statuses: Iterable[DueStatus] | None = None
) -> list[str]:
    """Each group's count in words ("4 overdue", "1 due soon"), in the groups' order.

    Args:
        groups: what :func:`group_agenda` gave.
        statuses: only these groups (all of them when ``None``).
    """
    return count_words({group.kind.status: len(group.items) for group in groups}, statuses)


def count_words(
    counts: Mapping[DueStatus, int], statuses: Iterable[DueStatus] | None = None
) -> list[str]:
    """Each group's count in words ("4 overdue", "1 due soon"), in the groups' order, from
    how many rows each group holds (a group missing from ``counts`` holds none).

    Args:
        counts: rows per group (``domain.dues.group_counts`` reads them off the stored dues
            without building the agenda).
        statuses: only these groups (all of them when ``None``).
    """
    wanted = None if statuses is None else frozenset(statuses)
    return [
        f"{counts.get(kind.status, 0)} {kind.counted}"
        for kind in GROUP_KINDS
        if wanted is None or kind.status in wanted
    ]


def header_words(counts: Mapping[DueStatus, int]) -> list[str]:
    """What the board's header says of the groups' counts: "4 overdue", "1 due soon"."""
    return count_words(counts, HEADER_STATUSES)


def header_counts(items: Iterable[AgendaItem]) -> list[str]:
    """What the board's header counts of an agenda: "4 overdue", "1 due soon" (the rows of the
    review's Overdue and Due soon groups: the same partition, without sorting them)."""
    return header_words(Counter(item.status for item in items))


def needs_attention(items: Iterable[AgendaItem]) -> bool:
    """True when the Overdue group has an item (``today --check`` then exits 1); one that has
    only gone quiet does not count."""
    # The Overdue group is exactly the items whose status is OVERDUE: no need to sort them.
    return any(item.status is DueStatus.OVERDUE for item in items)
