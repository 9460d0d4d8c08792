"""The review's Inbox group: proposals from ingested mail, at the top of the daily review.

Rows are keyed by :class:`InboxKey`; the review's own actions ignore them (they are not agenda
items) and these actions ignore agenda rows. Accepting runs the store's inbox actions off the
event loop, then the review reads again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from pendulum import DateTime, Timezone
from textual import work
from textual.content import Content

from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.inbox.proposals import Step
from postinterview_tui.inbox.records import InboxEntry
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import Services, UsesServices
from postinterview_tui.tui.screens.writes import StoreChange

if TYPE_CHECKING:
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
            self._inbox_write(entry.id, "accept", False)

    def action_inbox_dismiss(self) -> None:
        """Set the highlighted message's proposal aside."""
        entry = self.current_inbox_entry()
        if entry is not None:
            self._inbox_write(entry.id, "dismiss", False)

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
            pick_and_link(self.pi_app, entry, self.load)

    @work(thread=True, group="inbox-write", exit_on_error=False)
    def _inbox_write(self, entry_id: int, what: str, force: bool) -> None:
        from postinterview_tui.storage import inbox_accept

        app = self.pi_app
        now: DateTime = app.clock()
        try:
            if what == "accept":
                done = inbox_accept.accept(app.repository, entry_id, now, force=force)
                app.call_from_thread(self._accepted, done)
            else:
                entry = inbox_accept.dismiss(app.repository, entry_id, now)
                message = f"{entry.company or 'Inbox'}: set aside"
                app.call_from_thread(app.notify, safe_line(message), markup=False)
                app.call_from_thread(self.load)
            # Written outside StoreWrites.run: announce it, so the board reads it too.
            app.call_from_thread(app.writes.announce, StoreChange(None))
        except RuleRefusal as refusal:
            app.call_from_thread(self._inbox_refused, entry_id, refusal)
        except Exception as error:  # InboxRefusal, StoreError, a bug: say so, keep the row
            log.exception("inbox: %s of %s failed", what, entry_id)
            app.call_from_thread(app.report_store_error, error)
            app.call_from_thread(self.load)

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

    def _inbox_refused(self, entry_id: int, refusal: RuleRefusal) -> None:
        if not refusal.confirmable:
            self.pi_app.notify(safe_line(refusal.message), severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._inbox_write(entry_id, "accept", True)

        message = refusal.message[:1].upper() + refusal.message[1:]
        self.pi_app.push_screen(ConfirmScreen(message), answered)


def pick_and_link(app: Services, entry: InboxEntry, after: object) -> None:
    """Ask which application ``entry`` belongs to, link it, then call ``after()``."""
    from postinterview_tui.tui.screens.inbox_dialogs import LinkPickerScreen

    applications = app.repository.open_summaries()

    def chosen(application_id: int | None) -> None:
        if application_id is not None:
            _link(app, entry.id, application_id, after)

    app.push_screen(LinkPickerScreen(entry, applications), chosen)


def _link(app: Services, entry_id: int, application_id: int, after: object) -> None:
    from postinterview_tui.storage import inbox_accept

    def write() -> None:
        try:
            entry = inbox_accept.link(app.repository, entry_id, application_id, app.clock())
        except Exception as error:  # InboxRefusal, NotFound, StoreError: say so
            app.call_from_thread(app.report_store_error, error)
            return
        words = entry.words or "no proposal"
        app.call_from_thread(
            app.notify, safe_line(f"Linked to {entry.company}: {words}"), markup=False
        )
        if callable(after):
            app.call_from_thread(after)

    app.run_worker(write, thread=True, group="inbox-link", exit_on_error=False)
