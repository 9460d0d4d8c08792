"""The dates a timeline line starts with (issue 19): worded as pendulum's "ddd D MMM YYYY
HH:mm" words them, for any instant in any zone, without parsing a format for every line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pendulum import DateTime, Timezone

from postinterview_tui.domain.records import NewApplication, NewInterview
from postinterview_tui.storage.repository import Repository
from postinterview_tui.tui.screens.timeline import detail_timeline_rows, when_words

ZONES = [pendulum.timezone(name) for name in ("UTC", "Europe/London", "America/St_Johns")]

INSTANTS = st.datetimes(
    min_value=pendulum.datetime(1971, 1, 1).naive(), max_value=pendulum.datetime(2199, 1, 1).naive()
).map(lambda naive: pendulum.instance(naive, tz="UTC"))


@settings(max_examples=300, deadline=None)
@given(at=INSTANTS, zone=st.sampled_from(ZONES))
def test_a_date_reads_as_pendulum_wrote_it(at: DateTime, zone: Timezone) -> None:
    local = at.in_timezone(zone)
    assert when_words(at, zone) == local.format("ddd D MMM YYYY HH:mm")
    assert when_words(at, zone, year=False) == local.format("ddd D MMM HH:mm")


def test_the_details_timeline_formats_no_date_with_a_pattern(
    db_path: Path, now: DateTime, zone: Timezone, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    try:
        held = now.subtract(days=20)
        acme = repository.add_application(NewApplication("Acme", "Role", NewInterview(held)), held)
        for day in range(10, 0, -1):
            repository.record_reply(acme, when=now.subtract(days=day), decision_by=None, now=now)
        repository.snooze(acme, now.add(days=2), now)
        detail, rules = repository.detail(acme), repository.settings()
    finally:
        repository.close()
    patterns: list[str] = []
    original = DateTime.format

    def counted(self: DateTime, fmt: str, *args: Any, **kwargs: Any) -> str:
        patterns.append(fmt)
        return original(self, fmt, *args, **kwargs)

    monkeypatch.setattr(DateTime, "format", counted)
    rows = detail_timeline_rows(detail, rules, now, zone)
    assert len(rows) > 12  # the events, the today marker, the snooze, what comes next
    assert patterns == []
