"""Text and JSON output for the command line. User text never reaches the terminal raw."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.domain.agenda import AgendaItem
from postinterview_tui.domain.agenda_groups import shown_groups
from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.rules import ActionItem, DueStatus
from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.domain.wording import ACTION_LABELS, DueWording, due_words, let_go_words


def rfc3339(moment: DateTime | None, zone: Timezone) -> str | None:
    """An instant as RFC 3339 with seconds and the local offset."""
    if moment is None:
        return None
    return moment.in_timezone(zone).replace(microsecond=0).isoformat()


def clean_line(text: str) -> str:
    """Exactly :func:`safe_line`, faster for the usual text that holds nothing to remove.

    Every character ``safe_line`` removes or folds (controls, direction marks, line breaks,
    surrogates) is one that ``str.isprintable`` rejects, so printable text only needs the
    ``strip()`` that ``safe_line`` ends with. ``today`` cleans two strings per row.
    """
    return text.strip() if text.isprintable() else safe_line(text)


def summary_json(
    summary: ApplicationSummary, action: ActionItem | None, zone: Timezone
) -> dict[str, Any]:
    """One application for ``list --json``."""
    return {
        "id": summary.id,
        "company": summary.company,
        "role": summary.role,
        "stage": str(summary.stage),
        "created_at": rfc3339(summary.created_at, zone),
        "updated_at": rfc3339(summary.updated_at, zone),
        "next_action": str(action.action) if action else None,
        "next_due": rfc3339(action.due, zone) if action else None,
    }


def agenda_json(item: AgendaItem, zone: Timezone) -> dict[str, Any]:
    """One agenda item for ``today --json``."""
    return {
        "application_id": item.application_id,
        "company": item.company,
        "role": item.role,
        "stage": str(item.stage),
        "action": str(item.action),
        "due": rfc3339(item.due, zone),
        "status": str(item.status),
        "detail": item.detail,
    }


def list_lines(
    rows: list[tuple[ApplicationSummary, ActionItem | None]],
    now: DateTime,
    zone: Timezone,
    width: int | None = None,
) -> list[str]:
    """``list`` as aligned text lines; on a terminal ``width`` wide, two lines an application
    when one would wrap."""
    entries: list[tuple[str, str, str, str]] = []
    for summary, action in rows:
        name = clean_line(f"{summary.company} — {summary.role}")
        next_part = ""
        if action is not None:
            next_part = (
                f"{ACTION_LABELS[action.action]} {due_words(action.action, action.due, now, zone)}"
            )
        entries.append((f"{summary.id:>5}", name, summary.stage.label, next_part))
    wide = [
        f"{id_}  {shorten(name, 48):<48}  {stage:<15} {next_part}".rstrip()
        for id_, name, stage, next_part in entries
    ]
    if fits(wide, width):
        return wide
    assert width is not None
    return [
        line
        for id_, name, stage, next_part in entries
        for line in _two_lines(
            id_ + "  ", name, " · ".join(filter(None, (stage, next_part))), width
        )
    ]


def agenda_lines(
    items: list[AgendaItem], now: DateTime, zone: Timezone, width: int | None = None
) -> list[str]:
    """``today`` as text in the review's groups (:func:`.agenda_groups.group_agenda`); on a
    terminal ``width`` wide, two lines an item when one would wrap. ``items`` are an agenda in
    its order, as ``build_agenda`` and the store's ``stored_agenda`` give it."""
    wording = DueWording(now, zone)  # one ``now`` for every row
    groups = [
        (group.heading, [_agenda_entry(item, wording) for item in group.items])
        for group in shown_groups(items, in_order=True)
    ]
    one_line = [
        (heading, [_agenda_line(entry) for entry in entries]) for heading, entries in groups
    ]
    if fits([line for _, rows in one_line for line in rows], width):
        return _with_headings(one_line)
    assert width is not None
    two_lines = [
        (
            heading,
            [
                line
                for number, name, action, when, detail in entries
                for line in _two_lines(
                    f"  #{number} ", name, " · ".join(filter(None, (action, when, detail))), width
                )
            ],
        )
        for heading, entries in groups
    ]
    return _with_headings(two_lines)


def _with_headings(groups: list[tuple[str, list[str]]]) -> list[str]:
    # Each group under its heading, a blank line between groups.
    lines: list[str] = []
    for heading, rows in groups:
        if lines:
            lines.append("")
        lines.append(heading)
        lines.extend(rows)
    return lines


def _agenda_entry(item: AgendaItem, wording: DueWording) -> tuple[int, str, str, str, str]:
    # Number, name, action, when and detail, each cleaned for the terminal.
    when = wording.due_words(item.action, item.due)
    detail = clean_line(item.detail) if item.detail else ""
    if item.status is DueStatus.GONE_QUIET:
        # Advice, not a lateness: the question it asks, with since when.
        when, detail = clean_line(let_go_words(item.detail)), ""
    name = clean_line(f"{item.company} — {item.role}")
    return item.application_id, name, ACTION_LABELS[item.action], when, detail


def _agenda_line(entry: tuple[int, str, str, str, str]) -> str:
    number, name, action, when, detail = entry
    tail = f"  · {detail}" if detail else ""
    return f"  #{number:<5} {shorten(name, 40):<40}  {action:<18} {when}{tail}"


def terminal_width() -> int | None:
    """The width of the terminal the output goes to, or ``None`` when it goes to a pipe or a
    file (scripts get the same one-line layout whatever the terminal)."""
    if not sys.stdout.isatty():
        return None
    import shutil  # for a terminal only: scripts reading a pipe do not load it

    return shutil.get_terminal_size().columns


def fits(lines: list[str], width: int | None) -> bool:
    """Whether every line fits a terminal ``width`` columns wide (``None``: not a terminal)."""
    return width is None or all(cells(line) <= width for line in lines)


def cells(text: str) -> int:
    """The columns ``text`` takes on a terminal: East Asian wide characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def cut_to_cells(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, ending with an ellipsis when cut."""
    if cells(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += cells(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _two_lines(start: str, name: str, rest: str, width: int) -> list[str]:
    # The name after its number, then what is next indented under it, each cut to the width.
    indent = " " * len(start)
    return [cut_to_cells(start + name, width), cut_to_cells(indent + rest, width)]
