"""``postinterview ingest`` and ``inbox``: every source, the JSON shapes, accepting each kind."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ._mail import (
    OFFER,
    REJECTION,
    REPLY,
    invitation_ics,
    message,
    write_maildir,
    write_mbox,
)
from ._support import InProcessCli, SubprocessCli, assert_no_control_characters

ANA = "Ana Ruiz <ana@acme.example>"


def _acme(cli: InProcessCli) -> int:
    return cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")


def _tree_fingerprint(folder: Path) -> list[tuple[str, str, int]]:
    return sorted(
        (
            str(path.relative_to(folder)),
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir",
            path.stat().st_mtime_ns,
        )
        for path in [folder, *folder.rglob("*")]
    )


def test_a_maildir_is_read_matched_classified_and_left_untouched(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _acme(cli)
    folder = tmp_path / "Maildir"
    write_maildir(
        folder,
        [
            message(body=REJECTION, message_id="<r@acme.example>"),
            message(body=REPLY, message_id="<p@acme.example>", subject="Re: Thanks"),
            message(sender="Mum <mum@mail.example>", body="Lunch?", message_id="<x@home>"),
        ],
    )
    before = _tree_fingerprint(folder)
    rows = cli.json("ingest", str(folder))
    assert _tree_fingerprint(folder) == before
    by_id = {row["message_id"]: row for row in rows}
    assert by_id["r@acme.example"]["kind"] == "rejection"
    assert by_id["r@acme.example"]["application_id"] == app
    assert by_id["p@acme.example"]["kind"] == "reply"
    assert by_id["x@home"]["kind"] == "unrelated"
    assert by_id["x@home"]["application_id"] is None
    assert by_id["x@home"]["proposal_id"] is None
    for row in rows:
        assert set(row) >= {
            "message_id",
            "from",
            "subject",
            "date",
            "kind",
            "application_id",
            "proposal_id",
            "duplicate",
        }
        assert row["duplicate"] is False
    again = cli.json("ingest", str(folder))
    assert [row["duplicate"] for row in again] == [True, True, True]
    assert all(row["proposal_id"] is None for row in again)
    assert len(cli.json("inbox")) == 2


def test_ingest_alone_changes_nothing_but_the_inbox_tables(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    path = tmp_path / "offer.eml"
    path.write_bytes(message(body=OFFER).as_bytes())
    before = [line for line in cli.state() or () if "inbox_messages" not in line]
    cli.ok("ingest", str(path))
    after = cli.state() or ()
    assert [line for line in after if "inbox_messages" not in line] == before
    assert any(line.startswith('INSERT INTO "inbox_messages"') for line in after)


def test_an_mbox_with_a_malformed_message_reports_it_and_reads_the_rest(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    path = tmp_path / "saved.mbox"
    write_mbox(
        path,
        [
            message(body=REJECTION, message_id="<a@acme.example>"),
            b"this line is no header\n\njust text\n",
            message(body=REPLY, message_id="<b@acme.example>"),
        ],
    )
    result = cli("ingest", str(path), "--json")
    assert result.code == 0, result
    assert [row["message_id"] for row in result.json()] == ["a@acme.example", "b@acme.example"]
    assert "message 2" in result.err and "skipped" in result.err


def test_a_file_that_is_not_mail_exits_2_naming_it_and_the_others_are_read(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    junk = tmp_path / "notes.txt"
    junk.write_text("shopping list\nmilk\n")
    good = tmp_path / "reply.eml"
    good.write_bytes(message(body=REPLY).as_bytes())
    result = cli("ingest", str(junk), str(good))
    assert result.code == 2
    assert "notes.txt" in result.err and result.err.count("\n") == 1
    assert "reply" in result.out
    assert len(cli.json("inbox")) == 1


def test_a_calendar_invitation_is_deduplicated_by_uid_and_sequence(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    first = tmp_path / "invite.ics"
    first.write_bytes(invitation_ics())
    updated = tmp_path / "invite-2.ics"
    updated.write_bytes(invitation_ics(sequence=1, start="20261204T100000Z"))
    rows = cli.json("ingest", str(first), str(first), str(updated))
    assert [row["kind"] for row in rows] == ["invitation"] * 3
    assert [row["duplicate"] for row in rows] == [False, True, False]
    pending = cli.json("inbox")
    assert len(pending) == 2
    assert "Ben Okafor" in pending[0]["proposal"]


def test_stdin_is_read_by_the_real_command(spawn: SubprocessCli, tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    added = spawn("--db", db, "add", "--company", "Acme", "--role", "Dev", "--interviewer", ANA)
    assert added.code == 0, added
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "postinterview_tui", "--db", db, "ingest", "-", "--json"],
        input=message(body=REJECTION).as_bytes(),
        capture_output=True,
        env={**os.environ, "POSTINTERVIEW_NOW": "2026-11-25T10:00:00Z"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b'"kind": "rejection"' in done.stdout


def test_accepting_a_rejection_closes_the_application(cli: InProcessCli, tmp_path: Path) -> None:
    app = _acme(cli)
    path = tmp_path / "r.eml"
    path.write_bytes(message(body=REJECTION).as_bytes())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    assert cli.listing()[0]["stage"] == "interviewed"
    out = cli.ok("inbox", "accept", str(proposal)).out
    assert "closed as not selected" in out
    listed = cli.listing()[0]
    assert listed["id"] == app and listed["stage"] == "closed"
    assert cli.json("inbox") == []
    again = cli("inbox", "accept", str(proposal))
    assert again.code == 2 and "no pending proposal" in again.err


def test_accepting_a_reply_records_it_with_its_decision_date(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    path = tmp_path / "p.eml"
    path.write_bytes(message(body=REPLY).as_bytes())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    words = cli.json("inbox")[0]["proposal"]
    assert "decision by Friday 4 December" in words
    cli.ok("inbox", "accept", str(proposal))
    replies = [e for e in cli.json("show", "1")["events"] if e["kind"] == "reply-received"]
    assert len(replies) == 1
    assert replies[0]["data"]["decision_by"] == "2026-12-04"
    assert replies[0]["at"].startswith("2026-11-24T09:00")


def test_accepting_an_offer_moves_to_offer(cli: InProcessCli, tmp_path: Path) -> None:
    _acme(cli)
    path = tmp_path / "o.eml"
    path.write_bytes(message(body=OFFER).as_bytes())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    out = cli.ok("inbox", "accept", str(proposal)).out
    assert "postinterview offer 1" in out
    assert cli.listing()[0]["stage"] == "offer"


def test_accepting_an_invitation_adds_the_round_with_its_attendees(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    cli.ok("config", "set", "user.email", "sam@home.example")
    path = tmp_path / "i.ics"
    path.write_bytes(invitation_ics())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    cli.ok("inbox", "accept", str(proposal))
    shown = cli.json("show", "1")
    latest = shown["interviews"][-1]
    assert latest["held_at"].startswith("2026-12-03T14:00")
    emails = sorted(person["email"] for person in latest["interviewers"])
    assert emails == ["ana@acme.example", "ben@acme.example"]


def test_dismiss_changes_nothing_but_the_proposal(cli: InProcessCli, tmp_path: Path) -> None:
    _acme(cli)
    path = tmp_path / "r.eml"
    path.write_bytes(message(body=REJECTION).as_bytes())
    proposal = cli.json("ingest", str(path))[0]["proposal_id"]
    before = _all_but_the_inbox_and_undo(cli.state() or ())
    cli.ok("inbox", "dismiss", str(proposal))
    after = cli.state() or ()
    assert _all_but_the_inbox_and_undo(after) == before
    # The one other thing written is the undo entry that brings the proposal back.
    undo = [line for line in after if line.startswith('INSERT INTO "actions"')][-1]
    assert f"'dismissing inbox message {proposal} from Acme Inc.'" in undo
    assert cli.json("inbox") == []
    assert cli.json("inbox", "show", str(proposal))["status"] == "dismissed"


def _all_but_the_inbox_and_undo(lines: tuple[str, ...]) -> list[str]:
    return [
        line
        for line in lines
        if "inbox_messages" not in line
        and not line.startswith('INSERT INTO "actions"')
        and not line.startswith("INSERT INTO \"sqlite_sequence\" VALUES('actions'")
    ]


def test_an_unmatched_message_is_linked_then_accepted(cli: InProcessCli, tmp_path: Path) -> None:
    app = _acme(cli)
    cli.add("Globex", "Analyst")
    path = tmp_path / "r.eml"
    path.write_bytes(
        message(sender="Talent <jobs@ats.example>", subject="Update", body=REJECTION).as_bytes()
    )
    row = cli.json("ingest", str(path))[0]
    assert row["application_id"] is None and row["proposal_id"] is None
    other = tmp_path / "other.eml"
    other.write_bytes(
        message(sender="Jobs <jobs@ats.example>", body=REJECTION, message_id="<o@ats>").as_bytes()
    )
    assert f"postinterview inbox link {row['id'] + 1} APP_ID" in cli.ok("ingest", str(other)).out
    assert [item["id"] for item in cli.json("inbox", "unmatched")] == [row["id"] + 1, row["id"]]
    missing = cli("inbox", "link", str(row["id"]), "999")
    assert missing.code == 2
    cli.ok("inbox", "link", str(row["id"]), str(app))
    pending = cli.json("inbox")
    assert [(item["id"], item["application_id"]) for item in pending] == [(row["id"], app)]
    explained = cli.ok("inbox", "show", str(row["id"])).out
    assert "you linked it" in explained
    cli.ok("inbox", "accept", str(row["id"]))
    assert cli.listing(*()) and cli.json("show", str(app))["stage"] == "closed"


def test_show_explains_the_rule_and_the_phrase(cli: InProcessCli, tmp_path: Path) -> None:
    _acme(cli)
    path = tmp_path / "r.eml"
    path.write_bytes(message(body=REJECTION).as_bytes())
    cli.ok("ingest", str(path))
    out = cli.ok("inbox", "show", "1").out
    assert "rule 2, address" in out
    assert "'decided not to move forward'" in out
    assert "Unfortunately we have decided not to move forward." in out


def test_hostile_headers_are_printed_as_safe_text(cli: InProcessCli, tmp_path: Path) -> None:
    _acme(cli)
    path = tmp_path / "h.eml"
    hostile = message(
        sender="=?utf-8?q?Ana_=1B[31mRuiz=E2=80=AE?= <ana@acme.example>",
        subject="[bold red]Offer[/] \x1b]0;pwned\x07 =?utf-8?q?=E2=80=AEtxt.exe?=",
        body=REJECTION + "\x1b[2J",
    )
    path.write_bytes(hostile.as_bytes())
    for args in (("ingest", str(path)), ("inbox",), ("inbox", "show", "1"), ("inbox", "--json")):
        result = cli.ok(*args)
        assert_no_control_characters(result.out)
        assert "\u202e" not in result.out


def test_only_headers_and_the_deciding_sentence_are_stored(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    secret = "The salary band is confidential and this line must not be stored."
    path = tmp_path / "r.eml"
    path.write_bytes(message(body=f"{REJECTION}\n\n{secret}\n" + "padding " * 200).as_bytes())
    cli.ok("ingest", str(path))
    dump = "\n".join(cli.state() or ())
    assert "decided not to move forward" in dump
    assert "confidential" not in dump
    cli.ok("config", "set", "mail.keep_bodies", "on")
    path.write_bytes(message(body=secret, message_id="<kept@acme.example>").as_bytes())
    cli.ok("ingest", str(path))
    assert "confidential" in "\n".join(cli.state() or ())


def test_a_reply_to_a_sent_note_is_matched_even_from_an_unknown_address(
    cli: InProcessCli, tmp_path: Path
) -> None:
    import sqlite3

    import pendulum

    from postinterview_tui.storage.sent_messages import SentMessage, record_sent_message

    cli.add("Acme", "Dev", "--interviewer", ANA)
    globex = cli.add("Globex", "Analyst")
    with sqlite3.connect(cli.db_path) as conn:
        record_sent_message(
            conn,
            SentMessage(
                "<note-1@postinterview>",
                globex,
                None,
                "thank-you",
                "x@globex.example",
                pendulum.datetime(2026, 11, 20, tz="UTC"),
            ),
        )
    stranger = message(
        sender="Assistant <pa@outsourced-hr.example>",
        subject="Re: Thank you",
        body=REPLY,
        in_reply_to="<note-1@postinterview>",
    )
    path = tmp_path / "r.eml"
    path.write_bytes(stranger.as_bytes())
    row = cli.json("ingest", str(path))[0]
    assert (row["application_id"], row["rule"]) == (globex, "thread")
    follow = message(
        sender="Someone Else <se@elsewhere.example>",
        subject="Re: Re: Thank you",
        body="Adding my colleague.",
        message_id="<m2@elsewhere.example>",
        in_reply_to="<m1@acme.example>",
    )
    path.write_bytes(follow.as_bytes())
    second = cli.json("ingest", str(path))[0]
    assert (second["application_id"], second["rule"]) == (globex, "thread")


def test_an_export_carries_the_inbox_and_an_import_skips_messages_already_read(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    path = tmp_path / "p.eml"
    path.write_bytes(message(body=REPLY).as_bytes())
    cli.ok("ingest", str(path))
    exported = tmp_path / "all.json"
    cli.ok("export", "-o", str(exported))
    other = tmp_path / "other.db"
    assert cli("ingest", str(path), db=other).code == 0  # the same message, read there too
    result = cli("import", str(exported), db=other)
    assert result.code == 0, result
    assert "inbox_messages" in result.out and "0 added, 1 already there" in result.out
    fresh = tmp_path / "fresh.db"
    assert cli("import", str(exported), db=fresh).code == 0
    assert cli("inbox", "--json", db=fresh).json()[0]["subject"] == "Your application"
