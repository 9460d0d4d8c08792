"""Lines that wrap with a hanging indent: a history line too long for the screen continues
under its text, not under its date.

Textual wraps text at the widget's left edge. This is a Textual ``Visual`` (the public protocol
that a ``Static`` draws): each line says how far its continuation lines are indented, and is
wrapped with :meth:`Content.wrap` at the width it is drawn at.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

HangingLine = tuple[Content, int]
"""A line and the cells its continuation lines are indented by."""


def hang(line: Content, indent: int, width: int) -> list[Content]:
    """``line`` wrapped to ``width`` cells, every line after the first indented by ``indent``.

    When the width leaves under 20 cells beside the indent, the continuation is indented by 2
    only; under 10 even so, the line wraps at the left edge as plain text does.
    """
    if width <= 0 or cell_len(line.plain) <= width:
        return [line]
    if width - indent < 20:
        indent = min(indent, 2)
    if width - indent < 10:
        return line.wrap(width)
    first = line.wrap(width)[0]
    rest = line[len(first.plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
    if not rest.plain:
        return [first]
    pad = Content(" " * indent)
    return [first, *(pad + piece for piece in rest.wrap(width - indent))]


class HangingLines(Visual):
    """Lines drawn one under the other, each wrapped with its own hanging indent."""

    def __init__(self, lines: Sequence[HangingLine]) -> None:
        self._lines = tuple(lines)
        self._wrapped: tuple[int, list[Content]] | None = None

    def __str__(self) -> str:
        """The lines' plain text, unwrapped (what a test or a screen reader reads)."""
        return "\n".join(line.plain for line, _ in self._lines)

    def wrapped(self, width: int) -> list[Content]:
        """Every line wrapped to ``width`` cells (kept for the last width asked)."""
        if self._wrapped is None or self._wrapped[0] != width:
            lines = [piece for line, indent in self._lines for piece in hang(line, indent, width)]
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The widest line, unwrapped."""
        return max((cell_len(line.plain) for line, _ in self._lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """How many lines the wrapped text takes at ``width``."""
        return len(self.wrapped(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Draw the wrapped lines (each fits ``width`` already); an empty line draws nothing,
        so Textual fills it exactly as it fills the margin beside it."""
        text = Content("\n").join(self.wrapped(width))
        strips = text.render_strips(width, height, style, options)
        return [strip if strip.cell_length else Strip([]) for strip in strips]
