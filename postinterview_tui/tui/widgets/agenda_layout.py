"""Where each heading, row and rule of an agenda list is, in lines (no widget).

Headings take one line, rows ``row_height`` lines, and one rule separates two groups, so every
position is known from the counts alone: nothing is measured, and finding what is drawn on a
line is a binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from textual.content import Content


@dataclass(frozen=True, slots=True)
class AgendaGroup:
    """A heading and the keys of the rows under it, in display order."""

    heading: Content
    keys: tuple[Hashable, ...]


class AgendaLayout:
    """The lines of grouped rows: built once per set of groups, O(groups + rows)."""

    def __init__(self, groups: Sequence[AgendaGroup], row_height: int) -> None:
        self.row_height = row_height
        self.groups: tuple[AgendaGroup, ...] = tuple(group for group in groups if group.keys)
        """The groups shown (empty groups are left out)."""
        self.keys: tuple[Hashable, ...] = tuple(key for group in self.groups for key in group.keys)
        """Every row's key, top to bottom."""
        self.index: dict[Hashable, int] = {key: row for row, key in enumerate(self.keys)}
        """key -> row, so keeping or selecting a key costs O(1)."""
        # Per group: its first row's position, and the virtual line of its heading.
        self.first_row: list[int] = []
        self.first_line: list[int] = []
        row = line = 0
        for number, group in enumerate(self.groups):
            if number:
                line += 1  # the rule between two groups
            self.first_row.append(row)
            self.first_line.append(line)
            row += len(group.keys)
            line += 1 + len(group.keys) * row_height
        self.line_total = line
        """Lines needed to draw everything."""

    def group_of(self, row: int) -> int:
        """The group ``row`` belongs to."""
        return bisect_right(self.first_row, row) - 1

    def row_line(self, row: int) -> int:
        """The virtual line where ``row`` starts."""
        group = self.group_of(row)
        return self.first_line[group] + 1 + (row - self.first_row[group]) * self.row_height

    def locate(self, virtual_y: int) -> tuple[str, int, int]:
        """What is drawn on virtual line ``virtual_y``.

        Returns:
            ("row", row, line within the row), ("heading", group, 0), ("rule", group, 0)
            or ("none", 0, 0) past the end.
        """
        if not 0 <= virtual_y < self.line_total:
            return ("none", 0, 0)
        group = bisect_right(self.first_line, virtual_y) - 1
        offset = virtual_y - self.first_line[group]
        if offset == 0:
            return ("heading", group, 0)
        rows, line = divmod(offset - 1, self.row_height)
        if rows < len(self.groups[group].keys):
            return ("row", self.first_row[group] + rows, line)
        return ("rule", group, 0)

    def row_at(self, virtual_y: int) -> int | None:
        """The row drawn on virtual line ``virtual_y``, if a row is drawn there."""
        kind, row, _line = self.locate(virtual_y)
        return row if kind == "row" else None
