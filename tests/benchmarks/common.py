"""Shared constants and helpers for the benchmark (no Textual import here)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent

NOW_TEXT = "2026-11-28T10:00:00+00:00"
"""The fixed ``POSTINTERVIEW_NOW`` every generated history is relative to."""
ZONE_NAME = "Europe/London"
SEED = 7
TERMINAL_SIZE = (160, 50)
"""Headless terminal size for every app, bare or real (wide enough for six columns)."""


def python() -> str:
    """The interpreter that runs the children (the venv's, as the app's console script does)."""
    return sys.executable


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment for a child process: fixed clock and zone, private per-user dirs."""
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env["POSTINTERVIEW_NOW"] = NOW_TEXT
    env["TZ"] = ZONE_NAME
    env.pop("POSTINTERVIEW_DB", None)
    env.pop("TEXTUAL", None)  # no devtools
    env.pop("TEXTUAL_DEBUG", None)
    # An installed app has its byte code compiled (pip does it); a checkout run with this set
    # would compile every module of ours from source on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The children import this package (tests.benchmarks) and the app from the repo checkout.
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT), *filter(None, [os.environ.get("PYTHONPATH", "")])]
    )
    env.update(extra)
    return env


def work_dir() -> Path:
    """A scratch folder for one benchmark run (databases are written on the real disk)."""
    base = Path(os.environ.get("POSTINTERVIEW_BENCH_DIR", tempfile.gettempdir()))
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="postinterview-bench-", dir=base))


def median(values: Sequence[float]) -> float:
    """The median (NaN when empty)."""
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> tuple[float, float]:
    """(min, max), NaN when empty."""
    return (min(values), max(values)) if values else (float("nan"), float("nan"))


def percentile(values: Sequence[float], q: float) -> float:
    """A simple nearest-rank percentile (``q`` in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
