"""Where the board's columns go across its width (which are shown, each one's x and width),
and how far a column scrolls to show its cursor.

Pure arithmetic, no widget: the board view asks it on a resize or when the current column
changes.
"""

from __future__ import annotations


def visible_columns(
    count: int, width: int, current: int, first: int, *, all_min_width: int, scrolled_width: int
) -> tuple[int, int]:
    """(first, how many) of ``count`` columns shown side by side in ``width`` cells.

    Every column fits while each gets ``all_min_width`` cells; narrower, as many columns of
    ``scrolled_width`` or more as fit, starting near ``first`` and moved just enough that the
    ``current`` one is among them.
    """
    if width >= count * all_min_width:
        return 0, count
    shown = max(1, min(count, width // scrolled_width))
    first = min(max(first, current - shown + 1), current)
    first = max(0, min(first, count - shown))
    return first, shown


def column_spans(count: int, width: int, first: int, shown: int) -> tuple[tuple[int, int], ...]:
    """The x and width of every column (0 wide when scrolled out of view); the shown columns
    share ``width``, the leftmost ones one cell wider when it does not divide evenly."""
    base, extra = divmod(width, shown)
    spans = []
    x = 0
    for index in range(count):
        position = index - first
        if not 0 <= position < shown:
            spans.append((x, 0))
            continue
        column_width = base + (1 if position < extra else 0)
        spans.append((x, column_width))
        x += column_width
    return tuple(spans)


def scroll_to_show(top: int, height: int, scroll: int, view: int, virtual_height: int) -> int:
    """The scroll position nearest ``scroll`` that shows lines ``top`` to ``top + height``
    whole in a ``view`` lines tall window on ``virtual_height`` lines."""
    if top < scroll:
        scroll = top
    elif top + height > scroll + view:
        scroll = top + height - view
    most = max(virtual_height - view, 0)
    return max(0, min(scroll, most))
