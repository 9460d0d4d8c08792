"""How the inbox looks: the review's Inbox group and the explanation, at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pendulum import DateTime, Timezone
from textual.pilot import Pilot

from postinterview_tui.cli.group import run
from tests.cli._mail import REJECTION, REPLY, message
from tests.ui.helpers import make_app, settle


@pytest.fixture
def inbox_db(db_path: Path, tmp_path: Path, now: DateTime, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two applications and two ingested messages, one with a subject full of markup."""
    monkeypatch.setenv("POSTINTERVIEW_NOW", now.isoformat())
    base = ["--db", str(db_path)]
    assert (
        run(
            [
                *base,
                "add",
                "--company",
                "Acme Inc.",
                "--role",
                "Data engineer",
                "--interviewer",
                "Ana Ruiz <ana@acme.example>",
                "--interviewed",
                "-2d",
            ]
        )
        == 0
    )
    assert (
        run(
            [
                *base,
                "add",
                "--company",
                "Globex",
                "--role",
                "Analyst",
                "--interviewer",
                "Priya Shah <priya@globex.example>",
                "--interviewed",
                "-3d",
            ]
        )
        == 0
    )
    first = tmp_path / "r.eml"
    first.write_bytes(message(body=REJECTION, subject="[b]Your[/b] application").as_bytes())
    second = tmp_path / "p.eml"
    second.write_bytes(
        message(
            sender="Priya Shah <priya@globex.example>", body=REPLY, message_id="<p@g>"
        ).as_bytes()
    )
    assert run([*base, "ingest", str(first), str(second)]) == 0
    return db_path


def test_review_with_an_inbox_narrow(
    snap_compare: Any, inbox_db: Path, now: DateTime, zone: Timezone
) -> None:
    """The Inbox group leads the review; its hint names the keys; markup stays text."""
    app = make_app(inbox_db, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_inbox_explanation(
    snap_compare: Any, inbox_db: Path, now: DateTime, zone: Timezone
) -> None:
    """``e`` explains the highlighted message: the rule, the phrase, the sentence."""
    app = make_app(inbox_db, now, zone, demo=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
