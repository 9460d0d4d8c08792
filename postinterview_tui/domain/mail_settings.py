"""Checks for the settings that send mail: your address, a send command or an SMTP server.

Each parser takes the dotted key and the text and returns the value, or raises ``ValueError``
with one sentence saying what is accepted. :mod:`.settings` calls them for every way a value
comes in. Whether the settings together make a usable route is :func:`sending_route`'s job,
since one setting alone cannot know (``none`` security is fine for a server on this machine).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

SECURITY_CHOICES = ("starttls", "tls", "none")
"""How the SMTP connection is protected: STARTTLS after connecting, TLS from the start, or
nothing (only for a server on this machine)."""
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
"""Hosts where an unprotected connection never leaves the machine."""

_HOST = re.compile(r"^[A-Za-z0-9.\-:\[\]]+$")


def parse_address(key: str, text: str) -> str:
    """An e-mail address like ``alex@example.org`` (empty clears it).

    Raises:
        ValueError: not one plain address.
    """
    value = text.strip()
    if not value:
        return ""
    if not is_address(value):
        raise ValueError(f"{key} must be one e-mail address like alex@example.org, not {text!r}")
    return value


def is_address(text: str) -> bool:
    """True for one plain address (``local@domain``, no name, no spaces, no line breaks)."""
    if any(char.isspace() or ord(char) < 32 for char in text) or text.count("@") != 1:
        return False
    local, _, domain = text.partition("@")
    if not local or "." not in domain.strip(".") or domain.startswith(".") or ".." in domain:
        return False
    # Imported here: the settings load at every start, the e-mail parser only when checked.
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    try:
        Address(addr_spec=text)
    except (HeaderParseError, ValueError, IndexError):
        return False
    return True


def parse_command(key: str, text: str) -> str:
    """A command line run without a shell (quotes work as in a shell; empty clears it).

    Raises:
        ValueError: unbalanced quotes or a line break.
    """
    value = text.strip()
    if "\n" in value or "\r" in value:
        raise ValueError(f"{key} must be one line")
    try:
        shlex.split(value)
    except ValueError as error:
        raise ValueError(f"{key} is not a command line ({error})") from None
    if len(value) > 1000:
        raise ValueError(f"{key} is too long (at most 1000 characters)")
    return value


def parse_host(key: str, text: str) -> str:
    """A host name or IP address (empty clears it).

    Raises:
        ValueError: spaces or characters no host name has.
    """
    value = text.strip()
    if value and (len(value) > 253 or not _HOST.match(value)):
        raise ValueError(f"{key} must be a host name like smtp.example.org, not {text!r}")
    return value


def parse_port(key: str, text: str) -> int:
    """A TCP port, 1 to 65535.

    Raises:
        ValueError: not a whole number in range.
    """
    try:
        number = int(text.strip())
    except ValueError:
        raise ValueError(f"{key} must be a port number like 587, not {text!r}") from None
    if not 1 <= number <= 65535:
        raise ValueError(f"{key} must be between 1 and 65535, not {number}")
    return number


def parse_security(key: str, text: str) -> str:
    """One of :data:`SECURITY_CHOICES`.

    Raises:
        ValueError: anything else.
    """
    value = text.strip().lower()
    if value not in SECURITY_CHOICES:
        raise ValueError(f"{key} must be one of {', '.join(SECURITY_CHOICES)}, not {text!r}")
    return value


def parse_user(key: str, text: str) -> str:
    """An SMTP login name (one line; empty means no login).

    Raises:
        ValueError: a line break or control character.
    """
    value = text.strip()
    if any(ord(char) < 32 for char in value) or len(value) > 320:
        raise ValueError(f"{key} must be one line of at most 320 characters")
    return value


def parse_ca_file(key: str, text: str, *, check_file: bool) -> str:
    """A file of PEM certificates (a CA to trust), kept as an absolute path (``~`` expanded;
    empty clears it).

    Args:
        check_file: also check that the file is there and holds a certificate (when a value is
            entered or checked; a value read for use is only shaped, and the IMAP client says
            in one line if its file has gone).

    Raises:
        ValueError: not one path, or (``check_file``) no such file or no certificate in it.
    """
    value = text.strip()
    if not value:
        return ""
    if any(ord(char) < 32 for char in value) or len(value) > 4096:
        raise ValueError(f"{key} must be the path of one file")
    # Imported here: the settings load at every start, and this one is rarely set.
    import os

    path = os.path.abspath(os.path.expanduser(value))
    if not check_file:
        return path
    import ssl

    if not os.path.isfile(path):
        raise ValueError(f"{key}: there is no file {path!r}")
    try:
        ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError, ValueError):
        raise ValueError(f"{key}: {path!r} holds no PEM certificate") from None
    return path


_SWITCHES = {"on": True, "true": True, "yes": True, "1": True}
_SWITCHES.update({"off": False, "false": False, "no": False, "0": False})


def parse_on_off(key: str, text: str) -> bool:
    """A switch: on/off (also true/false, yes/no, 1/0).

    Raises:
        ValueError: anything else.
    """
    value = _SWITCHES.get(text.strip().lower())
    if value is None:
        raise ValueError(f"{key} must be on or off, not {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class CommandRoute:
    """Hand the message to a sendmail-compatible command on its standard input."""

    argv: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SmtpRoute:
    """Hand the message to an SMTP server."""

    host: str
    port: int
    security: str
    user: str
    password_argv: tuple[str, ...]


Route = CommandRoute | SmtpRoute


class NoRoute(ValueError):
    """The settings do not say how to send (or say it in a way that cannot work)."""


def sending_route(
    *,
    send_command: str,
    smtp_host: str,
    smtp_port: int,
    smtp_user: str,
    smtp_password_command: str,
    smtp_security: str,
) -> Route:
    """How to send with these settings: the command wins when it is set.

    Raises:
        NoRoute: neither is set, or the SMTP settings cannot be used as they are.
    """
    if send_command.strip():
        return CommandRoute(tuple(shlex.split(send_command)))
    host = smtp_host.strip()
    if not host:
        raise NoRoute(
            "no way to send is set up: set mail.send_command (like 'msmtp -t') "
            "or mail.smtp_host in the settings"
        )
    if smtp_security == "none" and host.lower().strip("[]") not in LOCAL_HOSTS:
        raise NoRoute(
            "mail.smtp_security none would send your login and notes unencrypted; "
            "it is only allowed for a server on this machine (localhost, 127.0.0.1)"
        )
    if smtp_user.strip() and not smtp_password_command.strip():
        raise NoRoute(
            "mail.smtp_user is set but mail.smtp_password_command is not "
            "(a command printing the password, like 'pass show mail/smtp')"
        )
    password = tuple(shlex.split(smtp_password_command)) if smtp_user.strip() else ()
    return SmtpRoute(host, smtp_port, smtp_security, smtp_user.strip(), password)
