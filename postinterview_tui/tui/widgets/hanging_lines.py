"""Lines that wrap with a hanging indent: a history line too long for the screen continues
under its text, not under its date.

Textual wraps text at the widget's left edge. This is a Textual ``Visual`` (the public protocol
that a ``Static`` draws): each line says how far its continuation lines are indented, and is
wrapped with :meth:`Content.wrap` at the width it is drawn at. The lines are wrapped once per
width, and each wrapped line is drawn when it is first asked for, again only when its wrapped
text or the style changes: a page drawn a line at a time (widgets/hanging_page.py) draws only
the lines on screen, and a new width redraws only the lines it wraps differently.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.css.styles import RulesMap
from textual.selection import Selection
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
        # Drawn lines by their number, with the wrapped line each was drawn from, for the
        # style they were drawn with. A line that fits is wrapped to itself at any width, so
        # its drawing still holds when the width changes (as when the screen shows its
        # scrollbar after the first frame of a long page).
        self._drawn: tuple[Style, dict[int, tuple[Content, Strip]]] | None = None

    def __str__(self) -> str:
        """The lines' plain text, unwrapped (what a test or a screen reader reads)."""
        return "\n".join(line.plain for line, _ in self._lines)

    def wrapped(self, width: int) -> list[Content]:
        """Every line wrapped to ``width`` cells (kept for the last width asked)."""
        if self._wrapped is None or self._wrapped[0] != width:
            lines = [piece for line, indent in self._lines for piece in hang(line, indent, width)]
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def strip(
        self,
        y: int,
        width: int,
        style: Style,
        selection: Selection | None = None,
        selection_style: Style | None = None,
    ) -> Strip:
        """Wrapped line ``y`` at ``width`` drawn over ``style``, as a Static draws it (each cell
        knows its place, for selecting text with the mouse); empty past the last line.

        The part of the line inside ``selection`` is drawn in ``selection_style``, uncached (a
        selection changes as the mouse moves; the lines outside it stay cached).
        """
        lines = self.wrapped(width)
        if not 0 <= y < len(lines):
            return Strip([])
        line = lines[y]
        if (
            selection is not None
            and selection_style is not None
            and (span := selection.get_span(y)) is not None
        ):
            start, end = span
            line = line.stylize(selection_style, start, len(line) if end == -1 else end)
            return _draw(line, y, style)
        if self._drawn is None or self._drawn[0] != style:
            self._drawn = (style, {})
        drawn = self._drawn[1]
        cached = drawn.get(y)
        if cached is not None and cached[0] is line:
            return cached[1]
        strip = _draw(line, y, style)
        drawn[y] = (line, strip)
        return strip

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """The widest line, unwrapped."""
        return max((cell_len(line.plain) for line, _ in self._lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """How many lines the wrapped text takes at ``width``."""
        return len(self.wrapped(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Draw the wrapped lines (each fits ``width`` already), ``height`` of them at most."""
        count = len(self.wrapped(width))
        return [
            self.strip(y, width, style, options.selection, options.selection_style)
            for y in range(count if height is None else min(count, height))
        ]


def _draw(line: Content, y: int, style: Style) -> Strip:
    """One line that fits its width as segments over ``style``, each carrying its offset as
    Textual's own text does (a text selection is found from them); an empty line draws
    nothing, so Textual fills it exactly as it fills the margin beside it."""
    if not line.plain:
        return Strip([])
    segments = []
    x = 0
    # Style names ("bold $accent") are parsed by Content with the running app's variables.
    for text, part in line.render(style, end=""):
        segments.append(Segment(text, (style + part).rich_style_with_offset(x, y)))
        x += len(text)
    return Strip(segments, line.cell_length)
