"""Each layer loads only what it may: the domain no UI and no database; storage and the CLI no UI.

Two checks: a fresh interpreter imports every module of a layer and looks at what got loaded,
and the source is read with ``ast`` so that an import inside a function (run only by some
command) or under ``if TYPE_CHECKING:`` is caught as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Collection, Sequence
from pathlib import Path

import pytest

from tests.unit._import_graph import imports_in, module_names

ROOT = Path(__file__).resolve().parents[2]

DOMAIN_FORBIDDEN = ("textual", "rich", "sqlite3", "_sqlite3", "sqlite_utils")
UI_FORBIDDEN = ("textual", "rich")
PACKAGE = "postinterview_tui"

# What each layer's source may not import anywhere, functions and type-only imports included.
# The domain is pure rules: no UI, no database, and none of the layers built on it.
LAYER_FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        *DOMAIN_FORBIDDEN,
        f"{PACKAGE}.storage",
        f"{PACKAGE}.cli",
        f"{PACKAGE}.tui",
        f"{PACKAGE}.mail",
        f"{PACKAGE}.inbox",
    ),
    "storage": (*UI_FORBIDDEN, f"{PACKAGE}.tui", f"{PACKAGE}.cli"),
    "cli": (*UI_FORBIDDEN, f"{PACKAGE}.tui"),
}

# The CLI's only ways into tui/, each run by one command and never when a module loads:
CLI_DOORS_TO_THE_TUI = {
    # no command given: the CLI starts the app
    f"{PACKAGE}.tui.launch",
    # the start-up garbage-collector pause the app also uses (gc only, no Textual)
    f"{PACKAGE}.tui.collection",
    # ``config ui.theme``/``ui.keymap``: the names allowed are Textual's themes and the
    # command table's ids, and only the tui knows them
    f"{PACKAGE}.tui.setting_choices",
}

_PROBE = """
import importlib, json, pkgutil, sys
loaded = []
for name in json.loads(sys.argv[1]):
    module = importlib.import_module(name)
    loaded.append(name)
    if hasattr(module, "__path__"):  # a package: import every module in it too
        for info in pkgutil.walk_packages(module.__path__, prefix=name + "."):
            importlib.import_module(info.name)
            loaded.append(info.name)
print(json.dumps({"imported": loaded, "modules": sorted(sys.modules)}))
"""


def modules_after_import(targets: Sequence[str]) -> tuple[list[str], set[str]]:
    """Import ``targets`` (and every submodule of a package) in a fresh interpreter.

    Returns the module names imported on purpose and everything in ``sys.modules`` afterwards.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(targets))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    return report["imported"], set(report["modules"])


def forbidden_modules(loaded: set[str], forbidden: Sequence[str]) -> list[str]:
    """The loaded modules that are, or live inside, one of the ``forbidden`` packages."""
    return sorted(
        name
        for name in loaded
        if any(name == package or name.startswith(package + ".") for package in forbidden)
    )


def assert_imports_avoid(targets: Sequence[str], forbidden: Sequence[str]) -> list[str]:
    """Fail if importing ``targets`` loads anything from ``forbidden``; return what was imported."""
    imported, loaded = modules_after_import(targets)
    offenders = forbidden_modules(loaded, forbidden)
    assert not offenders, f"importing {', '.join(targets)} loaded {', '.join(offenders)}"
    return imported


def test_domain_imports_no_ui_or_database() -> None:
    imported = assert_imports_avoid(["postinterview_tui.domain"], DOMAIN_FORBIDDEN)
    expected = {
        f"postinterview_tui.domain.{name}"
        for name in (
            "stages",
            "models",
            "settings",
            "calendar",
            "rules",
            "moves",
            "when",
            "text",
            "validation",
        )
    }
    assert expected <= set(imported), "the probe did not import every domain module"


@pytest.mark.parametrize(
    ("target", "forbidden", "offender"),
    [
        ("sqlite3", DOMAIN_FORBIDDEN, "sqlite3"),
        ("xml.dom.minidom", ("xml",), "xml.dom.minidom"),
        ("email.mime.text", ("email",), "email.mime.text"),
    ],
)
def test_the_check_does_catch_a_forbidden_import(
    target: str, forbidden: Sequence[str], offender: str
) -> None:
    _, loaded = modules_after_import([target])
    assert offender in forbidden_modules(loaded, forbidden)
    with pytest.raises(AssertionError, match="loaded"):
        assert_imports_avoid([target], forbidden)


def test_the_probe_itself_loads_nothing_forbidden() -> None:
    _, loaded = modules_after_import(["os"])
    assert forbidden_modules(loaded, (*DOMAIN_FORBIDDEN, "xml")) == []


def test_forbidden_matching_is_by_package_not_by_prefix() -> None:
    loaded = {"rich", "rich.console", "richer", "textualize", "sqlite3.dbapi2", "sqlite_utils.db"}
    assert forbidden_modules(loaded, DOMAIN_FORBIDDEN) == [
        "rich",
        "rich.console",
        "sqlite3.dbapi2",
        "sqlite_utils.db",
    ]


@pytest.mark.parametrize("layer", ["storage", "cli", "mail", "inbox"])
def test_the_layers_under_the_tui_load_no_ui(layer: str) -> None:
    imported = assert_imports_avoid([f"{PACKAGE}.{layer}"], UI_FORBIDDEN)
    assert len(imported) > 3, "the probe did not import the layer's modules"


def source_offenders(
    modules: dict[str, Path], forbidden: Sequence[str], allowed: Collection[str] = ()
) -> list[str]:
    """``module line N: name`` for each import written in ``modules`` of a ``forbidden`` name."""
    return sorted(
        f"{module} line {line}: {name}"
        for module, path in modules.items()
        for name, line in imports_in(module, path)
        if forbidden_modules({name}, forbidden)
        and not any(name == door or name.startswith(door + ".") for door in allowed)
    )


@pytest.mark.parametrize("layer", sorted(LAYER_FORBIDDEN))
def test_no_forbidden_import_is_written_anywhere_in_a_layer(layer: str) -> None:
    root = ROOT / PACKAGE / layer
    modules = module_names(root, f"{PACKAGE}.{layer}")
    allowed = CLI_DOORS_TO_THE_TUI if layer == "cli" else set[str]()
    assert source_offenders(modules, LAYER_FORBIDDEN[layer], allowed) == []


def test_every_door_from_the_cli_to_the_tui_exists_and_is_used() -> None:
    modules = module_names(ROOT / PACKAGE / "cli", f"{PACKAGE}.cli")
    used = {name for module, path in modules.items() for name, _ in imports_in(module, path)}
    assert used >= CLI_DOORS_TO_THE_TUI


def test_the_source_check_finds_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "layer").mkdir()
    (tmp_path / "layer" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "layer" / "late.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from rich.text import Text\n"
        "def show():\n"
        "    from textual.app import App\n"
        "    from layer import other\n",
        encoding="utf-8",
    )
    modules = module_names(tmp_path / "layer", "layer")
    assert source_offenders(modules, UI_FORBIDDEN) == [
        "layer.late line 3: rich.text",
        "layer.late line 3: rich.text.Text",
        "layer.late line 5: textual.app",
        "layer.late line 5: textual.app.App",
    ]
    assert source_offenders(modules, UI_FORBIDDEN, {"textual.app"}) == [
        "layer.late line 3: rich.text",
        "layer.late line 3: rich.text.Text",
    ]
