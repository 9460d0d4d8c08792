"""``ingest``'s closing count agrees with ``inbox unmatched``: automatic and unrelated mail is
counted as needing nothing, not as unmatched mail waiting for a link."""

from __future__ import annotations

from pathlib import Path

from ._mail import REJECTION, message
from ._support import InProcessCli

ANA = "Ana Ruiz <ana@acme.example>"


def test_mail_needing_nothing_is_not_counted_as_unmatched(
    cli: InProcessCli, tmp_path: Path
) -> None:
    cli.add("Acme Inc.", "Data engineer", "--interviewer", ANA, "--interviewed", "-2d")
    rejection = tmp_path / "r.eml"
    rejection.write_bytes(message(body=REJECTION).as_bytes())
    away = tmp_path / "a.eml"
    away.write_bytes(
        message(
            sender="Mailer <noreply@alerts.example>",
            subject="Out of office",
            body="I am away until Monday.",
            message_id="<away@alerts.example>",
            headers={"Auto-Submitted": "auto-replied"},
        ).as_bytes()
    )
    lines = cli.ok("ingest", str(rejection), str(away)).out.splitlines()
    assert lines[1].split() == ["2", "automatic", "-", "Out", "of", "office"]
    assert lines[-1] == (
        "2 read: 1 to review (postinterview inbox), 0 unmatched, 1 needing nothing, 0 already seen."
    )
    assert cli.json("inbox", "unmatched") == []
    again = cli.ok("ingest", str(rejection), str(away)).out.splitlines()
    assert again[-1] == (
        "2 read: 0 to review (postinterview inbox), 0 unmatched, 0 needing nothing, 2 already seen."
    )
