"""Settings: your name and signature for notes, the rules' day counts, the review window and the
theme. Every value is checked before anything is written; a refused one says why beside it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from postinterview_tui.domain.settings import (
    Settings,
    format_setting,
    parse_setting,
    settings_as_texts,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.tui.commands.table import SETTINGS_COMMANDS, bindings
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.settings_fields import (
    FIELD_KEYS,
    SECTIONS,
    THEME_HELP,
    display_text,
    error_id,
    field_id,
    field_message,
)
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.setting_choices import known_choices
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.pending_read import PendingRead
from postinterview_tui.tui.widgets.single_line_input import SingleLineInput


class SettingsScreen(UsesServices, Screen[None]):
    """Every setting with a line saying what it does; ``ctrl+s`` checks them all, then saves."""

    CSS_PATH = ["../styles/form.tcss", "../styles/settings.tcss"]

    COMMAND_TABLE = SETTINGS_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self) -> None:
        super().__init__()
        self._stored: dict[str, str] | None = None
        """The stored texts (as settings_as_texts gives them), once read."""
        self._initial: dict[str, str] = {}
        """What the fields showed after the last load or save, to tell unsaved changes."""
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Static("Settings", id="settings-head")
        with VerticalScroll(id="settings-fields"):
            for section, rows in SECTIONS:
                yield Static(section, classes="settings-section")
                for key, label, explanation in rows:
                    with Horizontal(classes="setting-row"):
                        with Vertical(classes="setting-text"):
                            yield Label(label, classes="setting-label")
                            yield Static(explanation, classes="setting-help")
                        with Vertical(classes="setting-value"):
                            if key == "user.signature":
                                yield TextArea(
                                    id=field_id(key),
                                    soft_wrap=True,
                                    tab_behavior="focus",
                                    disabled=True,
                                )
                            else:
                                yield SingleLineInput(id=field_id(key), disabled=True)
                            yield Static("", id=error_id(key), classes="field-error")
            yield Static("Look", classes="settings-section")
            with Horizontal(classes="setting-row"):
                with Vertical(classes="setting-text"):
                    yield Label("Theme", classes="setting-label")
                    yield Static(THEME_HELP, classes="setting-help")
                with Vertical(classes="setting-value"):
                    yield Select(
                        [(name, name) for name in sorted(known_choices().themes)],
                        value=self.app.theme,
                        allow_blank=False,
                        id="setting-theme",
                    )
        yield PendingRead("Reading your settings…", id="settings-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.load()

    # -- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the settings off the event loop."""
        app = self.pi_app
        app.reads.run(
            self,
            lambda: settings_as_texts(app.repository.settings()),
            self._loaded,
            group="settings-load",
            exclusive=True,
            failed=lambda _error: self._show_status("Could not read your settings."),
        )

    def _loaded(self, texts: dict[str, str]) -> None:
        if not self.is_attached:
            return
        self._stored = texts
        for key in FIELD_KEYS:
            self._set_field(key, display_text(key, texts[key]))
        for widget in (*self.query(SingleLineInput), *self.query(TextArea)):
            widget.disabled = False
        self._initial = self._values()
        self._show_status("")
        self.refresh_bindings()
        self.query_one(f"#{field_id('user.name')}", Input).focus()

    def _set_field(self, key: str, text: str) -> None:
        widget = self.query_one(f"#{field_id(key)}")
        if isinstance(widget, TextArea):
            if widget.text != text:
                widget.load_text(text)
        elif isinstance(widget, Input) and widget.value != text:
            widget.value = text

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key in FIELD_KEYS:
            widget = self.query_one(f"#{field_id(key)}")
            if isinstance(widget, TextArea):
                values[key] = widget.text
            elif isinstance(widget, Input):
                values[key] = widget.value
        return values

    # -- saving ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving is greyed out until the settings are read, and while a save runs."""
        if action == "save" and (self._stored is None or self._saving):
            return None
        return True

    def action_save(self) -> None:
        """Check every field; show what is wrong beside it, or save the changed ones."""
        if self._stored is None or self._saving:
            return
        errors: dict[str, str] = {}
        changed: dict[str, str] = {}
        for key, text in self._values().items():
            try:
                value = parse_setting(key, text, known_choices())
            except ValueError as error:
                errors[key] = field_message(key, error)
                continue
            if format_setting(key, value) != self._stored[key]:
                changed[key] = text
        self._show_errors(errors)
        if errors:
            count = len(errors)
            self._show_status(
                f"Please fix {count} setting{'s' if count != 1 else ''}; nothing was saved."
            )
            return
        if not changed:
            self._show_status("Nothing changed.")
            return
        self._saving = True
        self.refresh_bindings()
        self._show_status("Saving…")
        self._save_worker(changed)

    def _save_worker(self, changed: dict[str, str]) -> None:
        def save(write: WriteContext) -> Settings:
            for key, text in changed.items():
                write.repository.set_setting(key, text, write.now, choices=known_choices())
            return write.repository.settings()

        # Day counts move due dates: announced, so the board reads again.
        self.pi_app.writes.run(
            self, save, done=self._saved, undone=self._save_failed, say="Settings saved"
        )

    def _saved(self, settings: Settings) -> None:
        self._saving = False
        self._stored = settings_as_texts(settings)
        for key in FIELD_KEYS:
            self._set_field(key, display_text(key, self._stored[key]))
        self._initial = self._values()
        self._show_status("Saved.")
        self.refresh_bindings()

    def _save_failed(self, _why: str) -> None:
        self._saving = False
        self._show_status("Could not save. Nothing you typed is lost; ctrl+s tries again.")
        self.refresh_bindings()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key in FIELD_KEYS:
            widget = self.query_one(f"#{error_id(key)}", Static)
            message = errors.get(key, "")
            widget.update(Content(safe_line(message)))
            widget.set_class(bool(message), "-shown")
        if errors:
            self.query_one(f"#{field_id(next(iter(errors)))}").focus()

    def _show_status(self, message: str) -> None:
        self.query_one("#settings-status", Static).update(Content(safe_line(message)))

    # -- theme -------------------------------------------------------------------------------

    @on(Select.Changed, "#setting-theme")
    def _theme_picked(self, event: Select.Changed) -> None:
        # The app saves its theme whenever it changes (App.watch_theme).
        value = event.value
        if isinstance(value, str) and value != self.app.theme:
            self.app.theme = value

    def _theme_changed(self, theme: str) -> None:
        select = self.query_one("#setting-theme", Select)
        if select.value != theme:
            select.value = theme

    # -- other -------------------------------------------------------------------------------

    def on_single_line_input_lines_joined(self, event: SingleLineInput.LinesJoined) -> None:
        """Say that a multi-line paste was joined, beside the field it went into."""
        name = (event.field.id or "").removeprefix("setting-")
        message = (
            f"The pasted text had {event.line_count} lines; this field holds one, "
            "so they were joined with spaces"
        )
        for widget in self.query(f"#error-{name}"):
            assert isinstance(widget, Static)
            widget.update(Content(message))
            widget.add_class("-shown")

    def action_close(self) -> None:
        """Close, asking first when something changed and was not saved."""
        if self._stored is None or self._values() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard your changes to the settings?", yes="Discard", no="Keep editing"
            ),
            answered,
        )
