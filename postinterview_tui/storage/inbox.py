"""The inbox tables: messages ingested, their proposals, and where IMAP reading stopped.

Ingesting writes only these tables, every message of one run in one transaction. Accepting a
proposal is done by :mod:`.inbox_accept` through the repository's own actions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pendulum
from pendulum import DateTime

from postinterview_tui.inbox.classify import Kind
from postinterview_tui.inbox.decide import event_to_json
from postinterview_tui.inbox.match import Candidate, Rule
from postinterview_tui.inbox.proposals import Proposal, Step
from postinterview_tui.inbox.records import Decided, InboxEntry, ProposalStatus
from postinterview_tui.storage.errors import NotFound, SaveFailed
from postinterview_tui.storage.repository import MAX_ID, Repository
from postinterview_tui.storage.sent_messages import application_for_message_id
from postinterview_tui.storage.timestamps import from_text, to_text, truncate
from postinterview_tui.storage.transactions import new_uid

_ENTRY_COLUMNS = (
    "m.id, m.message_id, m.from_name, m.from_address, m.subject, m.received_at, m.kind, "
    "m.kind_reason, m.sentence, m.application_id, coalesce(a.company, ''), m.match_rule, "
    "m.match_detail, m.proposal_step, m.proposal_words, m.proposal_data, m.proposal_status, "
    "m.source, m.event"
)
_FROM = "inbox_messages m LEFT JOIN applications a ON a.id = m.application_id"


class InboxStore:
    """Reads and writes the inbox tables of one repository's file."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._tx = repository.transactions

    # -- what matching needs -----------------------------------------------------------------

    def candidates(self) -> list[Candidate]:
        """Every application not deleted, with its contacts' addresses."""
        with self._tx.read() as db:
            rows = db.execute(
                "SELECT id, company, stage, lower(recruiter_email) FROM applications "
                "WHERE deleted_at IS NULL"
            ).fetchall()
            people = db.execute(
                "SELECT i.application_id, lower(p.email) FROM interviewers p "
                "JOIN interviews i ON i.id = p.interview_id WHERE p.email != ''"
            ).fetchall()
        addresses: dict[int, set[str]] = {}
        for application_id, email in people:
            addresses.setdefault(application_id, set()).add(email)
        return [
            Candidate(
                application_id=row[0],
                company=row[1],
                addresses=frozenset(addresses.get(row[0], set()) | ({row[3]} if row[3] else set())),
                is_open=row[2] not in ("accepted", "closed"),
            )
            for row in rows
        ]

    def threads(self) -> Threads:
        """Message-IDs tied to an application: notes sent from the app, messages matched."""
        with self._tx.read() as db:
            matched = {
                str(message_id): int(application_id)
                for message_id, application_id in db.execute(
                    "SELECT message_id, application_id FROM inbox_messages "
                    "WHERE application_id IS NOT NULL AND message_id != ''"
                )
            }
        return Threads(self.repository, matched)

    # -- writes ------------------------------------------------------------------------------

    @contextmanager
    def writer(self, now: DateTime) -> Iterator[InboxWriter]:
        """One ingest: every message added through the writer is saved in one transaction
        (committed when the block ends, nothing saved if it raises).

        Raises:
            SaveFailed: the database refused a row (a constraint or trigger: an application
                purged by another window while the messages were matched); nothing was saved.
        """
        try:
            with self._tx.action("ingest", now, undoable=False) as act:
                yield InboxWriter(act.db, act.now_text)
        except sqlite3.IntegrityError as error:
            raise SaveFailed(
                f"could not save the messages read: the database refused them ({error}); "
                "nothing was saved, and the next ingest reads them again"
            ) from error

    def decide(self, entry_id: int, status: str, now: DateTime) -> bool:
        """Mark a pending proposal accepted or dismissed; false when it was not pending."""
        with self._tx.action(f"inbox {status}", now, undoable=False) as act:
            # Joined to an undoable acceptance or dismissal (inbox_accept), undoing that makes
            # the proposal pending again.
            act.remember("inbox_messages", entry_id)
            cursor = act.db.execute(
                "UPDATE inbox_messages SET proposal_status = ?, decided_at = ? "
                "WHERE id = ? AND proposal_status = ?",
                [status, act.now_text, entry_id, ProposalStatus.PENDING],
            )
            return cursor.rowcount == 1

    def link(
        self, entry_id: int, application_id: int, proposal: Proposal | None, now: DateTime
    ) -> None:
        """Tie a message to an application by hand, with the proposal that now follows."""
        with self._tx.action("inbox link", now, undoable=False) as act:
            # Joined to an undoable link (inbox_accept.link), undoing it unlinks the message.
            act.remember("inbox_messages", entry_id)
            act.db.execute(
                "UPDATE inbox_messages SET application_id = ?, match_rule = ?, match_detail = ?, "
                "proposal_step = ?, proposal_words = ?, proposal_data = ?, proposal_status = ?, "
                "decided_at = NULL WHERE id = ?",
                [
                    application_id,
                    str(Rule.LINKED),
                    "linked by you",
                    *_proposal_values(proposal),
                    entry_id,
                ],
            )

    def set_kind(self, entry_id: int, kind: Kind, reason: str, now: DateTime) -> None:
        """Change a message's kind (a linked unrelated message becomes a reply)."""
        with self._tx.action("inbox kind", now, undoable=False) as act:
            act.remember("inbox_messages", entry_id)
            act.db.execute(
                "UPDATE inbox_messages SET kind = ?, kind_reason = ? WHERE id = ?",
                [str(kind), reason, entry_id],
            )

    # -- reads -------------------------------------------------------------------------------

    def entry(self, entry_id: int) -> InboxEntry:
        """One stored message.

        Raises:
            NotFound: no such inbox message.
        """
        if not 0 < entry_id <= MAX_ID:
            raise NotFound(f"no inbox message with id {entry_id}")
        rows = self._entries("WHERE m.id = ?", [entry_id])
        if not rows:
            raise NotFound(f"no inbox message with id {entry_id}")
        return rows[0]

    def pending(self) -> list[InboxEntry]:
        """Proposals waiting for the user, oldest message first (deleted applications' not)."""
        return self._entries(
            "WHERE m.proposal_status = 'pending' AND a.deleted_at IS NULL "
            "ORDER BY m.received_at, m.id",
            [],
        )

    def unmatched(self, limit: int = 500) -> list[InboxEntry]:
        """Messages tied to no application that say something (not automatic or unrelated),
        newest first."""
        return self._entries(
            "WHERE m.application_id IS NULL AND m.kind NOT IN ('automatic', 'unrelated') "
            "ORDER BY m.received_at DESC, m.id DESC LIMIT ?",
            [limit],
        )

    def pending_count(self) -> int:
        """How many proposals wait (the board header's "N in inbox")."""
        with self._tx.read() as db:
            return int(
                db.execute(
                    f"SELECT count(*) FROM {_FROM} WHERE m.proposal_status = 'pending' "
                    "AND a.deleted_at IS NULL"
                ).fetchone()[0]
            )

    def imap_position(self, folder: str) -> tuple[int, int] | None:
        """(UIDVALIDITY, last UID read) of an IMAP folder, or ``None`` before its first run."""
        with self._tx.read() as db:
            row = db.execute(
                "SELECT uidvalidity, last_uid FROM imap_folders WHERE folder = ?", [folder]
            ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def _entries(self, where: str, params: list[Any]) -> list[InboxEntry]:
        with self._tx.read() as db:
            rows = db.execute(f"SELECT {_ENTRY_COLUMNS} FROM {_FROM} {where}", params).fetchall()
        return [_entry(row) for row in rows]


class Threads(Mapping[str, int]):
    """The thread rule's look-up: a Message-ID's application, from the messages matched so
    far (this run's included, see :meth:`remember`) or the notes the app sent."""

    def __init__(self, repository: Repository, matched: dict[str, int]) -> None:
        self._repository = repository
        self._matched = matched

    def remember(self, message_id: str, application_id: int) -> None:
        """A message just matched: later replies to it in the same run find it."""
        self._matched.setdefault(message_id, application_id)

    def __getitem__(self, message_id: str) -> int:
        if message_id in self._matched:
            return self._matched[message_id]
        found = application_for_message_id(self._repository, message_id)
        if found is None:
            raise KeyError(message_id)
        return found

    def __contains__(self, message_id: object) -> bool:
        if not isinstance(message_id, str):
            return False
        try:
            self[message_id]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._matched)

    def __len__(self) -> int:
        return len(self._matched)


