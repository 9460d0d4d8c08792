"""A cancelled or rescheduled calendar invitation removes or moves the round it had set, and
accepting any proposal is one transaction: the change and the proposal's state together."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ._mail import REJECTION, invitation_ics, message
from ._support import InProcessCli, assert_one_error_line

ANA = "Ana Ruiz <ana@acme.example>"
# NOW_TEXT is Wednesday 25 November 2026 10:00 in London; the first round is two days before.


def _acme_with_second_round(cli: InProcessCli, tmp_path: Path) -> None:
    """Acme, and its second round of Thursday 3 December 14:00 added from an invitation."""
    cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")
    cli.ok("config", "set", "user.email", "sam@home.example")
    path = tmp_path / "invite.ics"
    path.write_bytes(invitation_ics())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    cli.ok("inbox", "accept", str(proposal))
    assert _rounds(cli) == ["2026-11-23T10:00", "2026-12-03T14:00"]


def _rounds(cli: InProcessCli) -> list[str]:
    return [item["held_at"][:16] for item in cli.json("show", "1")["interviews"]]


def _ingest(cli: InProcessCli, tmp_path: Path, name: str, data: bytes) -> dict[str, Any]:
    path = tmp_path / name
    path.write_bytes(data)
    rows: list[dict[str, Any]] = cli.json("ingest", str(path))
    assert len(rows) == 1
    return rows[0]


def test_accepting_a_cancellation_removes_the_round_and_undo_brings_both_back(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme_with_second_round(cli, tmp_path)
    row = _ingest(cli, tmp_path, "cancel.ics", invitation_ics(method="CANCEL", sequence=2))
    pending = cli.json("inbox")
    assert [item["proposal"] for item in pending] == [
        "the round of Thursday 3 December 14:00 was cancelled: remove it from the application?"
    ]
    out = cli.ok("inbox", "accept", str(row["proposal_id"])).out
    assert out == "Acme Inc.: round of Thursday 3 December 14:00 removed.\n"
    assert _rounds(cli) == ["2026-11-23T10:00"]
    assert cli.json("inbox") == []
    texts = [event["text"] for event in cli.json("show", "1")["events"]]
    assert any("interview round of Thursday 3 December 14:00 removed" in text for text in texts)
    assert _interview_entries(cli) == ["2026-11-23T10:00"]  # none left for the removed round
    # One undo takes back the removal and makes the proposal pending again.
    cli.ok("undo")
    assert _rounds(cli) == ["2026-11-23T10:00", "2026-12-03T14:00"]
    assert [item["id"] for item in cli.json("inbox")] == [row["proposal_id"]]
    people = sorted(p["email"] for p in cli.json("show", "1")["interviews"][-1]["interviewers"])
    assert people == ["ana@acme.example", "ben@acme.example"]
    assert _interview_entries(cli) == ["2026-11-23T10:00", "2026-12-03T14:00"]


def _interview_entries(cli: InProcessCli) -> list[str]:
    """When the history's interview entries are (`show --json`)."""
    events = cli.json("show", "1")["events"]
    return [event["at"][:16] for event in events if event["kind"] == "interview-held"]


def test_a_later_version_of_the_invitation_moves_the_round(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme_with_second_round(cli, tmp_path)
    moved = invitation_ics(sequence=1, start="20261204T100000Z")
    row = _ingest(cli, tmp_path, "moved.ics", moved)
    assert [item["proposal"] for item in cli.json("inbox")] == [
        "the round of Thursday 3 December 14:00 moved to Friday 4 December 10:00: move it?"
    ]
    out = cli.ok("inbox", "accept", str(row["proposal_id"])).out
    assert "round moved from Thursday 3 December 14:00 to Friday 4 December 10:00" in out
    assert _rounds(cli) == ["2026-11-23T10:00", "2026-12-04T10:00"]
    assert _interview_entries(cli) == ["2026-11-23T10:00", "2026-12-04T10:00"]
    people = sorted(p["email"] for p in cli.json("show", "1")["interviews"][-1]["interviewers"])
    assert people == ["ana@acme.example", "ben@acme.example"]
    cli.ok("undo")
    assert _rounds(cli) == ["2026-11-23T10:00", "2026-12-03T14:00"]


def test_a_cancellation_without_its_round_is_refused_in_one_line_and_stays_pending(
    cli: InProcessCli, tmp_path: Path
) -> None:
    cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")
    row = _ingest(cli, tmp_path, "cancel.ics", invitation_ics(method="CANCEL", sequence=2))
    before = cli.state()
    refused = cli("inbox", "accept", str(row["proposal_id"]))
    assert assert_one_error_line(refused) == (
        "there is no round of Thursday 3 December 14:00 on the application to remove: "
        f"dismiss this (postinterview inbox dismiss {row['proposal_id']})"
    )
    assert cli.state() == before
    assert len(cli.json("inbox")) == 1


def test_a_round_already_held_is_not_removed(cli: InProcessCli, tmp_path: Path) -> None:
    _acme_with_second_round(cli, tmp_path)
    # The first round (Monday 23 November 10:00) took place: a late cancellation cannot undo it.
    late = invitation_ics(uid="first@acme.example", method="CANCEL", start="20261123T100000Z")
    row = _ingest(cli, tmp_path, "late.ics", late)
    before = cli.state()
    message_text = assert_one_error_line(cli("inbox", "accept", str(row["proposal_id"])))
    assert "has already taken place: it stays in the history" in message_text
    assert cli.state() == before


def test_accepting_is_one_transaction_when_marking_the_proposal_fails(
    cli: InProcessCli, tmp_path: Path
) -> None:
    cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")
    path = tmp_path / "r.eml"
    path.write_bytes(message(body=REJECTION).as_bytes())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    # The second half of accepting (marking the proposal) fails as a full disk would.
    connection = sqlite3.connect(cli.db_path)
    with connection:
        connection.execute(
            "CREATE TRIGGER proposal_write_fails BEFORE UPDATE OF proposal_status "
            "ON inbox_messages BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
        )
    connection.close()
    before = cli.state()
    failed = cli("inbox", "accept", str(proposal))
    # An error the store does not expect: the usual one line, the details in the log.
    assert "something unexpected went wrong" in assert_one_error_line(failed, code=4)
    assert cli.state() == before  # not closed, proposal still pending: nothing half-applied
    assert cli.listing()[0]["stage"] == "interviewed"
