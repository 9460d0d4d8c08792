"""Getting a note out of the drafting panel: copy, file, editor, mail link, send now, mark sent,
and what the panel does once a note went out.

Once a note is sent (marked or delivered) the panel moves on to whoever still needs a
thank-you; when nobody does, it closes and says what comes next for the application ("Next:
follow up in 5d (Mon 30 Nov)."), since a new copy of the same note is what nobody wants then.
"""

from __future__ import annotations

from functools import partial

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from postinterview_tui.domain.drafting import DraftingData, Slot, is_thanked
from postinterview_tui.domain.templates import NoteKind, unfilled
from postinterview_tui.domain.text import safe_line
from postinterview_tui.domain.what_next import what_next
from postinterview_tui.mail.outbox import OutgoingNote
from postinterview_tui.storage.drafts import DraftStore, DraftText, DraftWriter
from postinterview_tui.storage.sent_messages import SentMessage
from postinterview_tui.tui.commands.table import DRAFT_COMMANDS, bindings
from postinterview_tui.tui.screens.delivery import copy_note, edit_in_editor, open_mail, save_note
from postinterview_tui.tui.screens.dialogs import ConfirmScreen
from postinterview_tui.tui.screens.send_now import SendRequest, ask_and_send
from postinterview_tui.tui.screens.services import UsesServices
from postinterview_tui.tui.screens.writes import WriteContext

NOTE_ACTIONS = {"mark_sent", "send_now", "open_editor", "choose_template"}
"""Actions that change or send the note on screen: not for a record of a note already sent."""


class NoteOutActions(UsesServices, Screen[bool]):
    """The drafting panel's ways out for a note (the panel's base class)."""

    CSS_PATH = "../styles/drafting.tcss"

    COMMAND_TABLE = DRAFT_COMMANDS
    BINDINGS = bindings(COMMAND_TABLE)

    application_id: int
    data: DraftingData | None
    slots: tuple[Slot, ...]
    slot: int
    writing: frozenset[int | None]
    _sent_any: bool
    _sending: bool
    _writer: DraftWriter | None

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

    def _flush(self, *, store_current: bool = False) -> None:
        raise NotImplementedError

    def _read(self) -> DraftingData:
        """Read what the panel shows (in a worker)."""
        repository, store = self.pi_app.repository, self.store
        return DraftingData(
            repository.detail(self.application_id),
            repository.settings(),
            store.templates(),
            store.drafts_for(self.application_id),
        )

    def _show_sent(self, sent: Slot, data: DraftingData) -> None:
        """Show ``data`` once ``sent`` went out, on the next note still to send."""
        raise NotImplementedError

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
        if (slot := self.current) is not None and not slot.is_record:
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
        if slot is None or data is None or self._sending or slot.is_record:
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
            self._sending = False  # the write path announces it: the board reads it
            name = safe_line(slot.recipient.name) or message.recipient
            self.app.notify(self._sent_words(f"Sent to {name}.", fresh), markup=False)
            self._after_sent(slot, fresh)

        save = partial(self.writer.write, text)
        ask_and_send(self.pi_app, SendRequest(note, data, save, show, sent, self))

    def action_mark_sent(self) -> None:
        """Record the note as sent: the card moves and what is due is worked out again."""
        slot = self.current
        if slot is None or slot.is_record:
            return
        missing = unfilled(f"{slot.subject}\n{slot.body}")
        if not missing:
            self._mark_sent(slot)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_sent(slot)

        question = f"The note still has {', '.join(missing)} in it. Mark it sent anyway?"
        self.app.push_screen(ConfirmScreen(question), answered)

    def _mark_sent(self, slot: Slot) -> None:
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
            say=lambda data: self._sent_words(said, data),
            done=lambda data: self._after_sent(slot, data),
        )

    def _sent_words(self, said: str, data: DraftingData) -> str:
        """What a message says once a note went out: that, and what comes next when the
        panel closes for want of anyone left to write to."""
        if self._someone_left(data):
            return said
        app = self.pi_app
        return f"{said} {what_next(data.detail.summary, data.settings, app.clock(), app.zone)}"

    def _someone_left(self, data: DraftingData) -> bool:
        """True while a thank-you on the panel is still to go out."""
        return any(
            slot.template.kind is NoteKind.THANK_YOU and not is_thanked(slot, data.detail)
            for slot in self.slots
        )

    def _after_sent(self, sent: Slot, data: DraftingData) -> None:
        """A note went out: on to the next person still to thank, else close the panel."""
        if not self.is_attached:
            return
        self._sent_any = True
        # A second note written "anyway" is sent: the recipient's record shows it now.
        self.writing = self.writing - {sent.recipient.interviewer_id}
        if not self._someone_left(data):
            self.dismiss(True)
            return
        self._show_sent(sent, data)
