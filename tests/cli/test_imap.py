"""``ingest --imap`` against a real IMAP server (pymap) on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

from ._imap import ImapServer
from ._mail import REJECTION, REPLY, message
from ._support import InProcessCli


def _configure(cli: InProcessCli, server: ImapServer, tmp_path: Path, **extra: str) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text(server.password + "\n")
    settings = {
        "mail.imap_host": server.host,
        "mail.imap_port": str(server.port),
        "mail.imap_user": server.user,
        "mail.imap_security": "none",
        "mail.imap_password_command": f"{sys.executable} -c \"print(open('{secret}').read())\"",
        **extra,
    }
    for key, value in settings.items():
        cli.ok("config", "set", key, value)


def test_new_messages_are_read_once_and_the_folder_is_not_changed(
    cli: InProcessCli, imap_server: ImapServer, tmp_path: Path
) -> None:
    cli.add("Acme", "Dev", "--interviewer", "Ana Ruiz <ana@acme.example>")
    _configure(cli, imap_server, tmp_path)
    imap_server.append(
        message(body=REJECTION, message_id="<one@acme.example>").as_bytes(),
        message(body=REPLY, message_id="<two@acme.example>").as_bytes(),
    )
    flags_before = imap_server.flags()
    rows = cli.json("ingest", "--imap")
    assert [(row["message_id"], row["kind"]) for row in rows] == [
        ("one@acme.example", "rejection"),
        ("two@acme.example", "reply"),
    ]
    assert imap_server.flags() == flags_before  # EXAMINE: nothing marked \Seen
    assert cli.json("ingest", "--imap") == []  # nothing newer than the last UID
    imap_server.append(message(body=REPLY, message_id="<three@acme.example>").as_bytes())
    assert [row["message_id"] for row in cli.json("ingest", "--imap")] == ["three@acme.example"]
    assert len(cli.json("inbox")) == 3


def test_a_run_reads_at_most_the_configured_number(
    cli: InProcessCli, imap_server: ImapServer, tmp_path: Path
) -> None:
    _configure(cli, imap_server, tmp_path, **{"mail.imap_max_per_run": "2"})
    imap_server.append(
        *(message(body=REPLY, message_id=f"<n{i}@acme.example>").as_bytes() for i in range(5))
    )
    first = cli.json("ingest", "--imap")
    assert [row["message_id"] for row in first] == ["n3@acme.example", "n4@acme.example"]
    imap_server.append(message(body=REPLY, message_id="<n5@acme.example>").as_bytes())
    assert [row["message_id"] for row in cli.json("ingest", "--imap")] == ["n5@acme.example"]


def test_a_wrong_password_is_one_clear_error(
    cli: InProcessCli, imap_server: ImapServer, tmp_path: Path
) -> None:
    _configure(cli, imap_server, tmp_path)
    cli.ok("config", "set", "mail.imap_password_command", "echo wrong")
    result = cli("ingest", "--imap")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("postinterview: error: IMAP")
    assert "imap-test-password" not in result.err


def test_no_encryption_is_refused_for_a_remote_server(cli: InProcessCli) -> None:
    for key, value in {
        "mail.imap_host": "imap.example.org",
        "mail.imap_user": "sam",
        "mail.imap_security": "none",
        "mail.imap_password_command": "echo x",
    }.items():
        cli.ok("config", "set", key, value)
    result = cli("ingest", "--imap")
    assert result.code == 2
    assert "only for 127.0.0.1" in result.err
