"""The benchmark measures files the app already trusts, as a user's file is after its first
open: a file changed within the app's racy window is checked in full at every open
(``storage.verified``), and a run right after generating its databases measured that check
(~350 ms at 100,000 applications) as start-up and ``today``."""

from __future__ import annotations

from pathlib import Path

import pytest

from postinterview_tui.storage.verified import is_verified, remember_verified, stamp_of
from tests.benchmarks.run import settle


def test_a_just_written_file_is_trusted_once_the_benchmark_has_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "generated.db"
    path.write_bytes(b"just generated")
    settle([path])
    stamp = stamp_of(path)
    remember_verified(path, stamp)  # what an open does after its check passes
    assert is_verified(path, stamp)
