"""The snooze dialog's example dates come from the clock, and each one is a snooze the dialog
accepts (issue 15 §4b: it used to suggest a fixed date it then refused as past)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postinterview_tui.domain.review import parse_snooze, snooze_examples

from ._support import ORDINARY_ZONES, at, tz


@given(
    zone_name=st.sampled_from(ORDINARY_ZONES),
    offset_minutes=st.integers(min_value=0, max_value=60 * 24 * 365 * 3),
)
def test_every_suggested_snooze_date_is_read_as_a_future_snooze(
    zone_name: str, offset_minutes: int
) -> None:
    zone = tz(zone_name)
    now = at(zone_name, 2026, 1, 1, 0).add(minutes=offset_minutes)
    examples = snooze_examples(now, zone)
    assert examples
    for text in examples:
        assert parse_snooze(text, now, zone) > now, text


def test_the_dated_example_is_a_week_after_today() -> None:
    now = at("Europe/London", 2026, 12, 5, 23, 30)
    assert snooze_examples(now, tz("Europe/London"))[0] == "2026-12-12"
