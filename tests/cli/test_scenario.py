"""One application followed from the interview to closing, then undone, deleted and restored.

Every due instant is worked out by hand from the settings' defaults: thank-you 24 hours after the
interview; first follow-up 5 business days after the thank-you (same local clock time), or 2
business days after a decision date at 23:59:59 local; never sooner than 3 business days after
the last contact; second follow-up 5 business days after the first; after 2 follow-ups, move on
5 business days after the last one.
"""

from __future__ import annotations

from typing import Any

import pytest

from ._support import InProcessCli, assert_one_error_line

WED_25_NOV = "2026-11-25T10:00:00Z"  # London is on UTC+0 in winter
WED_9_DEC = "2026-12-09T10:00:00Z"
THU_10_DEC = "2026-12-10T10:00:00Z"


def only_item(items: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(items) == 1, items
    return items[0]


def test_full_scenario(cli: InProcessCli) -> None:
    # Tuesday's interview: the thank-you is due 24 hours later, within the next day.
    app = cli.add(
        "Acme",
        "Data engineer",
        "--interviewed",
        "yesterday",
        "--interviewer",
        "Ana Ruiz <ana@acme.example>",
        now=WED_25_NOV,
    )
    assert app == 1
    assert cli.json("today", now=WED_25_NOV) == {
        "generated_at": "2026-11-25T10:00:00+00:00",
        "window_days": 7,
        "items": [
            {
                "application_id": app,
                "company": "Acme",
                "role": "Data engineer",
                "stage": "interviewed",
                "action": "thank-you",
                "due": "2026-11-25T12:00:00+00:00",
                "status": "due",
                "detail": "0 of 1 interviewer thanked",
            }
        ],
    }

    # Thank-you sent at 08:15: the first follow-up is 5 business days later at 08:15 (Wed 2 Dec).
    cli.ok("move", str(app), "thanked", "--when", "2026-11-25 08:15", now=WED_25_NOV)
    item = only_item(cli.agenda(now=WED_25_NOV))
    assert (item["stage"], item["action"], item["due"], item["status"], item["detail"]) == (
        "thanked",
        "follow-up",
        "2026-12-02T08:15:00+00:00",
        "upcoming",
        "first follow-up",
    )
    detail = cli.json("show", str(app), now=WED_25_NOV)
    assert detail["interviews"][0]["interviewers"][0]["thanked_at"] == "2026-11-25T08:15:00+00:00"

    # Following up right after the thank-you is refused, and changes nothing.
    before = cli.state()
    refused = cli("move", str(app), "followed-up", now=WED_25_NOV)
    message = assert_one_error_line(refused)
    assert "too soon" in message
    assert "Mon 30 Nov 2026 08:15" in message  # thank-you + 3 business days
    assert "--force" in message
    assert cli.state() == before

    # A reply with a decision date: follow up 2 business days after Fri 4 Dec, end of day.
    cli.ok("reply", str(app), "--decision-by", "2026-12-04", now=WED_25_NOV)
    (row,) = cli.listing(now=WED_25_NOV)
    assert (row["next_action"], row["next_due"]) == ("follow-up", "2026-12-08T23:59:59+00:00")
    assert cli.agenda(now=WED_25_NOV) == []  # beyond the 7-day window
    item = only_item(cli.agenda("--days", "14", now=WED_25_NOV))
    assert (item["due"], item["status"]) == ("2026-12-08T23:59:59+00:00", "upcoming")

    # Wednesday 9 December: the follow-up is overdue, so --check fails (printing nothing).
    item = only_item(cli.agenda(now=WED_9_DEC))
    assert (item["action"], item["status"]) == ("follow-up", "overdue")
    check = cli("today", "--check", now=WED_9_DEC)
    assert (check.code, check.out, check.err) == (1, "", "")

    # First follow-up: the second is due 5 business days later (Wed 16 Dec, 10:00).
    cli.ok("move", str(app), "followed-up", now=WED_9_DEC)
    item = only_item(cli.agenda(now=WED_9_DEC))
    assert (item["stage"], item["action"], item["due"], item["detail"]) == (
        "followed-up",
        "follow-up",
        "2026-12-16T10:00:00+00:00",
        "follow-up 2 of 2",
    )
    assert cli("today", "--check", now=WED_9_DEC).code == 0

    # The next day a second follow-up is too soon (polite from Mon 14 Dec) unless forced.
    before = cli.state()
    message = assert_one_error_line(cli("move", str(app), "followed-up", now=THU_10_DEC))
    assert "Mon 14 Dec 2026 10:00" in message
    assert cli.state() == before
    cli.ok("move", str(app), "followed-up", "--force", now=THU_10_DEC)

    # After two follow-ups: suggest moving on 5 business days after the last (Thu 17 Dec).
    item = only_item(cli.agenda(now=THU_10_DEC))
    assert (item["action"], item["due"], item["status"], item["detail"]) == (
        "move-on",
        "2026-12-17T10:00:00+00:00",
        "upcoming",
        "no reply since Thu 10 Dec",
    )
    message = assert_one_error_line(cli("move", str(app), "followed-up", now=THU_10_DEC))
    assert "2 follow-ups have already gone out" in message

    # Closing needs a known reason.
    before = cli.state()
    assert "reason" in assert_one_error_line(cli("move", str(app), "closed", now=THU_10_DEC))
    bad_reason = cli("move", str(app), "closed", "--reason", "bored", now=THU_10_DEC)
    assert "bored" in assert_one_error_line(bad_reason)
    assert cli.state() == before
    cli.ok("move", str(app), "closed", "--reason", "not-selected", now=THU_10_DEC)
    (row,) = cli.listing(now=THU_10_DEC)
    assert (row["stage"], row["next_action"], row["next_due"]) == ("closed", None, None)
    assert cli.json("show", str(app), now=THU_10_DEC)["close_reason"] == "not-selected"
    assert cli.agenda(now=THU_10_DEC) == []

    # Undo reopens it exactly as it was.
    assert cli.ok("undo", now=THU_10_DEC).out == "Undid: move of Acme to Closed\n"
    (row,) = cli.listing(now=THU_10_DEC)
    assert row["stage"] == "followed-up"
    item = only_item(cli.agenda(now=THU_10_DEC))
    assert (item["action"], item["due"]) == ("move-on", "2026-12-17T10:00:00+00:00")

    # Delete hides it everywhere; undo brings it back.
    cli.ok("delete", str(app), now=THU_10_DEC)
    assert cli.listing(now=THU_10_DEC) == []
    assert cli.agenda(now=THU_10_DEC) == []
    assert_one_error_line(cli("show", str(app), now=THU_10_DEC))
    assert cli.ok("undo", now=THU_10_DEC).out == "Undid: deleting Acme\n"
    (row,) = cli.listing(now=THU_10_DEC)
    assert (row["id"], row["stage"], row["next_action"]) == (app, "followed-up", "move-on")


def test_scenario_text_output_follows_the_groups(cli: InProcessCli) -> None:
    overdue = cli.add("Overdue Co", "Analyst", "--interviewed", "-3d")  # thank-you due Mon 10:00
    due = cli.add("Due Co", "Engineer", "--interviewed", "yesterday")  # due today 12:00
    upcoming = cli.add("Upcoming Co", "Designer", "--interviewed", "yesterday")
    cli.ok("move", str(upcoming), "thanked")  # follow-up Wed 2 Dec 10:00

    lines = cli.ok("today").out.splitlines()
    assert lines == [
        "Overdue (1)",
        lines[1],
        "",
        "Due soon (1)",
        lines[4],
        "",
        "Upcoming (1)",
        lines[7],
    ]
    assert lines[1].split()[:4] == [f"#{overdue}", "Overdue", "Co", "—"]
    assert "thank-you" in lines[1] and "2 days late" in lines[1]
    assert lines[4].split()[:4] == [f"#{due}", "Due", "Co", "—"]
    assert "thank-you" in lines[4] and "today 12:00" in lines[4]
    assert lines[7].split()[:4] == [f"#{upcoming}", "Upcoming", "Co", "—"]
    assert "follow up" in lines[7] and "in 7 days" in lines[7]


@pytest.mark.parametrize(
    ("zone_name", "now", "expected_due", "expected_created"),
    [
        # US clocks go back on Sun 1 Nov 2026: 10:00 EDT on Fri 30 Oct stays 10:00, now EST.
        (
            "America/New_York",
            "2026-10-30T14:00:00Z",
            "2026-11-06T10:00:00-05:00",
            "2026-10-30T10:00:00-04:00",
        ),
        # UK clocks go back on Sun 25 Oct 2026: 10:00 BST on Fri 23 Oct stays 10:00, now GMT.
        (
            "Europe/London",
            "2026-10-23T09:00:00Z",
            "2026-10-30T10:00:00+00:00",
            "2026-10-23T10:00:00+01:00",
        ),
    ],
)
def test_follow_up_keeps_the_local_clock_time_across_a_dst_change(
    cli: InProcessCli,
    monkeypatch: pytest.MonkeyPatch,
    zone_name: str,
    now: str,
    expected_due: str,
    expected_created: str,
) -> None:
    monkeypatch.setenv("TZ", zone_name)
    app = cli.add("Acme", "Engineer", "--interviewed", "yesterday", now=now)
    cli.ok("move", str(app), "thanked", now=now)
    (row,) = cli.listing(now=now)
    assert row["created_at"] == expected_created
    assert (row["next_action"], row["next_due"]) == ("follow-up", expected_due)


def test_decision_date_due_is_end_of_the_local_day(
    cli: InProcessCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tokyo is UTC+9: a due computed at 23:59:59 UTC (or from a UTC date) would show here.
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    now = "2026-11-25T01:00:00Z"  # Wed 25 Nov, 10:00 in Tokyo
    app = cli.add("Acme", "Engineer", "--interviewed", "yesterday", now=now)
    cli.ok("move", str(app), "thanked", now=now)
    cli.ok("reply", str(app), "--decision-by", "2026-12-04", now=now)  # a Friday
    (row,) = cli.listing(now=now)
    assert row["next_due"] == "2026-12-08T23:59:59+09:00"  # Mon 7, Tue 8
    assert cli.json("show", str(app), now=now)["events"][-1]["data"] == {
        "decision_by": "2026-12-04"
    }


def test_decision_date_given_with_add_drives_the_first_follow_up(cli: InProcessCli) -> None:
    app = cli.add("Acme", "Engineer", "--interviewed", "yesterday", "--decision-by", "2026-11-27")
    cli.ok("move", str(app), "thanked")
    # Fri 27 Nov + 2 business days = Tue 1 Dec, end of day; later than the polite floor (Mon 30).
    item = only_item(cli.agenda())
    assert (item["action"], item["due"]) == ("follow-up", "2026-12-01T23:59:59+00:00")


def test_offer_deadline_and_condition_check_in(cli: InProcessCli, zone: Any, now: Any) -> None:
    """Offers are recorded through the store (there is no CLI command for them yet)."""
    import pendulum

    from postinterview_tui.domain.stages import ConditionKind
    from postinterview_tui.storage.repository import Repository

    app = cli.add("Acme", "Engineer", "--interviewed", "-2d")
    repository = Repository.open(cli.db_path, zone=zone, create=False)
    assert repository is not None
    repository.record_offer(
        app,
        deadline=pendulum.datetime(2026, 11, 30, 17, 0, tz=zone),
        conditions=[(ConditionKind.REFERENCES, "two references")],
        notes="",
        now=now,
    )
    repository.close()

    items = cli.agenda()
    assert [(i["action"], i["due"], i["status"], i["detail"]) for i in items] == [
        ("offer-deadline", "2026-11-30T17:00:00+00:00", "upcoming", "0 of 1 conditions cleared"),
        ("offer-condition", "2026-12-02T10:00:00+00:00", "upcoming", "check in: two references"),
    ]
    assert {i["stage"] for i in items} == {"offer"}

    before = cli.state()
    message = assert_one_error_line(cli("move", str(app), "accepted"))
    assert "1 offer condition is still pending" in message and "--force" in message
    assert cli.state() == before
    cli.ok("move", str(app), "accepted", "--force")
    # Accepted, the pending condition keeps its check-in; the deadline is answered.
    items = cli.agenda()
    assert [(i["action"], i["stage"], i["detail"]) for i in items] == [
        ("offer-condition", "accepted", "check in: two references")
    ]
    assert cli.listing()[0]["stage"] == "accepted"
