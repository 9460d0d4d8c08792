"""The command line's output shortcuts give exactly what the plain helpers give."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime

from postinterview_tui.cli.output import clean_line, rfc3339
from postinterview_tui.domain.text import safe_line

from ._support import InProcessCli

PROPERTY = settings(max_examples=300, deadline=None, database=None)
ZONES = ("Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC")

# Text as people paste it: mostly letters, with controls, direction marks, odd spaces and
# line breaks mixed in.
awkward_characters = st.sampled_from(
    list("\x00\x07\x1b\t\n\r\x0b\x7f\x85\x9b\u00a0\u2028\u2029\u200e\u200f\u061c\u202e\u2066 ")
    + ["\ud800"]
)
texts = st.lists(st.characters() | awkward_characters, max_size=40).map("".join)


@settings(parent=PROPERTY, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_property_clean_line_is_safe_line(text: str) -> None:
    assert clean_line(text) == safe_line(text)


@pytest.mark.parametrize(
    "text",
    ["Acme — Data engineer", "  padded  ", "tab\there", "esc\x1b[31m", "rtl\u202eevil", ""],
)
def test_clean_line_examples(text: str) -> None:
    assert clean_line(text) == safe_line(text)


instants = st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2099, 11, 30)).map(
    lambda naive: pendulum.instance(naive, tz="UTC")
)


@PROPERTY
@given(moment=instants, zone=st.sampled_from(ZONES), source_zone=st.sampled_from(ZONES))
def test_property_rfc3339_is_pendulums_iso_text(
    moment: DateTime, zone: str, source_zone: str
) -> None:
    source = moment.in_timezone(source_zone)
    expected = source.in_timezone(zone).replace(microsecond=0).isoformat()
    assert rfc3339(source, pendulum.timezone(zone)) == expected


def test_rfc3339_of_nothing_is_none() -> None:
    assert rfc3339(None, pendulum.timezone("UTC")) is None


def test_today_and_list_print_one_line_per_item(cli: InProcessCli) -> None:
    for company in ("Acme", "Bolt", "Core"):
        cli.add(company, "Dev", "--interviewed", "-3d")
    today = cli.ok("today").out
    assert today.endswith("\n") and not today.endswith("\n\n")
    assert today.splitlines()[0] == "Overdue (3)"
    assert len(today.splitlines()) == 4
    listing = cli.ok("list").out
    assert len(listing.splitlines()) == 3
    assert listing.endswith("\n") and not listing.endswith("\n\n")


def test_list_of_nothing_prints_nothing(cli: InProcessCli) -> None:
    assert cli.ok("list").out == ""
    cli.add("Acme", "Dev")
    assert cli.ok("list", "--stage", "offer").out == ""


def test_a_subcommand_runs_no_full_collection_of_what_loading_made(tmp_path: object) -> None:
    """``postinterview today`` (any subcommand) starts its work without a full garbage
    collection of the start-up heap: a process that ends in a moment gains nothing from it,
    and it was 13-20 ms of every ``today`` (issue 19). The app still collects once, after its
    first frame (tui.startup)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import gc, sys\n"
        "full = []\n"
        "gc.callbacks.append(lambda phase, info: full.append(1)"
        " if phase == 'start' and info['generation'] == 2 else None)\n"
        "from postinterview_tui.entry import main\n"
        "sys.argv = ['postinterview', '--db', sys.argv[1], 'today']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('full collections:', len(full))\n"
    )
    db = Path(str(tmp_path)) / "empty.db"
    completed = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "POSTINTERVIEW_NOW": "2026-11-25T10:00:00+00:00"},
        check=False,
    )
    assert completed.stdout.splitlines()[-1] == "full collections: 0", completed.stderr
