"""A smoke run of the interaction profiles (``python -m tests.benchmarks.profiling``): each case
profiles what its name says, so none comes out empty when the code it wraps moves (the
``review-store`` case wrapped a function the review no longer called, and the run ended on
pstats' TypeError over an empty profile)."""

from __future__ import annotations

import asyncio
import pstats
from pathlib import Path

import pytest

from tests.benchmarks.common import NOW_TEXT
from tests.benchmarks.datagen import make_database
from tests.benchmarks.profiling import profile_interactions

pytestmark = pytest.mark.slow


def test_every_interaction_case_profiles_its_own_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTINTERVIEW_NOW", NOW_TEXT)
    db = tmp_path / "30.db"
    make_database(db, 30)
    out = tmp_path / "profiles"
    out.mkdir()
    asyncio.run(profile_interactions(db, out, 30, moves=2))
    names = {path.name for path in out.glob("*.prof")}
    assert names == {
        f"{case}-30.prof"
        for case in ("move-ui", "move-store", "detail-ui", "review-ui", "review-store")
    }
    store = pstats.Stats(str(out / "review-store-30.prof"))
    read = [func for func in store.stats if func[2] == "read_review"]  # type: ignore[attr-defined]
    assert read and store.stats[read[0]][1] >= 1  # type: ignore[attr-defined]
