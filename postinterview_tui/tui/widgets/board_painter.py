"""How the board view's lines are drawn: headings, card lines and separators, in pieces.

A line of the board is a piece of every column side by side; each piece is cached by what it
shows (a card's face, not its id), so a redraw rebuilds only what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache

from postinterview_tui.tui.widgets.board_column import ColumnView, Segments
from postinterview_tui.tui.widgets.card_face import fit_cells

StyleOf = Callable[..., RichStyle]
"""Resolves component class names to a style (the widget's ``get_visual_style``)."""


class BoardPainter:
    """Draws and caches the pieces of the board view's lines."""

    def __init__(self, style_of: StyleOf, *, empty_text: str, card_height: int) -> None:
        """Create a painter with empty caches.

        Args:
            style_of: Resolves component class names (``"board-view--title"``) to a style.
            empty_text: Shown (dimmed) in a column with no cards and no fold row.
            card_height: Lines per card, the spacer included.
        """
        self._style_of = style_of
        self._empty_text = empty_text
        self.card_height = card_height
        # Drawn pieces of lines, keyed by what they depend on (a card's face, not its id, so
        # they survive set_cards when a card did not change); cleared when styles change.
        self._pieces: LRUCache[tuple[object, ...], Segments] = LRUCache(2048)
        # Resolved component styles: resolving one costs more than drawing a line.
        self._styles: dict[tuple[str, ...], RichStyle] = {}

    def forget_pieces(self) -> None:
        """Drop drawn pieces (the width changed)."""
        self._pieces.clear()

    def forget_styles(self) -> None:
        """Drop pieces and styles (theme, CSS or focus changed)."""
        self._pieces.clear()
        self._styles.clear()

    def _style(self, *names: str) -> RichStyle:
        # get_visual_style resolves the component classes against the current theme and blends
        # translucent backgrounds over the widget's own. Focus is in the names (``-focused``).
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self._style_of(*names)
        return style

    def heading(
        self,
        column: ColumnView,
        current: bool,
        width: int,
        more_left: bool = False,
        more_right: bool = False,
    ) -> Segments:
        """The heading of a column, ``width`` cells with its separator; "‹" or "›" at its
        edge when more columns are scrolled off on that side."""
        key = ("heading", column.heading, current, width, more_left, more_right)
        piece = self._pieces.get(key)
        if piece is None:
            names = ("board-view--heading", "board-view--heading-current")
            style = self._style(*(names if current else names[:1]))
            if width < 2:
                piece = (Segment(" " * width, style),)
            else:
                text = f"{'‹' if more_left else ' '}{column.heading}"
                if more_right and width > 4:
                    text = fit_cells(text, width - 3) + " ›"
                piece = (
                    Segment(fit_cells(text, width - 1), style),
                    Segment("▕", self._style("board-view--separator")),
                )
            self._pieces[key] = piece
        return piece

    def separator(self, column: ColumnView, body_y: int, view: int) -> Segments:
        """The column's right-hand cell; a thumb shows where the view is in a long column."""
        total = column.virtual_height
        if total > view > 0:
            thumb = max(1, view * view // total)
            top = (column.scroll_y * (view - thumb) + (total - view) // 2) // (total - view)
            if top <= body_y < top + thumb:
                return (Segment("▐", self._style("board-view--thumb")),)
        return (Segment("▕", self._style("board-view--separator")),)

    def body(self, column: ColumnView, focused: bool, body_y: int, width: int) -> Segments:
        """A column's card area on line ``body_y`` of the body, ``width`` cells."""
        if width <= 0:
            return ()
        virtual_y = body_y + column.scroll_y
        row = column.row_at(virtual_y)
        if row is None:
            if virtual_y == 0 and not column.row_count:
                key: tuple[object, ...] = ("empty", width)
                if (piece := self._pieces.get(key)) is None:
                    piece = self._text_piece((), "board-view--empty", self._empty_text, "", width)
                    self._pieces[key] = piece
                return piece
            return (Segment(" " * width, self._style()),)
        on_cursor = row == column.cursor
        if row == len(column.ids):
            key = ("fold", column.folded_more, column.more_counted, on_cursor, width, focused)
            line = 0
        else:
            line = virtual_y - row * self.card_height
            key = ("card", column.face(column.ids[row]), line, on_cursor, width, focused)
        if (piece := self._pieces.get(key)) is None:
            piece = self._draw_row_line(column, row, line, on_cursor, focused, width)
            self._pieces[key] = piece
        return piece

    def _text_piece(
        self, names: tuple[str, ...], text_class: str, text: str, bar: str, width: int
    ) -> Segments:
        """One line: a 1-cell bar, a space, the text cut to fit, a space on the right.

        The spaces take the text's style: a space looks the same in any foreground colour, and
        every segment costs time on each frame (Textual rebuilds each one in its filters).
        """
        text_style = self._style(*names, text_class)
        if width < 4:  # too narrow for margins: text only.
            return (Segment(fit_cells(text, width), text_style),)
        body = f" {fit_cells(text, width - 3)} "
        if not bar:
            return (Segment(f" {body}", text_style),)
        bar_class = "board-view--bar-focused" if bar == "▌" else "board-view--bar"
        return (Segment(bar, self._style(*names, bar_class)), Segment(body, text_style))

    def _draw_row_line(
        self, column: ColumnView, row: int, line: int, on_cursor: bool, focused: bool, width: int
    ) -> Segments:
        """Draw line ``line`` of row ``row`` (a card, or the fold row)."""
        names: tuple[str, ...] = ()
        if on_cursor:
            names = ("board-view--cursor-focused",) if focused else ("board-view--cursor",)
        # A heavy bar when focused, a thin one when not: the cursor reads without colour too.
        bar = ("▌" if focused else "│") if on_cursor else ""
        if row == len(column.ids):
            text = f"+ {column.folded_more:,} more" if column.more_counted else "+ more"
            return self._text_piece(names, "board-view--fold", text, bar, width)
        if line >= self.card_height - 1:
            return (Segment(" " * width, self._style()),)  # spacer between cards
        face = column.face(column.ids[row])
        names = ("board-view--card", *names)
        if line == 0:
            return self._text_piece(names, "board-view--title", face.title, bar, width)
        if line == 1:
            return self._text_piece(names, "board-view--subtitle", face.subtitle, bar, width)
        if line == 2:
            status = f"{face.symbol} {face.status}" if face.symbol else face.status
            # The short form as soon as the whole line (symbol included) would be cut, the
            # shortest when that would be too: the text gets ``width - 3`` cells (_text_piece).
            for shorter in (face.short_status, face.shortest_status):
                if shorter and cell_len(status) > width - 3:
                    status = f"{face.symbol} {shorter}" if face.symbol else shorter
            return self._text_piece(names, f"board-view--{face.tone}", status, bar, width)
        return self._text_piece(names, "board-view--subtitle", "", bar, width)  # taller cards
