"""Handing a message to the user's own delivery tool: a sendmail-compatible command or SMTP.

Either way the answer is "accepted" (return) or one line saying what failed
(:class:`DeliveryFailed`). Nothing waits longer than :data:`TIMEOUT_SECONDS` for an answer.
The SMTP password comes from the user's password command each time; it is never stored, and
no message of ours shows it.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import subprocess
from email.message import EmailMessage

from postinterview_tui.domain.mail_settings import CommandRoute, Route, SmtpRoute
from postinterview_tui.domain.text import safe_line

TIMEOUT_SECONDS = 30.0
"""How long a command or a server may take to answer."""


class DeliveryFailed(Exception):
    """The command or the server did not accept the message; the message says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def deliver(message: EmailMessage, route: Route, *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Send ``message`` the way ``route`` says.

    Raises:
        DeliveryFailed: it was not accepted (the reason is one line, without any password).
    """
    if isinstance(route, CommandRoute):
        _through_command(message, route, timeout)
    else:
        _through_smtp(message, route, timeout)


def _last_line(text: str) -> str:
    lines = [safe_line(line) for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _through_command(message: EmailMessage, route: CommandRoute, timeout: float) -> None:
    # sendmail -t reads the recipients from the headers; smtplib removes Bcc, so do it too.
    del message["Bcc"]
    data = message.as_bytes()
    program = route.argv[0] if route.argv else ""
    try:
        result = subprocess.run(
            list(route.argv), input=data, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise DeliveryFailed(f"the send command {program!r} was not found") from None
    except PermissionError:
        raise DeliveryFailed(f"the send command {program!r} cannot be run") from None
    except subprocess.TimeoutExpired:
        raise DeliveryFailed(
            f"the send command {program!r} gave no answer in {timeout:g} s"
        ) from None
    except OSError as error:
        raise DeliveryFailed(f"the send command {program!r} failed: {error.strerror}") from None
    if result.returncode != 0:
        said = _last_line(result.stderr.decode("utf-8", "replace")) or _last_line(
            result.stdout.decode("utf-8", "replace")
        )
        raise DeliveryFailed(
            f"{program} exited with status {result.returncode}" + (f": {said}" if said else "")
        )


def _password(route: SmtpRoute, timeout: float) -> str:
    program = route.password_argv[0] if route.password_argv else ""
    try:
        result = subprocess.run(
            list(route.password_argv), capture_output=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        what = "gave no answer" if isinstance(error, subprocess.TimeoutExpired) else "failed"
        raise DeliveryFailed(f"the password command {program!r} {what}") from None
    if result.returncode != 0:
        said = _last_line(result.stderr.decode("utf-8", "replace"))
        raise DeliveryFailed(
            f"the password command {program!r} exited with status {result.returncode}"
            + (f": {said}" if said else "")
        )
    # Like msmtp's passwordeval: the first line of what it prints.
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    return lines[0] if lines else ""


def _server_said(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{error.smtp_code} {' '.join(said.split())}"


def _through_smtp(message: EmailMessage, route: SmtpRoute, timeout: float) -> None:
    where = f"{route.host}:{route.port}"
    password = ""
    try:
        if route.user:
            password = _password(route, timeout)
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if route.security == "tls":
            client = smtplib.SMTP_SSL(route.host, route.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(route.host, route.port, timeout=timeout)
        with client:
            if route.security == "starttls":
                client.starttls(context=context)
            if route.user:
                client.login(route.user, password)
            refused = client.send_message(message)
            if refused:
                raise DeliveryFailed(f"{where} refused {', '.join(refused)}")
    except DeliveryFailed as failure:
        raise DeliveryFailed(_hide(failure.reason, password)) from None
    except smtplib.SMTPRecipientsRefused as error:
        answers = "; ".join(
            f"{who}: {code} {text.decode('utf-8', 'replace')}"
            for who, (code, text) in error.recipients.items()
        )
        reason = f"{where} refused the recipient ({answers})"
        raise DeliveryFailed(_hide(reason, password)) from None
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryFailed(
            _hide(f"{where} refused the login: {_server_said(error)}", password)
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise DeliveryFailed(
            f"{where} does not offer STARTTLS; set mail.smtp_security to tls (or check the port)"
        ) from None
    except smtplib.SMTPResponseException as error:
        raise DeliveryFailed(_hide(f"{where} answered {_server_said(error)}", password)) from None
    except smtplib.SMTPServerDisconnected as error:
        # smtplib reports a read that timed out as a closed connection; say which it was.
        if isinstance(error.__context__, TimeoutError):
            raise DeliveryFailed(f"{where} gave no answer in {timeout:g} s") from None
        raise DeliveryFailed(_hide(f"{where} closed the connection: {error}", password)) from None
    except smtplib.SMTPException as error:
        raise DeliveryFailed(_hide(f"{where}: {error}", password)) from None
    except ssl.SSLError as error:
        raise DeliveryFailed(f"TLS with {where} failed: {error.reason or error}") from None
    except TimeoutError:
        raise DeliveryFailed(f"{where} gave no answer in {timeout:g} s") from None
    except ConnectionRefusedError:
        raise DeliveryFailed(f"could not connect to {where}: connection refused") from None
    except socket.gaierror:
        raise DeliveryFailed(f"could not find the server {route.host!r}") from None
    except OSError as error:
        raise DeliveryFailed(f"could not reach {where}: {error.strerror or error}") from None


def _hide(text: str, password: str) -> str:
    """``text`` with the password masked, should a server ever echo it back."""
    line = safe_line(text)
    return line.replace(password, "********") if password else line
