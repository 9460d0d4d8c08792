"""Shared fixtures: every test runs with its own data, log and config directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime, Timezone

# A Wednesday morning, away from DST changes, in a zone with DST.
FIXED_NOW_TEXT = "2026-11-25T10:00:00+00:00"
ZONE_NAME = "Europe/London"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every per-user directory at a temp dir, so no test touches real data."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("POSTINTERVIEW_DB", raising=False)
    monkeypatch.delenv("POSTINTERVIEW_NOW", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TZ", ZONE_NAME)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield home


@pytest.fixture
def zone() -> Timezone:
    """The tests' time zone."""
    return pendulum.timezone(ZONE_NAME)  # type: ignore[return-value]


@pytest.fixture
def now(zone: Timezone) -> DateTime:
    """A fixed "now" (Wednesday 25 November 2026, 10:00 in London)."""
    moment = pendulum.parse(FIXED_NOW_TEXT)
    assert isinstance(moment, DateTime)
    return moment.in_timezone(zone)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a fresh temp dir (the file does not exist yet)."""
    return tmp_path / "data" / "postinterview.db"


@pytest.fixture
def instants_taken(monkeypatch: pytest.MonkeyPatch) -> list[DateTime]:
    """Every pendulum ``DateTime`` whose ``timestamp()`` is asked for from now on, in order
    (for tests that count how often an instant is taken apart)."""
    taken: list[DateTime] = []
    original = DateTime.timestamp

    def counting(self: DateTime) -> float:
        taken.append(self)
        return original(self)

    monkeypatch.setattr(DateTime, "timestamp", counting)
    return taken
