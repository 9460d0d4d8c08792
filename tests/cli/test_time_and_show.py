"""The command line and time: no note before its interview, scheduled rounds on the agenda and
in the calendar file, ``show`` in the timeline's words, ``move`` confirming on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from ._support import NOW_TEXT, InProcessCli, SubprocessCli, assert_one_error_line

# NOW_TEXT is Wednesday 25 November 2026, 10:00 in London.
FRIDAY_TWO_PM = "2026-11-27 14:00"


def _scheduled(cli: InProcessCli) -> int:
    return cli.add(
        "Acme",
        "Data engineer",
        "--interviewed",
        FRIDAY_TWO_PM,
        "--interviewer",
        "Ana Ruiz <ana@acme.example>",
        "--interviewer",
        "Bo Chen",
    )


@pytest.mark.parametrize("stage", ["thanked", "followed-up"])
@pytest.mark.parametrize("force", [False, True])
def test_no_note_before_the_interview_even_forced(
    cli: InProcessCli, stage: str, force: bool
) -> None:
    app = _scheduled(cli)
    before = cli.state()
    result = cli("move", str(app), stage, *(["--force"] if force else []))
    message = assert_one_error_line(result)
    assert "has not happened yet" in message
    assert "Fri 27 Nov 2026 14:00" in message
    assert "--force" not in message
    assert cli.state() == before


def test_a_thank_you_is_accepted_once_the_round_is_over(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    cli.ok("move", str(app), "thanked", now="2026-11-27T15:00:00Z")
    assert cli.listing(now="2026-11-27T15:00:00Z")[0]["stage"] == "thanked"


def test_a_thank_you_back_dated_before_the_round_is_refused(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    result = cli(
        "move", str(app), "thanked", "--when", "2026-11-27 09:00", now="2026-11-27T15:00:00Z"
    )
    assert "before the interview it answers" in assert_one_error_line(result)


def test_today_lists_the_round_and_its_thank_you(cli: InProcessCli) -> None:
    _scheduled(cli)
    data = cli.json("today")
    assert [(item["action"], item["due"], item["status"]) for item in data["items"]] == [
        ("interview", "2026-11-27T14:00:00+00:00", "upcoming"),
        ("thank-you", "2026-11-28T14:00:00+00:00", "upcoming"),
    ]
    text = cli.ok("today").out
    assert text.splitlines()[0] == "Upcoming (2)"
    assert "interview          Friday 14:00 (in 2 days)" in text
    assert "thank-you          Saturday (in 3 days)" in text


def test_ics_has_the_round(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    calendar = cli.ok("ics").out.replace("\r\n ", "")
    assert f"UID:{app}-interview-0@postinterview.local" in calendar
    assert "DTSTART:20261127T140000Z" in calendar
    assert "SUMMARY:Interview · Acme" in calendar
    assert f"UID:{app}-thank-you-0@postinterview.local" in calendar


def test_show_says_scheduled_then_held(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    lines = cli.ok("show", str(app)).out.splitlines()
    assert "Next:     interview, Friday 14:00 (in 2 days)" in lines
    assert "Interview scheduled Fri 27 Nov 2026 14:00 (other) with Ana Ruiz, Bo Chen" in lines
    assert "  Fri 27 Nov 2026 14:00  Interview scheduled (other)" in lines
    later = cli.ok("show", str(app), now="2026-11-28T09:00:00Z").out.splitlines()
    assert "Interview held Fri 27 Nov 2026 14:00 (other) with Ana Ruiz, Bo Chen" in later
    assert "  Fri 27 Nov 2026 14:00  Interview (other)" in later


def test_show_history_reads_as_the_timeline(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "-3d")
    cli.ok("move", str(app), "thanked", "--when", "-2d")
    cli.ok("reply", str(app), "--decision-by", "2026-12-04")
    history = cli.ok("show", str(app)).out.split("History:\n", 1)[1]
    assert "stage-moved" not in history and "reply-received" not in history
    assert "Moved: Interviewed → Thank-you sent" in history
    assert "Reply received; decision expected by 2026-12-04" in history
    assert "Thank-you note sent" in history


def test_show_history_keeps_the_order_things_were_done_within_a_minute(
    cli: InProcessCli,
) -> None:
    # The clock says 10:00:30; the rounds are typed as "10:00", which has no seconds. Every
    # line reads 10:00, so the order they were done in is the only order that makes sense.
    minute = "2026-11-25T10:00:30Z"
    app = cli.add("Acme", "Role", "--interviewed", "2026-11-25 10:00", now=minute)
    cli.ok("interview", str(app), "--when", "2026-11-25 10:00", "--kind", "final", now=minute)
    cli.ok("move", str(app), "thanked", now=minute)
    cli.ok("reply", str(app), "--note", "soon", now=minute)
    expected = [
        "Added to postinterview",
        "Interview (other)",
        "Interview (final)",
        "Thank-you note sent",
        "Moved: Interviewed → Thank-you sent",
        "Reply received — soon",
    ]
    history = cli.ok("show", str(app), now=minute).out.split("History:\n", 1)[1].splitlines()
    assert [line.split("10:00  ", 1)[1] for line in history] == expected
    events = cli.json("show", str(app), now=minute)["events"]
    assert [event["text"] for event in events] == expected


def test_a_thank_you_recorded_by_a_move_names_the_interviewers(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    after = "2026-11-27T15:00:00Z"
    cli.ok("move", str(app), "thanked", now=after)
    assert "  Fri 27 Nov 2026 15:00  Thank-you note sent to Ana Ruiz, Bo Chen" in (
        cli.ok("show", str(app), now=after).out.splitlines()
    )
    events = cli.json("show", str(app), now=after)["events"]
    thank_you = next(event for event in events if event["kind"] == "thank-you-sent")
    assert thank_you["data"] == {"interviewers": ["Ana Ruiz", "Bo Chen"]}


def test_show_json_is_the_whole_application(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    cli.ok("offer", str(app), "--condition", "references", now="2026-11-30T10:00:00Z")
    data = cli.json("show", str(app), now="2026-11-30T10:00:00Z")
    interview = data["interviews"][0]
    assert interview["state"] == "held"
    assert [person["name"] for person in interview["interviewers"]] == ["Ana Ruiz", "Bo Chen"]
    assert all(isinstance(person["id"], int) for person in interview["interviewers"])
    assert [(c["kind"], c["status"]) for c in data["conditions"]] == [("references", "pending")]
    assert data["drafts"] == []
    texts = [event["text"] for event in data["events"]]
    assert "Offer received" in texts
    assert data["follow_ups"] == 0


def test_show_json_lists_drafts_with_their_state(cli: InProcessCli, db_path: Path) -> None:
    import pendulum

    from postinterview_tui.domain.templates import TemplateId
    from postinterview_tui.storage.drafts import DraftStore
    from postinterview_tui.storage.repository import Repository

    app = cli.add("Acme", "Role", "--interviewed", "-1d", "--interviewer", "Ana Ruiz")
    now = pendulum.parse(NOW_TEXT)
    assert isinstance(now, pendulum.DateTime)
    repository = Repository.open(db_path, zone=pendulum.timezone("Europe/London"))
    assert repository is not None
    try:
        store = DraftStore(repository)
        for uid in ("kept", "sent"):
            store.save_draft(
                uid=uid,
                application_id=app,
                interview_id=None,
                interviewer_id=None,
                template=str(TemplateId.THANK_YOU_EMAIL),
                subject=f"Subject {uid}",
                body="Dear Ana",
                now=now,
            )
        store.mark_thank_you_sent(app, None, now, now, draft_uid="sent")
    finally:
        repository.close()
    drafts = {draft["uid"]: draft for draft in cli.json("show", str(app))["drafts"]}
    assert (drafts["kept"]["state"], drafts["kept"]["sent_at"]) == ("draft", None)
    assert (drafts["sent"]["state"], drafts["sent"]["subject"]) == ("sent", "Subject sent")
    assert drafts["sent"]["sent_at"] == "2026-11-25T10:00:00+00:00"


def test_show_json_future_round_is_scheduled(cli: InProcessCli) -> None:
    app = _scheduled(cli)
    data = cli.json("show", str(app))
    assert data["interviews"][0]["state"] == "scheduled"
    assert data["next_action"] == "interview"
    assert data["next_due"] == "2026-11-27T14:00:00+00:00"


def test_move_is_quiet_when_stdout_is_not_a_terminal(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "-1d")
    assert cli.ok("move", str(app), "thanked").out == ""


def test_move_confirms_on_a_terminal(spawn: SubprocessCli, tmp_path: Path) -> None:
    db = tmp_path / "data.db"
    add = spawn(
        "--db", str(db), "add", "--company", "Acme", "--role", "Role", "--interviewed", "-1d"
    )
    assert add.code == 0, add
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "POSTINTERVIEW_NOW"}
    env["POSTINTERVIEW_NOW"] = NOW_TEXT
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "postinterview_tui", "--db", str(db), "move", "1", "thanked"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
    assert completed.returncode == 0, completed.stderr
    assert output.decode().splitlines() == ["Moved #1 Acme — Role to Thank-you sent."]


def test_import_of_a_csv_file_without_csv_says_so(cli: InProcessCli, tmp_path: Path) -> None:
    cli.add("Acme", "Role", "--interviewed", "-1d")
    out = tmp_path / "out.json"
    cli.ok("export", "--format", "csv", "-o", str(out))
    message = assert_one_error_line(cli("import", str(out)))
    assert message.endswith("this looks like CSV: add --csv")


def test_import_of_broken_json_is_not_called_csv(cli: InProcessCli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "postinterview", "a": 1,', encoding="utf-8")
    message = assert_one_error_line(cli("import", str(broken)))
    assert "CSV" not in message and "not JSON" in message
