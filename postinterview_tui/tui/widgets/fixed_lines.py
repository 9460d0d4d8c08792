"""``Content`` drawn into a fixed number of lines of a fixed width, without measuring it."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style


def fixed_lines(
    content: Content,
    style: Style,
    height: int,
    width: int,
) -> list[Strip]:
    """``content`` as exactly ``height`` lines of exactly ``width`` cells, over ``style``.

    Style names in the text ("bold $error") are resolved by Content's own parser: the one
    Textual's widgets pass instead (``Widget._get_style``) is private, and draws these rows
    the same (the review snapshots are unchanged).
    """
    rich_style = style.rich_style
    lines = content.split("\n", allow_blank=True)[:height]
    strips = []
    for line in lines:
        # Cut here rather than let the text wrap: a wrapped row would change the row's
        # height, and heights are what make the list cheap. Each line goes straight to
        # segments: Textual's general path (wrapping, alignment, links) cost more than the
        # rest of opening the review, and a row line needs none of it.
        fitted = line.truncate(width, ellipsis=True) if line.cell_length > width else line
        segments = [
            Segment(text, (style + part).rich_style) for text, part in fitted.render(style, end="")
        ]
        # Padded to the width as one strip: extending and cropping a strip builds a new one
        # each time, and a screen of rows drew three strips per line.
        pad = width - fitted.cell_length
        if pad > 0:
            segments.append(Segment(" " * pad, rich_style))
        strips.append(Strip(segments, width) if pad >= 0 else Strip(segments).crop(0, width))
    strips.extend(Strip.blank(width, rich_style) for _ in range(height - len(strips)))
    return strips
