"""``postinterview ics``, and the agenda it shares with ``today``: snoozes and done marks made by
the daily review are respected by ``today``, ``today --check`` and the calendar alike."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from icalendar import Calendar

from postinterview_tui.cli.ics import event_uid
from postinterview_tui.domain.review import done_step, snooze_step
from postinterview_tui.domain.rules import ActionKind
from postinterview_tui.domain.stages import Stage
from postinterview_tui.storage.repository import Repository

from ._support import (
    NOW_TEXT,
    InProcessCli,
    SubprocessCli,
    assert_no_control_characters,
    assert_one_error_line,
)

LONDON = pendulum.timezone("Europe/London")
NOW = pendulum.parse(NOW_TEXT).in_timezone(LONDON)  # type: ignore[union-attr]


@pytest.fixture
def store(cli: InProcessCli) -> Iterator[Any]:
    """Opens the CLI test's file as the app would (for what only the app does: snoozes)."""
    opened: list[Repository] = []

    def open_store() -> Repository:
        repository = Repository.open(cli.db_path, zone=LONDON, create=False)
        assert repository is not None
        opened.append(repository)
        return repository

    yield open_store
    for repository in opened:
        repository.close()


def _events(text: str) -> list[Any]:
    calendar = Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def _seed(cli: InProcessCli) -> dict[str, int]:
    """Overdue, due and upcoming items, an offer with two conditions, and one far ahead."""
    ids = {
        "late": cli.add("Acme", "Data engineer", "--interviewed", "-3d"),
        "soon": cli.add("Globex", "Analyst", "--interviewed", "-2h"),
        "later": cli.add("Initech", "Developer", "--interviewed", "-2d"),
        "far": cli.add("Umbrella", "SRE", "--interviewed", "-1d", "--decision-by", "+40d"),
    }
    cli.ok("move", str(ids["later"]), "thanked", "--when", "-1d")
    cli.ok("move", str(ids["far"]), "thanked")
    offer = cli.add("Hooli", "Engineer", "--interviewed", "-10d")
    ids["offer"] = offer
    result = cli(
        "offer",
        str(offer),
        "--deadline",
        "+5d",
        "--condition",
        "references",
        "--condition",
        "background",
    )
    if result.code != 0:  # the offer command belongs to another module; fall back to a move
        cli.ok("move", str(offer), "offer", "--force")
    return ids


# -- the calendar -----------------------------------------------------------------------------


def test_one_event_per_item_of_today_json_with_stable_uids(cli: InProcessCli) -> None:
    _seed(cli)
    items = cli.agenda("--days", "30")
    first = cli.ok("ics")
    events = _events(first.out)
    assert len(events) == len(items) >= 4
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    for event, item in zip(events, items, strict=True):
        assert event.decoded("DTSTART") == pendulum.parse(item["due"])
        assert item["company"] in str(event["SUMMARY"])
        assert str(event["UID"]).startswith(f"{item['application_id']}-{item['action']}-")
    # A second run, even a day later, gives the same UIDs for the same items.
    second = cli.ok("ics")
    assert [str(event["UID"]) for event in _events(second.out)] == uids
    later = _events(cli.ok("ics", now="2026-11-26T10:00:00Z").out)
    assert set(uids) <= {str(event["UID"]) for event in later}


def test_days_picks_the_window_like_today(cli: InProcessCli) -> None:
    _seed(cli)
    for days in ("0", "7", "60"):
        items = cli.agenda("--days", days)
        assert len(_events(cli.ok("ics", "--days", days).out)) == len(items)
    assert len(cli.agenda("--days", "60")) > len(cli.agenda("--days", "0"))


def test_uid_tells_conditions_apart() -> None:
    assert event_uid(7, "offer-condition", 1) != event_uid(7, "offer-condition", 2)
    assert event_uid(7, "follow-up", None) == "7-follow-up-0@postinterview.local"


def test_output_file_is_private_and_replaced(cli: InProcessCli, tmp_path: Path) -> None:
    _seed(cli)
    target = tmp_path / "agenda.ics"
    target.write_text("old")
    target.chmod(0o644)
    result = cli.ok("ics", "-o", str(target))
    assert result.out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(_events(target.read_text())) == len(cli.agenda("--days", "30"))
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []
    fresh = tmp_path / "new.ics"
    cli.ok("ics", "--output", str(fresh))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert fresh.read_bytes() == target.read_bytes()
    assert cli.ok("ics", "-o", "-").out.encode() == fresh.read_bytes()


