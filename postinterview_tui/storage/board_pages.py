"""The board's reads: one column's cards a page at a time, and how many each column holds.

A page is found by keyset pagination on the board index ``applications_board (stage,
updated_at)`` (the row id is the index's last column): "the next ``limit`` cards of this stage
after this card, most recently changed first" is one seek and ``limit`` steps along the index,
whatever the file holds. So a Closed column of 100,000 applications costs what one of 100 does:
the board reads what it draws and asks for more when the user scrolls past it.

The board's ``/`` filter is a condition of the same reads (``search_texts.match_condition``:
each application's text, folded when it was written): the store finds the cards, on every
page, rather than the board holding every application's text. The matches are not counted: a
count would read every application, where a page stops at its last card.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from postinterview_tui.domain.models import ApplicationSummary, Condition
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.rows import (
    SUMMARY_FIELDS,
    condition_from_row,
    summary_from_values,
)
from postinterview_tui.storage.search_texts import match_condition

_UPDATED_AT = SUMMARY_FIELDS.index("updated_at")


@dataclass(frozen=True)
class PageKey:
    """Where a page ended: the last card's stored ``updated_at`` text and id (the board's
    order is ``updated_at DESC, id DESC``)."""

    updated_at: str
    id: int


@dataclass(frozen=True)
class ColumnPage:
    """Cards of one column, in the board's order."""

    items: tuple[ApplicationSummary, ...]
    next_key: PageKey | None
    """Where the next page starts; None when these are the column's last cards."""


def column_page(
    db: sqlite3.Connection,
    stage: Stage,
    *,
    after: PageKey | None,
    limit: int,
    needle: str = "",
) -> ColumnPage:
    """Up to ``limit`` cards of ``stage`` that come after ``after`` (from the first when
    None), matching ``needle`` (see ``search_texts.match_condition``), inside the caller's
    read."""
    where = "a.deleted_at IS NULL AND a.stage = ?"
    params: list[Any] = [stage.value]
    if after is not None:
        # Spelled out rather than as a row value, so SQLite bounds the index range by
        # updated_at and the id test only sorts out equal times.
        where += " AND (a.updated_at < ? OR (a.updated_at = ? AND a.id < ?))"
        params += [after.updated_at, after.updated_at, after.id]
    matching, match_params = match_condition(needle)
    where += f" AND {matching}"
    params += match_params
    columns = ", ".join(f"a.{name}" for name in SUMMARY_FIELDS)
    rows = db.execute(
        f"SELECT {columns} FROM applications AS a WHERE {where} "
        "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?",
        [*params, limit + 1],  # one more: is there a next page?
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    # Offer cards count their conditions; accepted ones may still check in on one.
    with_conditions = stage in (Stage.OFFER, Stage.ACCEPTED)
    conditions = conditions_of(db, [row[0] for row in rows]) if with_conditions else {}
    items = tuple(summary_from_values(row, conditions.get(row[0], ())) for row in rows)
    next_key = PageKey(str(rows[-1][_UPDATED_AT]), int(rows[-1][0])) if more else None
    return ColumnPage(items, next_key)


def stage_counts(db: sqlite3.Connection) -> dict[Stage, int]:
    """How many applications each stage holds, inside the caller's read: six rows of the
    ``stage_counts`` table, which triggers keep on every write (migration
    ``0007-stage-counts``), so the cost does not grow with the file."""
    counts = dict.fromkeys(Stage, 0)
    for stage, count in db.execute("SELECT stage, applications FROM stage_counts"):
        counts[Stage(stage)] = count
    return counts


def conditions_of(db: sqlite3.Connection, ids: list[int]) -> dict[int, list[Condition]]:
    """The offer conditions of these applications, by application id."""
    result: dict[int, list[Condition]] = defaultdict(list)
    if not ids:
        return result
    cursor = db.execute(
        f"SELECT * FROM conditions WHERE application_id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY id",
        ids,
    )
    names = [column[0] for column in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        result[row["application_id"]].append(condition_from_row(row))
    return result
