"""A line that stands in for what a screen is still reading ("Reading your history…").

A screen yields one where its content will go, and replaces its text (``update``) once the read
arrives. If the read fails, :mod:`..screens.reads` turns every line still pending on that screen
into a plain "could not be read" line, so no screen is left saying it is still reading.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static

READ_FAILED = "This could not be read (nothing was changed). Press escape to go back."


class PendingRead(Static):
    """A placeholder Static that knows whether it was ever replaced."""

    def __init__(self, waiting: str, *, id: str | None = None) -> None:  # noqa: A002
        """``waiting``: what is shown until the read arrives ("Loading…")."""
        super().__init__(waiting, id=id, markup=False)
        self.pending = True

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show ``content``: the read arrived, this line no longer waits for it."""
        self.pending = False
        super().update(content, layout=layout)

    def read_failed(self) -> None:
        """Say the read failed, if nothing replaced the placeholder yet."""
        if self.pending:
            self.update(READ_FAILED)
