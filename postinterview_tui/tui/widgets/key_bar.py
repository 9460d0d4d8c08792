"""The key bar at the foot of every screen: one widget drawing one line of keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEPT_ACTIONS = frozenset({"app.show_help"})
"""Actions whose key stays on the bar when the others do not fit: help lists every key."""

SEPARATOR = "▏"
"""Between the keys and the command-palette key on the right (as Textual's Footer draws it)."""


class Key(NamedTuple):
    """One key as the bar shows it: everything its drawing depends on."""

    key: str
    """The key pressed when the entry is clicked."""
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str


Keys = tuple[tuple[Key, ...], Key | None]
"""The keys on the left, in order, and the command-palette key (right), if any."""


class Span(NamedTuple):
    """Where a key was drawn on the line, for the mouse."""

    start: int
    end: int
    key: Key


class KeyBar(Widget):
    """The keys a screen offers, drawn as one line by one widget.

    Textual's Footer mounts a widget for every key (15 or more on the detail and the review),
    and every widget costs a pass over the style rules, layout and drawing as a screen opens;
    moving between board columns restyled the keys whose enabled state changed. This widget
    reads the screen's active bindings (the public API the Footer uses too), and redraws its
    one line only when what it shows has changed: a key, its words, or whether it is enabled.

    When the keys do not fit, the bar first draws them closer together (as Textual's compact
    footer does), then leaves out whole keys from the end of the line, keeping the help key
    (help lists every key, and the command palette runs any of them).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--disabled",
        "key-bar--hover",
        "key-bar--separator",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._keys: Keys | None = None
        """What the line shows (None until first drawn: it reads the keys of that moment)."""
        self._line: Strip | None = None
        self._spans: list[Span] = []
        self._hover: Key | None = None
        self._stale = False
        """The keys were announced as changed and have not been read since."""

    # -- what it shows -----------------------------------------------------------------------

    def shown_keys(self, screen: Screen[Any]) -> Keys:
        """The keys the bar shows for ``screen``: one per action, first binding first, as
        Textual's Footer shows them; the command-palette key apart, drawn on the right."""
        app = screen.app
        palette_key = app.COMMAND_PALETTE_BINDING
        keys: list[Key] = []
        actions: set[str] = set()
        palette: Key | None = None
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
            if key == palette_key:
                if app.ENABLE_COMMAND_PALETTE:
                    tip = binding.tooltip or binding.description
                    palette = Key(key, app.get_key_display(binding), binding.description,
                                  binding.action, enabled, tip)  # fmt: skip
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                display = app.get_key_display(binding)
                keys.append(
                    Key(binding.key, display, binding.description, binding.action, enabled, tooltip)
                )
        return tuple(keys), palette

    def on_mount(self) -> None:
        # Told as the keys change (immediate), so that a frame drawn meanwhile counts as
        # having read them; worked out after the message that changed them.
        self.screen.bindings_updated_signal.subscribe(self, self._announced, immediate=True)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _announced(self, screen: Screen[Any]) -> None:
        """The screen's keys may have changed: look once the current message is handled.

        Nothing is looked at before the first frame, which reads the keys of its moment (a
        screen opening announces its keys before it is drawn), nor twice for announcements
        made before one look.
        """
        if self._keys is None or self._stale:
            return
        self._stale = True
        self.call_next(self.bindings_changed, screen)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Redraw the line when the keys it would show differ from the ones drawn.

        Nothing is worked out when a frame drawn since the announcement read them, nor while
        another screen covers this one (the board under the detail: Textual announces its
        keys again when it is back on top).
        """
        if not self._stale:
            return
        self._stale = False
        if screen is not screen.app.screen:
            return
        self._read(screen)

    def _read(self, screen: Screen[Any]) -> None:
        keys = self.shown_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self._line = None
            self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: the line may now have other colours."""
        super().notify_style_update()
        self._line = None

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The bar's one line, drawn again only when its keys, width or colours changed."""
        width = self.size.width
        if self._keys is None or self._stale:
            self._stale = False
            self._read(self.screen)
        line = self._line
        if line is None or line.cell_length != width:
            line = self._line = self._draw(width)
        return line if y == 0 else Strip.blank(width, self.get_visual_style().rich_style)

    def _draw(self, width: int) -> Strip:
        assert self._keys is not None
        keys, palette = self._keys
        base = self.get_visual_style().rich_style
        right = self._pieces(palette, compact=True, palette=True) if palette else []
        right_cells = _cells(right)
        shown, compact = _fitted(keys, width - right_cells)
        segments: list[Segment] = []
        spans: list[Span] = []
        x = 0
        for key in shown:
            pieces = self._pieces(key, compact=compact)
            segments.extend(pieces)
            spans.append(Span(x, x + _cells(pieces), key))
            x = spans[-1].end
        if palette and right_cells <= width - x:
            segments.append(Segment(" " * (width - x - right_cells), base))
            segments.extend(right)
            spans.append(Span(width - right_cells + len(SEPARATOR), width, palette))
        self._spans = spans
        return Strip(segments).crop_extend(0, width, base)

    def _pieces(self, key: Key, *, compact: bool, palette: bool = False) -> list[Segment]:
        """``key`` drawn: the key, then its words, in the theme's footer colours."""
        state: tuple[str, ...] = ()
        if key == self._hover:
            state += ("key-bar--hover",)
        if not key.enabled:
            state += ("key-bar--disabled",)
        style = self.get_visual_style
        key_style = style(*state, "key-bar--key").rich_style
        words_style = style(*state).rich_style
        pieces = []
        if palette:
            pieces.append(Segment(SEPARATOR, style("key-bar--separator").rich_style))
        if compact:
            pieces.append(Segment(key.display, key_style))
            if key.description:
                pieces.append(Segment(f" {key.description}", words_style))
            # Textual's compact footer keeps keys apart by a margin: the bar's own colours.
            pieces.append(Segment(" ", style().rich_style))
        else:
            pieces.append(Segment(f" {key.display} ", key_style))
            if key.description:
                pieces.append(Segment(f"{key.description} ", words_style))
        return pieces

    # -- mouse -------------------------------------------------------------------------------

    def drawn(self) -> list[Span]:
        """The keys on the line as last drawn, left to right, with their columns."""
        return list(self._spans)

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x``, if any."""
        return next((span.key for span in self._spans if span.start <= x < span.end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key acts as the key does (a disabled key rings the bell), as on
        Textual's Footer."""
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovered(self.key_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._hovered(None)

    def _hovered(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key and key.tooltip else None
            self._line = None
            self.refresh()


def _cells(segments: list[Segment]) -> int:
    return sum(segment.cell_length for segment in segments)


def _width(key: Key, *, compact: bool) -> int:
    """Cells ``key`` takes: " k words " spaced, "k words " compact (as KeyBar._pieces)."""
    words = cell_len(key.description) + 1 if key.description else 0
    return cell_len(key.display) + (1 if compact else 2) + words


def _fitted(keys: tuple[Key, ...], room: int) -> tuple[list[Key], bool]:
    """The keys that fit in ``room`` cells, and whether compact: spaced as Textual's footer
    spaces them, else compact, else without keys from the end (the help key kept)."""
    for compact in (False, True):
        if sum(_width(key, compact=compact) for key in keys) <= room:
            return list(keys), compact
    shown = list(keys)
    while shown and sum(_width(key, compact=True) for key in shown) > room:
        dropped = next(
            (at for at in reversed(range(len(shown))) if shown[at].action not in KEPT_ACTIONS),
            len(shown) - 1,
        )
        del shown[dropped]
    return shown, True