class InboxWriter:
    """Adds messages inside an ingest's transaction (see :meth:`InboxStore.writer`)."""

    def __init__(self, db: sqlite3.Connection, now_text: str) -> None:
        self._db = db
        self._now_text = now_text

    def stored(self, key: str) -> tuple[int, str, int | None] | None:
        """(id, kind, application id) of the message stored under this dedup key, in this run
        or before; ``None`` when it is new."""
        if not key:
            return None
        row = self._db.execute(
            "SELECT id, kind, application_id FROM inbox_messages WHERE uid = ?", [key]
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), row[2])

    def event_start(self, uid: str) -> DateTime | None:
        """The start the latest stored version of calendar event ``uid`` gave (this run's
        included), or ``None`` when none was stored: a new version may have moved it."""
        if not uid:
            return None
        row = self._db.execute(
            "SELECT json_extract(event, '$.start') FROM inbox_messages "
            "WHERE event IS NOT NULL AND json_extract(event, '$.uid') = ? "
            "AND NOT json_extract(event, '$.cancelled') "
            "ORDER BY json_extract(event, '$.sequence') DESC, id DESC LIMIT 1",
            [uid],
        ).fetchone()
        if row is None or not isinstance(row[0], str):
            return None
        parsed = pendulum.parse(row[0])
        return parsed if isinstance(parsed, DateTime) else None

    def add(self, item: Decided) -> int:
        """Store one decided message; returns its id."""
        message, proposal = item.message, item.proposal
        cursor = self._db.execute(
            "INSERT INTO inbox_messages (uid, message_id, source, from_name, "
            "from_address, subject, received_at, kind, kind_reason, sentence, "
            "application_id, match_rule, match_detail, event, body, proposal_step, "
            "proposal_words, proposal_data, proposal_status, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                message.dedup_key or f"none:{new_uid()}",
                message.message_id,
                message.source[:500],
                message.sender.name if message.sender else "",
                message.sender.address if message.sender else "",
                message.subject,
                to_text(truncate(item.received)),
                str(item.verdict.kind),
                item.verdict.reason[:300],
                item.verdict.sentence,
                item.match.application_id,
                str(item.match.rule),
                item.match.detail[:300],
                _event_json(item),
                item.body,
                *_proposal_values(proposal),
                self._now_text,
            ],
        )
        return int(cursor.lastrowid or 0)

    def set_imap_position(self, folder: str, validity: int, last_uid: int) -> None:
        """Remember where reading an IMAP folder stopped (saved with the messages, so a run
        that fails to save reads the same messages again)."""
        self._db.execute(
            "INSERT INTO imap_folders (folder, uidvalidity, last_uid) VALUES (?, ?, ?) "
            "ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
            "last_uid = excluded.last_uid",
            [folder, validity, last_uid],
        )


def _proposal_values(proposal: Proposal | None) -> list[Any]:
    if proposal is None:
        return [None, None, None, None]
    return [
        str(proposal.step),
        proposal.words[:1000],
        json.dumps(proposal.data, sort_keys=True),
        ProposalStatus.PENDING,
    ]


def _event_json(item: Decided) -> str | None:
    data = event_to_json(item.message.event)
    return None if data is None else json.dumps(data, sort_keys=True)


def _entry(row: Sequence[Any]) -> InboxEntry:
    return InboxEntry(
        id=row[0],
        message_id=row[1],
        from_name=row[2],
        from_address=row[3],
        subject=row[4],
        received_at=from_text(row[5]),
        kind=Kind(row[6]),
        kind_reason=row[7],
        sentence=row[8],
        application_id=row[9],
        company=row[10],
        rule=Rule(row[11]),
        match_detail=row[12],
        step=Step(row[13]) if row[13] else None,
        words=row[14] or "",
        data=json.loads(row[15]) if row[15] else {},
        status=row[16],
        source=row[17],
        event=json.loads(row[18]) if row[18] else None,
    )
