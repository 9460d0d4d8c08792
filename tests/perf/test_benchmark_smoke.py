"""A fast version of the issue #7 benchmark (tests/benchmarks), part of the normal run.

Small data (300 applications, about 85 % closed) and generous bounds: these catch a gross
regression (something ten times slower, or a cost that grows with the number of
applications), not a missed target. The real figures come from ``python -m tests.benchmarks.run``.

The bounds are ratios against a bare Textual app measured in the same test, so a slow or busy
machine moves both sides. They are set from the ratios measured when this test was written
(app first frame at 300 ≈ 15x the bare app's in-process, a move ≈ 30x a bare key → repaint;
j/k ≈ 1.5x), with room for noise, and well under what a 10x regression would give.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tests.benchmarks.common import NOW_TEXT
from tests.benchmarks.datagen import make_database
from tests.benchmarks.latency import (
    app_first_frame,
    app_latencies,
    bare_first_frame,
    bare_key_latencies,
)

pytestmark = pytest.mark.slow

SMALL, LARGE = 30, 300
FIRST_FRAME_BOUND = 50.0
"""App (build_app + first board frame, 300 applications) / bare app first frame."""
MOVE_BOUND = 100.0
"""Median stage move (key → card drawn in its new column) / median bare key → repaint."""
FOCUS_BOUND = 10.0
"""Median j/k (key → cursor drawn on the next card) / median bare key → repaint."""
SCALING_BOUND = 3.0
"""Median move at 300 applications / at 30 (the same work should cost the same)."""
BARE_FLOOR = 0.002
"""Bare key latencies below 2 ms count as 2 ms, so a lucky baseline cannot fail the test."""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("bench")
    paths = {}
    for count in (SMALL, LARGE):
        paths[count] = folder / f"{count}.db"
        make_database(paths[count], count)
    return paths


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTINTERVIEW_NOW", NOW_TEXT)


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


async def test_board_first_frame_is_within_bound_of_a_bare_app(
    databases: dict[int, Path],
) -> None:
    await bare_first_frame()  # warm-up
    await app_first_frame(databases[LARGE])
    bare = statistics.median([await bare_first_frame() for _ in range(3)])
    ours = statistics.median([await app_first_frame(databases[LARGE]) for _ in range(3)])
    ratio = ours / bare
    assert ratio < FIRST_FRAME_BOUND, (
        f"first board frame at {LARGE} applications took {ours * 1000:.0f} ms, "
        f"{ratio:.1f}x the bare app's {bare * 1000:.0f} ms (bound {FIRST_FRAME_BOUND}x)"
    )


async def test_move_and_focus_latency_are_within_bounds(
    databases: dict[int, Path], tmp_path: Path
) -> None:
    bare = max(statistics.median(await bare_key_latencies(12, warmup=3)), BARE_FLOOR)
    large = await app_latencies(
        _copy(databases[LARGE], tmp_path), presses=6, warmup=2, only=("move", "focus_jk")
    )
    small = await app_latencies(
        _copy(databases[SMALL], tmp_path), presses=6, warmup=2, only=("move",)
    )
    assert "move_check" not in large.notes, large.notes["move_check"]
    move = statistics.median(large.samples["move"])
    focus = statistics.median(large.samples["focus_jk"])
    move_small = statistics.median(small.samples["move"])
    assert move / bare < MOVE_BOUND, (
        f"a move at {LARGE} took {move * 1000:.0f} ms, {move / bare:.0f}x a bare key "
        f"({bare * 1000:.1f} ms; bound {MOVE_BOUND}x)"
    )
    assert focus / bare < FOCUS_BOUND, (
        f"j/k at {LARGE} took {focus * 1000:.1f} ms, {focus / bare:.1f}x a bare key "
        f"({bare * 1000:.1f} ms; bound {FOCUS_BOUND}x)"
    )
    assert move / move_small < SCALING_BOUND, (
        f"a move costs {move * 1000:.0f} ms at {LARGE} applications but "
        f"{move_small * 1000:.0f} ms at {SMALL} (bound {SCALING_BOUND}x)"
    )
