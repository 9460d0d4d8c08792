"""The daily review's dialogs: how long to snooze, and whether an offer was accepted."""

from __future__ import annotations

from pendulum import DateTime, Timezone
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from postinterview_tui.domain.review import (
    SNOOZE_CHOICES,
    parse_snooze,
    snooze_examples,
    snooze_until,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.when import WhenError
from postinterview_tui.tui.commands.table import dialog_bindings

# Read when a review screen is first used, not at start-up; the dialogs name it too so that
# they are styled even when pushed on their own (Textual reads each file once).
REVIEW_CSS_PATH = "../styles/review.tcss"


class SnoozeScreen(ModalScreen[DateTime | None]):
    """Ask how long to snooze: a choice of lengths, or a date typed with the usual forms."""

    CSS_PATH = REVIEW_CSS_PATH
    BINDINGS = dialog_bindings("snooze.cancel")

    def __init__(self, title: str, now: DateTime, zone: Timezone) -> None:
        super().__init__()
        self.title_text = title
        self.now = now
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"Snooze {safe_line(self.title_text)} until…"), id="question")
            yield OptionList(
                *(Option(label, id=f"days-{days}") for label, days in SNOOZE_CHOICES),
                id="snooze-lengths",
            )
            examples = ", ".join(snooze_examples(self.now, self.zone))
            yield Input(placeholder=f"or a date: {examples}…", id="snooze-date")
            yield Label("", id="snooze-error")
            yield Label("enter picks · tab to type a date · escape cancels", classes="hint")

    def on_mount(self) -> None:
        lengths = self.query_one("#snooze-lengths", OptionList)
        lengths.highlighted = 0
        lengths.focus()

    @on(OptionList.OptionSelected, "#snooze-lengths")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        days = int((event.option.id or "days-1").removeprefix("days-"))
        self.dismiss(snooze_until(days, self.now, self.zone))

    @on(Input.Submitted, "#snooze-date")
    def _typed(self, event: Input.Submitted) -> None:
        try:
            until = parse_snooze(event.value, self.now, self.zone)
        except WhenError as error:
            self.query_one("#snooze-error", Label).update(Content(safe_line(str(error))))
            return
        self.dismiss(until)

    def action_cancel(self) -> None:
        """Close without snoozing."""
        self.dismiss(None)


class OfferDecisionScreen(ModalScreen[bool | None]):
    """Ask whether an offer was accepted or declined."""

    CSS_PATH = REVIEW_CSS_PATH
    BINDINGS = dialog_bindings("offer.cancel")

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(f"The offer from {safe_line(self.title_text)}:"), id="question")
            yield OptionList(
                Option("I accepted it", id="accept"),
                Option("I declined it", id="decline"),
                id="offer-choices",
            )
            yield Label("enter picks · escape cancels", classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one("#offer-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#offer-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "accept")

    def action_cancel(self) -> None:
        """Close without deciding."""
        self.dismiss(None)
