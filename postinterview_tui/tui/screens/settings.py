"""Settings: your name and signature for notes, the rules' day counts, the review window and the
theme. Every value is checked before anything is written; a refused one says why beside it."""

from __future__ import annotations

import json

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static, TextArea

from postinterview_tui.domain.settings import (
    KEYS,
    Settings,
    format_setting,
    parse_setting,
    settings_as_texts,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.tui.commands.table import SETTINGS_COMMANDS, bindings
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import Services, services
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.setting_choices import known_choices
from postinterview_tui.tui.widgets.single_line_input import SingleLineInput
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter

# (section, ((dotted key, label, one-line explanation), ...)). Every key of KEYS but the theme
# (a Select, applied at once) and the keymap (JSON, for `postinterview config set`).
SECTIONS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "You",
        (
            ("user.name", "Your name", "Fills $my_name in notes, and signs them."),
            ("user.signature", "Signature", "Ends every note; empty means just your name."),
            ("user.email", "Your e-mail address", "The From of notes you send from the app."),
        ),
    ),
    (
        "When things are due",
        (
            (
                "rules.thank_you_hours",
                "Thank-you within (hours)",
                "Hours after an interview before its thank-you is overdue.",
            ),
            (
                "rules.follow_up_days",
                "First follow-up after (days)",
                "Business days after the thank-you or their last reply.",
            ),
            (
                "rules.after_decision_days",
                "After their decision date (days)",
                "Business days past the decision date they gave you.",
            ),
            (
                "rules.second_follow_up_days",
                "Next follow-up after (days)",
                "Business days between one follow-up and the next.",
            ),
            (
                "rules.max_follow_ups",
                "Follow-ups before moving on",
                "After this many unanswered, the app suggests moving on.",
            ),
            (
                "rules.too_soon_days",
                "Too soon (days)",
                "Following up sooner after any contact gets a warning.",
            ),
            (
                "rules.move_on_days",
                "Move on after (days)",
                "Business days after the last follow-up, then move on.",
            ),
            (
                "rules.condition_check_in_days",
                "Offer condition check-in (days)",
                "Business days between check-ins on an offer condition.",
            ),
            (
                "rules.weekend_days",
                "Weekend days",
                "Not business days: mon, tue … sun, separated by commas.",
            ),
            (
                "rules.skip_dates",
                "Days off",
                "Holidays skipped: YYYY-MM-DD, separated by commas.",
            ),
            (
                "rules.holidays",
                "Public holidays",
                "Your country's holidays are days off too: US, DE-BY, GB-SCT; empty: none.",
            ),
        ),
    ),
    (
        "Daily review",
        (
            (
                "review.window_days",
                "Look ahead (days)",
                "How far ahead the review and cards show what's coming.",
            ),
        ),
    ),
    (
        "Sending notes",
        (
            (
                "mail.send_command",
                "Send command",
                "Like msmtp -t: gets the message on its input. Set, it wins over SMTP.",
            ),
            ("mail.smtp_host", "SMTP server", "Like smtp.example.org (when no send command)."),
            ("mail.smtp_port", "SMTP port", "587 for STARTTLS, 465 for TLS."),
            ("mail.smtp_security", "SMTP security", "starttls, tls, or none (this machine only)."),
            ("mail.smtp_user", "SMTP login", "Empty when the server needs none."),
            (
                "mail.smtp_password_command",
                "Password command",
                "Prints the password, like pass show mail/smtp; never stored.",
            ),
        ),
    ),
    (
        "Your inbox",
        (
            (
                "mail.imap_host",
                "IMAP server",
                "For `postinterview ingest --imap`; empty: not used.",
            ),
            ("mail.imap_port", "IMAP port", "993 for TLS, 143 for STARTTLS."),
            ("mail.imap_user", "IMAP user", "The login name on the IMAP server."),
            (
                "mail.imap_password_command",
                "Password command",
                "Prints the password, e.g. pass show mail/imap (it is never stored).",
            ),
            ("mail.imap_folder", "IMAP folder", "The folder read (read-only), INBOX by default."),
            ("mail.imap_security", "IMAP security", "tls, starttls, or none (this machine only)."),
            (
                "mail.imap_ca_file",
                "IMAP CA file",
                "A PEM file of the CA to trust instead of the system's; empty: the system's.",
            ),
            ("mail.imap_max_per_run", "Messages per run", "At most this many new messages a run."),
            ("mail.keep_bodies", "Keep whole bodies", "off keeps only headers and one sentence."),
        ),
    ),
)

FIELD_KEYS: tuple[str, ...] = tuple(key for _, rows in SECTIONS for key, _, _ in rows)
"""The keys edited as text, in screen order."""

THEME_HELP = "Colours of the whole app; applied and kept at once."
LIST_KEYS = frozenset({"rules.weekend_days", "rules.skip_dates"})
"""Stored as JSON lists; shown as comma lists, which parse_setting also accepts."""


def field_id(key: str) -> str:
    """The widget id of a setting's field (the Settings field name is a valid id)."""
    return f"setting-{KEYS[key]}"


def error_id(key: str) -> str:
    """The widget id of the message beside a setting's field."""
    return f"error-{KEYS[key]}"


def display_text(key: str, stored: str) -> str:
    """How a stored setting reads in its field: lists as "sat, sun" rather than JSON."""
    if key in LIST_KEYS:
        try:
            items = json.loads(stored)
        except json.JSONDecodeError:
            return stored
        if isinstance(items, list):
            return ", ".join(str(item) for item in items)
    return stored


def field_message(key: str, error: ValueError) -> str:
    """parse_setting's message without the dotted key (the field's label says which)."""
    message = str(error)
    for prefix in (f"{key}: ", f"{key} "):
        if message.startswith(prefix):
            message = message.removeprefix(prefix)
            break
    return message[:1].upper() + message[1:]


class SettingsScreen(Screen[None]):
    """Every setting with a line saying what it does; ``ctrl+s`` checks them all, then saves."""

    COMMAND_TABLE = SETTINGS_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self) -> None:
        super().__init__()
        self._stored: dict[str, str] | None = None
        """The stored texts (as settings_as_texts gives them), once read."""
        self._initial: dict[str, str] = {}
        """What the fields showed after the last load or save, to tell unsaved changes."""
        self._saving = False

    @property
    def pi_app(self) -> Services:
        """The app, as screens see it."""
        return services(self)

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
        yield Static("Reading your settings…", id="settings-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        self.load()

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="settings-load", exit_on_error=False)
    def load(self) -> None:
        """Read the settings off the event loop."""
        app = self.pi_app
        try:
            texts = settings_as_texts(app.repository.settings())
        except StoreError as error:
            app.call_from_thread(app.report_store_error, error)
            app.call_from_thread(self._show_status, "Could not read your settings.")
            return
        app.call_from_thread(self._loaded, texts)

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
