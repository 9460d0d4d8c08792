"""A small form that records one thing about an application (a reply, a round, a corrected
round): fields described as data, each error beside its field, nothing typed ever lost, the
write through the one write path (off the event loop, announced to the board and every screen
that shows the application), and escape asking before it throws typing away."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from postinterview_tui.domain.forms import FormErrors
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import FORM_COMMANDS, bindings
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.single_line_input import SingleLineInput


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an entry form."""

    id: str
    label: str
    placeholder: str = ""
    widget: str = "line"
    """``line`` (one line), ``text`` (several lines) or ``kind`` (the kind of interview)."""
    hint: str = ""
    """A muted line under the field."""


KIND_FIELD = Field("kind", "Kind of interview", widget="kind")


class EntryFormScreen(UsesServices, ModalScreen[bool]):
    """Subclasses give a title and fields, and turn the typed values into a write.

    Dismisses with True once saved, False when closed without saving.
    """

    CSS_PATH = "../styles/form.tcss"

    COMMAND_TABLE = FORM_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)
    DEFAULT_CLASSES = "entry-form"

    def __init__(self, title: str, fields: list[Field], application_id: int) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.application_id = application_id
        """The application the form writes about (the write is announced with it)."""
        self._initial: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        initial = self.initial_values()
        with Vertical(id="form"):
            yield Static(Content(safe_line(self.form_title)), id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    yield Label(field.label, classes="field-label")
                    yield self._widget(field, initial.get(field.id, ""))
                    if field.hint:
                        yield Static(Content(field.hint), classes="field-hint")
                    yield Static("", id=f"error-{field.id}", classes="field-error")
            yield Static("", id="form-status")
            with Horizontal(id="form-hint"):
                yield Label("ctrl+s saves · escape closes")
        yield KeyBar()

    def _widget(self, field: Field, value: str) -> Input | Select[str] | TextArea:
        if field.widget == "kind":
            return Select(
                [(kind.value, kind.value) for kind in InterviewKind],
                value=value or InterviewKind.VIDEO.value,
                allow_blank=False,
                id=f"field-{field.id}",
            )
        if field.widget == "text":
            return TextArea(value, id=f"field-{field.id}", soft_wrap=True, tab_behavior="focus")
        return SingleLineInput(
            value, placeholder=field.placeholder, id=f"field-{field.id}", max_length=2000
        )

    def on_mount(self) -> None:
        self._initial = self.values()
        self.query_one(f"#field-{self.fields[0].id}").focus()

    def values(self) -> dict[str, str]:
        """What is typed, by field id."""
        values: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#field-{field.id}")
            if isinstance(widget, TextArea):
                values[field.id] = widget.text
            elif isinstance(widget, Select):
                values[field.id] = str(widget.value)
            elif isinstance(widget, Input):
                values[field.id] = widget.value
        return values

    # -- what subclasses provide ---------------------------------------------------------

    def initial_values(self) -> dict[str, str]:
        """What the fields hold when the form opens, by field id."""
        return {}

    def parse(self, values: dict[str, str]) -> Any:
        """Turn the typed values into what :meth:`write` stores.

        Raises:
            FormErrors: one message per refused field.
        """
        raise NotImplementedError

    def write(self, payload: Any, write: WriteContext) -> str:
        """Store ``payload`` through ``write`` (runs in a thread; pass ``write.force`` on to a
        write that a rule may refuse); returns the line to show once saved."""
        raise NotImplementedError

    # -- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        """Check the fields and save."""
        try:
            payload = self.parse(self.values())
        except FormErrors as errors:
            self.show_errors(errors.errors)
            return
        self.show_errors({})
        self.show_status("Saving…")
        # The one write path: a refusal the user may overrule is asked as a question, a failure
        # is reported, and the write is announced (the board and the detail below read again).
        self.pi_app.writes.run(
            self,
            lambda write: self.write(payload, write),
            about=self.application_id,
            say=lambda said: said,
            done=lambda _said: self.dismiss(True),
            undone=lambda why: self.show_status(
                f"Could not save: {why.removeprefix('could not save: ')}. "
                "Nothing you typed is lost."
            ),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message beside its field (and clear the others)."""
        for widget in self.query(".field-error"):
            assert isinstance(widget, Static)
            name = (widget.id or "").removeprefix("error-")
            message = errors.get(name, "")
            widget.update(Content(safe_line(message)))
            widget.set_class(bool(message), "-shown")
        if errors:
            target = self.query(f"#field-{next(iter(errors))}")
            if target:
                target.first().focus()
            count = len(errors)
            self.show_status(f"Please fix {count} field{'s' if count != 1 else ''}.")

    def show_status(self, message: str) -> None:
        """A line under the fields: saving, or why it could not."""
        self.query_one("#form-status", Static).update(Content(safe_line(message)))

    def action_cancel(self) -> None:
        """Close, asking first when something was typed."""
        from postinterview_tui.tui.screens.dialogs import close_unless_typed

        close_unless_typed(self, typed=self.values() != self._initial, result=False)
