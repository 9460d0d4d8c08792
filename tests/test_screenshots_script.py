"""The screenshots script runs and shows the demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import screenshots


@pytest.mark.slow
def test_screenshots_script_writes_every_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(screenshots.shutil, "which", lambda _name: None)  # SVG only
    assert screenshots.main([str(tmp_path)]) == 0
    names = sorted(path.stem for path in tmp_path.glob("*.svg"))
    assert names == sorted(name for name, _, _ in screenshots._scenes())
    board = (tmp_path / "board.svg").read_text().replace("&#160;", " ")
    assert "Tidewater" in board and "overdue" in board
    assert "Grace Okafor" in (tmp_path / "drafting.svg").read_text().replace("&#160;", " ")
    assert "Overdue" in (tmp_path / "review.svg").read_text()
    assert "conditions cleared" in (tmp_path / "offer.svg").read_text().replace("&#160;", " ")
