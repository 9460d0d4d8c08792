"""The agenda read along the due-time index a page at a time, and counted without being read.

The board's header and the daily review's header count the agenda's groups
(:func:`due_tallies`: the window's dues grouped by what classifies them, and counted); the
review reads the rows it shows a page at a time (:func:`agenda_page`), each group's rows in
due order, the next page starting after the last row read (keyset, as the board's columns
read theirs). Which rows are in which group is the domain's rule
(``domain.dues.group_facts``): this module only turns the facts the rule names into SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pendulum import DateTime

from postinterview_tui.domain.agenda import AgendaItem, listed_status
from postinterview_tui.domain.agenda_groups import GROUP_KINDS
from postinterview_tui.domain.dues import ClassFacts, DueTally, StoredDue, group_facts
from postinterview_tui.domain.rules import DueStatus
from postinterview_tui.storage.dues import ACTIONS, DUE_FACTS, stored_due
from postinterview_tui.storage.rows import stage_from_text, stored_instant
from postinterview_tui.storage.timestamps import to_text

_TIMINGS = (DueStatus.OVERDUE, DueStatus.DUE, DueStatus.UPCOMING)
"""The timings, in the order of the numbers :data:`_TIMING_SQL` gives them."""

# A due's timing at now (?1) with the limits soon (?2) and the window's end (?3), as
# domain.rules.classify_due compares them, and whether its round is still ahead of now (the
# round time each due keeps: its application's when the dues were computed, which every write
# of the application does). Stored instants are UTC text of one fixed form: comparing the
# texts compares the times. Every column named here is in the due-time index, so the counts
# read that index alone.
_TIMING_SQL = "CASE WHEN d.due_at <= ?1 THEN 0 WHEN d.due_at <= ?2 THEN 1 ELSE 2 END"
_AHEAD_SQL = "COALESCE(d.round_at > ?1, 0)"

PageMark = tuple[int, str, int, int]
"""Where the next page starts: the group's place in ``GROUP_KINDS``, then the last row read's
(due time as stored, application id, position): the agenda's order within a group."""


@dataclass(frozen=True, slots=True)
class AgendaPage:
    """Rows of the agenda in the review's order, groups in turn."""

    rows: tuple[tuple[DueStatus, StoredDue], ...]
    """Each row with the group it is in."""
    next_mark: PageMark | None
    """Where the next page starts; None when every row of the window has been read."""


def _bounds(now: DateTime, limits: tuple[DateTime, DateTime]) -> list[str]:
    soon, window_end = limits
    return [to_text(now), to_text(soon), to_text(window_end)]


def due_tallies(
    db: sqlite3.Connection, now: DateTime, limits: tuple[DateTime, DateTime]
) -> list[DueTally]:
    """The stored dues up to the window's end (overdue ones included), counted by what
    classifies them at ``now``: their action, their due time against ``now`` and ``limits``
    (``domain.rules.due_limits``), and whether their application's round is still ahead.
    Reads the due-time index alone (no due's or application's row) and counts; builds no due."""
    rows = db.execute(
        f"SELECT d.action, {_TIMING_SQL}, {_AHEAD_SQL}, COUNT(*) FROM dues AS d "
        "WHERE d.due_at <= ?3 GROUP BY 1, 2, 3",
        _bounds(now, limits),
    ).fetchall()
    return [
        DueTally(ACTIONS[action], _TIMINGS[timing], bool(ahead), count)
        for action, timing, ahead, count in rows
    ]


def window_agenda(
    db: sqlite3.Connection,
    now: DateTime,
    limits: tuple[DateTime, DateTime],
    application_ids: Collection[int] | None = None,
) -> list[AgendaItem]:
    """The agenda at ``now``: every due up to the window's end (overdue ones included) that
    the rule lists, in the agenda's order (due time, application id, the rules' order); with
    ``application_ids``, only theirs.

    One pass along the due-time index: each due's timing and whether its round is still ahead
    come with it, read as the counts read them, and the domain's rule
    (:func:`.agenda.listed_status`) names its group. Only a listed row becomes an object:
    ``postinterview today`` reads 1,500 at 100,000 applications.
    """
    params: list[Any] = _bounds(now, limits)
    only = ""
    if application_ids is not None:
        ids = sorted(set(application_ids))
        # Plain ? after ?1-?3: SQLite numbers them from 4.
        only = f"AND d.application_id IN ({', '.join('?' * len(ids))}) "
        params += ids
    rows = db.execute(
        f"SELECT {_TIMING_SQL}, {_AHEAD_SQL}, d.application_id, a.company, a.role, a.stage, "
        "d.action, d.due_at, d.detail, d.condition_id FROM dues AS d "
        "JOIN applications AS a ON a.id = d.application_id "
        "WHERE d.due_at <= ?3 AND NOT (d.action = 'interview' AND d.due_at <= ?1) "
        f"{only}ORDER BY d.due_at, d.application_id, d.position",
        params,
    ).fetchall()
    items: list[AgendaItem] = []
    for timing, ahead, app_id, company, role, stage, action, due, detail, condition in rows:
        kind = ACTIONS[action]
        status = listed_status(kind, _TIMINGS[timing], bool(ahead))
        if status is None:
            continue
        due_at = stored_instant(due)
        assert due_at is not None
        items.append(
            AgendaItem(
                application_id=app_id,
                company=company,
                role=role,
                stage=stage_from_text(stage),
                action=kind,
                due=due_at,
                status=status,
                detail=detail,
                condition_id=condition,
            )
        )
    return items


