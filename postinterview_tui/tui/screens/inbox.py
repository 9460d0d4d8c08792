"""Unmatched mail: ingested messages tied to no application, listed to be linked."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.inbox.records import InboxEntry
from postinterview_tui.tui.commands.table import UNMATCHED_COMMANDS, bindings
from postinterview_tui.tui.screens.review_inbox import pick_and_link
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.pending_read import PendingRead


class UnmatchedScreen(UsesServices, Screen[None]):
    """Every message ingest could not tie to an application, newest first."""

    CSS_PATH = "../styles/inbox.tcss"
    COMMAND_TABLE = UNMATCHED_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)
    AUTO_FOCUS = "#unmatched-list"

    def __init__(self) -> None:
        super().__init__()
        self.entries: tuple[InboxEntry, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("Unmatched mail", id="unmatched-header")
        yield OptionList(id="unmatched-list")
        yield PendingRead("Loading…", id="unmatched-empty")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.load()

    def load(self) -> None:
        """Read the unmatched messages again (off the event loop)."""
        self._read()

    def _read(self) -> None:
        from postinterview_tui.storage.inbox import InboxStore

        app = self.pi_app
        app.reads.run(
            self,
            lambda: tuple(InboxStore(app.repository).unmatched()),
            self._show,
            group="unmatched-load",
            exclusive=True,
        )

    def _show(self, entries: tuple[InboxEntry, ...]) -> None:
        self.entries = entries
        listing = self.query_one("#unmatched-list", OptionList)
        before = listing.highlighted
        listing.clear_options()
        zone = self.pi_app.zone
        listing.add_options(Option(_row(entry, zone), id=f"entry-{entry.id}") for entry in entries)
        if entries:
            listing.highlighted = min(before or 0, len(entries) - 1)
        listing.display = bool(entries)
        empty = self.query_one("#unmatched-empty", Static)
        empty.display = not entries
        empty.update(
            Content(
                "No unmatched mail: every message ingested found its application.\n\n"
                "escape goes back"
            )
        )
        self.refresh_bindings()

    def current(self) -> InboxEntry | None:
        """The highlighted message."""
        listing = self.query_one("#unmatched-list", OptionList)
        index = listing.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        return self.entries[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("link", "explain") and self.current() is None:
            return None
        return True

    @on(OptionList.OptionSelected, "#unmatched-list")
    def _selected(self) -> None:
        self.action_explain()

    def action_link(self) -> None:
        """Tie the highlighted message to an application."""
        entry = self.current()
        if entry is not None:
            pick_and_link(self.pi_app, self, entry, self.load)

    def action_undo(self) -> None:
        """Undo this window's last change (a link made here), then read the list again."""
        self.pi_app.writes.undo(self, done=lambda _said: self.load())

    def action_explain(self) -> None:
        """Show what was read from the message and why no application matched."""
        from postinterview_tui.tui.screens.inbox_dialogs import ExplainScreen

        entry = self.current()
        if entry is not None:
            self.app.push_screen(ExplainScreen(entry, self.pi_app.zone))

    def action_cursor(self, delta: int) -> None:
        """Move the highlight (j/k)."""
        listing = self.query_one("#unmatched-list", OptionList)
        if delta > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_back(self) -> None:
        """Leave the screen."""
        self.dismiss()


def _row(entry: InboxEntry, zone: object) -> Content:
    received = entry.received_at.in_timezone(zone).format("ddd D MMM")  # type: ignore[arg-type]
    who = shorten(safe_line(entry.from_name or entry.from_address), 28)
    return Content.assemble(
        (f"{entry.kind:<10}", "bold"),
        " ",
        who,
        " · ",
        shorten(safe_line(entry.subject), 40),
        (f" · {received}", "$text-muted"),
    )
