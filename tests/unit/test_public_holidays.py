"""Public holidays (``rules.holidays``): read by the one setting rule, skipped by every working-day
due. The expected holidays come from the ``holidays`` package itself, asked directly."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.calendar import add_business_days_to_date, is_working_day
from postinterview_tui.domain.models import Progress
from postinterview_tui.domain.rules import ActionKind, pending_actions
from postinterview_tui.domain.settings import Settings, parse_setting, read_settings
from postinterview_tui.domain.stages import Stage

from ._support import PROPERTY, tz

CODES = ("US", "US-CA", "DE-BY", "GB-SCT", "JP", "FR", "IN")
ZONES = {"US": "America/New_York", "DE": "Europe/Berlin", "GB": "Europe/London"}


def _holidays_of(code: str, year: int) -> set[date]:
    country, _, subdivision = code.partition("-")
    return set(holidays.country_holidays(country, subdiv=subdivision or None, years=year))


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("", ""),
        ("  ", ""),
        ("us", "US"),
        (" DE-by ", "DE-BY"),
        ("gb-sct", "GB-SCT"),
        ("de-augsburg", "DE-Augsburg"),  # the package's one subdivision named by a word
    ],
)
def test_the_code_is_read_case_insensitively_and_kept_canonical(text: str, stored: str) -> None:
    assert parse_setting("rules.holidays", text) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ZZ", "rules.holidays: 'ZZ' is not a country code it knows (like US, DE-BY or GB-SCT)"),
        ("US-XX", "rules.holidays: 'XX' is not a subdivision of US (known: AK, AL,"),
        ("DE-", "rules.holidays: 'DE-' is not a country code"),
        ("-BY", "rules.holidays: '-BY' is not a country code"),
    ],
)
def test_unknown_codes_are_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_setting("rules.holidays", text)
    assert str(refused.value).startswith(message)
    assert "\n" not in str(refused.value)


def test_a_hand_edited_unknown_code_falls_back_to_none_with_a_reason() -> None:
    settings, problems = read_settings({"rules.holidays": "XY-1"})
    assert settings.holidays == ""
    assert problems == (
        "rules.holidays: 'XY-1' is not a country code it knows (like US, DE-BY or GB-SCT); "
        "using the default",
    )


def test_thanksgiving_is_not_a_working_day_for_a_us_user() -> None:
    thanksgiving = date(2026, 11, 26)
    assert is_working_day(thanksgiving, Settings())
    assert not is_working_day(thanksgiving, Settings(holidays="US"))
    assert is_working_day(thanksgiving, Settings(holidays="DE-BY"))
    wednesday = date(2026, 11, 25)
    assert add_business_days_to_date(wednesday, 1, Settings()) == thanksgiving
    assert add_business_days_to_date(wednesday, 1, Settings(holidays="US")) == date(2026, 11, 27)


def test_a_subdivision_adds_its_own_holidays() -> None:
    epiphany = date(2026, 1, 6)  # a holiday in Bavaria, not in Berlin
    assert not is_working_day(epiphany, Settings(holidays="DE-BY"))
    assert is_working_day(epiphany, Settings(holidays="DE-BE"))
    st_andrews_monday = date(2026, 11, 30)  # Scotland only
    assert not is_working_day(st_andrews_monday, Settings(holidays="GB-SCT"))
    assert is_working_day(st_andrews_monday, Settings(holidays="GB-ENG"))


@PROPERTY
@given(
    code=st.sampled_from(CODES),
    thanked=st.datetimes(
        min_value=pendulum.datetime(2024, 1, 1).naive(),
        max_value=pendulum.datetime(2030, 12, 31).naive(),
    ),
    follow_up_days=st.integers(min_value=1, max_value=15),
)
def test_property_a_working_day_due_never_lands_on_a_holiday_or_a_weekend(
    code: str, thanked: pendulum.DateTime, follow_up_days: int
) -> None:
    zone = tz(ZONES.get(code.partition("-")[0], "UTC"))
    thanked_at = pendulum.instance(thanked, tz=zone)
    settings = Settings(holidays=code, follow_up_days=follow_up_days, too_soon_days=0)
    progress = Progress(Stage.THANKED, thanked_at.subtract(hours=2), thanked_at=thanked_at)
    follow_ups = [
        item
        for item in pending_actions(progress, settings, zone)
        if item.action is ActionKind.FOLLOW_UP
    ]
    assert follow_ups
    due = follow_ups[0].due.in_timezone(zone).date()
    assert due.weekday() < 5
    assert due not in _holidays_of(code, due.year)
    # Exactly follow_up_days working days: none skipped that should have counted.
    start = thanked_at.date()
    between = [start + timedelta(days=n) for n in range(1, (due - start).days + 1)]
    working = [
        day for day in between if day.weekday() < 5 and day not in _holidays_of(code, day.year)
    ]
    assert len(working) == follow_up_days
    assert working[-1] == due
