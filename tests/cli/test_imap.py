"""``ingest --imap`` against a real IMAP server (pymap) on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ._imap import ImapCertificates, ImapServer
from ._mail import REJECTION, REPLY, message
from ._support import InProcessCli, assert_one_error_line


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


@pytest.mark.parametrize("host", ["imap.example.org", "192.168.1.20", "127.0.0.1.example.org"])
def test_no_encryption_is_refused_for_a_remote_server(
    cli: InProcessCli, tmp_path: Path, host: str
) -> None:
    ran = tmp_path / "password-command-ran"
    for key, value in {
        "mail.imap_host": host,
        "mail.imap_user": "sam",
        "mail.imap_security": "none",
        "mail.imap_password_command": f"touch {ran}",
    }.items():
        cli.ok("config", "set", key, value)
    error = assert_one_error_line(cli("ingest", "--imap"))
    assert "only for 127.0.0.1" in error
    assert not ran.exists()  # refused before asking for the password or connecting


def test_no_encryption_is_allowed_to_localhost(
    cli: InProcessCli, imap_server: ImapServer, tmp_path: Path
) -> None:
    _configure(cli, imap_server, tmp_path, **{"mail.imap_host": "localhost"})
    imap_server.append(message(body=REPLY, message_id="<local@acme.example>").as_bytes())
    assert [row["message_id"] for row in cli.json("ingest", "--imap")] == ["local@acme.example"]


# Over TLS, against pymap with a certificate signed by a CA made for the test (see _imap.py).


def _configure_tls(
    cli: InProcessCli, server: ImapServer, tmp_path: Path, security: str, **extra: str
) -> None:
    port = server.tls_port if security == "tls" else server.port
    _configure(
        cli,
        server,
        tmp_path,
        **{"mail.imap_security": security, "mail.imap_port": str(port), **extra},
    )


@pytest.fixture
def no_system_ca_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system's store as it is: no SSL_CERT_FILE/SSL_CERT_DIR from the environment."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_reading_over_an_encrypted_connection_trusting_the_configured_ca(
    cli: InProcessCli,
    imap_tls_server: ImapServer,
    tmp_path: Path,
    security: str,
    no_system_ca_override: None,
) -> None:
    cli.add("Acme", "Dev", "--interviewer", "Ana Ruiz <ana@acme.example>")
    _configure_tls(
        cli, imap_tls_server, tmp_path, security, **{"mail.imap_ca_file": imap_tls_server.ca_file}
    )
    imap_tls_server.append(message(body=REJECTION, message_id="<tls@acme.example>").as_bytes())
    rows = cli.json("ingest", "--imap")
    assert [(row["message_id"], row["kind"]) for row in rows] == [("tls@acme.example", "rejection")]
    assert cli.json("ingest", "--imap") == []


def test_the_standard_ssl_cert_file_is_trusted_without_the_setting(
    cli: InProcessCli, imap_tls_server: ImapServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", imap_tls_server.ca_file)
    _configure_tls(cli, imap_tls_server, tmp_path, "tls")
    imap_tls_server.append(message(body=REPLY, message_id="<env@acme.example>").as_bytes())
    assert [row["message_id"] for row in cli.json("ingest", "--imap")] == ["env@acme.example"]


@pytest.mark.parametrize("security", ["tls", "starttls"])
@pytest.mark.parametrize("trusted", ["system store", "another CA"])
def test_an_untrusted_certificate_is_refused_in_one_line(
    cli: InProcessCli,
    imap_tls_server: ImapServer,
    imap_certificates: ImapCertificates,
    tmp_path: Path,
    security: str,
    trusted: str,
    no_system_ca_override: None,
) -> None:
    extra = (
        {}
        if trusted == "system store"
        else {"mail.imap_ca_file": str(imap_certificates.other_ca_file)}
    )
    _configure_tls(cli, imap_tls_server, tmp_path, security, **extra)
    imap_tls_server.append(message(body=REJECTION, message_id="<no@acme.example>").as_bytes())
    port = imap_tls_server.tls_port if security == "tls" else imap_tls_server.port
    before = cli.state()
    error = assert_one_error_line(cli("ingest", "--imap"))
    assert error.startswith(f"the certificate of 127.0.0.1:{port} is not trusted"), error
    assert "mail.imap_ca_file" in error
    assert cli.state() == before  # nothing read, nothing remembered


def test_the_ca_file_setting_must_be_a_certificate_file(
    cli: InProcessCli, imap_certificates: ImapCertificates, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.pem"
    error = assert_one_error_line(cli("config", "set", "mail.imap_ca_file", str(missing)))
    assert "there is no file" in error and "nowhere.pem" in error
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate\n")
    error = assert_one_error_line(cli("config", "set", "mail.imap_ca_file", str(not_pem)))
    assert "holds no PEM certificate" in error
    assert cli.ok("config", "get", "mail.imap_ca_file").out.strip() == ""
    cli.ok("config", "set", "mail.imap_ca_file", str(imap_certificates.ca_file))
    shown = cli.ok("config", "get", "mail.imap_ca_file").out.strip()
    assert shown == str(imap_certificates.ca_file)
    cli.ok("config", "set", "mail.imap_ca_file", "")
    assert cli.ok("config", "get", "mail.imap_ca_file").out.strip() == ""


def test_a_ca_file_gone_since_it_was_set_is_named_not_replaced_by_the_system_store(
    cli: InProcessCli, imap_certificates: ImapCertificates, tmp_path: Path
) -> None:
    copy = tmp_path / "home-ca.pem"
    copy.write_bytes(imap_certificates.ca_file.read_bytes())
    for key, value in {
        "mail.imap_host": "127.0.0.1",
        "mail.imap_user": "sam",
        "mail.imap_password_command": "echo x",
        "mail.imap_ca_file": str(copy),
    }.items():
        cli.ok("config", "set", key, value)
    copy.unlink()
    assert cli.ok("config", "get", "mail.imap_ca_file").out.strip() == str(copy)
    error = assert_one_error_line(cli("ingest", "--imap"))
    assert error.startswith(f"mail.imap_ca_file: cannot use {copy}"), error
