"""The pure domain must not pull in the UI or the database when it is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DOMAIN_FORBIDDEN = ("textual", "rich", "sqlite3", "_sqlite3", "sqlite_utils")

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
