"""``offer``, ``condition``, ``accept``, ``decline`` and ``reopen`` on the command line."""

from __future__ import annotations

from typing import Any

import pytest
from pendulum import Timezone

from postinterview_tui.storage.repository import Repository

from ._support import InProcessCli, assert_no_control_characters, assert_one_error_line


def offered(cli: InProcessCli, *options: str) -> tuple[int, list[list[str]]]:
    """An application interviewed three days ago, then offered; returns its id and the
    condition lines the command printed, split into columns."""
    app = cli.add("Acme", "Data engineer", "--interviewed", "-3d")
    out = cli.ok("offer", str(app), *options).out
    return app, [line.split(None, 3) for line in out.splitlines()]


def conditions(cli: InProcessCli, zone: Timezone, app: int) -> list[tuple[Any, ...]]:
    repository = Repository.open(cli.db_path, zone=zone, create=False)
    assert repository is not None
    try:
        found = repository.summary(app).progress.conditions
        return [(c.id, str(c.kind), c.label, str(c.status)) for c in found]
    finally:
        repository.close()


def stage_of(cli: InProcessCli, app: int) -> tuple[str, Any]:
    shown = cli.json("show", str(app))
    return shown["stage"], shown["close_reason"]


def test_offer_with_deadline_and_conditions(cli: InProcessCli, zone: Timezone) -> None:
    app, lines = offered(
        cli,
        "--deadline",
        "2026-12-04 17:00",
        "--condition",
        "references=two former managers",
        "--condition",
        "BACKGROUND",
        "--notes",
        "Base salary as discussed",
    )
    assert lines == [
        ["1", "references", "pending", "two former managers"],
        ["2", "background", "pending"],
    ]
    assert stage_of(cli, app) == ("offer", None)
    items = [(i["action"], i["detail"]) for i in cli.agenda("--days", "30")]
    assert sorted(items) == [
        ("offer-condition", "check in: background"),
        ("offer-condition", "check in: two former managers"),
        ("offer-deadline", "0 of 2 conditions cleared"),
    ]
    deadline = [i for i in cli.agenda("--days", "30") if i["action"] == "offer-deadline"]
    assert deadline[0]["due"] == "2026-12-04T17:00:00+00:00"


def test_offering_again_adds_conditions_and_keeps_the_deadline_and_notes(
    cli: InProcessCli, zone: Timezone
) -> None:
    app, _ = offered(cli, "--deadline", "2026-12-04 17:00", "--notes", "salary 70k")
    lines = cli.ok("offer", str(app), "--condition", "medical").out.splitlines()
    assert [line.split()[:3] for line in lines] == [["1", "medical", "pending"]]
    deadline = [i for i in cli.agenda("--days", "30") if i["action"] == "offer-deadline"]
    assert deadline[0]["due"] == "2026-12-04T17:00:00+00:00"
    repository = Repository.open(cli.db_path, zone=zone, create=False)
    assert repository is not None
    assert repository.detail(app).offer_notes == "salary 70k"
    repository.close()


def test_offer_with_nothing_to_change_lists_the_conditions_and_writes_nothing(
    cli: InProcessCli,
) -> None:
    app, lines = offered(cli, "--condition", "references=two", "--deadline", "2026-12-04")
    before = cli.state()
    assert [line.split(None, 3) for line in cli.ok("offer", str(app)).out.splitlines()] == lines
    assert cli.state() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--condition", "drug-test"], "unknown condition 'drug-test'"),
        (["--condition", "other=a\nb"], "single line"),
        (["--condition", "other=" + "x" * 201], "too long"),
        (["--deadline", "next friday"], "next friday"),
        (["--notes", "nul \x00 here"], "NUL"),
    ],
)
def test_offer_refuses_bad_input_and_writes_nothing(
    cli: InProcessCli, options: list[str], message: str
) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "-3d")
    before = cli.state()
    assert message in assert_one_error_line(cli("offer", str(app), *options))
    assert cli.state() == before


def test_offer_for_an_unknown_application(cli: InProcessCli) -> None:
    cli.add()
    before = cli.state()
    assert "no application with id 9" in assert_one_error_line(cli("offer", "9"))
    assert cli.state() == before


def test_condition_by_id_or_by_kind(cli: InProcessCli, zone: Timezone) -> None:
    app, _ = offered(cli, "--condition", "references", "--condition", "background")
    cli.ok("condition", str(app), "2", "failed")
    cli.ok("condition", str(app), "references", "CLEARED")
    assert [row[3] for row in conditions(cli, zone, app)] == ["cleared", "failed"]


