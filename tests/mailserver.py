"""A real SMTP server on 127.0.0.1 for the sending tests (aiosmtpd, in a thread of its own),
and a sendmail-compatible script that keeps what it is given."""

from __future__ import annotations

import shlex
import socket
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Mailbox:
    """What the server received, and who it refuses."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        """Accept the login ``me`` / ``s3cret-pw`` and remember every attempt."""
        assert isinstance(data, LoginPassword)
        user, password = data.login.decode(), data.password.decode()
        self.logins.append((user, password))
        # handled=False: aiosmtpd then answers a refusal with 535 itself.
        return AuthResult(success=(user, password) == ("me", "s3cret-pw"), handled=False)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    """Run a server on 127.0.0.1 for the duration of the block: (its mailbox, its port)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=mailbox.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


SENDMAIL_SCRIPT = textwrap.dedent(
    """\
    import sys
    data = sys.stdin.buffer.read()
    if sys.argv[2] != "-t":
        sys.exit("expected -t")
    if sys.argv[3:4] == ["wait"]:
        import os, time
        deadline = time.monotonic() + 20
        while not os.path.exists(sys.argv[4]) and time.monotonic() < deadline:
            time.sleep(0.05)
    if sys.argv[3:] == ["fail"]:
        sys.stderr.write("msmtp: cannot connect to smtp.example.org\\nmsmtp: server said no\\n")
        sys.exit(1)
    with open(sys.argv[1], "ab") as out:
        out.write(data + b"\\n\\x00\\n")
    """
)


def sendmail_command(
    tmp_path: Path, *, fail: bool = False, wait_for: Path | None = None
) -> tuple[str, Path]:
    """A ``mail.send_command`` running a sendmail-like script (``-t``, message on stdin) that
    keeps each message in a file, or fails like msmtp does, or first waits until ``wait_for``
    exists (a slow server); returns (command, that file)."""
    script = tmp_path / "fake_sendmail.py"
    script.write_text(SENDMAIL_SCRIPT, encoding="utf-8")
    outbox = tmp_path / "outbox.bin"
    extra = ["fail"] if fail else ["wait", str(wait_for)] if wait_for else []
    words = [sys.executable, str(script), str(outbox), "-t", *extra]
    return shlex.join(words), outbox


def messages_in(outbox: Path) -> list[EmailMessage]:
    """The messages the script kept."""
    if not outbox.exists():
        return []
    found = []
    for chunk in outbox.read_bytes().split(b"\n\x00\n"):
        if chunk.strip():
            message = message_from_bytes(chunk, policy=policy.default)
            assert isinstance(message, EmailMessage)
            found.append(message)
    return found
