"""Note templates: change the text new drafts start from; and the drafting panel's dialogs."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from postinterview_tui.domain.default_templates import DEFAULT_TEMPLATES
from postinterview_tui.domain.templates import FIELDS, NoteTemplate, TemplateId
from postinterview_tui.domain.text import safe_line, safe_text
from postinterview_tui.storage.drafts import DraftStore
from postinterview_tui.tui.commands.table import TEMPLATE_COMMANDS, bindings, dialog_bindings
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.widgets.key_bar import KeyBar


def fields_help() -> Content:
    """The fields a template can use, one per line (shown as plain text, never markup)."""
    lines = [f"${name}  {description}" for name, (description, _) in FIELDS.items()]
    return Content("Fields (a missing value shows as [a placeholder]):\n" + "\n".join(lines))


def template_option(template: NoteTemplate) -> Option:
    """A list entry for a template, marked when the user changed its text."""
    label = template.title + ("  (yours)" if template.customised else "")
    return Option(Content(label), id=str(template.id))


class TemplatesScreen(UsesServices, Screen[None]):
    """Every template, editable; changes are saved when you switch templates or close."""

    CSS_PATH = "../styles/drafting.tcss"

    COMMAND_TABLE = TEMPLATE_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self) -> None:
        super().__init__()
        self._templates: dict[TemplateId, NoteTemplate] = dict(DEFAULT_TEMPLATES)
        self._current: TemplateId = TemplateId.THANK_YOU_EMAIL

    @property
    def store(self) -> DraftStore:
        """Where templates are kept."""
        return DraftStore(self.pi_app.repository)

    def compose(self) -> ComposeResult:
        yield Static("Note templates", id="templates-head")
        with Horizontal(id="templates-body"):
            yield OptionList(id="templates-list")
            with Vertical(id="templates-main"):
                yield Input(
                    placeholder="Subject (empty for a short message)", id="template-subject"
                )
                yield TextArea(id="template-text", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="template-status")
                yield Static(fields_help(), id="template-fields")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        """Read the templates off the event loop."""
        store = self.store
        self.pi_app.reads.run(
            self, store.templates, self._loaded, group="templates-load", exclusive=True
        )

    def _loaded(self, templates: dict[TemplateId, NoteTemplate]) -> None:
        if not self.is_attached:
            return
        self._templates = templates
        listing = self.query_one("#templates-list", OptionList)
        highlighted = listing.highlighted or 0
        listing.clear_options()
        listing.add_options([template_option(item) for item in templates.values()])
        listing.highlighted = highlighted
        self._show(self._current)

    def _show(self, template_id: TemplateId) -> None:
        self._current = template_id
        template = self._templates[template_id]
        self.query_one("#template-subject", Input).value = template.subject
        self.query_one("#template-text", TextArea).load_text(template.body)
        status = "Your own text." if template.customised else "The original text."
        self.query_one("#template-status", Static).update(Content(f"{template.title}: {status}"))

    def _edited(self) -> tuple[str, str] | None:
        subject = self.query_one("#template-subject", Input).value
        body = self.query_one("#template-text", TextArea).text
        template = self._templates[self._current]
        if (subject, body) == (template.subject, template.body):
            return None
        return subject, body

    @on(OptionList.OptionHighlighted, "#templates-list")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        target = TemplateId(event.option.id or TemplateId.THANK_YOU_EMAIL)
        if target is self._current:
            return
        self._save_if_edited()
        self._show(target)

    def _save_if_edited(self) -> None:
        edited = self._edited()
        if edited is not None:
            template = self._templates[self._current]
            self._templates[self._current] = NoteTemplate(
                template.id, template.title, template.kind, edited[0], edited[1], True
            )
            template_id = self._current
            store = self.store
            self.pi_app.writes.run(
                self,
                lambda write: store.set_template(template_id, *edited, write.now),
                say=f"Saved the template “{DEFAULT_TEMPLATES[template_id].title}”.",
                done=lambda _: self.load(),
            )

    def action_save_template(self) -> None:
        """Save the template on screen."""
        if self._edited() is None:
            self.app.notify("Nothing changed.")
            return
        self._save_if_edited()

    def action_reset_template(self) -> None:
        """Go back to the original text, after asking."""
        template = self._templates[self._current]
        if not template.customised and self._edited() is None:
            self.app.notify("This template already has its original text.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._reset_worker(template.id)

        self.app.push_screen(
            ConfirmScreen(f"Reset “{template.title}” to the original text?"), answered
        )

    def _reset_worker(self, template_id: TemplateId) -> None:
        store = self.store
        self.pi_app.writes.run(
            self,
            lambda write: store.reset_template(template_id, write.now),
            say="Back to the original text.",
            done=lambda _: self.load(),
        )

    def action_close(self) -> None:
        """Close, saving what was changed."""
        self._save_if_edited()
        self.dismiss(None)


class TemplatePickerScreen(ModalScreen[TemplateId | None]):
    """Choose the template a new draft starts from."""

    CSS_PATH = "../styles/drafting.tcss"

    BINDINGS = dialog_bindings("template-picker.cancel")

    def __init__(self, templates: dict[TemplateId, NoteTemplate], current: TemplateId) -> None:
        super().__init__()
        self.templates = templates
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Start a new draft from:", id="question")
            yield OptionList(
                *(template_option(item) for item in self.templates.values()), id="template-choices"
            )
            yield Label("enter picks · escape cancels · your current draft is kept", classes="hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = list(self.templates).index(self.current)
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(TemplateId(event.option.id or self.current))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class NameScreen(ModalScreen[tuple[str, str] | None]):
    """Ask once for the name (and signature) notes are signed with."""

    CSS_PATH = "../styles/drafting.tcss"

    BINDINGS = dialog_bindings("name.cancel")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("What name should your notes be signed with?", id="question")
            yield Input(placeholder="Your name", id="name-input", max_length=200)
            yield Input(placeholder="Signature (optional, e.g. name · phone)", id="signature-input")
            yield Label("enter saves · escape skips (you can change it later)", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        name = self.query_one("#name-input", Input).value.strip()
        if not name:
            self.query_one("#name-input", Input).focus()
            return
        self.dismiss((name, self.query_one("#signature-input", Input).value.strip()))

    def action_cancel(self) -> None:
        """Go on without a name (notes show [your name])."""
        self.dismiss(None)


class LinkScreen(ModalScreen[None]):
    """Show a link that nothing here could open, so it can be copied by hand."""

    CSS_PATH = "../styles/drafting.tcss"

    BINDINGS = dialog_bindings("link.close", "link.copy")

    def __init__(self, link: str) -> None:
        super().__init__()
        self.link = link

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                "Nothing here can open mail links. Copy this link into your browser or mail app:",
                id="question",
            )
            yield TextArea(safe_text(self.link), id="link-text", read_only=True, soft_wrap=True)
            yield Label("ctrl+g copies it · escape closes", classes="hint")

    def action_copy_link(self) -> None:
        """Copy the link to the clipboard."""
        self.app.copy_to_clipboard(self.link)
        self.app.notify(safe_line("Copied the link."), markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
