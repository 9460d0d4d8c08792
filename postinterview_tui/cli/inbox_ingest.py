"""``postinterview ingest``'s work: read every source, decide, save in one transaction."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from postinterview_tui.cli.runtime import BadInput, Runtime
from postinterview_tui.domain.text import safe_line, shorten
from postinterview_tui.inbox.decide import decide
from postinterview_tui.inbox.message import IncomingMessage
from postinterview_tui.inbox.sources import Item, SourceProblem, read_path, read_stdin


@dataclass
class IngestOutcome:
    """What one ``ingest`` read: a row per message, the problems met on the way."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bad_sources: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The text output: a line per message, then a count."""
        result = []
        for row in self.rows:
            says_nothing = row["kind"] in _NOTHING_TO_DO
            who = shorten(safe_line(row["company"] or ("-" if says_nothing else "unmatched")), 18)
            if row["duplicate"]:
                what = "already in the inbox"
            elif row["application_id"] is None and not says_nothing:
                what = f"no application: postinterview inbox link {row['id']} APP_ID"
            else:
                what = safe_line(row["proposal"] or row["subject"])
            number = row["id"] if row["id"] is not None else "-"
            result.append(f"{number:>5}  {row['kind']:<10}  {who:<18} {shorten(what, 60)}")
        new = [row for row in self.rows if not row["duplicate"]]
        proposals = sum(1 for row in new if row["proposal_id"] is not None)
        # As `inbox unmatched` lists them: automatic and unrelated mail needs no application.
        unmatched = sum(
            1 for row in new if row["application_id"] is None and row["kind"] not in _NOTHING_TO_DO
        )
        needing_nothing = sum(1 for row in new if row["kind"] in _NOTHING_TO_DO)
        result.append(
            f"{len(self.rows)} read: {proposals} to review (postinterview inbox), "
            f"{unmatched} unmatched, {needing_nothing} needing nothing, "
            f"{len(self.rows) - len(new)} already seen."
        )
        return result


_NOTHING_TO_DO = ("automatic", "unrelated")
"""Kinds that call for nothing: no proposal, and no application to link them to."""


def run_ingest(rt: Runtime, paths: Sequence[Path | None], *, imap: bool) -> IngestOutcome:
    """Read ``paths`` (``None`` is standard input) and, with ``imap``, the IMAP folder."""
    from postinterview_tui.storage.inbox import InboxStore

    repository = rt.repository(create=True)
    store = InboxStore(repository)
    settings = repository.settings()
    now = rt.clock()
    batch = _read_imap(store, settings, rt) if imap else None
    candidates = store.candidates()
    threads = store.threads()
    companies = {item.application_id: item.company for item in candidates}
    outcome = IngestOutcome()
    if batch is not None:
        outcome.warnings.extend(
            f"IMAP message UID {uid} is not mail; skipped" for uid in batch.skipped
        )
    with store.writer(now) as writer:
        for item in _items(paths, rt, batch.messages if batch else ()):
            if isinstance(item, SourceProblem):
                (outcome.bad_sources if item.whole_source else outcome.warnings).append(
                    item.message
                )
                continue
            key = item.dedup_key
            earlier = writer.stored(key)
            if earlier is not None:
                outcome.rows.append(_duplicate_row(item, earlier, companies))
                continue
            event = item.event
            moved_from = (
                writer.event_start(event.uid) if event is not None and not event.cancelled else None
            )
            decided = decide(
                item, candidates, threads, settings, now=now, zone=rt.zone, moved_from=moved_from
            )
            new_id = writer.add(decided)
            application_id = decided.match.application_id
            if application_id is not None and item.message_id:
                threads.remember(item.message_id, application_id)
            outcome.rows.append(
                _row(
                    item,
                    new_id,
                    decided,
                    new_id if decided.proposal is not None else None,
                    companies,
                    duplicate=False,
                )
            )
        if batch is not None:
            writer.set_imap_position(batch.folder_key, batch.uidvalidity, batch.last_uid)
    return outcome


def _items(
    paths: Sequence[Path | None], rt: Runtime, fetched: Sequence[IncomingMessage]
) -> Iterator[Item]:
    for path in paths:
        if path is None:
            yield from read_stdin(sys.stdin.buffer, rt.zone)
        else:
            yield from read_path(path, rt.zone)
    yield from fetched


def _read_imap(store: Any, settings: Any, rt: Runtime) -> Any:
    from postinterview_tui.inbox.imap import (
        ImapError,
        check_settings,
        folder_key,
        password_from_command,
        read_new,
    )

    try:
        check_settings(settings)
        password = password_from_command(settings.imap_password_command)
        return read_new(
            settings, store.imap_position(folder_key(settings)), password=password, zone=rt.zone
        )
    except ImapError as error:
        raise BadInput(str(error)) from None


def _duplicate_row(
    message: IncomingMessage, earlier: tuple[int, str, int | None], companies: dict[int, str]
) -> dict[str, Any]:
    row = _row(message, None, None, None, companies, duplicate=True)
    earlier_id, kind, application_id = earlier
    row.update(
        id=earlier_id,
        kind=kind,
        application_id=application_id,
        company=companies.get(application_id) if application_id is not None else None,
    )
    return row


def _row(
    message: IncomingMessage,
    new_id: int | None,
    decided: Any,
    proposal_id: int | None,
    companies: dict[int, str],
    *,
    duplicate: bool,
) -> dict[str, Any]:
    application_id = decided.match.application_id if decided is not None else None
    when = decided.received if decided is not None else message.date
    return {
        "id": new_id,
        "message_id": message.message_id or None,
        "from": message.sender.address if message.sender else None,
        "subject": message.subject,
        "date": when.isoformat() if when is not None else None,
        "kind": str(decided.verdict.kind) if decided is not None else None,
        "application_id": application_id,
        "proposal_id": proposal_id,
        "duplicate": duplicate,
        "company": companies.get(application_id) if application_id is not None else None,
        "rule": str(decided.match.rule) if decided is not None else None,
        "proposal": decided.proposal.words if decided is not None and decided.proposal else None,
        "source": message.source,
    }
