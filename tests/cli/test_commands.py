"""Each command's normal behaviour: what it prints, what it changes, where it finds the file."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone

from postinterview_tui.cli.group import main

from ._support import NOW_TEXT, InProcessCli, directory_listing

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
LIST_KEYS = [
    "id",
    "company",
    "role",
    "stage",
    "created_at",
    "updated_at",
    "next_action",
    "next_due",
]
AGENDA_KEYS = ["application_id", "company", "role", "stage", "action", "due", "status", "detail"]


# -- add ---------------------------------------------------------------------------------------


def test_add_prints_only_the_new_id_and_ids_increase(cli: InProcessCli) -> None:
    first = cli.ok("add", "--company", "Acme", "--role", "Engineer")
    assert first.out == "1\n"
    second = cli.ok("add", "--company", "Beta", "--role", "Analyst")
    assert second.out == "2\n"


def test_add_stores_every_option(cli: InProcessCli) -> None:
    app = cli.add(
        "Acme",
        "Engineer",
        "--interviewed",
        "2026-11-24 15:30",
        "--interviewer",
        "Ana Ruiz <ana@acme.example>",
        "--interviewer",
        "Bo Chen <bo@acme.example>",
        "--kind",
        "panel",
        "--decision-by",
        "2026-12-04",
        "--recruiter",
        "Rita Roe <rita@agency.example>",
        "--notes",
        "Bring the portfolio",
        "--location",
        "Leeds",
        "--link",
        "https://acme.example/jobs/1",
    )
    detail = cli.json("show", str(app))
    assert detail["company"] == "Acme" and detail["role"] == "Engineer"
    assert detail["stage"] == "interviewed"
    assert detail["recruiter"] == "Rita Roe <rita@agency.example>"
    assert detail["notes"] == "Bring the portfolio"
    assert (detail["location"], detail["link"]) == ("Leeds", "https://acme.example/jobs/1")
    (interview,) = detail["interviews"]
    assert interview["held_at"] == "2026-11-24T15:30:00+00:00"
    assert interview["kind"] == "panel"
    assert interview["decision_by"] == "2026-12-04"
    assert [(p["name"], p["email"], p["thanked_at"]) for p in interview["interviewers"]] == [
        ("Ana Ruiz", "ana@acme.example", None),
        ("Bo Chen", "bo@acme.example", None),
    ]
    assert (detail["next_action"], detail["next_due"]) == ("thank-you", "2026-11-25T15:30:00+00:00")


def test_add_interviewed_defaults_to_now(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", now="2026-11-25T10:20:30Z")
    detail = cli.json("show", str(app), now="2026-11-25T10:20:30Z")
    assert detail["interviews"][0]["held_at"] == "2026-11-25T10:20:30+00:00"
    assert detail["next_due"] == "2026-11-26T10:20:30+00:00"


def test_without_postinterview_now_the_real_clock_is_used(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", now=None)
    created = datetime.fromisoformat(cli.json("show", str(app), now=None)["created_at"])
    assert abs(created - datetime.now(UTC)) < timedelta(minutes=5)


# -- interview, reply, move --------------------------------------------------------------------


def test_interview_records_a_new_round_and_moves_back_to_interviewed(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "-3d")
    cli.ok("move", str(app), "thanked")
    cli.ok(
        "interview",
        str(app),
        "--when",
        "-1h",
        "--interviewer",
        "Bo Chen <bo@acme.example>",
        "--kind",
        "onsite",
    )
    detail = cli.json("show", str(app))
    assert detail["stage"] == "interviewed"
    assert [i["kind"] for i in detail["interviews"]] == ["other", "onsite"]
    assert detail["interviews"][1]["held_at"] == "2026-11-25T09:00:00+00:00"
    (item,) = cli.agenda()
    assert (item["action"], item["due"], item["status"], item["detail"]) == (
        "thank-you",
        "2026-11-26T09:00:00+00:00",
        "due",
        "0 of 1 interviewer thanked",
    )


def test_interview_needs_when(cli: InProcessCli) -> None:
    app = cli.add()
    result = cli("interview", str(app))
    assert result.code == 2 and "--when" in result.err


def test_reply_restarts_the_follow_up_count(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "2026-11-02")
    cli.ok("move", str(app), "thanked", "--when", "2026-11-03 09:00", now=NOW_TEXT)
    cli.ok("move", str(app), "followed-up", "--when", "2026-11-10 09:00")
    cli.ok("move", str(app), "followed-up", "--when", "2026-11-17 09:00")
    assert cli.listing()[0]["next_action"] == "move-on"
    cli.ok("reply", str(app), "--when", "2026-11-24 16:00")
    (row,) = cli.listing()
    # First follow-up again: 5 business days after the reply (Tue 1 Dec, 16:00).
    assert (row["next_action"], row["next_due"]) == ("follow-up", "2026-12-01T16:00:00+00:00")
    events = [event["kind"] for event in cli.json("show", str(app))["events"]]
    assert events.count("follow-up-sent") == 2 and events.count("reply-received") == 1


@pytest.mark.parametrize("stage", ["thanked", "2", "Thank-you sent", "THANKED"])
def test_move_accepts_stage_ids_numbers_and_labels(cli: InProcessCli, stage: str) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "yesterday")
    cli.ok("move", str(app), stage)
    assert cli.listing()[0]["stage"] == "thanked"


def test_move_when_dates_the_event(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "2026-11-20")
    cli.ok("move", str(app), "thanked", "--when", "2026-11-20 18:45")
    detail = cli.json("show", str(app))
    kinds_at = [(event["kind"], event["at"]) for event in detail["events"]]
    assert ("thank-you-sent", "2026-11-20T18:45:00+00:00") in kinds_at
    assert detail["next_due"] == "2026-11-27T18:45:00+00:00"


def test_moving_to_the_same_stage_is_refused(cli: InProcessCli) -> None:
    app = cli.add()
    result = cli("move", str(app), "interviewed")
    assert result.code == 2 and "already in Interviewed" in result.err


# -- list --------------------------------------------------------------------------------------


def test_list_json_shape_all_stages_newest_update_first(cli: InProcessCli) -> None:
    first = cli.add("First", "Role", "--interviewed", "yesterday", now="2026-11-25T09:00:00Z")
    second = cli.add("Second", "Role", "--interviewed", "yesterday", now="2026-11-25T09:30:00Z")
    third = cli.add("Third", "Role", "--interviewed", "yesterday", now="2026-11-25T09:45:00Z")
    cli.ok("move", str(second), "closed", "--reason", "withdrew", now="2026-11-25T09:50:00Z")
    cli.ok("note", str(first), "called them", now="2026-11-25T09:55:00Z")

    rows = cli.listing()
    assert [row["id"] for row in rows] == [first, second, third]
    for row in rows:
        assert list(row) == LIST_KEYS
        assert RFC3339.match(row["created_at"]) and RFC3339.match(row["updated_at"])
    assert rows[0] == {
        "id": first,
        "company": "First",
        "role": "Role",
        "stage": "interviewed",
        "created_at": "2026-11-25T09:00:00+00:00",
        "updated_at": "2026-11-25T09:55:00+00:00",
        "next_action": "thank-you",
        "next_due": "2026-11-25T12:00:00+00:00",
    }
    assert (rows[1]["stage"], rows[1]["next_action"], rows[1]["next_due"]) == (
        "closed",
        None,
        None,
    )


def test_list_stage_filter(cli: InProcessCli) -> None:
    cli.add("One", "Role")
    two = cli.add("Two", "Role")
    cli.ok("move", str(two), "closed", "--reason", "other")
    assert [row["id"] for row in cli.listing("--stage", "closed")] == [two]
    assert [row["id"] for row in cli.listing("--stage", "6")] == [two]
    assert cli.listing("--stage", "offer") == []
    assert cli.ok("list", "--stage", "offer").out == ""


def test_list_text(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Data engineer", "--interviewed", "yesterday")
    lines = cli.ok("list").out.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        rf"\s*{app}\s+Acme — Data engineer\s+Interviewed\s+thank-you today 12:00", lines[0]
    ), lines


# -- today -------------------------------------------------------------------------------------


def test_today_json_sorted_by_due_with_every_field(cli: InProcessCli) -> None:
    upcoming = cli.add("Later", "Role", "--interviewed", "yesterday")
    cli.ok("move", str(upcoming), "thanked")
    overdue = cli.add("Late", "Role", "--interviewed", "-3d")
    due = cli.add("Soon", "Role", "--interviewed", "yesterday")
    data = cli.json("today")
    assert list(data) == ["generated_at", "window_days", "items"]
    assert data["generated_at"] == "2026-11-25T10:00:00+00:00"
    assert data["window_days"] == 7
    items = data["items"]
    for item in items:
        assert list(item) == AGENDA_KEYS
        assert RFC3339.match(item["due"])
    assert [(i["application_id"], i["status"], i["due"]) for i in items] == [
        (overdue, "overdue", "2026-11-23T10:00:00+00:00"),
        (due, "due", "2026-11-25T12:00:00+00:00"),
        (upcoming, "upcoming", "2026-12-02T10:00:00+00:00"),
    ]


def test_today_days_sets_the_window(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    cli.ok("move", str(app), "thanked")  # follow-up due Wed 2 Dec 10:00, 7 days ahead
    short = cli.json("today", "--days", "6")
    assert (short["window_days"], short["items"]) == (6, [])
    assert [i["application_id"] for i in cli.agenda("--days", "7")] == [app]
    assert cli.ok("today", "--days", "6").out == "Nothing to do in the next 6 days.\n"


def test_today_window_comes_from_the_settings(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    cli.ok("move", str(app), "thanked")
    cli.ok("config", "set", "review.window_days", "3")
    data = cli.json("today")
    assert (data["window_days"], data["items"]) == (3, [])


def test_today_check(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")  # due, not overdue
    result = cli("today", "--check")
    assert (result.code, result.out, result.err) == (0, "", "")
    late = cli("today", "--check", now="2026-11-25T12:00:00Z")  # due at exactly 12:00
    assert (late.code, late.out, late.err) == (1, "", "")
    with_json = cli("today", "--check", "--json", now="2026-11-26T09:00:00Z")
    assert (with_json.code, with_json.out) == (1, "")
    cli.ok("move", str(app), "thanked", now="2026-11-25T12:00:00Z")
    assert cli("today", "--check", now="2026-11-25T12:00:00Z").code == 0


def test_today_with_nothing_to_do(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role")
    cli.ok("move", str(app), "closed", "--reason", "withdrew")
    assert cli.ok("today").out == "Nothing to do in the next 7 days.\n"


def test_a_scheduled_interview_and_its_thank_you_are_in_today(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "tomorrow")
    rows = [(i["action"], i["due"], i["status"]) for i in cli.agenda()]
    assert rows == [
        ("interview", "2026-11-26T12:00:00+00:00", "upcoming"),
        ("thank-you", "2026-11-27T12:00:00+00:00", "upcoming"),
    ]
    assert cli.listing()[0]["next_action"] == "interview"
    after = cli.agenda(now="2026-11-26T13:00:00Z")
    assert [(i["application_id"], i["action"], i["status"]) for i in after] == [
        (app, "thank-you", "due")
    ]


def test_main_exits_with_the_code(cli: InProcessCli) -> None:
    cli.add("Acme", "Role", "--interviewed", "-3d")
    with pytest.raises(SystemExit) as done:
        main(["--db", str(cli.db_path), "today", "--check"])
    assert done.value.code == 1


# -- show, edit, note, delete, undo, purge -----------------------------------------------------


def test_show_text(cli: InProcessCli) -> None:
    app = cli.add(
        "Acme",
        "Data engineer",
        "--interviewed",
        "yesterday",
        "--interviewer",
        "Ana Ruiz <ana@acme.example>",
        "--recruiter",
        "Rita Roe <rita@agency.example>",
        "--notes",
        "first line\nsecond line",
    )
    cli.ok("note", str(app), "Sent the portfolio")
    lines = cli.ok("show", str(app)).out.splitlines()
    assert lines[:3] == [
        f"#{app}  Acme — Data engineer",
        "Stage:    Interviewed",
        "Next:     thank-you, today 12:00 (0 of 1 interviewer thanked)",
    ]
    assert "Recruiter: Rita Roe <rita@agency.example>" in lines
    assert "Interview held Tue 24 Nov 2026 12:00 (other) with Ana Ruiz" in lines
    assert lines[lines.index("Notes:") + 1 : lines.index("Notes:") + 3] == [
        "  first line",
        "  second line",
    ]
    assert "  Wed 25 Nov 2026 10:00  Note: Sent the portfolio" in lines


def test_show_json_timestamps_and_dates(cli: InProcessCli) -> None:
    now = "2026-07-01T08:00:00.654321Z"  # summer: London is UTC+1
    app = cli.add("Acme", "Role", "--interviewed", "yesterday", "--decision-by", "+9d", now=now)
    cli.ok("move", str(app), "thanked", now=now)
    detail = cli.json("show", str(app), now=now)
    assert detail["created_at"] == "2026-07-01T09:00:00+01:00"
    assert detail["interviews"][0]["held_at"] == "2026-06-30T12:00:00+01:00"
    assert detail["interviews"][0]["decision_by"] == "2026-07-10"
    assert detail["interviews"][0]["interviewers"] == []
    for event in detail["events"]:
        assert RFC3339.match(event["at"]), event
    assert RFC3339.match(detail["next_due"])


def test_show_closed_names_the_reason(cli: InProcessCli) -> None:
    app = cli.add()
    cli.ok("move", str(app), "closed", "--reason", "not-selected")
    assert "Stage:    Closed (not selected)" in cli.ok("show", str(app)).out.splitlines()


def test_edit_changes_fields_and_undo_restores_them(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer")
    cli.ok("edit", str(app), "--company", "Beta Ltd", "--recruiter", "Rita <rita@beta.example>")
    detail = cli.json("show", str(app))
    assert (detail["company"], detail["role"], detail["recruiter"]) == (
        "Beta Ltd",
        "Engineer",
        "Rita <rita@beta.example>",
    )
    assert detail["events"][-1]["kind"] == "edited"
    assert cli.ok("undo").out == "Undid: the edit of Acme\n"  # named as it is again
    detail = cli.json("show", str(app))
    assert (detail["company"], detail["recruiter"]) == ("Acme", None)


def test_note_is_added_to_the_history(cli: InProcessCli) -> None:
    app = cli.add()
    cli.ok("note", str(app), "Asked about the team")
    event = cli.json("show", str(app))["events"][-1]
    assert (event["kind"], event["data"]) == ("note-added", {"text": "Asked about the team"})


def test_undo_an_add_hides_the_application(cli: InProcessCli) -> None:
    app = cli.add()
    assert cli.ok("undo").out == "Undid: adding Acme\n"
    assert cli.listing() == []
    assert cli("show", str(app)).code == 2


def test_undo_walks_back_one_change_at_a_time(cli: InProcessCli) -> None:
    app = cli.add("Acme", "R", "--interviewed", "yesterday", "--interviewer", "Ana <a@x.example>")
    cli.ok("move", str(app), "thanked")
    cli.ok("interview", str(app), "--when", "-1h", "--interviewer", "Bo <b@x.example>")

    def state() -> tuple[object, ...]:
        detail = cli.json("show", str(app))
        thanked = [p["thanked_at"] for i in detail["interviews"] for p in i["interviewers"]]
        return detail["stage"], len(detail["interviews"]), tuple(thanked), detail["next_due"]

    assert state() == (
        "interviewed",
        2,
        ("2026-11-25T10:00:00+00:00", None),
        "2026-11-26T09:00:00+00:00",
    )
    assert cli.ok("undo").out == "Undid: the interview added to Acme\n"
    assert state() == ("thanked", 1, ("2026-11-25T10:00:00+00:00",), "2026-12-02T10:00:00+00:00")
    assert cli.ok("undo").out == "Undid: move of Acme to Thank-you sent\n"
    assert state() == ("interviewed", 1, (None,), "2026-11-25T12:00:00+00:00")
    assert cli.ok("undo").out == "Undid: adding Acme\n"
    assert cli.listing() == []
    assert cli("undo").code == 2


def test_delete_then_purge_removes_for_good(cli: InProcessCli) -> None:
    keep = cli.add("Keep", "Role")
    gone = cli.add("Gone", "Role")
    cli.ok("delete", str(gone))
    assert [row["id"] for row in cli.listing()] == [keep]
    assert cli.ok("purge").out == "Removed 1 deleted application.\n"
    assert cli.ok("purge").out == "Removed 0 deleted applications.\n"
    nothing = cli("undo")  # purging also forgets the undo history
    assert (nothing.code, nothing.err) == (2, "postinterview: error: nothing to undo\n")
    with sqlite3.connect(cli.db_path) as conn:
        rows = conn.execute("SELECT company FROM applications").fetchall()
    assert rows == [("Keep",)]


def test_help_lists_every_command(cli: InProcessCli) -> None:
    out = cli.ok("--help", db=None).out
    for name in (
        "add",
        "interview",
        "reply",
        "move",
        "list",
        "today",
        "show",
        "edit",
        "delete",
        "undo",
        "note",
        "purge",
        "config",
    ):
        assert re.search(rf"^  {name}\b", out, re.MULTILINE), name
    assert "--check" in cli.ok("today", "--help", db=None).out


# -- config ------------------------------------------------------------------------------------


def test_config_get_and_set(cli: InProcessCli) -> None:
    listing = cli.ok("config", "get").out.splitlines()
    assert "rules.follow_up_days = 5" in listing
    assert "review.window_days = 7" in listing
    cli.ok("config", "set", "rules.follow_up_days", "3")
    assert cli.ok("config", "get", "rules.follow_up_days").out == "3\n"
    cli.ok("config", "set", "rules.weekend_days", "fri,sat")
    assert cli.ok("config", "get", "rules.weekend_days").out == '["fri", "sat"]\n'


def test_config_set_accepts_known_themes_and_binding_ids(cli: InProcessCli) -> None:
    cli.ok("config", "set", "ui.theme", "nord")
    cli.ok("config", "set", "ui.keymap", '{"board.new": "a,ctrl+n"}')
    assert cli.ok("config", "get", "ui.theme").out == "nord\n"
    assert cli.ok("config", "get", "ui.keymap").out == '{"board.new": "a,ctrl+n"}\n'


def test_config_changes_the_rules(cli: InProcessCli) -> None:
    cli.ok("config", "set", "rules.skip_dates", "2026-11-26")  # a holiday on Thursday
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    cli.ok("move", str(app), "thanked")
    assert cli.listing()[0]["next_due"] == "2026-12-03T10:00:00+00:00"  # one day later


def test_config_get_on_a_missing_file_shows_defaults_and_creates_nothing(
    cli: InProcessCli,
) -> None:
    assert cli.ok("config", "get", "rules.max_follow_ups").out == "2\n"
    assert not cli.db_path.exists()


# -- where the file is -------------------------------------------------------------------------


def test_db_option_after_the_command(cli: InProcessCli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert cli.ok("add", "--company", "A", "--role", "R", "--db", str(other), db=None).out == "1\n"
    assert other.exists() and not cli.db_path.exists()
    rows = cli.ok("list", "--json", "--db", str(other), db=None).json()
    assert [row["company"] for row in rows] == ["A"]
    cli.ok("config", "set", "user.name", "Sam", "--db", str(other), db=None)
    assert cli.ok("config", "get", "user.name", db=other).out == "Sam\n"
    # A value that starts with "-" is a value, wherever --db is.
    cli.ok("config", "set", "--db", str(other), "user.name", "-Sam-", db=None)
    assert cli.ok("config", "get", "user.name", db=other).out == "-Sam-\n"


def test_postinterview_db_environment_variable(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from_env = tmp_path / "env" / "from-env.db"
    monkeypatch.setenv("POSTINTERVIEW_DB", str(from_env))
    cli.ok("add", "--company", "Env", "--role", "R", db=None)
    assert from_env.exists()
    assert [row["company"] for row in cli.ok("list", "--json", db=None).json()] == ["Env"]
    # --db wins over the variable.
    cli.ok("add", "--company", "Flag", "--role", "R")
    assert [row["company"] for row in cli.listing()] == ["Flag"]
    assert [row["company"] for row in cli.ok("list", "--json", db=None).json()] == ["Env"]


def test_default_file_is_in_the_user_data_directory(
    cli: InProcessCli, isolated_environment: Path
) -> None:
    cli.ok("add", "--company", "A", "--role", "R", db=None)
    expected = isolated_environment / "xdg_data_home" / "postinterview" / "postinterview.db"
    assert expected.exists()


@pytest.mark.parametrize(
    ("args", "expected_out"),
    [
        (["list"], ""),
        (["list", "--json"], "[]\n"),
        (["today"], "Nothing to do in the next 7 days.\n"),
        (["today", "--days", "3"], "Nothing to do in the next 3 days.\n"),
        (["today", "--check"], ""),
        (["purge"], "Removed 0 deleted applications.\n"),
    ],
)
def test_reading_a_missing_file_prints_an_empty_result_and_creates_nothing(
    cli: InProcessCli, args: list[str], expected_out: str
) -> None:
    assert cli.ok(*args).out == expected_out
    assert not cli.db_path.exists()
    assert directory_listing(cli.db_path) is None  # not even the directory


def test_today_json_on_a_missing_file(cli: InProcessCli) -> None:
    assert cli.json("today") == {
        "generated_at": "2026-11-25T10:00:00+00:00",
        "window_days": 7,
        "items": [],
    }
    assert not cli.db_path.parent.exists()


def test_a_new_file_is_private(cli: InProcessCli) -> None:
    cli.add()
    assert cli.db_path.stat().st_mode & 0o077 == 0


# -- moving out of Closed or Accepted keeps the dates -----------------------------------


def test_reopening_a_closed_application_keeps_its_interview(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "-3d")  # thank-you due Mon 23 Nov 10:00
    cli.ok("move", str(app), "closed", "--reason", "withdrew")
    cli.ok("move", str(app), "interviewed")
    (row,) = cli.listing()
    assert (row["stage"], row["next_action"], row["next_due"]) == (
        "interviewed",
        "thank-you",
        "2026-11-23T10:00:00+00:00",
    )
    assert [(i["application_id"], i["status"]) for i in cli.agenda()] == [(app, "overdue")]


def test_moving_back_from_accepted_keeps_the_offer_deadline(
    cli: InProcessCli, zone: Timezone, now: DateTime
) -> None:
    from postinterview_tui.storage.repository import Repository

    app = cli.add("Acme", "Role", "--interviewed", "-3d")
    repository = Repository.open(cli.db_path, zone=zone, create=False)
    assert repository is not None
    deadline = pendulum.datetime(2026, 11, 30, 17, 0, tz=zone)
    repository.record_offer(app, deadline=deadline, conditions=[], notes="", now=now)
    repository.close()
    assert cli.listing()[0]["next_due"] == "2026-11-30T17:00:00+00:00"
    cli.ok("move", str(app), "accepted")
    cli.ok("move", str(app), "offer")  # a correction: not accepted after all
    (row,) = cli.listing()
    assert (row["stage"], row["next_action"], row["next_due"]) == (
        "offer",
        "offer-deadline",
        "2026-11-30T17:00:00+00:00",
    )
