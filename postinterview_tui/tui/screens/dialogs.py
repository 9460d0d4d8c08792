"""Small modal dialogs: confirm, choose a close reason."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from postinterview_tui.domain.stages import CloseReason
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import dialog_bindings


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; ``y``/``enter`` confirm, ``n``/``escape`` cancel."""

    BINDINGS = dialog_bindings("confirm.yes", "confirm.no")

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(safe_line(self.question)), id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="primary")
                yield Button(f"{self.no_label} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close the dialog with ``answer``."""
        self.dismiss(answer)


def close_unless_typed(form: Screen[Any], *, typed: bool, result: object) -> None:
    """Close a form with ``result``; when something was typed, ask before discarding it."""
    if not typed:
        form.dismiss(result)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(result)

    form.app.push_screen(
        ConfirmScreen("Discard what you typed?", yes="Discard", no="Keep editing"), answered
    )


class CloseReasonScreen(ModalScreen[tuple[CloseReason, str] | None]):
    """Ask why an application is closing, with an optional line of reflection."""

    BINDINGS = dialog_bindings("close.cancel")

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"Close {safe_line(self.title_text)}: why?"), id="question")
            yield OptionList(
                *(Option(reason.label, id=reason.value) for reason in CloseReason),
                id="reasons",
            )
            yield Input(placeholder="What I'd do differently (optional)", id="reflection")
            yield Label("enter picks a reason · escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        reflection = self.query_one("#reflection", Input).value
        self.dismiss((CloseReason(event.option.id or "other"), reflection))

    def action_cancel(self) -> None:
        """Close without closing the application."""
        self.dismiss(None)