def tallies_hold(
    db: sqlite3.Connection,
    then: DateTime,
    now: DateTime,
    limits: tuple[tuple[DateTime, DateTime], tuple[DateTime, DateTime]],
) -> bool:
    """True when :func:`due_tallies` at ``now`` gives what it gave at ``then`` over the same
    stored dues: no due time passed ``then``'s instant, its soon limit or its window's end on
    the way to ``now``'s (``limits``: ``then``'s, then ``now``'s), and no round started in
    between (an open application's round is also its interview due; the round times are
    asked too, whatever the stage). Three seeks along the due-time index and one pass over it
    without a sort: a count already made (and kept on write) is known to hold for less than
    counting again (the GROUP BY's sort is most of a count)."""
    if now < then:
        return False
    (soon_then, end_then), (soon_now, end_now) = limits
    crossed = [(then, now), (soon_then, soon_now), (end_then, end_now)]
    params: list[str] = []
    for low, high in crossed:
        params += [to_text(low), to_text(high)]
    row = db.execute(
        "SELECT EXISTS (SELECT 1 FROM dues WHERE due_at > ?1 AND due_at <= ?2) "
        "OR EXISTS (SELECT 1 FROM dues WHERE due_at > ?3 AND due_at <= ?4) "
        "OR EXISTS (SELECT 1 FROM dues WHERE due_at > ?5 AND due_at <= ?6) "
        "OR EXISTS (SELECT 1 FROM dues WHERE round_at > ?1 AND round_at <= ?2)",
        params,
    ).fetchone()
    return not row[0]


def agenda_page(
    db: sqlite3.Connection,
    now: DateTime,
    limits: tuple[DateTime, DateTime],
    after: PageMark | None,
    limit: int,
) -> AgendaPage:
    """Up to ``limit`` rows of the agenda at ``now`` in the review's order (the groups of
    ``GROUP_KINDS`` in turn, each in due order), starting after ``after`` (from the top when
    None). Each group is one range of the due-time index read in order and cut short: a page
    costs the rows it reads, whatever the window holds."""
    rows: list[tuple[DueStatus, StoredDue]] = []
    first = 0 if after is None else after[0]
    for index in range(first, len(GROUP_KINDS)):
        status = GROUP_KINDS[index].status
        key = after[1:] if after is not None and index == after[0] else None
        wanted = limit + 1 - len(rows)  # one more than fits: whether more follow
        found = _group_rows(db, now, limits, group_facts(status), key, wanted)
        rows.extend((status, due) for due in found)
        if len(rows) > limit:
            break
    if len(rows) <= limit:
        return AgendaPage(tuple(rows), None)
    rows = rows[:limit]
    status, last = rows[-1]
    mark = (_group_index(status), to_text(last.item.due), last.application_id, last.position)
    return AgendaPage(tuple(rows), mark)


def _group_index(status: DueStatus) -> int:
    return next(index for index, kind in enumerate(GROUP_KINDS) if kind.status is status)


def _group_rows(
    db: sqlite3.Connection,
    now: DateTime,
    limits: tuple[DateTime, DateTime],
    facts: Collection[ClassFacts],
    after: tuple[str, int, int] | None,
    limit: int,
) -> list[StoredDue]:
    """The rows whose facts are among ``facts``, in due order, after ``after``."""
    if not facts or limit <= 0:
        return []
    params: list[Any] = _bounds(now, limits)
    timings = {timing for _action, timing, _ahead in facts}
    # The range of the index the group's timings can be in (no read past it).
    lowest = min(_TIMINGS.index(timing) for timing in timings)
    highest = max(_TIMINGS.index(timing) for timing in timings)
    # ?3 stays named even when a tighter end applies: SQLite numbers the plain ? after it.
    where = ["d.due_at <= ?3", f"d.due_at <= ?{highest + 1}"]
    if lowest > 0:
        where.append(f"d.due_at > ?{lowest}")
    values = ", ".join("(?, ?, ?)" for _ in facts)
    where.append(f"(d.action, {_TIMING_SQL}, {_AHEAD_SQL}) IN (VALUES {values})")
    for action, timing, ahead in sorted(facts):
        params += [action.value, _TIMINGS.index(timing), int(ahead)]
    if after is not None:
        where.append("(d.due_at, d.application_id, d.position) > (?, ?, ?)")
        params += list(after)
    sql = (
        DUE_FACTS
        + "WHERE "
        + " AND ".join(where)
        + " ORDER BY d.due_at, d.application_id, d.position LIMIT ?"
    )
    return [stored_due(row) for row in db.execute(sql, [*params, limit])]
