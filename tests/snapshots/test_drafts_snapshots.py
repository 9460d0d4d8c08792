"""How a note already sent looks in the drafting panel: as it went, read-only, with the line
that says when and the key to write another anyway (wide and at 80x24)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pendulum import DateTime, Timezone

from postinterview_tui.storage.drafts import DraftStore
from tests.snapshots.test_snapshots import _open_card_then
from tests.ui.helpers import make_app, open_repository


def _thank_grace_with_a_note(db_path: Path, now: DateTime, zone: Timezone) -> None:
    """Lumen Health's one interviewer thanked with a kept note, before the app starts."""
    repository = open_repository(db_path, zone)
    try:
        lumen = next(item.id for item in repository.summaries() if item.company == "Lumen Health")
        latest = repository.detail(lumen).latest_interview
        assert latest is not None
        grace = latest.interviewers[0].id
        store = DraftStore(repository)
        store.save_draft(
            uid="sent-to-grace", application_id=lumen, interview_id=latest.id,
            interviewer_id=grace, template="thank-you-email", subject="Thank you",
            body="Dear Grace,\n\nThank you for your time today.\n\nAlex", now=now,
        )  # fmt: skip
        store.mark_thank_you_sent(lumen, grace, now, now, draft_uid="sent-to-grace")
    finally:
        repository.close()


def test_a_sent_note_is_shown_as_sent(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    _thank_grace_with_a_note(db_path, now, zone)
    run_before = _open_card_then("Lumen Health", "t")
    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_a_sent_note_is_shown_as_sent_narrow(
    snap_compare: Any, db_path: Path, now: DateTime, zone: Timezone
) -> None:
    app = make_app(db_path, now, zone)
    _thank_grace_with_a_note(db_path, now, zone)
    run_before = _open_card_then("Lumen Health", "t")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
