"""Dismissing and linking an inbox message are slips easy to make: ``postinterview undo``
takes each back, like any other change (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._mail import REJECTION, message
from ._support import InProcessCli

ANA = "Ana Ruiz <ana@acme.example>"


def _acme(cli: InProcessCli) -> int:
    return cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")


def _ingest(cli: InProcessCli, path: Path, **headers: str) -> dict[str, Any]:
    path.write_bytes(message(body=REJECTION, **headers).as_bytes())
    rows: list[dict[str, Any]] = cli.json("ingest", str(path))
    return rows[0]


def _pending(cli: InProcessCli) -> list[tuple[int, int, str]]:
    return [(item["id"], item["application_id"], item["proposal"]) for item in cli.json("inbox")]


def test_undo_brings_a_dismissed_proposal_back_to_pending(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _acme(cli)
    proposal = _ingest(cli, tmp_path / "r.eml")["proposal_id"]
    waiting = _pending(cli)
    assert waiting == [(proposal, app, "close it as not selected?")]
    cli.ok("inbox", "dismiss", str(proposal))
    assert cli.json("inbox") == []
    out = cli.ok("undo").out
    assert out == f"Undid: dismissing inbox message {proposal} from Acme Inc.\n"
    assert _pending(cli) == waiting
    assert cli.json("inbox", "show", str(proposal))["status"] == "pending"
    # Nothing else was changed, nor is by the undo: Acme's history has no entry about it.
    assert [event["kind"] for event in cli.json("show", str(app))["events"]] == [
        "interview-held",
        "created",
    ]
    # And it can be accepted as if it had never been dismissed.
    cli.ok("inbox", "accept", str(proposal))
    assert cli.json("show", str(app))["stage"] == "closed"


def test_undo_unlinks_a_message_linked_to_the_wrong_application(
    cli: InProcessCli, tmp_path: Path
) -> None:
    acme = _acme(cli)
    globex = cli.add("Globex", "Analyst")
    stranger = {"sender": "Talent <jobs@ats.example>", "subject": "Update"}
    row = _ingest(cli, tmp_path / "s.eml", **stranger)
    assert row["application_id"] is None
    unmatched = cli.json("inbox", "unmatched")
    cli.ok("inbox", "link", str(row["id"]), str(globex))  # the wrong one
    assert _pending(cli) == [(row["id"], globex, "close it as not selected?")]
    out = cli.ok("undo").out
    assert out == f"Undid: linking inbox message {row['id']} from Talent to Globex\n"
    assert cli.json("inbox") == []
    assert cli.json("inbox", "unmatched") == unmatched
    cli.ok("inbox", "link", str(row["id"]), str(acme))
    assert _pending(cli) == [(row["id"], acme, "close it as not selected?")]


def test_undo_ties_a_relinked_proposal_back_to_its_first_application(
    cli: InProcessCli, tmp_path: Path
) -> None:
    acme = _acme(cli)
    globex = cli.add("Globex", "Analyst")
    proposal = _ingest(cli, tmp_path / "r.eml")["proposal_id"]
    before = cli.json("inbox", "show", str(proposal))
    cli.ok("inbox", "link", str(proposal), str(globex))
    assert _pending(cli) == [(proposal, globex, "close it as not selected?")]
    cli.ok("undo")
    assert cli.json("inbox", "show", str(proposal)) == before
    assert _pending(cli) == [(proposal, acme, "close it as not selected?")]
