"""Screens reach the store one way: reads through ``StoreReads.run``, writes through
``StoreWrites.run``. A screen that catches ``StoreError`` itself has grown its own way (its own
report, its own worker): this test names each such place."""

from __future__ import annotations

import ast
from pathlib import Path

import postinterview_tui.tui as tui

HELPERS = {"screens/reads.py", "screens/writes.py", "startup.py"}
"""The one read helper and the one write helper catch store errors for every screen; startup.py
is the app's own housekeeping (saving the theme), which only logs a failure, by design."""


def catches_store_error(handler: ast.ExceptHandler) -> bool:
    """True when ``handler`` names StoreError (alone, in a tuple, or as ``errors.StoreError``)."""
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught else []
    for name in names:
        if isinstance(name, ast.Name) and name.id == "StoreError":
            return True
        if isinstance(name, ast.Attribute) and name.attr == "StoreError":
            return True
    return False


def own_store_error_handlers(root: Path) -> list[str]:
    """``file:line`` of every ``except StoreError`` under ``root`` outside the helpers."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in HELPERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and catches_store_error(node):
                found.append(f"{relative}:{node.lineno}")
    return found


def test_no_screen_or_widget_catches_store_errors_itself() -> None:
    # On main before the read helper: 14 (opening.py, drafting.py x3, board_moves, form,
    # review, inbox, settings, offer, insights, timeline, templates, detail).
    assert own_store_error_handlers(Path(tui.__file__).parent) == []


def test_the_check_sees_a_handler(tmp_path: Path) -> None:
    (tmp_path / "screens").mkdir()
    (tmp_path / "screens" / "mine.py").write_text(
        "try:\n    pass\nexcept (ValueError, errors.StoreError):\n    pass\n", encoding="utf-8"
    )
    (tmp_path / "screens" / "reads.py").write_text(
        "try:\n    pass\nexcept StoreError:\n    pass\n", encoding="utf-8"
    )
    assert own_store_error_handlers(tmp_path) == ["screens/mine.py:3"]
