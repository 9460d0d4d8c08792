"""``today`` and a move-on suggestion whose time has come (issue 15 §2): it has gone quiet, a
group of its own with the question it asks, never overdue, so ``today --check`` passes."""

from __future__ import annotations

from ._support import InProcessCli

SAT_5_DEC = "2026-12-05T12:00:00Z"


def gone_quiet(cli: InProcessCli) -> int:
    """Two follow-ups, the last on Tuesday 24 November, and no reply since."""
    app = cli.add("Cobalt Robotics", "Embedded developer", "--interviewed", "2026-11-02 10:00")
    cli.ok("move", str(app), "thanked", "--when", "2026-11-02 18:00")
    cli.ok("move", str(app), "followed-up", "--when", "2026-11-16 10:00", "--force")
    cli.ok("move", str(app), "followed-up", "--when", "2026-11-24 10:00", "--force")
    return app


def test_a_move_on_that_has_gone_quiet_is_advice_not_overdue(cli: InProcessCli) -> None:
    app = gone_quiet(cli)
    (item,) = cli.agenda(now=SAT_5_DEC)
    assert (item["application_id"], item["action"], item["status"], item["detail"]) == (
        app,
        "move-on",
        "gone-quiet",
        "no reply since Tue 24 Nov",
    )
    lines = cli.ok("today", now=SAT_5_DEC).out.splitlines()
    assert lines[0] == "Gone quiet (1)"
    assert lines[1].endswith("no reply since Tue 24 Nov: close it?")
    assert "late" not in lines[1] and "Overdue" not in "\n".join(lines)
    # Nothing is overdue: the shell-prompt check passes.
    result = cli("today", "--check", now=SAT_5_DEC)
    assert (result.code, result.out) == (0, "")


def test_check_still_fails_for_an_overdue_item_beside_it(cli: InProcessCli) -> None:
    gone_quiet(cli)
    cli.add("Lumen Health", "Backend developer", "--interviewed", "2026-12-03 10:00")
    assert cli("today", "--check", now=SAT_5_DEC).code == 1
