"""The notes the app delivered, by Message-ID: what lets a reply find its application.

The inbox matches an incoming message by thread first: its ``In-Reply-To`` (or any of its
``References``) naming one of these Message-IDs ties it to the application the note was for,
whoever it comes from. Rows are written in the same transaction that marks the note sent and
are kept when that action is undone: the mail did leave.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from pendulum import DateTime

from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.timestamps import from_text, to_text, truncate


@dataclass(frozen=True, slots=True)
class SentMessage:
    """One delivered note."""

    message_id: str
    application_id: int
    interviewer_id: int | None
    kind: str
    recipient: str
    sent_at: DateTime


def normalize_message_id(message_id: str) -> str:
    """A Message-ID as stored: angle brackets kept, surrounding white space dropped.

    ``make_msgid`` writes ``<local@domain>``; a header read back may lack the brackets or carry
    folding white space, so both spellings compare equal after this.
    """
    text = message_id.strip()
    if not text:
        return ""
    if not text.startswith("<"):
        text = "<" + text
    if not text.endswith(">"):
        text = text + ">"
    return text


@contextmanager
def _reading(conn_or_repo: sqlite3.Connection | Repository) -> Iterator[sqlite3.Connection]:
    """The connection to read from; a repository's is shared with its writer threads, so the
    read takes the repository's lock."""
    if isinstance(conn_or_repo, sqlite3.Connection):
        with nullcontext(conn_or_repo) as db:
            yield db
    else:
        with conn_or_repo.transactions.read() as db:
            yield db


def application_for_message_id(
    conn_or_repo: sqlite3.Connection | Repository, message_id: str
) -> int | None:
    """The application a note with this Message-ID was sent for.

    Args:
        conn_or_repo: an open connection, or a repository.
        message_id: a Message-ID, with or without its angle brackets.

    Returns:
        The application's id, or ``None`` when the app never sent that message.
    """
    key = normalize_message_id(message_id)
    if not key:
        return None
    with _reading(conn_or_repo) as db:
        row = db.execute(
            "SELECT application_id FROM sent_messages WHERE message_id = ?", [key]
        ).fetchone()
    return None if row is None else int(row[0])


def record_sent_message(db: sqlite3.Connection, sent: SentMessage) -> None:
    """Store a delivered note (inside the caller's open write transaction).

    Raises:
        sqlite3.IntegrityError: that Message-ID is already stored, or no such application.
    """
    db.execute(
        "INSERT INTO sent_messages (message_id, application_id, interviewer_id, kind, "
        "recipient, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
        [
            normalize_message_id(sent.message_id),
            sent.application_id,
            sent.interviewer_id,
            sent.kind,
            sent.recipient,
            to_text(truncate(sent.sent_at)),
        ],
    )


def sent_messages_for(
    conn_or_repo: sqlite3.Connection | Repository, application_id: int
) -> tuple[SentMessage, ...]:
    """Every note delivered for an application, oldest first."""
    with _reading(conn_or_repo) as db:
        rows = db.execute(
            "SELECT message_id, application_id, interviewer_id, kind, recipient, sent_at "
            "FROM sent_messages WHERE application_id = ? ORDER BY sent_at, message_id",
            [application_id],
        ).fetchall()
    return tuple(
        SentMessage(
            message_id=row[0],
            application_id=int(row[1]),
            interviewer_id=None if row[2] is None else int(row[2]),
            kind=row[3] or "",
            recipient=row[4] or "",
            sent_at=from_text(row[5]),
        )
        for row in rows
    )
