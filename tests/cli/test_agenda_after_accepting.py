"""``today`` after accepting an offer with a condition still pending (issue 15 §2): the
condition keeps its check-ins until it is cleared or failed, and a failed one is an item of its
own, worded as advice to talk to the employer, until a talk is noted."""

from __future__ import annotations

from ._support import InProcessCli

# Five business days after the offer (Wednesday 25 November): the check-ins fall due.
LATER = "2026-12-02T12:00:00Z"


def accepted_with_pending(cli: InProcessCli) -> int:
    app = cli.add("Tidewater Bank", "Data analyst", "--interviewed", "-3d")
    cli.ok("offer", str(app), "--condition", "references", "--condition", "background")
    cli.ok("condition", str(app), "references", "cleared")
    cli.ok("accept", str(app), "--force")
    return app


def test_a_pending_condition_keeps_its_check_ins_after_accepting(cli: InProcessCli) -> None:
    app = accepted_with_pending(cli)
    items = cli.agenda(now=LATER)
    assert [(i["application_id"], i["stage"], i["action"], i["detail"]) for i in items] == [
        (app, "accepted", "offer-condition", "check in: background")
    ]
    text = cli.ok("today", now=LATER).out
    assert "Tidewater Bank" in text and "condition check-in" in text
    # Cleared: nothing more to do.
    cli.ok("condition", str(app), "background", "cleared")
    assert cli.agenda(now=LATER) == []
    assert cli.ok("today", now=LATER).out.startswith("Nothing to do")


def test_a_condition_failed_after_accepting_is_advice_to_talk_to_them(
    cli: InProcessCli,
) -> None:
    app = accepted_with_pending(cli)
    cli.ok("condition", str(app), "background", "failed", now=LATER)
    items = cli.agenda(now=LATER)
    assert [(i["action"], i["detail"]) for i in items] == [
        ("condition-failed", "failed: background")
    ]
    text = cli.ok("today", now=LATER).out
    assert "talk to them" in text
    assert "failed: background" in text
    # It needs the user now: ``--check`` says something is overdue.
    assert cli("today", "--check", now=LATER).code == 1
