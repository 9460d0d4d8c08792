"""Where messages come from: ``.eml`` files, mbox files, Maildir folders, ``.ics`` files, stdin.

Each source is opened read-only in spirit: nothing here writes, moves, renames or flags a
message (Maildir's ``new`` → ``cur`` move and mbox locking are never called).
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pendulum import Timezone

from postinterview_tui.inbox.calendar_parse import NotCalendar, calendar_messages
from postinterview_tui.inbox.message import IncomingMessage
from postinterview_tui.inbox.parse import NotMail, Readable, read_message

MAX_CALENDAR_BYTES = 1024 * 1024
"""A calendar file larger than this is refused (invitations are a few kilobytes)."""
SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """Something that could not be read.

    ``whole_source`` is true when a file named on the command line is not mail or calendar at
    all (the command then exits 2); false for one bad message inside an mbox or Maildir.
    """

    source: str
    message: str
    whole_source: bool


Item = IncomingMessage | SourceProblem


def read_stdin(stream: BinaryIO, zone: Timezone) -> Iterator[Item]:
    """One message (or calendar) piped in by a mail client."""
    head = stream.read(SNIFF_BYTES)
    if _looks_like_calendar(head):
        rest = stream.read(MAX_CALENDAR_BYTES)
        yield from _calendar(head + rest, "stdin", zone)
        return
    yield from _one_message(_Prefixed(head, stream), "stdin", zone, whole=True)


def read_path(path: Path, zone: Timezone) -> Iterator[Item]:
    """Every message in the file or folder ``path``."""
    name = str(path)
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir():
            yield from _maildir(path, zone)
        else:
            yield SourceProblem(name, f"{name}: a folder that is not a Maildir", True)
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
            if _looks_like_calendar(head) or path.suffix.lower() == ".ics":
                yield from _calendar(head + stream.read(MAX_CALENDAR_BYTES), name, zone)
                return
            if head.startswith(b"From "):
                mbox = True
            else:
                mbox = False
                stream.seek(0)
                yield from _one_message(stream, name, zone, whole=True)
    except OSError as error:
        yield SourceProblem(name, f"{name}: cannot be read ({error.strerror or error})", True)
        return
    if mbox:
        yield from _mbox(path, zone)


def _looks_like_calendar(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR")


def _calendar(data: bytes, source: str, zone: Timezone) -> Iterator[Item]:
    if len(data) >= MAX_CALENDAR_BYTES:
        yield SourceProblem(source, f"{source}: a calendar file over 1 MiB", True)
        return
    try:
        yield from calendar_messages(data, zone=zone, source=source)
    except NotCalendar as error:
        text = str(error)
        yield SourceProblem(source, text if text.startswith(source) else f"{source}: {text}", True)


def _one_message(stream: Readable, source: str, zone: Timezone, *, whole: bool) -> Iterator[Item]:
    try:
        yield read_message(stream, zone=zone, source=source)
    except NotMail:
        what = "not mail or a calendar" if whole else "not a mail message; skipped"
        yield SourceProblem(source, f"{source}: {what}", whole)


def _mbox(path: Path, zone: Timezone) -> Iterator[Item]:
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            with box.get_file(key) as stream:
                yield from _one_message(stream, f"{path} (message {number})", zone, whole=False)
    finally:
        box.close()


def _maildir(path: Path, zone: Timezone) -> Iterator[Item]:
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.iterkeys()):
        try:
            stream = box.get_file(key)
        except (OSError, KeyError) as error:
            yield SourceProblem(f"{path}/{key}", f"{path}/{key}: cannot be read ({error})", False)
            continue
        with stream:
            yield from _one_message(stream, f"{path}/{key}", zone, whole=False)


class _Prefixed:
    """A stream that gives back ``head`` first, then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: Readable) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1, /) -> bytes:
        """Read up to ``size`` bytes (everything left when negative)."""
        if self._head:
            if size < 0:
                data, self._head = self._head + self._stream.read(-1), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            return data
        return self._stream.read(size)
