"""The drafting panel: write thank-you, follow-up and offer notes, then get them out.

Drafts save themselves a moment after the last keystroke, when you switch note or template,
and when the panel closes or the app quits. Every draft stays in the application's history.
"""

from __future__ import annotations

import uuid

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from postinterview_tui.domain.drafting import (
    DraftingData,
    Slot,
    another_note,
    build_slots,
    first_open,
    sent_record,
    slot_from_draft,
    switch_template,
    with_records,
)
from postinterview_tui.domain.templates import Draft, NoteKind, TemplateId, follow_up_caution
from postinterview_tui.storage.drafts import DraftText, DraftWriter
from postinterview_tui.tui.commands.table import DRAFT_COMMANDS, bindings
from postinterview_tui.tui.screens.drafting_out import NOTE_ACTIONS, NoteOutActions
from postinterview_tui.tui.screens.drafting_view import (
    head_line,
    history_lines,
    person_line,
    record_line,
    status_line,
    template_line,
)
from postinterview_tui.tui.screens.templates import NameScreen, TemplatePickerScreen
from postinterview_tui.tui.screens.writes import WriteContext
from postinterview_tui.tui.widgets.key_bar import KeyBar
from postinterview_tui.tui.widgets.pending_read import PendingRead

AUTOSAVE_SECONDS = 0.6
"""Quiet time after the last keystroke before a draft is saved."""


def new_uid() -> str:
    """A new draft uid."""
    return uuid.uuid4().hex


