"""Fixtures for the pilot tests: the real app on a real temp database."""

from __future__ import annotations

from pathlib import Path

import pytest
from pendulum import DateTime, Timezone

from tests.ui.board_pilot import BoardPilots


@pytest.fixture
def board_pilot(db_path: Path, now: DateTime, zone: Timezone) -> BoardPilots:
    """Starts the real app on this test's database: ``async with board_pilot() as ui:``
    (demo data unless ``demo=False``, 140x40 unless ``size=``, settled, ``focus=`` a card)."""
    return BoardPilots(db_path, now, zone)
