"""House rules checked by machine: no Python file of the package is over 400 lines."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "postinterview_tui"
LIMIT = 400
"""A file longer than this is doing more than one thing: split it by responsibility."""


def long_files(root: Path, limit: int) -> list[tuple[str, int]]:
    """Every ``*.py`` under ``root`` with more than ``limit`` lines, as (path, lines), longest
    first; the path is relative to ``root``, with forward slashes."""
    found = []
    for path in root.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append((path.relative_to(root).as_posix(), lines))
    return sorted(found, key=lambda item: (-item[1], item[0]))


def test_no_file_in_the_package_is_over_400_lines() -> None:
    offenders = long_files(PACKAGE, LIMIT)
    assert not offenders, f"files over {LIMIT} lines (split them by responsibility):\n" + "\n".join(
        f"  postinterview_tui/{name}: {lines} lines" for name, lines in offenders
    )


def test_the_check_counts_lines_in_every_folder(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "long.py").write_text("x = 1\n" * 401, encoding="utf-8")
    (tmp_path / "edge.py").write_text("x = 1\n" * 400, encoding="utf-8")
    (tmp_path / "no_newline_at_end.py").write_text("x = 1\n" * 401 + "y = 2", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n" * 1000, encoding="utf-8")
    assert long_files(tmp_path, 400) == [("no_newline_at_end.py", 402), ("deep/er/long.py", 401)]
