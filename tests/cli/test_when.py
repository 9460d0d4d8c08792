"""WHEN as typed on the command line, seen through what is stored (``show --json``).

Now is Wednesday 25 November 2026, 10:00 in London (UTC+0; UTC+1 in summer).
"""

from __future__ import annotations

import pytest

from ._support import InProcessCli, assert_one_error_line


@pytest.mark.parametrize(
    ("when", "held_at"),
    [
        ("2026-11-20", "2026-11-20T12:00:00+00:00"),  # a date means 12:00 local
        ("2026-07-20", "2026-07-20T12:00:00+01:00"),  # ... in summer time too
        ("2026-11-20 08:30", "2026-11-20T08:30:00+00:00"),
        ("2026-07-20 08:30", "2026-07-20T08:30:00+01:00"),  # local, not UTC
        ("2026-07-20T08:30", "2026-07-20T08:30:00+01:00"),
        ("2026-07-20T08:30:00Z", "2026-07-20T09:30:00+01:00"),
        ("2026-11-20T08:30:00+05:30", "2026-11-20T03:00:00+00:00"),
        ("2026-11-20T08:30:15.250-05:00", "2026-11-20T13:30:15+00:00"),
        ("now", "2026-11-25T10:00:00+00:00"),
        ("NOW", "2026-11-25T10:00:00+00:00"),
        ("today", "2026-11-25T10:00:00+00:00"),  # before noon: now, never in the future
        ("yesterday", "2026-11-24T12:00:00+00:00"),
        ("tomorrow", "2026-11-26T12:00:00+00:00"),
        ("-2h", "2026-11-25T08:00:00+00:00"),
        ("+3d", "2026-11-28T10:00:00+00:00"),
        ("-1w", "2026-11-18T10:00:00+00:00"),
        ("2w", "2026-12-09T10:00:00+00:00"),
        ("-40d", "2026-10-16T10:00:00+01:00"),  # same wall-clock time across the DST change
        ("2000-01-01", "2000-01-01T12:00:00+00:00"),
        ("2099-12-31 23:59", "2099-12-31T23:59:00+00:00"),
    ],
)
def test_accepted_forms(cli: InProcessCli, when: str, held_at: str) -> None:
    app = cli.add("Acme", "Role", "--interviewed", when)
    assert cli.json("show", str(app))["interviews"][0]["held_at"] == held_at


REFUSED = [
    ("2026-02-30", "not a real date"),
    ("2026-02-29", "not a real date"),  # 2026 is not a leap year
    ("2026-11-31", "not a real date"),
    ("2026-13-01", "not a real date"),
    ("2026-03-29 01:30", "does not exist"),  # UK clocks skip 01:00-02:00
    ("2026-03-29T01:00", "does not exist"),
    ("1999-12-31", "2000 and 2099"),
    ("2100-01-01", "2000 and 2099"),
    ("-9999w", "2000 and 2099"),
    ("+9999w", "2000 and 2099"),
    ("2026-11-20 24:00", "not a valid time"),
    ("2026-11-20 12:60", "not a valid time"),
    ("2026-11-20Z", "cannot carry an offset"),
    ("2026/11/20", "cannot read"),
    ("next tuesday", "cannot read"),
    ("3 days", "cannot read"),
    ("20261120", "cannot read"),
]


@pytest.mark.parametrize(("when", "message"), REFUSED)
def test_refused_forms_for_interviewed(cli: InProcessCli, when: str, message: str) -> None:
    result = cli("add", "--company", "Acme", "--role", "Role", "--interviewed", when)
    error = assert_one_error_line(result)
    assert message in error
    assert error.startswith("interviewed: ")
    assert not cli.db_path.exists()


@pytest.mark.parametrize(("when", "message"), [*REFUSED, ("", "empty date"), ("  ", "empty")])
def test_refused_forms_for_move_when(cli: InProcessCli, when: str, message: str) -> None:
    app = cli.add("Acme", "Role", "--interviewed", "yesterday")
    before = cli.state()
    assert message in assert_one_error_line(cli("move", str(app), "thanked", "--when", when))
    assert cli.state() == before


def test_dst_gap_in_another_zone(cli: InProcessCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    result = cli("add", "--company", "A", "--role", "R", "--interviewed", "2026-03-08 02:30")
    error = assert_one_error_line(result)
    assert "does not exist in America/New_York" in error
    # The same wall-clock time is fine in London, where the clocks change later.
    monkeypatch.setenv("TZ", "Europe/London")
    app = cli.add("A", "R", "--interviewed", "2026-03-08 02:30")
    assert cli.json("show", str(app))["interviews"][0]["held_at"] == "2026-03-08T02:30:00+00:00"


@pytest.mark.parametrize(
    ("decision_by", "stored"),
    [
        ("2026-12-04", "2026-12-04"),
        ("tomorrow", "2026-11-26"),
        ("+2w", "2026-12-09"),
        ("2026-12-04 18:00", "2026-12-04"),
        # An instant keeps only its local date: 23:30 in New York is 04:30 next day in London.
        ("2026-12-04T23:30:00-05:00", "2026-12-05"),
    ],
)
def test_decision_by_keeps_the_local_date(cli: InProcessCli, decision_by: str, stored: str) -> None:
    app = cli.add("Acme", "Role", "--decision-by", decision_by)
    assert cli.json("show", str(app))["interviews"][0]["decision_by"] == stored


@pytest.mark.parametrize("decision_by", ["2026-02-30", "soon", "2100-01-01"])
def test_bad_decision_by_is_refused(cli: InProcessCli, decision_by: str) -> None:
    add = cli("add", "--company", "A", "--role", "R", "--decision-by", decision_by)
    assert assert_one_error_line(add).startswith("decision-by: ")
    assert not cli.db_path.exists()
    app = cli.add()
    before = cli.state()
    assert_one_error_line(cli("reply", str(app), "--decision-by", decision_by))
    assert cli.state() == before
