"""Reading new messages from an IMAP folder, read-only, with ``imapclient``.

The folder is opened with ``EXAMINE`` (read-only: no flag changes, nothing marked seen) and
messages are fetched with ``BODY.PEEK[]`` cut to :data:`MAX_FETCH` bytes. Only UIDs above the
last one read are fetched, at most ``mail.imap_max_per_run`` per run, oldest first; the first
run of a folder takes its newest messages. A new UIDVALIDITY (the folder was rebuilt) starts
over; messages read before are then recognised by their Message-ID.
"""

from __future__ import annotations

import contextlib
import shlex
import ssl
import subprocess
from dataclasses import dataclass
from io import BytesIO

from pendulum import Timezone

from postinterview_tui.domain.mail_settings import LOCAL_HOSTS
from postinterview_tui.domain.settings import Settings
from postinterview_tui.inbox.message import IncomingMessage
from postinterview_tui.inbox.parse import MAX_MESSAGE_BYTES, NotMail, read_message

MAX_FETCH = MAX_MESSAGE_BYTES
FETCH_CHUNK = 25
"""Messages asked for in one FETCH command."""
TIMEOUT_SECONDS = 30.0


class ImapError(Exception):
    """IMAP reading failed; the message is meant for the user."""


@dataclass(frozen=True, slots=True)
class ImapBatch:
    """What one run read: the folder's key, its UIDVALIDITY, the last UID read, the messages,
    and the messages skipped as unreadable (by UID)."""

    folder_key: str
    uidvalidity: int
    last_uid: int
    messages: tuple[IncomingMessage, ...]
    skipped: tuple[int, ...] = ()


def folder_key(settings: Settings) -> str:
    """What identifies the folder read (user, server, port and folder)."""
    return f"{settings.imap_user}@{settings.imap_host}:{settings.imap_port}/{settings.imap_folder}"


def check_settings(settings: Settings) -> None:
    """Refuse settings that cannot work before connecting.

    Raises:
        ImapError: no host or user, or no encryption to a server that is not this machine.
    """
    if not settings.imap_host:
        raise ImapError("set mail.imap_host first (postinterview config set mail.imap_host ...)")
    if not settings.imap_user:
        raise ImapError("set mail.imap_user first")
    if (
        settings.imap_security == "none"
        and settings.imap_host.lower().strip("[]") not in LOCAL_HOSTS
    ):
        raise ImapError("mail.imap_security none is allowed only for 127.0.0.1: use tls")


def password_from_command(command: str) -> str:
    """Run ``mail.imap_password_command`` and return the first line it prints.

    Raises:
        ImapError: no command, it failed, or printed nothing.
    """
    if not command.strip():
        raise ImapError("set mail.imap_password_command (e.g. pass show mail/imap) first")
    try:
        done = subprocess.run(
            shlex.split(command),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        raise ImapError(f"the password command could not run ({error})") from None
    if done.returncode != 0:
        raise ImapError(f"the password command failed (exit {done.returncode})")
    lines = done.stdout.splitlines()
    if not lines or not lines[0]:
        raise ImapError("the password command printed nothing")
    return lines[0]


def read_new(
    settings: Settings,
    position: tuple[int, int] | None,
    *,
    password: str,
    zone: Timezone,
) -> ImapBatch:
    """Fetch the messages that arrived since ``position`` (UIDVALIDITY, last UID read).

    Raises:
        ImapError: the server cannot be reached, refuses the login, or has no such folder.
    """
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError

    check_settings(settings)
    context = tls_context(settings)
    where = f"{settings.imap_host}:{settings.imap_port}"
    try:
        client = IMAPClient(
            settings.imap_host,
            port=settings.imap_port,
            ssl=settings.imap_security == "tls",
            ssl_context=context,
            timeout=TIMEOUT_SECONDS,
        )
    except ssl.SSLError as error:
        raise _tls_failure(error, where) from None
    except (OSError, IMAPClientError) as error:
        raise ImapError(f"cannot reach {where} ({error})") from None
    try:
        if settings.imap_security == "starttls":
            client.starttls(context)
        client.login(settings.imap_user, password)
        status = client.select_folder(settings.imap_folder, readonly=True)
        validity = int(status.get(b"UIDVALIDITY", 0))
        last = position[1] if position is not None and position[0] == validity else 0
        uids = sorted(int(uid) for uid in client.search(["UID", f"{last + 1}:*"]))
        uids = [uid for uid in uids if uid > last]
        limit = settings.imap_max_per_run
        chosen = uids[-limit:] if last == 0 else uids[:limit]
        messages, skipped = _fetch(client, chosen, zone, settings)
        newest = max(chosen) if chosen else last
        return ImapBatch(folder_key(settings), validity, newest, tuple(messages), tuple(skipped))
    except ssl.SSLError as error:
        raise _tls_failure(error, where) from None
    except (OSError, IMAPClientError) as error:
        raise ImapError(f"IMAP: {error}") from None
    finally:
        with contextlib.suppress(OSError, IMAPClientError):
            client.logout()


def tls_context(settings: Settings) -> ssl.SSLContext:
    """The TLS settings for the server: certificates and host name checked, against
    ``mail.imap_ca_file`` when it is set, else the system's store (which also reads the
    standard ``SSL_CERT_FILE`` and ``SSL_CERT_DIR``).

    Raises:
        ImapError: the CA file cannot be read.
    """
    ca_file = settings.imap_ca_file or None
    try:
        return ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as error:
        reason = getattr(error, "strerror", None) or getattr(error, "reason", None) or error
        raise ImapError(f"mail.imap_ca_file: cannot use {ca_file} ({reason})") from None


def _tls_failure(error: ssl.SSLError, where: str) -> ImapError:
    """One line for a failed TLS handshake, saying what to change."""
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = error.verify_message or error.reason or "not trusted"
        return ImapError(
            f"the certificate of {where} is not trusted ({reason}); if that server has a "
            "certificate of its own, set mail.imap_ca_file to the CA that signed it"
        )
    return ImapError(
        f"TLS with {where} failed ({error.reason or error}); check mail.imap_security "
        "(tls on port 993, starttls on port 143)"
    )


def _fetch(
    client: object, uids: list[int], zone: Timezone, settings: Settings
) -> tuple[list[IncomingMessage], list[int]]:
    part = f"BODY.PEEK[]<0.{MAX_FETCH}>"
    messages: list[IncomingMessage] = []
    skipped: list[int] = []
    for start in range(0, len(uids), FETCH_CHUNK):
        chunk = uids[start : start + FETCH_CHUNK]
        answer = client.fetch(chunk, [part])  # type: ignore[attr-defined]
        for uid in chunk:
            fields = answer.get(uid, {})
            raw = next((value for key, value in fields.items() if key.startswith(b"BODY[]")), None)
            if not isinstance(raw, bytes):
                skipped.append(uid)
                continue
            source = f"imap:{settings.imap_folder}/{uid}"
            try:
                messages.append(read_message(BytesIO(raw), zone=zone, source=source))
            except NotMail:
                skipped.append(uid)
    return messages, skipped
