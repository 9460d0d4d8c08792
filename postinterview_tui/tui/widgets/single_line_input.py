"""An Input that does not silently drop the rest of a multi-line paste."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class SingleLineInput(Input):
    """A one-line input: a pasted block of several lines is joined with spaces, and the
    input says so, instead of keeping only the first line as a plain Input does."""

    class LinesJoined(Message):
        """A multi-line paste was joined onto one line."""

        def __init__(self, field: SingleLineInput, line_count: int) -> None:
            super().__init__()
            self.field = field
            self.line_count = line_count

    def on_paste(self, event: events.Paste) -> None:
        """Join a multi-line paste (the public Paste handler runs before Input's own, which
        ``prevent_default`` then skips)."""
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            # prevent_default keeps Input's own handler from inserting the first line again.
            event.prevent_default()
            event.stop()
            joined = " ".join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
            self.post_message(self.LinesJoined(self, len(lines)))
            return
        # A single line: Input's own handler (run after this one) inserts it.
