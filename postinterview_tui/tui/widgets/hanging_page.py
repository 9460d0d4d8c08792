"""A page of lines with hanging indents, drawn a line at a time (Textual's line API).

A ``Static`` draws its whole text into lines each time it is refreshed, every line of it even
when the screen shows a few, through Textual's general path for text (wrapping, alignment,
links). This page wraps its lines once per width (its height is theirs: the screen around it
scrolls it) and draws a line only when Textual asks for it, once per width and style
(:class:`HangingLines` keeps them). It is a ``Static`` still: its text is read, updated and
styled as a Static's is.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Static

from postinterview_tui.tui.widgets.hanging_lines import HangingLines

_Frame = tuple[int, Style, Selection | None, Style | None]
"""What drawing a line of the page depends on: the width, the style, the selection and its
style."""


class HangingPage(Static):
    """A ``Static`` showing :class:`HangingLines`, each line drawn when it is first shown."""

    def __init__(self, lines: HangingLines, *, id: str | None = None) -> None:
        """``lines``: what the page shows; replace them with :meth:`Static.update`."""
        super().__init__(lines, id=id)
        self._frame: _Frame | None = None  # while render_lines draws a frame

    @property
    def lines(self) -> HangingLines:
        """What the page shows."""
        lines = self.visual
        assert isinstance(lines, HangingLines), "a page shows HangingLines only"
        return lines

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw a frame: the width, the style and the selection are worked out once, not for
        every line (asking the size and the selection cost as much as a drawn line)."""
        self._frame = self._drawing()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the page as wrapped to its width (the part selected with the mouse
        drawn as Textual draws a selection)."""
        return self.lines.strip(y, *(self._frame or self._drawing()))

    def _drawing(self) -> _Frame:
        selection = self.text_selection
        selection_style = (
            None
            if selection is None
            else Style.from_styles(self.screen.get_component_styles("screen--selection"))
        )
        return self.size.width, self.visual_style, selection, selection_style

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text selected with the mouse, as the lines are drawn (wrapped)."""
        wrapped = self.lines.wrapped(self.size.width)
        return selection.extract("\n".join(line.plain for line in wrapped)), "\n"
