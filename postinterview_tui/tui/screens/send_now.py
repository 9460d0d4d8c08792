"""Sending the note on screen by e-mail: checks, a confirmation with From, To and Subject, then
delivery in a worker while the panel says "Sending…".

The drafting panel hands over the note and says what to do once it is sent; the rules live in
:mod:`postinterview_tui.mail.outbox`, shared with ``postinterview send``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from postinterview_tui.domain.drafting import DraftingData
from postinterview_tui.domain.moves import RuleRefusal
from postinterview_tui.domain.text import safe_line
from postinterview_tui.mail.deliver import DeliveryFailed
from postinterview_tui.mail.outbox import (
    OutgoingNote,
    SendRefused,
    check_address,
    check_ready,
    check_timing,
    read_data,
    send_note,
    sender_of,
    with_address,
)
from postinterview_tui.storage.sent_messages import SentMessage
from postinterview_tui.tui.commands.table import dialog_bindings
from postinterview_tui.tui.screens.writes import WriteContext

if TYPE_CHECKING:
    from pendulum import DateTime
    from textual.dom import DOMNode

    from postinterview_tui.tui.screens.services import Services


class SendConfirmScreen(ModalScreen[str | None]):
    """Show From, To and Subject and ask before sending; returns the To line, or ``None``."""

    BINDINGS = dialog_bindings("send.confirm", "send.cancel")
    CSS_PATH = "../styles/send.tcss"

    def __init__(self, sender: str, to: str, subject: str, caution: str | None) -> None:
        super().__init__()
        self.sender = sender
        self.to = to
        self.subject = subject
        self.caution = caution

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="send-dialog"):
            yield Label(Content("Send this note now?"), id="question")
            yield Label(Content.assemble(("From     ", "dim"), safe_line(self.sender)))
            with Horizontal(id="send-to-row"):
                yield Label(Content.assemble(("To       ", "dim")))
                yield Input(self.to, placeholder="Name <address>", id="send-to")
            yield Label(Content.assemble(("Subject  ", "dim"), safe_line(self.subject)))
            if not self.to:
                yield Label(Content("No address on record: type one above."), classes="hint")
            if self.caution:
                yield Label(Content(safe_line(self.caution)), id="send-caution")
            with Horizontal(id="buttons"):
                yield Button("Send (ctrl+r)", id="send", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        if self.to:
            self.query_one("#send", Button).focus()
        else:
            self.query_one("#send-to", Input).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.action_confirm()
        else:
            self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        """Send, to the address in the To field."""
        self.dismiss(self.query_one("#send-to", Input).value)

    def action_cancel(self) -> None:
        """Keep the note unsent."""
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class SendRequest:
    """What the panel asks to send, and how it hears back."""

    note: OutgoingNote
    data: DraftingData
    save: Callable[[DateTime], object]
    """Writes the note's text as a draft (before delivery, so it is kept either way)."""
    status: Callable[[str], None]
    """Shows a line of progress on the panel ("Sending…", "Not sent: …")."""
    sent: Callable[[SentMessage, DraftingData], None]
    """Runs on the event loop once the note left and is marked sent (while ``owner`` is open)."""
    owner: DOMNode
    """The panel asking; once it is closed, a notification says how the sending went."""


def ask_and_send(app: Services, request: SendRequest) -> None:
    """Check the note, ask with From/To/Subject, then deliver it in a worker.

    A refusal (a placeholder, no ``user.email``, no way to send, the rules) is said in one
    notification and nothing happens; an early or extra follow-up is asked about in the
    same dialog.
    """
    note, data = request.note, request.data
    settings = data.settings
    caution = None
    try:
        check_ready(note, settings)
        sender = sender_of(settings)
        check_timing(note, data.detail, settings, app.zone, app.clock(), force=False)
    except SendRefused as refusal:
        _refused(app, refusal.message)
        return
    except RuleRefusal as refusal:
        if not refusal.confirmable:
            _refused(app, refusal.message)
            return
        caution = refusal.message[:1].upper() + refusal.message[1:] + " Send anyway?"
    to = note.to.label() if note.recipient.email else ""

    def answered(to_text: str | None) -> None:
        if to_text is None:
            return
        if not to_text.strip():
            who = safe_line(note.recipient.name) or "this note"
            _refused(app, f"no e-mail address for {who}: type one in the To field")
            return
        try:
            addressed = with_address(note, to_text)
            check_address(addressed)
        except SendRefused as refusal:
            _refused(app, refusal.message)
            return
        request.status(f"Sending to {addressed.to.label()}…")
        _deliver(app, request, addressed)

    app.push_screen(SendConfirmScreen(sender.label(), to, note.subject, caution), answered)


def _refused(app: Services, message: str) -> None:
    text = safe_line(message)
    app.notify(text[:1].upper() + text[1:], title="Not sent", severity="warning", markup=False)


@dataclass(frozen=True, slots=True)
class NotDelivered:
    """Delivery failed or was refused: nothing was marked sent (the draft was kept)."""

    reason: str
    refused: bool


def _deliver(app: Services, request: SendRequest, note: OutgoingNote) -> None:
    """Deliver, mark sent and read the panel's data again, through the one write path (a failed
    save is reported there, and the board hears of the note that went)."""

    def deliver(write: WriteContext) -> tuple[SentMessage, DraftingData] | NotDelivered:
        try:
            sent = send_note(
                write.repository, note, request.data.settings, app.clock, save=request.save
            )
        except DeliveryFailed as failure:
            return NotDelivered(failure.reason, refused=False)
        except SendRefused as refusal:
            return NotDelivered(refusal.message, refused=True)
        return sent, read_data(write.repository, note.application_id)

    def said(outcome: tuple[SentMessage, DraftingData] | NotDelivered) -> str:
        # The panel says what happened itself; once it is closed, this says it.
        if request.owner.is_attached:
            return ""
        if isinstance(outcome, NotDelivered):
            return f"Not sent: {outcome.reason}"
        return f"Sent to {outcome[0].recipient}."

    def done(outcome: tuple[SentMessage, DraftingData] | NotDelivered) -> None:
        if not isinstance(outcome, NotDelivered):
            request.sent(*outcome)
        elif outcome.refused:
            request.status("Not sent")
            _refused(app, outcome.reason)
        else:
            request.status(f"Not sent: {safe_line(outcome.reason)}")
            app.notify(safe_line(outcome.reason), title="Not sent", severity="error", markup=False)

    app.writes.run(
        request.owner,
        deliver,
        about=note.application_id,
        say=said,
        done=done,
        undone=lambda _why: request.status("Not saved"),
    )
