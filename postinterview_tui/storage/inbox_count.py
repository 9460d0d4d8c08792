"""How many inbox proposals wait: the board header's "N in inbox".

Kept apart from :mod:`.inbox` so that reading the board does not import the mail parsing and
classifying modules.
"""

from __future__ import annotations

from postinterview_tui.storage.repository import Repository


def pending_inbox_count(repository: Repository) -> int:
    """Proposals waiting for the user (those of deleted applications not counted)."""
    with repository.transactions.read() as db:
        row = db.execute(
            "SELECT count(*) FROM inbox_messages m JOIN applications a ON a.id = m.application_id "
            "WHERE m.proposal_status = 'pending' AND a.deleted_at IS NULL"
        ).fetchone()
    return int(row[0])
