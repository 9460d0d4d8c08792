"""The text the board's filter searches besides company and role: recruiter, interviewers and
every note (the application's, the interviews', and notes added to its history)."""

from __future__ import annotations

import json

from postinterview_tui.domain.stages import EventKind
from postinterview_tui.storage.repository import Repository

_QUERIES = (
    "SELECT id, recruiter_name || ' ' || recruiter_email || ' ' || notes || ' ' || offer_notes "
    "FROM applications WHERE deleted_at IS NULL",
    "SELECT i.application_id, i.notes FROM interviews i",
    "SELECT i.application_id, p.name || ' ' || p.email || ' ' || p.title "
    "FROM interviewers p JOIN interviews i ON i.id = p.interview_id",
)


def search_texts(repository: Repository) -> dict[int, str]:
    """``{application id: its searchable text besides company and role}``, case-folded."""
    parts: dict[int, list[str]] = {}
    with repository.transactions.read() as db:
        for sql in _QUERIES:
            for application_id, text in db.execute(sql):
                if text and text.strip():
                    parts.setdefault(application_id, []).append(text)
        notes = db.execute(
            "SELECT application_id, data FROM events WHERE kind = ?", [EventKind.NOTE_ADDED.value]
        )
        for application_id, data in notes:
            try:
                text = json.loads(data).get("text", "")
            except (ValueError, AttributeError):
                continue
            if isinstance(text, str) and text:
                parts.setdefault(application_id, []).append(text)
    return {key: "\n".join(texts).casefold() for key, texts in parts.items()}
