"""One note as an e-mail message, built with the standard library's ``email`` package.

The package does the hard parts: names with accents or other scripts are encoded in the
headers, long or non-ASCII lines get a transfer encoding, and the body's lines come out as
the user wrote them once decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from postinterview_tui.domain.text import safe_line, safe_text


@dataclass(frozen=True, slots=True)
class Party:
    """A name and an address."""

    name: str
    email: str

    def address(self) -> Address:
        """The header form (the name encoded as needed; control characters dropped)."""
        local, _, domain = self.email.strip().partition("@")
        return Address(display_name=safe_line(self.name), username=local, domain=domain)

    def label(self) -> str:
        """How the party reads on screen: ``Ana Ruiz <ana@acme.example>``."""
        name, email = safe_line(self.name), safe_line(self.email)
        if not email:
            return f"{name} (no address)" if name else "(no one named)"
        return f"{name} <{email}>" if name else email


def domain_of(email: str) -> str:
    """The domain part of an address (Message-IDs are made on the sender's domain)."""
    return email.rpartition("@")[2].strip() or "localhost"


def build_message(
    *, sender: Party, recipient: Party, subject: str, body: str, when: datetime
) -> EmailMessage:
    """A plain-text message, ready to send, with a new ``Message-ID`` on the sender's domain.

    Args:
        sender: the user (``From``).
        recipient: one person (``To``); notes go one message per person.
        subject: the subject line (folded onto one line).
        body: the text, as written.
        when: the ``Date`` header (an aware datetime).
    """
    message = EmailMessage()
    message["From"] = sender.address()
    message["To"] = recipient.address()
    message["Subject"] = safe_line(subject)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=domain_of(sender.email))
    text = safe_text(body.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n") + "\n"
    message.set_content(text, charset="utf-8")
    return message
