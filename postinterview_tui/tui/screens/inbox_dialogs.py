"""Dialogs of the inbox: a message's explanation, and choosing the application to link it to."""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import Timezone
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from postinterview_tui.domain.models import ApplicationSummary
from postinterview_tui.domain.text import safe_line
from postinterview_tui.inbox.explain import explanation_lines
from postinterview_tui.inbox.records import InboxEntry
from postinterview_tui.tui.commands.table import dialog_bindings

_CSS_PATH = "../styles/inbox.tcss"
MAX_CHOICES = 200
"""Applications listed at once in the link picker (typing narrows them)."""


class ExplainScreen(ModalScreen[None]):
    """Why a message was tied to its application and given its kind."""

    CSS_PATH = _CSS_PATH
    BINDINGS = dialog_bindings("explain.close")

    def __init__(self, entry: InboxEntry, zone: Timezone) -> None:
        super().__init__()
        self.entry = entry
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="inbox-dialog"):
            text = "\n".join(explanation_lines(self.entry, self.zone, short_source=True))
            yield Static(Content(text), id="explanation")
            yield Label("escape closes", classes="hint")


class LinkPickerScreen(ModalScreen[int | None]):
    """Choose the application a message belongs to (type to narrow the list)."""

    CSS_PATH = _CSS_PATH
    BINDINGS = dialog_bindings("link-picker.cancel")

    def __init__(self, entry: InboxEntry, applications: Sequence[ApplicationSummary]) -> None:
        super().__init__()
        self.entry = entry
        self.applications = tuple(applications)

    def compose(self) -> ComposeResult:
        with Vertical(id="inbox-dialog"):
            who = safe_line(self.entry.sender or "?")
            subject = safe_line(self.entry.subject)
            yield Label(Content(f"Link the message from {who}"), id="question")
            yield Label(Content(f"“{subject}” to which application?"), classes="hint")
            yield Input(placeholder="type part of a company or role", id="link-filter")
            yield OptionList(id="link-choices")
            yield Label("enter links · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#link-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        choices = self.query_one("#link-choices", OptionList)
        choices.clear_options()
        lowered = needle.strip().lower()
        shown = [
            item
            for item in self.applications
            if not lowered or lowered in f"{item.company} {item.role}".lower()
        ][:MAX_CHOICES]
        choices.add_options(
            Option(
                Content(safe_line(f"{item.company} — {item.role} ({item.stage.label})")),
                id=f"app-{item.id}",
            )
            for item in shown
        )
        if shown:
            choices.highlighted = 0

    @on(Input.Changed, "#link-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#link-filter")
    def _submitted(self) -> None:
        choices = self.query_one("#link-choices", OptionList)
        if choices.highlighted is not None:
            self._choose(choices.get_option_at_index(choices.highlighted).id)

    @on(OptionList.OptionSelected, "#link-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id:
            self.dismiss(int(option_id.removeprefix("app-")))

    def key_down(self) -> None:
        """Down from the filter moves through the list."""
        self.query_one("#link-choices", OptionList).action_cursor_down()

    def key_up(self) -> None:
        """Up from the filter moves through the list."""
        self.query_one("#link-choices", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        """Close without linking."""
        self.dismiss(None)