def test_no_database_gives_an_empty_calendar(cli: InProcessCli) -> None:
    result = cli.ok("ics")
    calendar = Calendar.from_ical(result.out)
    assert _events(result.out) == []
    assert str(calendar["VERSION"]) == "2.0"
    assert not cli.db_path.exists()


def test_a_missing_folder_is_one_error_line(cli: InProcessCli, tmp_path: Path) -> None:
    message = assert_one_error_line(cli("ics", "-o", str(tmp_path / "nowhere" / "a.ics")))
    assert "does not exist" in message
    assert "is a directory" in assert_one_error_line(cli("ics", "-o", str(tmp_path))).lower()
    assert "--days" in assert_one_error_line(cli("ics", "--days", "-1"))


def test_user_text_reaches_the_file_as_plain_text(cli: InProcessCli) -> None:
    cli.add("Evil\x1b[31m; Co, Ltd\\", "Role\u202e", "--interviewed", "-3d")
    text = cli.ok("ics").out
    assert_no_control_characters(text.replace("\r\n", "\n"))
    (event,) = _events(text)
    assert str(event["SUMMARY"]).endswith("· Evil[31m; Co, Ltd\\")
    assert "\u202e" not in str(event["DESCRIPTION"])


def test_the_calendar_path_imports_no_textual(spawn: SubprocessCli, tmp_path: Path) -> None:
    db = str(tmp_path / "data" / "postinterview.db")
    script = f"""
import json, sys
from postinterview_tui.cli.group import run
codes = [run(['--db', {db!r}, 'add', '--company', 'A', '--role', 'R', '--interviewed', '-3d'])]
codes.append(run(['--db', {db!r}, 'today', '--check']))
before = 'icalendar' in sys.modules
codes.append(run(['--db', {db!r}, 'ics', '-o', {str(tmp_path / "a.ics")!r}]))
loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'textual')
print(json.dumps({{'codes': codes, 'textual': loaded, 'icalendar_before': before}}))
"""
    result = spawn.python(script)
    assert result.code == 0, result
    report = json.loads(result.out.splitlines()[-1])
    assert report == {"codes": [0, 1, 0], "textual": [], "icalendar_before": False}


# -- today, --check and the review's marks ----------------------------------------------------


def test_check_exit_codes(cli: InProcessCli) -> None:
    assert cli("today", "--check").code == 0  # no file yet
    app = cli.add("Acme", "R", "--interviewed", "-2h")
    assert cli("today", "--check").code == 0  # due, not overdue
    assert cli("today", "--check", now="2026-11-26T09:00:00Z").code == 1
    cli.ok("move", str(app), "thanked")
    assert cli("today", "--check", now="2026-11-26T09:00:00Z").code == 0


def test_a_snoozed_overdue_item_passes_the_check_until_the_snooze_ends(
    cli: InProcessCli, store: Any
) -> None:
    app = cli.add("Acme", "R", "--interviewed", "-3d")
    assert cli("today", "--check").code == 1
    until = NOW.add(days=3)
    step = snooze_step(until, LONDON)
    store().snooze(app, step.until, NOW)
    assert cli("today", "--check").code == 0
    (item,) = cli.agenda()
    assert (item["status"], pendulum.parse(item["due"])) == ("upcoming", until)
    assert cli.agenda("--days", "0") == []
    (event,) = _events(cli.ok("ics").out)
    assert event.decoded("DTSTART") == until
    assert cli("today", "--check", now="2026-11-28T09:59:59Z").code == 0
    assert cli("today", "--check", now="2026-11-28T10:00:00Z").code == 1
    assert cli.agenda(now="2026-11-28T11:00:00Z")[0]["status"] == "overdue"


def test_a_done_mark_from_the_review_clears_the_check(cli: InProcessCli, store: Any) -> None:
    app = cli.add("Acme", "R", "--interviewed", "-3d")
    assert cli("today", "--check").code == 1
    step = done_step(ActionKind(cli.agenda()[0]["action"]))
    assert step.stage is Stage.THANKED
    store().move(app, step.stage, when=NOW, now=NOW)
    assert cli("today", "--check").code == 0
    assert [item["action"] for item in cli.agenda("--days", "30")] == ["follow-up"]
