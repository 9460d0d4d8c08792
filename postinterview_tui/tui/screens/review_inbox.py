"""The review's Inbox group: proposals from ingested mail, at the top of the daily review.

Rows are keyed by :class:`InboxKey`; the review's own actions ignore them (they are not agenda
items) and these actions ignore agenda rows. Accepting runs the store's inbox actions off the
event loop, then the review reads again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from pendulum import Timezone
from textual.content import Content

from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.inbox.proposals import Step
from postinterview_tui.inbox.records import InboxEntry
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import Services, UsesServices
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.widgets.agenda_list import AgendaList

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from postinterview_tui.storage.inbox_accept import Accepted

log = logging.getLogger(__name__)

INBOX_SYMBOL = "✉"
INBOX_HINT = "a accepts · x dismisses · l links to another application · e explains"


class InboxKey(NamedTuple):
    """What identifies an inbox row in the review."""

    entry_id: int


def inbox_row(entry: InboxEntry, zone: Timezone) -> Content:
    """Two lines: "Acme: rejection: close it as not selected?", then who wrote and when."""
    received = entry.received_at.in_timezone(zone).format("ddd D MMM")
    who = safe_line(entry.from_name or entry.from_address)
    return Content.assemble(
        (INBOX_SYMBOL, "bold $accent"),
        " ",
        (safe_line(entry.company or "Unmatched"), "bold"),
        f": {entry.kind}: ",
        safe_line(entry.words),
        "\n   ",
        (f"{who} · “{shorten(safe_line(entry.subject), 50)}” · {received}", "$text-muted"),
    )


class InboxRowActions(UsesServices):
    """The review's inbox keys: accept, dismiss, link, explain (mixed into the screen)."""

    def current_inbox_entry(self) -> InboxEntry | None:
        """The highlighted row's inbox entry (None on an agenda row)."""
        raise NotImplementedError

    def load(self) -> None:
        """Read the review again."""
        raise NotImplementedError

    def action_inbox_accept(self) -> None:
        """Do what the highlighted message proposes."""
        entry = self.current_inbox_entry()
        if entry is not None:
            self._inbox_write(entry.id, "accept")

    def action_inbox_dismiss(self) -> None:
        """Set the highlighted message's proposal aside."""
        entry = self.current_inbox_entry()
        if entry is not None:
            self._inbox_write(entry.id, "dismiss")

    _inbox_before_undo: frozenset[int] | None = None
    """The inbox rows shown when ``u`` was pressed, until the review is read again."""

    def action_undo(self) -> None:
        """Undo this window's last change (a dismissal, a link, an acceptance...), then read
        the review again: a proposal dismissed by mistake is back in the Inbox group, and
        highlighted, ready to be accepted this time."""
        rows = cast("DOMNode", self).query_one("#review-list", AgendaList)
        self._inbox_before_undo = frozenset(
            key.entry_id for key in rows.keys if isinstance(key, InboxKey)
        )

        def done(_said: str) -> None:
            self.load()

        def undone(_why: str) -> None:
            self._inbox_before_undo = None

        self.pi_app.writes.undo(cast("DOMNode", self), done=done, undone=undone)

    def inbox_read(self, inbox: Sequence[InboxEntry]) -> None:
        """The review was read again: after an undo, highlight the proposal it brought back."""
        before, self._inbox_before_undo = self._inbox_before_undo, None
        if before is None:
            return
        back = next((entry.id for entry in inbox if entry.id not in before), None)
        if back is not None:
            cast("DOMNode", self).query_one("#review-list", AgendaList).select_key(InboxKey(back))

    def action_inbox_explain(self) -> None:
        """Show why the message was matched and classified so."""
        from postinterview_tui.tui.screens.inbox_dialogs import ExplainScreen

        entry = self.current_inbox_entry()
        if entry is not None:
            self.pi_app.push_screen(ExplainScreen(entry, self.pi_app.zone))

    def action_inbox_link(self) -> None:
        """Tie the highlighted message to another application."""
        entry = self.current_inbox_entry()
        if entry is not None:
            pick_and_link(self.pi_app, cast("DOMNode", self), entry, self.load)

    def _inbox_write(self, entry_id: int, what: str) -> None:
        from postinterview_tui.storage import inbox_accept

        def accept(write: WriteContext) -> Accepted:
            return inbox_accept.accept(write.repository, entry_id, write.now, force=write.force)

        def dismiss(write: WriteContext) -> str:
            entry = inbox_accept.dismiss(write.repository, entry_id, write.now)
            return f"{entry.company or 'Inbox'}: set aside. Press u to undo."

        # Through the one write path: a refusal the user may overrule is asked as a question,
        # a failure is reported (and the row read again), and the board hears of the write.
        writes, owner = self.pi_app.writes, cast("DOMNode", self)
        if what == "accept":
            writes.run(
                owner,
                accept,
                about=lambda done: done.entry.application_id,
                done=self._accepted,
                undone=lambda _why: self.load(),
            )
        else:
            writes.run(
                owner, dismiss, say=lambda said: said, done=lambda _said: self.load(),
                undone=lambda _why: self.load(),
            )  # fmt: skip

    def _accepted(self, done: Accepted) -> None:
        app = self.pi_app
        entry = done.entry
        app.notify(safe_line(f"{entry.company}: {done.done}"), markup=False)
        self.load()
        application_id = entry.application_id
        if application_id is None:
            return
        if entry.step is Step.OFFER:
            app.open_offer(application_id)
        elif entry.step is Step.CLOSE:

            def answered(yes: bool | None) -> None:
                if yes:
                    app.open_drafting(application_id, "other")

            app.push_screen(ConfirmScreen("Draft a gracious reply to them now?"), answered)


def pick_and_link(app: Services, owner: DOMNode, entry: InboxEntry, after: object) -> None:
    """Ask which application ``entry`` belongs to, link it (through the one write path, for
    ``owner``), then call ``after()``."""
    from postinterview_tui.tui.screens.inbox_dialogs import LinkPickerScreen

    applications = app.repository.open_summaries()

    def chosen(application_id: int | None) -> None:
        if application_id is not None:
            _link(app, owner, entry.id, application_id, after)

    app.push_screen(LinkPickerScreen(entry, applications), chosen)


def _link(app: Services, owner: DOMNode, entry_id: int, application_id: int, after: object) -> None:
    from postinterview_tui.storage import inbox_accept

    def link(write: WriteContext) -> InboxEntry:
        return inbox_accept.link(write.repository, entry_id, application_id, write.now)

    def done(_entry: InboxEntry) -> None:
        if callable(after):
            after()

    app.writes.run(
        owner,
        link,
        about=application_id,
        say=_linked_words,
        done=done,
    )


def _linked_words(entry: InboxEntry) -> str:
    """What a link says: "Linked to Acme: close it as not selected? Press u to undo."."""
    said = f"Linked to {entry.company}: {entry.words or 'no proposal'}"
    return f"{said if said.endswith(('.', '?', '!')) else said + '.'} Press u to undo."
