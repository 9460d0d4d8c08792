"""No import circles inside the package, counting type-only and function-level imports."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.unit._import_graph import (
    circles,
    describe,
    import_edges,
    module_names,
)

PACKAGE = Path(__file__).resolve().parents[2] / "postinterview_tui"


def _package_modules() -> dict[str, Path]:
    return module_names(PACKAGE, "postinterview_tui")


def test_the_package_has_no_import_circle() -> None:
    found = circles(_package_modules())
    assert not found, "import circles:\n" + "\n".join(describe(circle) for circle in found)


def _write_package(root: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return module_names(root / "pkg", "pkg")


@pytest.mark.parametrize(
    ("files", "circle"),
    [
        pytest.param(
            {
                "__init__.py": "",
                "models.py": """
                    from typing import TYPE_CHECKING
                    if TYPE_CHECKING:
                        from pkg.records import Detail
                """,
                "records.py": "from pkg.models import Summary\n",
            },
            "pkg.models (line 4) -> pkg.records (line 1) -> pkg.models",
            id="type-only",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "app.py": "from .screens.board import Board\n",
                "screens/__init__.py": "",
                "screens/board.py": """
                    def report():
                        from ..app import App
                """,
            },
            "pkg.app (line 1) -> pkg.screens.board (line 3) -> pkg.app",
            id="function-level-and-relative",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "import pkg.b\n",
                "b.py": "from pkg import c\n",
                "c.py": """
                    import importlib
                    def late():
                        return importlib.import_module("pkg.a")
                """,
            },
            "pkg.a (line 1) -> pkg.b (line 1) -> pkg.c (line 4) -> pkg.a",
            id="three-modules-and-import_module",
        ),
    ],
)
def test_the_check_finds_circles_however_they_are_written(
    tmp_path: Path, files: dict[str, str], circle: str
) -> None:
    found = circles(_write_package(tmp_path, files))
    assert [describe(one) for one in found] == [circle]


def test_imports_one_way_are_no_circle(tmp_path: Path) -> None:
    modules = _write_package(
        tmp_path,
        {
            "__init__.py": "",
            "models.py": "import json\nfrom pkg import text\n",
            "records.py": "from pkg.models import Summary\nfrom . import text\n",
            "text.py": "import typing\n",
        },
    )
    assert {(edge.source, edge.target) for edge in import_edges(modules)} == {
        ("pkg.models", "pkg"),
        ("pkg.models", "pkg.text"),
        ("pkg.records", "pkg"),
        ("pkg.records", "pkg.models"),
        ("pkg.records", "pkg.text"),
    }
    assert circles(modules) == []
