"""Hostile mail headers in the app (issue 17, bad input): a sender and subject carrying
terminal escapes, bidi overrides and markup show as plain text in the review's Inbox group, the
explanation, the unmatched list and the link picker, and no markup runs."""

from __future__ import annotations

import html
import re
from pathlib import Path

from pendulum import DateTime, Timezone
from textual.widgets import Input

from postinterview_tui.tui.app import PostInterviewApp
from postinterview_tui.tui.screens.inbox import UnmatchedScreen
from postinterview_tui.tui.screens.inbox_dialogs import ExplainScreen, LinkPickerScreen
from tests.cli._mail import REJECTION, message
from tests.ui.helpers import make_app, settle
from tests.ui.test_inbox import SIZE, _open_review, _rows, _setup, cli_now

__all__ = ["cli_now"]  # the fixture, used by name

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SUBJECT = "[bold red]Offer[/] [@click=app.quit]go[/] \x1b]0;pwned\x07 =?utf-8?q?=E2=80=AEtxt.exe?="


def _hostile(sender: str, message_id: str) -> bytes:
    return message(
        sender=sender, subject=SUBJECT, body=REJECTION + "\x1b[2J", message_id=message_id
    ).as_bytes()


def _screen_text(app: PostInterviewApp) -> str:
    """What the screen shows, as text (the screenshot's SVG without its tags)."""
    svg = app.export_screenshot()
    body = svg[svg.index("<g", svg.index("</defs>")) :]  # the drawn text, not the style sheet
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def _assert_safe(shown: str, *, subject: bool = True) -> None:
    assert not UNSAFE.search(shown), repr(shown)
    if subject:
        assert "[bold red]Offer[/]" in shown  # the markup is shown as typed, not obeyed


async def test_hostile_headers_show_as_plain_text_in_every_inbox_screen(
    db_path: Path, tmp_path: Path, now: DateTime, zone: Timezone, cli_now: None
) -> None:
    known = "=?utf-8?q?Ana_=1B[31mRuiz=E2=80=AE?= <ana@acme.example>"
    stranger = "=?utf-8?q?[b]Jobs[/b]_=1B[2J=E2=81=A6?= <jobs@ats.example>"
    _setup(
        db_path,
        tmp_path,
        {"a.eml": _hostile(known, "<h1@acme>"), "s.eml": _hostile(stranger, "<h2@ats>")},
    )
    app = make_app(db_path, now, zone, demo=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_review(app, pilot)
        rows = _rows(app)
        assert rows[0] == "Inbox (1)"
        _assert_safe(rows[1])
        assert "Ruiz" in rows[1]
        _assert_safe(_screen_text(app))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        _assert_safe(_screen_text(app))
        await pilot.press("escape")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, UnmatchedScreen)
        _assert_safe(_screen_text(app))
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkPickerScreen)
        _assert_safe(_screen_text(app))
        assert app.screen.query_one("#link-filter", Input).has_focus
        await pilot.press(*"acme", "enter")
        await settle(pilot)
        _assert_safe(_screen_text(app), subject=False)  # the list is empty now
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.return_code is None  # [@click=app.quit] never ran
        inbox = [row for row in _rows(app) if row.startswith("✉")]
        assert len(inbox) == 2  # the one linked now waits too
        for row in inbox:
            _assert_safe(row)