class DraftingScreen(NoteOutActions):
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
        self.writing: frozenset[int | None] = frozenset()
        """Recipients already thanked whom the user chose to write to again."""
        self._sent_any = False
        self._warned = False
        self._sending = False

    def _replace(self, index: int, slot: Slot) -> None:
        self.slots = (*self.slots[:index], slot, *self.slots[index + 1 :])

    def compose(self) -> ComposeResult:
        yield PendingRead("Loading…", id="draft-head")
        with Horizontal(id="draft-body"):
            with Vertical(id="draft-side"):
                yield Static("For", classes="draft-section")
                yield OptionList(id="draft-people")
                yield Static("History", classes="draft-section")
                yield OptionList(id="draft-history")
            with Vertical(id="draft-main"):
                yield Static("", id="draft-template")
                yield Static("", id="draft-record")
                yield Input(placeholder="Subject", id="draft-subject")
                yield TextArea(id="draft-text", soft_wrap=True, tab_behavior="focus")
                yield Static("", id="draft-warning")
                yield Static("", id="draft-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    # -- reading -----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the application, settings, templates and drafts (off the event loop)."""
        self.pi_app.reads.run(
            self,
            self._read,
            self._loaded,
            group="draft-load",
            exclusive=True,
            failed=lambda _error: self.dismiss(False),
        )

    def _loaded(self, data: DraftingData) -> None:
        if not self.is_attached:
            return
        self.data = data
        self._open(None)
        if not data.settings.user_name.strip():
            self.app.push_screen(NameScreen(), self._name_given)

    def _open(self, prefer: TemplateId | None) -> None:
        data = self.data
        assert data is not None
        slots = build_slots(data, self.kind, self.pi_app.zone, new_uid, prefer)
        self.slots = with_records(data, slots, new_uid, self.writing)
        self.slot = first_open(self.slots, data.detail)
        self._show()

    def _show_sent(self, sent: Slot, data: DraftingData) -> None:
        """Show ``data`` once ``sent`` went out: its recipient's record (a thank-you), or a
        new draft for further edits; then the next note still to send."""
        self.data = data

        def after(slot: Slot) -> Slot:
            if slot.uid != sent.uid:
                return slot
            record = None
            if slot.template.kind is NoteKind.THANK_YOU:
                record = sent_record(data, slot.recipient, new_uid())
            return record or slot.restarted(new_uid())

        self.slots = tuple(after(slot) for slot in self.slots)
        self.slot = first_open(self.slots, data.detail, self.slot)
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A record of a note already sent is read-only: it can be copied, not changed or sent
        # again; "w" writes another instead (shown only then).
        record = self.current is not None and self.current.is_record
        if action == "write_another":
            return record
        if action in NOTE_ACTIONS and record:
            return None
        return True

    def action_write_another(self) -> None:
        """Write another note to someone already thanked (the sent one stays as it was)."""
        slot, data = self.current, self.data
        if slot is None or data is None or not slot.is_record:
            return
        self.writing = self.writing | {slot.recipient.interviewer_id}
        self._replace(self.slot, another_note(data, slot, self.pi_app.zone, new_uid))
        self._show()

    # -- showing -----------------------------------------------------------------------------

    def _show(self) -> None:
        slot, data = self.current, self.data
        if slot is None or data is None:
            return
        zone = self.pi_app.zone
        self.query_one("#draft-head", Static).update(head_line(data))
        self._fill_lists()
        self.query_one("#draft-template", Static).update(template_line(slot))
        record = self.query_one("#draft-record", Static)
        record.update(record_line(slot, zone))
        record.set_class(slot.is_record, "-shown")
        subject = self.query_one("#draft-subject", Input)
        subject.value = slot.subject
        subject.disabled = slot.is_record  # a note already sent is read-only
        editor = self.query_one("#draft-text", TextArea)
        editor.read_only = slot.is_record
        if editor.text != slot.body:
            editor.load_text(slot.body)
        caution = None
        if slot.template.kind is NoteKind.FOLLOW_UP and not slot.is_record:
            progress = data.detail.summary.progress
            caution = follow_up_caution(progress, self.pi_app.clock(), data.settings, zone)
        warning = self.query_one("#draft-warning", Static)
        warning.update(Content(caution or ""))
        warning.set_class(caution is not None, "-shown")
        if caution and not self._warned:
            self._warned = True
            self.app.notify(caution, title="A gentle warning", severity="warning", markup=False)
        self._update_status()
        self.refresh_bindings()  # "w" and the sending keys depend on the note being a record
        if not subject.has_focus:
            editor.focus()

    def _fill_lists(self) -> None:
        data = self.data
        assert data is not None
        people = self.query_one("#draft-people", OptionList)
        people.clear_options()
        people.add_options([Option(person_line(slot, data)) for slot in self.slots])
        people.highlighted = self.slot
        history = self.query_one("#draft-history", OptionList)
        keep = history.highlighted  # an autosave refills the list: leave the cursor where it was
        history.clear_options()
        lines = history_lines(data, self.pi_app.zone)
        history.add_options([Option(label, id=uid) for uid, label in lines])
        if not lines:
            history.add_option(Option(Content("No drafts yet"), disabled=True))
        elif keep is not None:
            history.highlighted = min(keep, history.option_count - 1)

    def _update_status(self) -> None:
        if (slot := self.current) is not None:
            text, long = status_line(slot)
            status = self.query_one("#draft-status", Static)
            status.update(text)
            status.set_class(long, "-long")

    # -- editing and saving ------------------------------------------------------------------

    @on(Input.Changed, "#draft-subject")
    @on(TextArea.Changed, "#draft-text")
    def _edited(self) -> None:
        slot = self.current
        if slot is None or slot.is_record:
            return  # a record is read-only: showing it is no edit
        subject = self.query_one("#draft-subject", Input).value
        slot = slot.edited(subject, self.query_one("#draft-text", TextArea).text)
        self._replace(self.slot, slot)
        if slot.dirty:
            if self._timer is not None:
                self._timer.stop()
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)
        self._update_status()

    def _autosave(self) -> None:
        self._timer = None
        self._flush()

    def _flush(self, *, store_current: bool = False) -> None:
        """Save every changed note in a worker (``store_current``: the current one even if new)."""
        for slot in self.slots:
            if slot.dirty or (store_current and slot is self.current and not slot.stored):
                self._save(self._version(slot))

    def _save(self, text: DraftText) -> None:
        writer, store, application_id = self.writer, self.store, self.application_id

        def save(write: WriteContext) -> tuple[Draft, ...] | None:
            if not writer.write(text, write.now):
                return None  # a newer version of this note was saved first
            return store.drafts_for(application_id)

        # Not announced: drafts show on this panel only, and the board would read again.
        self.pi_app.writes.run(
            self, save, done=lambda drafts: self._saved(text, drafts), announce=False
        )

    def _saved(self, text: DraftText, drafts: tuple[Draft, ...] | None) -> None:
        if drafts is None or not self.is_attached:
            return  # not written, or the panel closed while this save was on its way
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
        writer = self.writer
        for slot in self.slots:
            if slot.dirty and self.data is not None:
                text = self._version(slot)

                def save(write: WriteContext, text: DraftText = text) -> bool:
                    return writer.write(text, write.now)

                self.pi_app.writes.write_now(save)

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
