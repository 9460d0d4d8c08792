"""A window's undo of its own inbox dismissal is refused when another window has since changed
the same message (linked it elsewhere): restoring the row would throw that change away."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.cli.group import run
from postinterview_tui.storage import inbox_accept
from postinterview_tui.storage.errors import UndoBlocked
from postinterview_tui.storage.inbox import InboxStore
from postinterview_tui.storage.repository import Repository
from tests.cli._mail import REJECTION, message


def _open(db_path: Path, zone: Timezone) -> Repository:
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    return repository


def test_undoing_a_dismissal_is_refused_after_another_window_linked_the_message(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTINTERVIEW_NOW", now.isoformat())
    base = ["--db", str(db_path)]
    ana = "Ana Ruiz <ana@acme.example>"
    assert run([*base, "add", "--company", "Acme", "--role", "Dev", "--interviewer", ana]) == 0
    assert run([*base, "add", "--company", "Globex", "--role", "Analyst"]) == 0
    mail = tmp_path / "r.eml"
    mail.write_bytes(message(body=REJECTION).as_bytes())
    assert run([*base, "ingest", str(mail)]) == 0
    here, there = _open(db_path, zone), _open(db_path, zone)
    try:
        inbox_accept.dismiss(here, 1, now)
        inbox_accept.link(there, 1, 2, now)
        with pytest.raises(UndoBlocked, match="changed elsewhere since"):
            here.undo_and_describe(now, own=True)
        entry = InboxStore(here).entry(1)
        assert (entry.application_id, entry.status) == (2, "pending")
        # The other window's own undo is still its to make.
        assert (
            there.undo_and_describe(now, own=True) == "linking inbox message 1 from Acme to Globex"
        )
        assert InboxStore(here).entry(1).application_id == 1
    finally:
        here.close()
        there.close()
