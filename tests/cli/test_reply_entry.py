"""``postinterview reply`` checks a reply as the TUI's form does (issue 20)."""

from __future__ import annotations

from tests.cli._support import InProcessCli


def test_reply_keeps_its_note_and_new_decision_date(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "2026-11-20")
    cli.ok("reply", str(app), "--decision-by", "2026-12-04", "--note", "Team decides Friday")
    (event,) = [
        event for event in cli.json("show", str(app))["events"] if event["kind"] == "reply-received"
    ]
    assert event["data"] == {"decision_by": "2026-12-04", "note": "Team decides Friday"}


def test_a_reply_from_the_future_exits_2_with_one_line(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "2026-11-20")
    before = cli.state()
    result = cli("reply", str(app), "--when", "+1d")
    assert result.code == 2
    assert len(result.err_lines) == 1 and "future" in result.err
    assert cli.state() == before
