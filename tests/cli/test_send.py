"""``draft`` and ``send`` on a real file, delivering through a sendmail-like script and through a
real SMTP server on 127.0.0.1: what arrives, what is marked sent, and that a refusal or a failed
delivery marks nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage.repository import Repository
from postinterview_tui.storage.sent_messages import application_for_message_id
from tests.mailserver import free_port, messages_in, sendmail_command, smtp_server

from ._support import InProcessCli, assert_one_error_line, database_state


def _application(cli: InProcessCli, *people: str) -> int:
    return cli.add(
        "Acme",
        "Engineer",
        "--interviewed",
        "2026-11-24 15:00",
        "--interview-notes",
        "the data platform migration",
        *(arg for person in people for arg in ("--interviewer", person)),
    )


def _me(cli: InProcessCli, *, email: str = "alex@example.org") -> None:
    cli.ok("config", "set", "user.name", "Alex Morgán")
    if email:
        cli.ok("config", "set", "user.email", email)


def _stage(cli: InProcessCli, app: int) -> str:
    return str(cli.json("show", str(app))["stage"])


def test_draft_prints_subject_blank_line_and_body(cli: InProcessCli) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    out = cli.ok("draft", str(app)).out
    assert out.startswith("Subject: Thank you: Engineer interview\n\nDear Ana,\n")
    assert "the data platform migration" in out and out.endswith("Alex Morgán\n")


def test_send_through_a_sendmail_command_delivers_one_message_per_interviewer(
    cli: InProcessCli, tmp_path: Path, db_path: Path, zone: Timezone
) -> None:
    app = _application(cli, "Ana Ruíz <ana@acme.example>", "Bo Chen <bo@acme.example>")
    _me(cli)
    command, outbox = sendmail_command(tmp_path)
    cli.ok("config", "set", "mail.send_command", command)
    result = cli.ok("send", str(app), "--kind", "thank-you", "--yes")
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Sent to Ana Ruíz <ana@acme.example>  <")
    ana, bo = messages_in(outbox)
    assert str(ana["From"]) == "Alex Morgán <alex@example.org>"
    assert str(ana["To"]) == "Ana Ruíz <ana@acme.example>"
    assert str(bo["To"]) == "Bo Chen <bo@acme.example>"
    assert ana["Subject"] == "Thank you: Engineer interview"
    assert ana["Date"] is not None and ana["Bcc"] is None
    assert ana.get_content_type() == "text/plain" and ana.get_content_charset() == "utf-8"
    assert ana["Message-ID"].endswith("@example.org>") and ana["Message-ID"] != bo["Message-ID"]
    # Non-ASCII names are encoded on the wire, not sent raw.
    raw = ana.as_bytes()
    assert b"=?utf-8?" in raw and "Ruíz".encode() not in raw.split(b"\n\n", 1)[0]
    body = ana.get_content()
    assert body.startswith("Dear Ana,\n\nThank you for speaking with me on Tuesday 24 November")
    assert body.endswith("With thanks,\nAlex Morgán\n")
    assert lines[0].endswith(ana["Message-ID"])
    # Both thanked: the card moved, and each Message-ID leads back to the application.
    assert _stage(cli, app) == "thanked"
    repository = Repository.open(db_path, zone=zone, create=False)
    assert repository is not None
    try:
        assert application_for_message_id(repository, ana["Message-ID"]) == app
        assert application_for_message_id(repository, bo["Message-ID"]) == app
    finally:
        repository.close()
    shown = cli.ok("show", str(app)).out
    assert "10:00  Thank-you note sent to Ana Ruíz <ana@acme.example>" in shown
    assert "10:00  Thank-you note sent to Bo Chen <bo@acme.example>" in shown


def test_a_failing_command_marks_nothing_and_exits_5(
    cli: InProcessCli, tmp_path: Path, db_path: Path
) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    command, outbox = sendmail_command(tmp_path, fail=True)
    cli.ok("config", "set", "mail.send_command", command)
    result = cli("send", str(app), "--kind", "thank-you", "--yes")
    message = assert_one_error_line(result, code=5)
    assert "exited with status 1: msmtp: server said no" in message
    assert _stage(cli, app) == "interviewed"
    assert "thank-you-sent" not in cli.ok("show", str(app)).out
    # The draft is kept: the same text prints again, from the saved draft.
    assert "Dear Ana" in cli.ok("draft", str(app)).out


def test_send_through_a_real_smtp_server_with_a_password_command(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret-pw\nsecond line ignored\n", encoding="utf-8")
    with smtp_server() as (mailbox, port):
        for key, value in (
            ("mail.smtp_host", "127.0.0.1"),
            ("mail.smtp_port", str(port)),
            ("mail.smtp_security", "none"),
            ("mail.smtp_user", "me"),
            ("mail.smtp_password_command", f"cat {secret}"),
        ):
            cli.ok("config", "set", key, value)
        result = cli.ok("send", str(app), "--kind", "thank-you", "--yes")
    (message,) = mailbox.messages
    assert mailbox.envelopes == [("alex@example.org", ["ana@acme.example"])]
    assert mailbox.logins == [("me", "s3cret-pw")]
    assert str(message["To"]) == "Ana Ruiz <ana@acme.example>"
    assert "the data platform migration" in message.get_content()
    assert result.out == f"Sent to Ana Ruiz <ana@acme.example>  {message['Message-ID']}\n"
    assert _stage(cli, app) == "thanked"
    assert "s3cret-pw" not in cli.ok("config", "get").out


def test_a_server_refusing_the_recipient_marks_nothing(cli: InProcessCli, db_path: Path) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    with smtp_server() as (mailbox, port):
        mailbox.refuse.add("ana@acme.example")
        cli.ok("config", "set", "mail.smtp_host", "localhost")
        cli.ok("config", "set", "mail.smtp_port", str(port))
        cli.ok("config", "set", "mail.smtp_security", "none")
        before = database_state(db_path)
        result = cli("send", str(app), "--kind", "thank-you", "--yes")
    message = assert_one_error_line(result, code=5)
    assert "550" in message and "No such mailbox here" in message
    assert mailbox.messages == []
    assert _stage(cli, app) == "interviewed"
    # Only the draft was saved; nothing marked sent, no Message-ID stored.
    after = database_state(db_path)
    assert after is not None and before is not None
    assert [line for line in after if "sent_messages" in line and "INSERT" in line] == []
    assert all("thank-you-sent" not in line for line in after)


def test_a_server_that_is_down_marks_nothing(cli: InProcessCli) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    cli.ok("config", "set", "mail.smtp_host", "127.0.0.1")
    cli.ok("config", "set", "mail.smtp_port", str(free_port()))
    cli.ok("config", "set", "mail.smtp_security", "none")
    message = assert_one_error_line(cli("send", str(app), "--kind", "thank-you", "--yes"), 5)
    assert "could not connect to 127.0.0.1" in message and "refused" in message
    assert _stage(cli, app) == "interviewed"


@pytest.mark.parametrize(
    ("setup", "args", "expected"),
    [
        ("no-email", (), "user.email"),
        ("no-route", (), "mail.send_command"),
        ("placeholder", (), "[something you talked about]"),
        ("no-address", (), "--to"),
        ("insecure", (), "mail.smtp_security none"),
        ("ok", ("--to", "not an address"), "not an e-mail address"),
        ("ok", ("--kind", "follow-up"), "--force"),
        ("ok", ("--kind", "nonsense"), "unknown kind"),
    ],
)
def test_refusals_exit_2_and_send_nothing(
    cli: InProcessCli,
    tmp_path: Path,
    db_path: Path,
    setup: str,
    args: tuple[str, ...],
    expected: str,
) -> None:
    person = "Ana Ruiz" if setup == "no-address" else "Ana Ruiz <ana@acme.example>"
    if setup == "placeholder":
        app = cli.add("Acme", "Engineer", "--interviewed", "-1d", "--interviewer", person)
    else:
        app = _application(cli, person)
    _me(cli, email="" if setup == "no-email" else "alex@example.org")
    command, outbox = sendmail_command(tmp_path)
    if setup == "insecure":
        cli.ok("config", "set", "mail.smtp_host", "smtp.example.org")
        cli.ok("config", "set", "mail.smtp_security", "none")
    elif setup != "no-route":
        cli.ok("config", "set", "mail.send_command", command)
    kind = () if "--kind" in args else ("--kind", "thank-you")
    before = database_state(db_path)
    message = assert_one_error_line(cli("send", str(app), *kind, *args, "--yes"))
    assert expected in message
    assert messages_in(outbox) == []
    assert database_state(db_path) == before


def test_a_follow_up_too_soon_goes_with_force(cli: InProcessCli, tmp_path: Path) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    command, outbox = sendmail_command(tmp_path)
    cli.ok("config", "set", "mail.send_command", command)
    cli.ok("send", str(app), "--kind", "follow-up", "--yes", "--force")
    (message,) = messages_in(outbox)
    assert str(message["To"]) == "Ana Ruiz <ana@acme.example>"
    assert _stage(cli, app) == "followed-up"
    assert "Follow-up sent (#1) to Ana Ruiz <ana@acme.example>" in cli.ok("show", str(app)).out


def test_to_overrides_the_address_and_no_terminal_needs_yes(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _application(cli, "Ana Ruiz")
    _me(cli)
    command, outbox = sendmail_command(tmp_path)
    cli.ok("config", "set", "mail.send_command", command)
    refused = cli("send", str(app), "--kind", "thank-you", "--to", "ana@acme.example")
    assert "--yes" in assert_one_error_line(refused)
    cli.ok("send", str(app), "--kind", "thank-you", "--to", "ana@acme.example", "--yes")
    (message,) = messages_in(outbox)
    assert str(message["To"]) == "Ana Ruiz <ana@acme.example>"


def test_mail_settings_are_checked_when_set(cli: InProcessCli) -> None:
    cli.ok("config", "set", "user.name", "Alex")
    for key, value, expected in (
        ("user.email", "Alex <alex@example.org>", "one e-mail address"),
        ("mail.smtp_port", "70000", "between 1 and 65535"),
        ("mail.smtp_security", "ssl", "starttls, tls, none"),
        ("mail.send_command", "msmtp '-t", "not a command line"),
    ):
        assert expected in assert_one_error_line(cli("config", "set", key, value))


def test_a_refused_login_never_shows_the_password(cli: InProcessCli, tmp_path: Path) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    with smtp_server() as (mailbox, port):
        for key, value in (
            ("mail.smtp_host", "127.0.0.1"),
            ("mail.smtp_port", str(port)),
            ("mail.smtp_security", "none"),
            ("mail.smtp_user", "me"),
            ("mail.smtp_password_command", "echo wrong-pw-123"),
        ):
            cli.ok("config", "set", key, value)
        result = cli("send", str(app), "--kind", "thank-you", "--yes")
    message = assert_one_error_line(result, code=5)
    assert "refused the login: 535" in message
    # smtplib tries each mechanism the server offers (PLAIN, then LOGIN).
    assert mailbox.logins and set(mailbox.logins) == {("me", "wrong-pw-123")}
    assert "wrong-pw-123" not in result.err and mailbox.messages == []
    assert _stage(cli, app) == "interviewed"


def test_a_reply_to_a_sent_note_finds_its_application_from_an_unknown_address(
    cli: InProcessCli, tmp_path: Path
) -> None:
    app = _application(cli, "Ana Ruiz <ana@acme.example>")
    _me(cli)
    command, outbox = sendmail_command(tmp_path)
    cli.ok("config", "set", "mail.send_command", command)
    cli.ok("send", str(app), "--kind", "thank-you", "--yes")
    (sent,) = messages_in(outbox)
    reply = tmp_path / "reply.eml"
    reply.write_text(
        "From: Pat Doe <pat@unknown-agency.example>\n"
        "To: alex@example.org\n"
        "Subject: Re: next steps\n"
        f"In-Reply-To: {sent['Message-ID']}\n"
        "Message-ID: <r1@unknown-agency.example>\n"
        "Date: Wed, 25 Nov 2026 11:00:00 +0000\n\n"
        "Thanks, we will get back to you by Friday.\n",
        encoding="utf-8",
    )
    (read,) = cli.json("ingest", "--json", str(reply))
    assert (read["application_id"], read["rule"]) == (app, "thread")
