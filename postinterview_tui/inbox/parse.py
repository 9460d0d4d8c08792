"""Reading one message from bytes, in bounded memory, into an :class:`IncomingMessage`.

The message is parsed with the standard library's ``email`` package in its ``compat32`` policy
(it never raises on a malformed header; every header is decoded here, defensively). Only the
first :data:`MAX_MESSAGE_BYTES` of a message are parsed, the rest is read and thrown away, so a
huge attachment costs time but not memory.
"""

from __future__ import annotations

import email.header
import email.utils
import re
from collections.abc import Iterable
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import compat32
from html.parser import HTMLParser
from typing import Protocol

import pendulum
from pendulum import DateTime, Timezone

from postinterview_tui.inbox.calendar_parse import events_from_ical
from postinterview_tui.inbox.message import IncomingMessage, Person

MAX_MESSAGE_BYTES = 4 * 1024 * 1024
"""How much of one message is parsed; the rest (large attachments) is skipped unread."""
MAX_TEXT = 64 * 1024
"""How much body text is kept for classifying."""
MAX_HEADER = 2000
"""The longest header value kept (a subject, a name, an id)."""
CHUNK = 64 * 1024

_ANGLE_IDS = re.compile(r"<([^<>\s]{1,900})>")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_AUTOMATIC_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})


class Readable(Protocol):
    """Anything with ``read(size)`` giving bytes (a file, a mailbox's message, stdin)."""

    def read(self, size: int = -1, /) -> bytes: ...


class NotMail(ValueError):
    """Bytes that are not an e-mail message (no sender and no Message-ID in a header block)."""


def read_message(
    stream: Readable, *, zone: Timezone, source: str, limit: int = MAX_MESSAGE_BYTES
) -> IncomingMessage:
    """Parse one message from ``stream`` (read to its end, at most ``limit`` bytes kept).

    Raises:
        NotMail: the bytes do not start with a mail header block.
    """
    parser = BytesFeedParser(policy=compat32)
    kept = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        if kept < limit:
            part = chunk[: limit - kept]
            parser.feed(part)
            kept += len(part)
    message = parser.close()
    return message_from_email(message, zone=zone, source=source)


def message_from_email(message: Message, *, zone: Timezone, source: str) -> IncomingMessage:
    """Reduce a parsed message to what the inbox keeps.

    Raises:
        NotMail: the message has neither a sender nor a Message-ID.
    """
    sender = _first_person(_header(message, "From"))
    message_id = _first_id(_header(message, "Message-ID"))
    if sender is None and not message_id:
        raise NotMail(f"{source}: not an e-mail message (no From or Message-ID header)")
    recipients = tuple(
        person for name in ("To", "Cc") for person in _people(_header(message, name))
    )
    text_parts: list[str] = []
    events = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        if content_type == "text/calendar" or (part.get_filename() or "").lower().endswith(".ics"):
            payload = _payload_bytes(part)
            if payload:
                events.extend(events_from_ical(payload, zone=zone, strict=False))
            continue
        if part.get_content_disposition() == "attachment":
            continue
        if content_type == "text/plain":
            text_parts.append(_payload_text(part))
        elif content_type == "text/html" and not text_parts:
            text_parts.append(html_to_text(_payload_text(part)))
        if sum(len(item) for item in text_parts) > MAX_TEXT:
            break
    return IncomingMessage(
        message_id=message_id,
        sender=sender,
        subject=_clip(_header(message, "Subject")),
        date=_date(_header(message, "Date")),
        recipients=recipients,
        in_reply_to=_ids(_header(message, "In-Reply-To")),
        references=_ids(_header(message, "References")),
        automatic_headers=_automatic_headers(message),
        text=storable("\n".join(text_parts))[:MAX_TEXT],
        event=events[0] if events else None,
        source=source,
    )


def storable(text: str) -> str:
    """``text`` without what a database text cannot hold (NUL, lone surrogates)."""
    return _UNSTORABLE.sub("", text)


def _clip(text: str) -> str:
    return " ".join(storable(text).split())[:MAX_HEADER]


def _header(message: Message, name: str) -> str:
    """A header decoded to text (RFC 2047 words read); "" when absent or unreadable."""
    raw = message.get(name)
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else str(raw)
    try:
        return str(email.header.make_header(email.header.decode_header(text)))
    except (LookupError, ValueError, UnicodeError, email.errors.HeaderParseError):
        return text


def _people(text: str) -> list[Person]:
    if not text:
        return []
    people = []
    for name, address in email.utils.getaddresses([text]):
        address = address.strip().lower()
        if "@" in address and " " not in address and len(address) <= 320:
            people.append(Person(_clip(name), storable(address)))
    return people


def _first_person(text: str) -> Person | None:
    found = _people(text)
    return found[0] if found else None


def _ids(text: str) -> tuple[str, ...]:
    return tuple(storable(item) for item in _ANGLE_IDS.findall(text))[:100]


def _first_id(text: str) -> str:
    found = _ids(text)
    if found:
        return found[0]
    bare = text.strip()
    return storable(bare)[:900] if bare and " " not in bare else ""


def _date(text: str) -> DateTime | None:
    if not text:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=pendulum.UTC)
    if not 2000 <= parsed.year <= 2099:
        return None
    return pendulum.instance(parsed).in_timezone(pendulum.UTC)


def _automatic_headers(message: Message) -> tuple[str, ...]:
    found = []
    auto = _header(message, "Auto-Submitted").strip().lower()
    if auto and auto != "no":
        found.append(f"Auto-Submitted: {auto[:40]}")
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply"):
        if message.get(name) is not None:
            found.append(f"{name}: {_header(message, name).strip()[:40]}")
    precedence = _header(message, "Precedence").strip().lower()
    if precedence in _AUTOMATIC_PRECEDENCE:
        found.append(f"Precedence: {precedence}")
    if message.get("List-Unsubscribe") is not None or message.get("List-Id") is not None:
        found.append("List-Unsubscribe")
    return tuple(found)


def _payload_bytes(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _payload_text(part: Message) -> str:
    data = _payload_bytes(part)
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


class _TextOfHtml(HTMLParser):
    """Collects the text of an HTML body, a line break for each block."""

    _BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Iterable[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML body (tags dropped, scripts and styles skipped)."""
    reader = _TextOfHtml()
    reader.feed(html[: MAX_TEXT * 4])
    reader.close()
    return "".join(reader.parts)
