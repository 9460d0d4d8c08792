"""What issue 17 promises of ``ingest`` and ``inbox`` beyond each feature: the exact JSON
shapes, nothing changed by reading (from every source at once, IMAP included), one transaction
per ingest, bounded memory for a huge message from a file, an mbox or a pipe, and accepting a
mail that asks to pick a time."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ._imap import ImapServer
from ._mail import OFFER, REJECTION, REPLY, invitation_ics, message, write_maildir, write_mbox
from ._support import NOW_TEXT, InProcessCli, assert_one_error_line

ANA = "Ana Ruiz <ana@acme.example>"
INBOX_TABLES = ("inbox_messages", "imap_folders")
PICK_A_TIME = (
    "Thanks again for your time last week. We would like to invite you to a second interview "
    "with the team. Please pick a time that suits you from the calendar link below."
)


def _acme(cli: InProcessCli) -> int:
    return cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")


def _outside_inbox(state: tuple[str, ...] | None) -> list[str]:
    return [line for line in state or () if not any(name in line for name in INBOX_TABLES)]


ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_the_json_shapes_are_the_ones_the_issue_names(cli: InProcessCli, tmp_path: Path) -> None:
    app = _acme(cli)
    folder = tmp_path / "Maildir"
    write_maildir(
        folder,
        [
            message(body=REJECTION, message_id="<r@acme.example>"),
            message(
                sender="Jobs <jobs@ats.example>",
                subject="Update",
                body=REJECTION,
                message_id="<u@ats.example>",
            ),
            message(
                sender="Mailer <noreply@acme.example>",
                body="We received your application.",
                message_id="<a@acme.example>",
                headers={"Auto-Submitted": "auto-replied"},
            ),
        ],
    )
    ingest_fields = {
        "message_id": str,
        "from": str,
        "subject": str,
        "date": str,
        "kind": str,
        "application_id": (int, type(None)),
        "proposal_id": (int, type(None)),
        "duplicate": bool,
    }
    rows = {row["message_id"]: row for row in cli.json("ingest", str(folder))}
    assert set(rows) == {"r@acme.example", "u@ats.example", "a@acme.example"}
    for row in rows.values():
        for name, kind in ingest_fields.items():
            assert isinstance(row[name], kind), (name, row)
        assert ISO_WITH_OFFSET.match(row["date"]), row
    rejection, unmatched, automatic = (
        rows["r@acme.example"],
        rows["u@ats.example"],
        rows["a@acme.example"],
    )
    assert (rejection["from"], rejection["subject"]) == ("ana@acme.example", "Your application")
    assert rejection["date"] == "2026-11-24T09:00:00+00:00"
    assert (rejection["kind"], rejection["application_id"]) == ("rejection", app)
    assert rejection["proposal_id"] is not None and rejection["duplicate"] is False
    assert (unmatched["application_id"], unmatched["proposal_id"]) == (None, None)
    assert automatic["kind"] == "automatic" and automatic["proposal_id"] is None
    again = cli.json("ingest", str(folder))
    assert {row["message_id"]: row["duplicate"] for row in again} == dict.fromkeys(rows, True)
    assert all(row["proposal_id"] is None for row in again)

    pending = cli.json("inbox")
    assert len(pending) == 1
    proposal = pending[0]
    inbox_fields = {
        "id": int,
        "application_id": int,
        "kind": str,
        "from": str,
        "subject": str,
        "received_at": str,
        "proposal": str,
    }
    for name, kind in inbox_fields.items():
        assert isinstance(proposal[name], kind), (name, proposal)
    assert proposal["id"] == rejection["proposal_id"]
    assert (proposal["application_id"], proposal["kind"]) == (app, "rejection")
    assert (proposal["from"], proposal["subject"]) == ("ana@acme.example", "Your application")
    assert proposal["received_at"] == "2026-11-24T09:00:00+00:00"
    assert proposal["proposal"] == "close it as not selected?"
    # The words are the ones the text listing shows.
    assert "close it as not selected?" in cli.ok("inbox").out


def test_reading_every_source_changes_nothing_outside_the_inbox(
    cli: InProcessCli, imap_server: ImapServer, tmp_path: Path
) -> None:
    _acme(cli)
    cli.add("Globex", "Analyst", "--interviewer", "Priya Shah <priya@globex.example>")
    cli.ok("config", "set", "user.email", "sam@home.example")
    secret = tmp_path / "password.txt"
    secret.write_text(imap_server.password)
    for key, value in {
        "mail.imap_host": imap_server.host,
        "mail.imap_port": str(imap_server.port),
        "mail.imap_user": imap_server.user,
        "mail.imap_security": "none",
        "mail.imap_password_command": f"cat {secret}",
    }.items():
        cli.ok("config", "set", key, value)
    folder = tmp_path / "Maildir"
    write_maildir(folder, [message(body=REJECTION, message_id="<md@acme.example>")])
    mbox = tmp_path / "saved.mbox"
    write_mbox(mbox, [message(body=REPLY, message_id="<mb@acme.example>")])
    eml = tmp_path / "offer.eml"
    eml.write_bytes(
        message(
            sender="Priya Shah <priya@globex.example>", body=OFFER, message_id="<o@globex>"
        ).as_bytes()
    )
    invite = tmp_path / "invite.ics"
    invite.write_bytes(invitation_ics())
    cancel = tmp_path / "cancel.ics"
    cancel.write_bytes(invitation_ics(uid="other@acme.example", sequence=1, method="CANCEL"))
    imap_server.append(message(body=PICK_A_TIME, message_id="<im@acme.example>").as_bytes())
    before = cli.state()
    rows = cli.json("ingest", str(folder), str(mbox), str(eml), str(invite), str(cancel), "--imap")
    assert sorted(row["kind"] for row in rows) == sorted(
        ["rejection", "reply", "offer", "invitation", "invitation", "invitation"]
    )
    assert all(row["proposal_id"] is not None for row in rows), rows
    after = cli.state()
    assert _outside_inbox(after) == _outside_inbox(before)
    assert any('INSERT INTO "imap_folders"' in line for line in after or ())


def test_one_ingest_is_one_transaction(cli: InProcessCli, tmp_path: Path) -> None:
    _acme(cli)
    paths = []
    for number, body in enumerate((REJECTION, REPLY, OFFER), start=1):
        path = tmp_path / f"{number}.eml"
        path.write_bytes(message(body=body, message_id=f"<n{number}@acme.example>").as_bytes())
        paths.append(str(path))
    cli.ok("inbox")  # the inbox tables exist
    # The store refuses the last message (as a full disk or a damaged file would, mid-way).
    with sqlite3.connect(cli.db_path) as db:
        db.execute(
            "CREATE TRIGGER refuse_third BEFORE INSERT ON inbox_messages "
            "WHEN NEW.message_id LIKE '%n3@acme.example%' "
            "BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
        )
    db.close()
    before = cli.state()
    result = cli("ingest", *paths)
    assert_one_error_line(result, code=result.code)
    assert result.code != 0, result
    assert cli.state() == before  # neither of the first two was kept
    with sqlite3.connect(cli.db_path) as db:
        db.execute("DROP TRIGGER refuse_third")
    db.close()
    assert len(cli.json("ingest", *paths)) == 3
    assert len(cli.json("inbox")) == 3


HUGE_BYTES = 64 * 1024 * 1024
MEASURE = (
    "import resource, sys\n"
    "from postinterview_tui.cli.group import run\n"
    "code = run(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write(f'\\npeak-kib {peak}\\n')\n"
    "sys.exit(code)\n"
)


def _peak_kib(db: Path, *args: str, stdin: Path | None = None) -> tuple[int, str]:
    """Run ``postinterview --db db ARGS`` in a fresh interpreter: its peak memory and stdout."""
    env = {**os.environ, "POSTINTERVIEW_NOW": NOW_TEXT}
    with (stdin or Path(os.devnull)).open("rb") as source:
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, "--db", str(db), *args],
            stdin=source,
            capture_output=True,
            env=env,
            timeout=180,
            check=False,
        )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    peak = re.search(rb"peak-kib (\d+)", done.stderr)
    assert peak is not None, done.stderr
    return int(peak.group(1)), done.stdout.decode()


def _write_huge(path: Path, *, mbox: bool, message_id: str) -> None:
    head = message(body=REJECTION, message_id=message_id).as_bytes()
    line = b"x" * 76 + b"\n"
    with path.open("wb") as out:
        if mbox:
            out.write(b"From ana@acme.example Tue Nov 24 09:00:00 2026\n")
        out.write(head + b"\n")
        for _ in range(HUGE_BYTES // len(line)):
            out.write(line)
        if mbox:
            tail = message(body=REPLY, message_id="<after@acme.example>").as_bytes()
            out.write(b"\nFrom ana@acme.example Tue Nov 24 10:00:00 2026\n" + tail + b"\n")


@pytest.mark.slow
def test_a_huge_message_is_read_in_bounded_memory_from_a_file_an_mbox_or_a_pipe(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    small = tmp_path / "small.eml"
    small.write_bytes(message(body=REPLY, message_id="<small@acme.example>").as_bytes())
    baseline, _ = _peak_kib(cli.db_path, "ingest", str(small))
    eml, mbox = tmp_path / "huge.eml", tmp_path / "huge.mbox"
    _write_huge(eml, mbox=False, message_id="<huge-eml@acme.example>")
    _write_huge(mbox, mbox=True, message_id="<huge-mbox@acme.example>")
    piped = tmp_path / "huge-piped.eml"
    _write_huge(piped, mbox=False, message_id="<huge-pipe@acme.example>")
    peaks = {}
    for name, args, stdin in (
        ("file", (str(eml),), None),
        ("mbox", (str(mbox),), None),
        ("pipe", ("-",), piped),
    ):
        peak, out = _peak_kib(cli.db_path, "ingest", *args, "--json", stdin=stdin)
        peaks[name] = peak
        assert '"kind": "rejection"' in out, (name, out[:500])
        if name == "mbox":
            assert "after@acme.example" in out  # the message after the huge one is read too
    grown = {name: (peak - baseline) / 1024 for name, peak in peaks.items()}
    print(f"\npeak memory over a small ingest ({baseline / 1024:.0f} MiB), MiB: {grown}")
    # A 64 MiB message: only its first 4 MiB are parsed, the rest is read and dropped.
    assert all(extra < 24 for extra in grown.values()), grown


def test_accepting_a_request_to_pick_a_time_records_their_reply(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _acme(cli)
    path = tmp_path / "pick.eml"
    path.write_bytes(message(body=PICK_A_TIME, subject="Next steps").as_bytes())
    row = cli.json("ingest", str(path))[0]
    assert (row["kind"], row["application_id"]) == ("invitation", app)
    words = cli.json("inbox")[0]["proposal"]
    assert words.startswith("they want to set a time: record their reply")
    before_rounds = cli.json("show", str(app))["interviews"]
    cli.ok("inbox", "accept", str(row["proposal_id"]))
    shown = cli.json("show", str(app))
    replies = [event for event in shown["events"] if event["kind"] == "reply-received"]
    assert len(replies) == 1 and replies[0]["at"].startswith("2026-11-24T09:00")
    assert shown["interviews"] == before_rounds  # no round until a time is set
    assert cli.json("inbox") == []


def test_a_file_in_a_maildir_that_is_not_mail_is_reported_and_skipped(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    folder = tmp_path / "Maildir"
    write_maildir(
        folder,
        [
            message(body=REJECTION, message_id="<first@acme.example>"),
            message(body=REPLY, message_id="<second@acme.example>"),
        ],
    )
    (folder / "new" / "1700000000.junk.host").write_bytes(b"\x00\x01 binary junk, no headers")
    result = cli("ingest", str(folder), "--json")
    assert result.code == 0, result
    assert sorted(row["message_id"] for row in result.json()) == [
        "first@acme.example",
        "second@acme.example",
    ]
    assert len(result.err_lines) == 1, result
    assert "1700000000.junk.host" in result.err and "skipped" in result.err


def test_attachments_are_never_stored_but_an_attached_invitation_is_read(
    cli: InProcessCli, tmp_path: Path
) -> None:
    _acme(cli)
    cli.ok("config", "set", "mail.keep_bodies", "on")  # even whole bodies leave attachments out
    mail = message(
        subject="Invitation: second interview",
        body="Looking forward to seeing you again. The invitation is attached.",
    )
    mail.add_attachment(
        b"ATTACHED-NOTES: the hiring plan for next year",
        maintype="text",
        subtype="plain",
        filename="notes.txt",
    )
    mail.add_attachment(
        b"%PDF-1.4 ATTACHED-PDF-BYTES", maintype="application", subtype="pdf", filename="cv.pdf"
    )
    mail.add_attachment(
        invitation_ics(), maintype="text", subtype="calendar", filename="invite.ics"
    )
    path = tmp_path / "with-attachments.eml"
    path.write_bytes(mail.as_bytes())
    row = cli.json("ingest", str(path))[0]
    assert row["kind"] == "invitation"
    assert cli.json("inbox")[0]["proposal"].startswith(
        "add an interview round on Thursday 3 December 14:00"
    )
    dump = "\n".join(cli.state() or ())
    assert "Looking forward to seeing you again" in dump  # the body, kept as asked
    assert "ATTACHED-NOTES" not in dump and "ATTACHED-PDF" not in dump