def test_condition_kind_shared_by_several_picks_the_only_pending_one(
    cli: InProcessCli, zone: Timezone
) -> None:
    app, _ = offered(cli, "--condition", "references=manager", "--condition", "references=peer")
    before = cli.state()
    message = assert_one_error_line(cli("condition", str(app), "references", "cleared"))
    assert "2 references conditions (ids 1, 2): give the id" in message
    assert cli.state() == before
    cli.ok("condition", str(app), "1", "cleared")
    cli.ok("condition", str(app), "references", "cleared")  # only #2 is still pending
    assert [row[3] for row in conditions(cli, zone, app)] == ["cleared", "cleared"]


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("7", "has no condition 7"),
        ("99999999999999999999", "has no condition"),
        ("medical", "has no medical condition"),
        ("vibes", "neither a condition id nor a kind"),
    ],
)
def test_condition_that_does_not_exist(cli: InProcessCli, reference: str, message: str) -> None:
    app, _ = offered(cli, "--condition", "references")
    other, _ = offered(cli, "--condition", "background")
    before = cli.state()
    assert message in assert_one_error_line(cli("condition", str(app), reference, "cleared"))
    # A condition of another application is not this one's.
    assert "has no condition 2" in assert_one_error_line(cli("condition", str(app), "2", "cleared"))
    assert other == 2
    assert cli.state() == before


def test_condition_outcome_must_be_cleared_or_failed(cli: InProcessCli) -> None:
    app, _ = offered(cli, "--condition", "references")
    assert "'passed'" in assert_one_error_line(cli("condition", str(app), "1", "passed"))


def test_accept_with_pending_conditions_needs_force(cli: InProcessCli) -> None:
    app, _ = offered(cli, "--condition", "references", "--condition", "background")
    cli.ok("condition", str(app), "references", "cleared")
    before = cli.state()
    message = assert_one_error_line(cli("accept", str(app)))
    assert message == "1 offer condition is still pending (use --force to do it anyway)"
    assert cli.state() == before
    cli.ok("accept", str(app), "--force")
    assert stage_of(cli, app) == ("accepted", None)
    # The condition still pending keeps its check-in after accepting (issue 15 §2).
    assert [(i["action"], i["detail"]) for i in cli.agenda()] == [
        ("offer-condition", "check in: background")
    ]


def test_accept_once_every_condition_is_cleared(cli: InProcessCli) -> None:
    app, _ = offered(cli, "--condition", "references")
    cli.ok("condition", str(app), "1", "cleared")
    assert cli.ok("accept", str(app), "--when", "yesterday").out == ""
    assert stage_of(cli, app) == ("accepted", None)


def test_decline_closes_with_the_reason(cli: InProcessCli) -> None:
    app, _ = offered(cli, "--deadline", "2026-12-04")
    cli.ok("decline", str(app), "--reflection", "ask about the team earlier")
    assert stage_of(cli, app) == ("closed", "declined-offer")
    closed = [e for e in cli.json("show", str(app))["events"] if e["kind"] == "closed"]
    assert closed[-1]["data"] == {
        "reason": "declined-offer",
        "reflection": "ask about the team earlier",
    }


def test_reopen_goes_back_to_the_stage_before_closing_with_its_dates(cli: InProcessCli) -> None:
    app, _ = offered(cli, "--deadline", "2026-12-04 17:00", "--condition", "references")
    cli.ok("decline", str(app))
    assert cli.ok("reopen", str(app)).out == "Reopened in Offer.\n"
    assert stage_of(cli, app) == ("offer", None)
    deadline = [i for i in cli.agenda("--days", "30") if i["action"] == "offer-deadline"]
    assert deadline[0]["due"] == "2026-12-04T17:00:00+00:00"


def test_reopen_after_closing_from_an_earlier_stage(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "-3d")
    cli.ok("move", str(app), "thanked")
    cli.ok("move", str(app), "closed", "--reason", "withdrew")
    assert cli.ok("reopen", str(app)).out == "Reopened in Thank-you sent.\n"
    assert stage_of(cli, app) == ("thanked", None)


def test_reopen_refuses_an_application_that_is_not_closed(cli: InProcessCli) -> None:
    app, _ = offered(cli)
    before = cli.state()
    assert assert_one_error_line(cli("reopen", str(app))) == (
        f"application {app} is not closed (it is in offer)"
    )
    assert cli.state() == before


@pytest.mark.parametrize("command", ["accept", "decline", "reopen"])
def test_unknown_application(cli: InProcessCli, command: str) -> None:
    cli.add()
    before = cli.state()
    assert "no application with id 42" in assert_one_error_line(cli(command, "42"))
    assert cli.state() == before


def test_hostile_condition_labels_never_reach_the_terminal(cli: InProcessCli) -> None:
    label = "\x1b]0;pwn\x07refs \x1b[2J\u202e[bold]x[/]"
    app, _ = offered(cli)
    out = cli.ok("offer", str(app), "--condition", f"references={label}").out
    assert_no_control_characters(out)
    assert out.split(None, 3)[3] == "]0;pwnrefs [2J[bold]x[/]\n"  # controls gone, text kept
    assert "\u202e" not in out
    assert "check in: " in "".join(str(i["detail"]) for i in cli.agenda("--days", "30"))
