"""Building a note as an e-mail, choosing how to send it, and a command that never answers."""

from __future__ import annotations

import shlex
import socket
import sys
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postinterview_tui.domain.mail_settings import (
    CommandRoute,
    NoRoute,
    SmtpRoute,
    is_address,
    sending_route,
)
from postinterview_tui.mail.compose import Party, build_message
from postinterview_tui.mail.deliver import DeliveryFailed, deliver

WHEN = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
ME = Party("Alex Morgan", "alex@example.org")


def _round_trip(message: EmailMessage) -> EmailMessage:
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_headers_are_encoded_and_no_line_break_gets_into_them() -> None:
    message = build_message(
        sender=Party("Zoë Ångström", "zoe@example.org"),
        recipient=Party("山田 太郎\r\nBcc: evil@example.net", "taro@example.jp"),
        subject="Thank you\nBcc: evil@example.net",
        body="Hi",
        when=WHEN,
    )
    raw = message.as_bytes()
    head = raw.split(b"\n\n", 1)[0]
    assert head.isascii()
    assert b"\nBcc:" not in head
    parsed = _round_trip(message)
    assert str(parsed["From"]) == "Zoë Ångström <zoe@example.org>"
    assert parsed["To"].addresses[0].addr_spec == "taro@example.jp"
    assert len(parsed["To"].addresses) == 1
    assert parsed["Subject"] == "Thank you Bcc: evil@example.net"
    assert parsed["Bcc"] is None
    assert parsed["Message-ID"].endswith("@example.org>")
    assert parsed["Date"].datetime == WHEN


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(
                blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"
            ),
            max_size=120,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_the_body_arrives_line_for_line_as_written(lines: list[str]) -> None:
    body = "\n".join(lines)
    message = build_message(
        sender=ME, recipient=Party("Ana", "ana@acme.example"), subject="S", body=body, when=WHEN
    )
    content = _round_trip(message).get_content()
    assert content == body.rstrip("\n") + "\n"


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("ana@acme.example", True),
        ("ana.ruiz+jobs@mail.acme.example", True),
        ("Ana <ana@acme.example>", False),
        ("ana@acme", False),
        ("ana@@acme.example", False),
        ("ana @acme.example", False),
        ("ana@acme.example\nBcc: x@y.z", False),
        ("", False),
    ],
)
def test_what_counts_as_an_address(text: str, ok: bool) -> None:
    assert is_address(text) is ok


def _route(**changes: object) -> CommandRoute | SmtpRoute:
    values: dict[str, object] = {
        "send_command": "",
        "smtp_host": "",
        "smtp_port": 587,
        "smtp_user": "",
        "smtp_password_command": "",
        "smtp_security": "starttls",
    }
    values.update(changes)
    return sending_route(**values)  # type: ignore[arg-type]


def test_the_command_wins_and_smtp_is_checked() -> None:
    assert _route(send_command="msmtp -t", smtp_host="smtp.example.org") == CommandRoute(
        ("msmtp", "-t")
    )
    assert _route(smtp_host="localhost", smtp_security="none").security == "none"  # type: ignore[union-attr]
    with pytest.raises(NoRoute, match="only allowed for a server on this machine"):
        _route(smtp_host="smtp.example.org", smtp_security="none")
    with pytest.raises(NoRoute, match="mail.smtp_password_command"):
        _route(smtp_host="smtp.example.org", smtp_user="me")
    with pytest.raises(NoRoute, match="mail.send_command"):
        _route()


def test_a_command_that_never_answers_fails_after_the_timeout() -> None:
    argv = (sys.executable, "-c", "import time; time.sleep(30)")
    message = build_message(
        sender=ME, recipient=Party("Ana", "ana@acme.example"), subject="S", body="B", when=WHEN
    )
    with pytest.raises(DeliveryFailed, match="gave no answer in 0.5 s"):
        deliver(message, CommandRoute(argv), timeout=0.5)
    with pytest.raises(DeliveryFailed, match="was not found"):
        deliver(message, CommandRoute(tuple(shlex.split("no-such-sendmail -t"))))


def test_a_server_that_never_answers_fails_after_the_timeout() -> None:
    # A socket that accepts connections and never sends the SMTP greeting.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        message = build_message(
            sender=ME, recipient=Party("Ana", "ana@acme.example"), subject="S", body="B", when=WHEN
        )
        route = SmtpRoute("127.0.0.1", port, "none", "", ())
        with pytest.raises(DeliveryFailed, match=f"127.0.0.1:{port} gave no answer in 0.5 s"):
            deliver(message, route, timeout=0.5)
