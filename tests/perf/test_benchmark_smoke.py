"""A smoke run of the benchmark (tests/benchmarks): it checks that the benchmark *works*.

Timing ratios do not belong in the default test run: on a shared or busy machine they fail for
reasons that have nothing to do with the code. The figures, and their PASS/FAIL against the
targets, come from ``python -m tests.benchmarks.run``. What this test holds is that every
measurement the benchmark takes still runs against today's app and measures what it says: a
first frame is drawn, a move really moves the card, and every sample is a finite, positive time.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.benchmarks.common import NOW_TEXT
from tests.benchmarks.datagen import make_database
from tests.benchmarks.latency import (
    app_first_frame,
    app_latencies,
    bare_first_frame,
    bare_key_latencies,
    bare_latencies,
)

pytestmark = pytest.mark.slow

SMALL = 30


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / f"{SMALL}.db"
    make_database(path, SMALL)
    return path


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTINTERVIEW_NOW", NOW_TEXT)


def _is_time(seconds: float) -> bool:
    return math.isfinite(seconds) and 0 < seconds < 60


async def test_first_frame_measurements_run(database: Path) -> None:
    assert _is_time(await bare_first_frame())
    assert _is_time(await app_first_frame(database))


async def test_latency_measurements_run_and_the_move_lands(database: Path, tmp_path: Path) -> None:
    bare = await bare_key_latencies(4, warmup=1)
    assert len(bare) == 4 and all(_is_time(sample) for sample in bare)
    copy = tmp_path / database.name
    copy.write_bytes(database.read_bytes())
    result = await app_latencies(copy, presses=3, warmup=1, only=("move", "focus_jk"))
    # The benchmark notes "move_check" when the moved card was not drawn in its new column.
    assert "move_check" not in result.notes, result.notes["move_check"]
    for kind in ("move", "focus_jk"):
        assert len(result.samples[kind]) == 3, kind
        assert all(_is_time(sample) for sample in result.samples[kind]), kind


async def test_the_floors_run_with_a_durable_commit_among_them() -> None:
    floors = await bare_latencies(4, warmup=1)
    for name, count in (("bare_key", 4), ("bare_focus", 4), ("bare_push", 2), ("bare_commit", 4)):
        assert len(floors[name]) == count, name
        assert all(_is_time(sample) for sample in floors[name]), name
