"""The drafting panel: write thank-you, follow-up and offer notes, then get them out.

Drafts save themselves a moment after the last keystroke, when you switch note or template,
and when the panel closes or the app quits. Every draft stays in the application's history.
"""

from __future__ import annotations

import uuid
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from postinterview_tui.domain.drafting import (
    DraftingData,
    Slot,
    build_slots,
    first_open,
    history_label,
    is_thanked,
    slot_from_draft,
    switch_template,
)
from postinterview_tui.domain.templates import (
    Draft,
    NoteKind,
    TemplateId,
    follow_up_caution,
    length_hint,
    unfilled,
    word_count,
)
from postinterview_tui.domain.text import safe_line
from postinterview_tui.mail.outbox import OutgoingNote
from postinterview_tui.storage.drafts import DraftStore, DraftText, DraftWriter
from postinterview_tui.storage.errors import StoreError
from postinterview_tui.storage.sent_messages import SentMessage
from postinterview_tui.tui.commands.table import DRAFT_COMMANDS, bindings
from postinterview_tui.tui.screens.delivery import copy_note, edit_in_editor, open_mail, save_note
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.send_now import SendRequest, ask_and_send
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.templates import NameScreen, TemplatePickerScreen
from postinterview_tui.tui.screens.writes import StoreChange, WriteContext
from postinterview_tui.tui.widgets.steady_footer import SteadyFooter

AUTOSAVE_SECONDS = 0.6
"""Quiet time after the last keystroke before a draft is saved."""


def new_uid() -> str:
    """A new draft uid."""
    return uuid.uuid4().hex


