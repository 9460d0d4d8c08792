"""The application form: add a new application with its interview, or edit one."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from postinterview_tui.domain.forms import (
    FormErrors,
    parse_edit,
    parse_new_application,
    split_interviewers,
)
from postinterview_tui.domain.records import ApplicationDetail
from postinterview_tui.domain.stages import InterviewKind
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.validation import FIELD_LIMITS
from postinterview_tui.storage.errors import EditConflict
from postinterview_tui.tui.commands.table import FORM_COMMANDS, bindings
from postinterview_tui.tui.screens.dialogs import ConfirmScreen, close_unless_typed
from postinterview_tui.tui.screens.loop_forms import TOPICS_HINT
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.single_line_input import SingleLineInput

# (field id, label, placeholder, only when adding)
TEXT_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("company", "Company *", "Acme Ltd", False),
    ("role", "Role *", "Backend developer", False),
    ("interviewed", "Interview date and time", "YYYY-MM-DD HH:MM, today, -2d…", True),
    ("interviewers", "Interviewers", "Ana Ruiz <ana@acme.example>, Tom Lee", True),
    ("decision_by", "They expect to decide by", "YYYY-MM-DD (optional)", True),
    ("recruiter", "Recruiter", "Name <address> (optional)", False),
    ("location", "Location", "optional", False),
    ("link", "Link to the posting", "optional", False),
)


class ApplicationFormScreen(UsesServices, ModalScreen[int | None]):
    """Add or edit an application. Errors show beside their fields; nothing typed is lost."""

    CSS_PATH = "../styles/form.tcss"

    COMMAND_TABLE = FORM_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, application_id: int | None = None) -> None:
        """A form for a new application, or (``application_id``) to edit one."""
        super().__init__()
        app = self.pi_app
        self.clock = app.clock
        self.zone = app.zone
        self.application_id = application_id
        self._initial: dict[str, str] = {}
        self._version: int | None = None

    @property
    def editing(self) -> bool:
        """True when editing an existing application."""
        return self.application_id is not None

    def compose(self) -> ComposeResult:
        title = "Edit application" if self.editing else "New application"
        with Vertical(id="form"):
            yield Static(title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for field_id, label, placeholder, adding_only in TEXT_FIELDS:
                    if adding_only and self.editing:
                        continue
                    yield Label(label, classes="field-label")
                    yield SingleLineInput(
                        placeholder=placeholder,
                        id=f"field-{field_id}",
                        max_length=FIELD_LIMITS.get(field_id.rstrip("s"), 2000) * 4,
                    )
                    yield Static("", id=f"error-{field_id}", classes="field-error")
                    if field_id == "interviewed":
                        yield Label("Kind of interview", classes="field-label")
                        yield Select(
                            [(kind.value, kind.value) for kind in InterviewKind],
                            value=InterviewKind.VIDEO.value,
                            allow_blank=False,
                            id="field-kind",
                        )
                        yield Static("", id="error-kind", classes="field-error")
                    if field_id == "decision_by":
                        yield from self._topics_field()
                yield Label("Notes about the application", classes="field-label")
                yield TextArea(id="field-notes", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="error-notes", classes="field-error")
            yield Static("", id="form-status")
            with Horizontal(id="form-hint"):
                yield Label("ctrl+s saves · escape closes")
        yield KeyBar()

    def _topics_field(self) -> ComposeResult:
        """What you talked about: kept with the interview, it fills the thank-you drafts."""
        yield Label("What you talked about", classes="field-label")
        yield TextArea(id="field-interview_notes", soft_wrap=True, tab_behavior="focus")
        yield Static(Content(TOPICS_HINT), classes="field-hint")
        yield Static("", id="error-interview_notes", classes="field-error")

    def on_mount(self) -> None:
        if self.editing:
            self._load_existing()
        else:
            now = self.clock().in_timezone(self.zone)
            self.query_one("#field-interviewed", Input).value = now.format("YYYY-MM-DD HH:mm")
            self._initial = self._values()
        self.query_one("#field-company", Input).focus()

    def _load_existing(self) -> None:
        application_id = self.application_id
        assert application_id is not None
        app = self.pi_app
        app.reads.run(
            self,
            lambda: app.repository.detail(application_id),
            self._fill,
            failed=lambda error: self._show_status(str(error)),
        )

    def _fill(self, detail: ApplicationDetail) -> None:
        values = {
            "company": detail.summary.company,
            "role": detail.summary.role,
            "recruiter": detail.recruiter.formatted() if detail.recruiter else "",
            "location": detail.location,
            "link": detail.link,
        }
        for name, value in values.items():
            self.query_one(f"#field-{name}", Input).value = value
        self.query_one("#field-notes", TextArea).text = detail.notes
        self._version = detail.summary.version
        self._initial = self._values()

    def _values(self) -> dict[str, str]:
        values = {
            widget.id.removeprefix("field-"): widget.value
            for widget in self.query(Input)
            if widget.id
        }
        values["notes"] = self.query_one("#field-notes", TextArea).text
        if not self.editing:
            values["kind"] = str(self.query_one("#field-kind", Select).value)
            values["interview_notes"] = self.query_one("#field-interview_notes", TextArea).text
        return values

    def _show_errors(self, errors: dict[str, str]) -> None:
        for widget in self.query(".field-error"):
            assert isinstance(widget, Static)
            name = (widget.id or "").removeprefix("error-")
            message = errors.get(name, "")
            widget.update(Content(safe_line(message)))
            widget.set_class(bool(message), "-shown")
        if errors:
            first = next(iter(errors))
            target = self.query(f"#field-{first}")
            if target:
                target.first().focus()
            self._show_status(f"Please fix {len(errors)} field{'s' if len(errors) != 1 else ''}.")

    def _show_status(self, message: str) -> None:
        self.query_one("#form-status", Static).update(Content(safe_line(message)))

    def action_save(self) -> None:
        """Check the fields and save."""
        values = self._values()
        try:
            if self.editing:
                payload: Any = parse_edit(
                    {
                        k: values.get(k, "")
                        for k in ("company", "role", "recruiter", "location", "link", "notes")
                    }
                )
            else:
                now = self.clock()
                interviewers = split_interviewers(values["interviewers"])
                payload = parse_new_application(values, interviewers, now, self.zone)
        except FormErrors as errors:
            self._show_errors(errors.errors)
            return
        self._show_errors({})
        self._show_status("Saving…")
        application_id, version = self.application_id, self._version

        def save(write: WriteContext) -> int | EditConflict:
            if application_id is None:
                return write.repository.add_application(payload, write.now)
            try:
                write.repository.edit(application_id, payload, write.now, expected_version=version)
            except EditConflict as conflict:
                return conflict  # the form asks what to do: nothing was written
            return application_id

        def saved(result: int | EditConflict) -> None:
            if isinstance(result, EditConflict):
                self._conflict(result.message)
            else:
                self.dismiss(result)

        self.pi_app.writes.run(
            self,
            save,
            about=_new_id,
            done=saved,
            undone=lambda why: self._show_status(
                f"Could not save: {why.removeprefix('could not save: ')}. "
                "Nothing you typed is lost."
            ),
        )

    def _conflict(self, message: str) -> None:
        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self._version = None
                self.action_save()
            else:
                self._load_existing()

        self.app.push_screen(
            ConfirmScreen(
                f"{message}. Overwrite with your version?", yes="Overwrite", no="Reload theirs"
            ),
            answered,
        )

    def on_single_line_input_lines_joined(self, event: SingleLineInput.LinesJoined) -> None:
        """Say that a multi-line paste was joined, beside the field it went into."""
        name = (event.field.id or "").removeprefix("field-")
        message = (
            f"the pasted text had {event.line_count} lines; this field holds one, "
            "so they were joined with spaces"
        )
        for widget in self.query(f"#error-{name}"):
            assert isinstance(widget, Static)
            widget.update(Content(message))
            widget.add_class("-shown")

    def action_cancel(self) -> None:
        """Close, asking first when something was typed."""
        close_unless_typed(self, typed=self._values() != self._initial, result=None)


def _new_id(result: int | EditConflict) -> int | None:
    """The application a save wrote (none when it met a conflict)."""
    return result if isinstance(result, int) else None
