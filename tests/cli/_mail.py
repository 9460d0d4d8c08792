"""Writing test mail: messages, mbox files, Maildir folders and calendar files, by the standard
library's own ``email`` and ``mailbox`` modules."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path


def message(
    *,
    sender: str = "Ana Ruiz <ana@acme.example>",
    subject: str = "Your application",
    body: str = "Hello",
    message_id: str = "<m1@acme.example>",
    date: str = "Tue, 24 Nov 2026 09:00:00 +0000",
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    """One message with the given headers and a plain-text body."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "Sam Taylor <sam@home.example>"
    mail["Subject"] = subject
    mail["Date"] = date
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    return mail


REJECTION = "Thank you for your time. Unfortunately we have decided not to move forward."
REPLY = "Thanks for the note! We expect to make a decision by Friday 4 December."
OFFER = "We are delighted to offer you the role. The offer letter follows."


def write_maildir(folder: Path, messages: list[EmailMessage]) -> list[str]:
    """A Maildir holding ``messages`` (in ``new``); returns their keys."""
    box = mailbox.Maildir(folder, create=True)
    keys = [box.add(item) for item in messages]
    box.close()
    return keys


def write_mbox(path: Path, messages: list[EmailMessage | bytes]) -> None:
    """An mbox file holding ``messages`` (bytes are written as they are)."""
    box = mailbox.mbox(path, create=True)
    for item in messages:
        box.add(item)
    box.flush()
    box.close()


def invitation_ics(
    *,
    uid: str = "round2@acme.example",
    sequence: int = 0,
    method: str = "REQUEST",
    start: str = "20261203T140000Z",
) -> bytes:
    """A calendar invitation from Ana Ruiz to Sam and Ben Okafor."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//inbox//EN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        "DTSTAMP:20261124T090000Z",
        f"DTSTART:{start}",
        "DTEND:20261203T150000Z",
        "SUMMARY:Acme - second interview",
        "ORGANIZER;CN=Ana Ruiz:mailto:ana@acme.example",
        "ATTENDEE;CN=Ben Okafor:mailto:ben@acme.example",
        "ATTENDEE;CN=Sam Taylor:mailto:sam@home.example",
        *(["STATUS:CANCELLED"] if method == "CANCEL" else []),
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()
