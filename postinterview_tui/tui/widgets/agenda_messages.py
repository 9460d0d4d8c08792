"""The messages an agenda list posts: a row highlighted, a row chosen.

Declared with ``namespace="agenda_list"`` so their handlers are named as if nested in
:class:`~postinterview_tui.tui.widgets.agenda_list.AgendaList`, which names them.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.message import Message
from textual.widget import Widget


class AgendaMessage(Message, namespace="agenda_list"):
    """Base of the messages an agenda list posts."""

    def __init__(self, agenda_list: Widget, key: Hashable, index: int) -> None:
        super().__init__()
        self.agenda_list: Widget = agenda_list
        """The list that posted the message."""
        self.key: Hashable = key
        """The row's key."""
        self.index: int = index
        """The row's position among the rows (headings not counted)."""

    @property
    def control(self) -> Widget:
        """The list, so ``@on(AgendaList.RowSelected, "#review-list")`` selectors work."""
        return self.agenda_list


class RowHighlighted(AgendaMessage, namespace="agenda_list"):
    """The row under the cursor changed (posted once per change of key)."""


class RowSelected(AgendaMessage, namespace="agenda_list"):
    """A row was chosen: enter, or a click."""


class NearEnd(Message, namespace="agenda_list"):
    """The cursor or the view came near the last row listed: a list read a page at a time
    reads on (posted on every such move; the reader knows whether a read is under way)."""

    def __init__(self, agenda_list: Widget, *, to_the_end: bool = False) -> None:
        super().__init__()
        self.agenda_list: Widget = agenda_list
        """The list that posted the message."""
        self.to_the_end = to_the_end
        """The user asked for the last row (end): read every row left, then go to it."""

    @property
    def control(self) -> Widget:
        """The list, so ``@on(AgendaList.NearEnd, "#review-list")`` selectors work."""
        return self.agenda_list