class DraftingScreen(UsesServices, Screen[bool]):
    """Write notes for an application's latest interview; dismissed with "a note was sent"."""

    COMMAND_TABLE = DRAFT_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)
    # Below 100 columns the side panel goes below the note (app.tcss, DraftingScreen.-narrow).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, application_id: int, kind: NoteKind) -> None:
        super().__init__()
        self.application_id = application_id
        self.kind = kind
        self.data: DraftingData | None = None
        self.slots: tuple[Slot, ...] = ()
        self.slot = 0
        self._timer: Timer | None = None
        self._writer: DraftWriter | None = None
        self._sent_any = False
        self._warned = False
        self._sending = False

    @property
    def store(self) -> DraftStore:
        """Drafts and templates."""
        return DraftStore(self.pi_app.repository)

    @property
    def writer(self) -> DraftWriter:
        """Saves drafts, newest version winning."""
        if self._writer is None:
            self._writer = DraftWriter(self.store)
        return self._writer

    @property
    def current(self) -> Slot | None:
        """The note on screen."""
        return self.slots[self.slot] if self.slots else None

    def _replace(self, index: int, slot: Slot) -> None:
        self.slots = (*self.slots[:index], slot, *self.slots[index + 1 :])

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="draft-head")
        with Horizontal(id="draft-body"):
            with Vertical(id="draft-side"):
                yield Static("For", classes="draft-section")
                yield OptionList(id="draft-people")
                yield Static("History", classes="draft-section")
                yield OptionList(id="draft-history")
            with Vertical(id="draft-main"):
                yield Static("", id="draft-template")
                yield Input(placeholder="Subject", id="draft-subject")
                yield TextArea(id="draft-text", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="draft-warning")
                yield Static("", id="draft-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.load()

    # -- reading -----------------------------------------------------------------------------

    def _read(self) -> DraftingData:
        """Read what the panel shows (in a worker)."""
        repository, store = self.pi_app.repository, self.store
        return DraftingData(
            repository.detail(self.application_id),
            repository.settings(),
            store.templates(),
            store.drafts_for(self.application_id),
        )

    @work(thread=True, exclusive=True, group="draft-load", exit_on_error=False)
    def load(self) -> None:
        """Read the application, settings, templates and drafts."""
        try:
            data = self._read()
        except StoreError as error:
            self.app.call_from_thread(self.pi_app.report_store_error, error)
            self.app.call_from_thread(self.dismiss, False)
            return
        self.app.call_from_thread(self._loaded, data)

    def _loaded(self, data: DraftingData) -> None:
        if not self.is_attached:
            return
        self.data = data
        self._open(None)
        if not data.settings.user_name.strip():
            self.app.push_screen(NameScreen(), self._name_given)

    def _open(self, prefer: TemplateId | None) -> None:
        assert self.data is not None
        self.slots = build_slots(self.data, self.kind, self.pi_app.zone, new_uid, prefer)
        self.slot = first_open(self.slots, self.data.detail)
        self._show()

    # -- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        slot, data = self.current, self.data
        if slot is None or data is None:
            return
        summary = data.detail.summary
        progress = summary.progress
        thanks = ""
        if progress.interviewers_total > 1:
            thanks = f"  ·  thank-you {progress.interviewers_thanked}/{progress.interviewers_total}"
        self.query_one("#draft-head", Static).update(
            Content.assemble(
                (safe_line(summary.company), "bold"),
                " — ",
                safe_line(summary.role),
                ("  ·  drafting" + (f"{thanks} sent" if thanks else ""), "dim"),
            )
        )
        self._fill_lists()
        template = slot.template
        self.query_one("#draft-template", Static).update(
            Content.assemble(
                ("Template: ", "dim"),
                template.title + ("  (yours)" if template.customised else ""),
                ("  ·  ctrl+t for another", "dim"),
            )
        )
        subject = self.query_one("#draft-subject", Input)
        subject.value = slot.subject
        editor = self.query_one("#draft-text", TextArea)
        if editor.text != slot.body:
            editor.load_text(slot.body)
        caution = None
        if template.kind is NoteKind.FOLLOW_UP:
            caution = follow_up_caution(
                progress, self.pi_app.clock(), data.settings, self.pi_app.zone
            )
        warning = self.query_one("#draft-warning", Static)
        warning.update(Content(caution or ""))
        warning.set_class(caution is not None, "-shown")
        if caution and not self._warned:
            self._warned = True
            self.app.notify(caution, title="A gentle warning", severity="warning", markup=False)
        self._update_status()
        if not subject.has_focus:
            editor.focus()

    def _fill_lists(self) -> None:
        data = self.data
        assert data is not None
        people = self.query_one("#draft-people", OptionList)
        people.clear_options()
        for slot in self.slots:
            name = safe_line(slot.recipient.name or slot.recipient.email) or "(no one named)"
            if slot.template.kind is NoteKind.THANK_YOU:
                name += "  ✓ thanked" if is_thanked(slot, data.detail) else "  · not sent"
            people.add_option(Option(Content(name)))
        people.highlighted = self.slot
        history = self.query_one("#draft-history", OptionList)
        keep = history.highlighted  # an autosave refills the list: leave the cursor where it was
        history.clear_options()
        zone = self.pi_app.zone
        for draft in data.drafts:
            label = safe_line(history_label(draft, data, zone))
            history.add_option(Option(Content(label), id=draft.uid))
        if not data.drafts:
            history.add_option(Option(Content("No drafts yet"), disabled=True))
        elif keep is not None:
            history.highlighted = min(keep, history.option_count - 1)

    def _update_status(self) -> None:
        slot = self.current
        if slot is None:
            return
        words = word_count(slot.body)
        state = "Editing…" if slot.dirty else "Saved" if slot.stored else "New, from the template"
        hint = length_hint(slot.template, slot.body)
        text = f"{state} · {words} word{'s' if words != 1 else ''}" + (f" · {hint}" if hint else "")
        status = self.query_one("#draft-status", Static)
        status.update(Content(text))
        status.set_class(hint is not None, "-long")

    # -- editing and saving ------------------------------------------------------------------

    @on(Input.Changed, "#draft-subject")
    @on(TextArea.Changed, "#draft-text")
    def _edited(self) -> None:
        slot = self.current
        if slot is None:
            return
        subject = self.query_one("#draft-subject", Input).value
        slot = slot.edited(subject, self.query_one("#draft-text", TextArea).text)
        self._replace(self.slot, slot)
        if slot.dirty:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)
        self._update_status()

    def _version(self, slot: Slot) -> DraftText:
        assert self.data is not None
        latest = self.data.detail.latest_interview
        return self.writer.version(
            uid=slot.uid,
            application_id=self.application_id,
            interview_id=latest.id if latest else None,
            interviewer_id=slot.recipient.interviewer_id,
            template=str(slot.template.id),
            subject=slot.subject,
            body=slot.body,
        )

    def _autosave(self) -> None:
        self._timer = None
        self._flush()

    def _flush(self, *, store_current: bool = False) -> None:
        """Save every changed note in a worker (``store_current``: the current one even if new)."""
        for slot in self.slots:
            if slot.dirty or (store_current and slot is self.current and not slot.stored):
                self._save_worker(self._version(slot))

    @work(thread=True, group="draft-save", exit_on_error=False)
    def _save_worker(self, text: DraftText) -> None:
        try:
            if not self.writer.write(text, self.pi_app.clock()):
                return
            drafts = self.store.drafts_for(self.application_id)
        except StoreError as error:
            self.app.call_from_thread(self.pi_app.report_store_error, error)
            return
        self.app.call_from_thread(self._saved, text, drafts)

    def _saved(self, text: DraftText, drafts: tuple[Draft, ...]) -> None:
        if not self.is_attached:
            return  # the panel closed while this save was on its way
        self.slots = tuple(
            slot.written(text.subject, text.body) if slot.uid == text.uid else slot
            for slot in self.slots
        )
        if self.data is not None:
            self.data = DraftingData(
                self.data.detail, self.data.settings, self.data.templates, drafts
            )
            self._fill_lists()
        self._update_status()

    def on_unmount(self) -> None:
        # Closing the panel or quitting the app: written here, on the event loop, because a
        # worker started now would be cancelled with the screen. It is one small row each.
        if self._timer is not None:
            self._timer.stop()
        for slot in self.slots:
            if slot.dirty and self.data is not None:
                try:
                    self.writer.write(self._version(slot), self.pi_app.clock())
                except StoreError:
                    self.app.bell()  # the screen is going: nowhere left to say more

    def action_close(self) -> None:
        """Close the panel; what was typed is saved as it closes."""
        self.dismiss(self._sent_any)

    # -- choosing ----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#draft-people")
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index != self.slot:
            self._flush()
            self.slot = event.option_index
            self._show()

    @on(OptionList.OptionSelected, "#draft-history")
    def _history_chosen(self, event: OptionList.OptionSelected) -> None:
        data = self.data
        draft = (
            next((item for item in data.drafts if item.uid == event.option.id), None)
            if data
            else None
        )
        if data is None or draft is None or not self.slots:
            return
        self._flush()
        self.slot = next(
            (
                index
                for index, slot in enumerate(self.slots)
                if slot.recipient.interviewer_id == draft.interviewer_id
            ),
            self.slot,
        )
        recipient = self.slots[self.slot].recipient
        self._replace(self.slot, slot_from_draft(data, draft, recipient, new_uid()))
        self._show()

    def action_choose_template(self) -> None:
        """Start a new draft from another template (the current one stays in the history)."""
        slot = self.current
        if self.data is None or slot is None:
            return

        def chosen(template_id: TemplateId | None) -> None:
            if template_id is not None:
                self._use_template(template_id)

        self.app.push_screen(
            TemplatePickerScreen(dict(self.data.templates), slot.template.id), chosen
        )

    def _use_template(self, template_id: TemplateId) -> None:
        data, slot = self.data, self.current
        assert data is not None and slot is not None
        self._flush()
        template = data.templates[template_id]
        if template.kind is not slot.template.kind:
            self.kind = template.kind
            self._warned = False
            self._open(template_id)
            return
        self._replace(
            self.slot, switch_template(data, slot, template_id, self.pi_app.zone, new_uid)
        )
        self._show()

    def _name_given(self, answer: tuple[str, str] | None) -> None:
        if answer is not None:
            self._save_name(*answer)

    def _save_name(self, name: str, signature: str) -> None:
        def save(write: WriteContext) -> DraftingData:
            write.repository.set_setting("user.name", name, write.now)
            if signature:
                write.repository.set_setting("user.signature", signature, write.now)
            return self._read()

        self.pi_app.writes.run(self, save, done=self._name_saved)

    def _name_saved(self, data: DraftingData) -> None:
        if not self.is_attached:
            return
        self.data = data
        zone = self.pi_app.zone
        fresh = build_slots(
            data, self.kind, zone, new_uid, self.slots[0].template.id if self.slots else None
        )
        # Notes nobody has touched yet are filled again, now with the name.
        self.slots = tuple(
            slot if slot.stored or slot.dirty or index >= len(fresh) else fresh[index]
            for index, slot in enumerate(self.slots)
        )
        self._show()

    # -- getting it out ----------------------------------------------------------------------

    def action_copy_draft(self) -> None:
        """Copy the note's text to the clipboard."""
        if (slot := self.current) is not None:
            self._flush(store_current=True)
            copy_note(self.app, slot.subject, slot.body)

    def action_save_file(self) -> None:
        """Save the note to a text file and say where."""
        slot, data = self.current, self.data
        if slot is not None and data is not None:
            self._flush(store_current=True)
            stem = f"{data.detail.summary.company} {slot.template.id}"
            save_note(
                self.app,
                self.pi_app.clock,
                self.pi_app.repository.path,
                slot.subject,
                slot.body,
                stem,
            )

    def action_open_editor(self) -> None:
        """Edit the note in $VISUAL / $EDITOR, then bring the text back."""
        if (slot := self.current) is not None:
            edited = edit_in_editor(self.app, slot.subject, slot.body)
            if edited is not None:
                self.query_one("#draft-subject", Input).value = edited[0]
                self.query_one("#draft-text", TextArea).load_text(edited[1])

    def action_mail_link(self) -> None:
        """Open the note as a new e-mail, or show the link when nothing can open it."""
        if (slot := self.current) is not None:
            self._flush(store_current=True)
            open_mail(self.app, slot.recipient.email, slot.subject, slot.body)

    # -- sending -----------------------------------------------------------------------------

    def action_send_now(self) -> None:
        """Send the note by e-mail now: From, To and Subject to confirm, then the card moves."""
        slot, data = self.current, self.data
        if slot is None or data is None or self._sending:
            return
        text = self._version(slot)
        note = OutgoingNote(
            self.application_id, text.interview_id, slot.template, slot.recipient,
            slot.subject, slot.body, slot.uid,
        )  # fmt: skip

        def show(line: str) -> None:
            self._sending = line.startswith("Sending")
            if self.is_attached:
                self.query_one("#draft-status", Static).update(Content(line))

        def sent(message: SentMessage, fresh: DraftingData) -> None:
            self._sending = False
            # Sending marked the note sent: the board and the screens below learn of it.
            self.pi_app.writes.announce(StoreChange(self.application_id))
            name = safe_line(slot.recipient.name) or message.recipient
            self._sent(text, fresh, said=f"Sent to {name}.")
            thanks = slot.template.kind is NoteKind.THANK_YOU
            if self.is_attached and (
                not thanks or all(is_thanked(item, fresh.detail) for item in self.slots)
            ):
                self.dismiss(True)  # nobody left to write to

        save = partial(self.writer.write, text)
        ask_and_send(self.pi_app, SendRequest(note, data, save, show, sent))

    # -- marking sent ------------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        """Record the note as sent: the card moves and what is due is worked out again."""
        slot = self.current
        if slot is None:
            return
        missing = unfilled(f"{slot.subject}\n{slot.body}")
        if not missing:
            self._send(force=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._send(force=False)

        question = f"The note still has {', '.join(missing)} in it. Mark it sent anyway?"
        self.app.push_screen(ConfirmScreen(question), answered)

    def _send(self, *, force: bool) -> None:
        slot = self.current
        if slot is None:
            return
        text, template = self._version(slot), slot.template
        application_id, store, writer = self.application_id, self.store, self.writer

        def send(write: WriteContext) -> DraftingData:
            writer.write(text, write.now)
            store.mark_sent(
                template, application_id, text.interviewer_id, write.now, write.now,
                force=write.force, draft_uid=text.uid,
            )  # fmt: skip
            return self._read()

        name = safe_line(slot.recipient.name)
        said = f"Marked sent: {template.title}" + (f" to {name}" if name else "") + "."
        self.pi_app.writes.run(
            self,
            send,
            about=application_id,
            force=force,
            say=said,
            done=lambda data: self._sent(text, data),
        )

    def _sent(self, text: DraftText, data: DraftingData, said: str | None = None) -> None:
        """A note went out (``said``: the words for it, when not said already)."""
        if said is not None:
            self.app.notify(said, markup=False)
        if not self.is_attached:
            return
        self._sent_any = True
        self.data = data
        self.slots = tuple(
            item.restarted(new_uid()) if item.uid == text.uid else item for item in self.slots
        )
        self.slot = first_open(self.slots, data.detail, self.slot)
        self._show()
