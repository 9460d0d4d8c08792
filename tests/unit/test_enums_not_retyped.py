"""A list of an enum's values is derived from the enum, never typed out again.

A copy goes stale without a sound: a new interview kind added to the domain would be refused
by the CLI's ``--kind`` while the app offered it.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import postinterview_tui
import postinterview_tui.domain
from postinterview_tui.domain.stages import InterviewKind, Stage

PACKAGE = Path(postinterview_tui.__file__).parent


def domain_enums() -> dict[str, frozenset[str]]:
    """Every string enum of the domain, by name, with its set of values."""
    found: dict[str, frozenset[str]] = {}
    for info in pkgutil.iter_modules(postinterview_tui.domain.__path__):
        module = importlib.import_module(f"postinterview_tui.domain.{info.name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, enum.StrEnum)
                and len(value) > 1
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = frozenset(item.value for item in value)
    return found


def retyped_enums(source: str, enums: dict[str, frozenset[str]]) -> list[str]:
    """``line N: Enum`` for each tuple, list or set of string literals equal to an enum's values."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Tuple | ast.List | ast.Set):
            continue
        if not node.elts or not all(
            isinstance(item, ast.Constant) and isinstance(item.value, str) for item in node.elts
        ):
            continue
        values = frozenset(item.value for item in node.elts if isinstance(item, ast.Constant))
        found += [f"line {node.lineno}: {name}" for name, of in enums.items() if values == of]
    return found


def test_no_module_types_out_an_enums_values() -> None:
    enums = domain_enums()
    assert "postinterview_tui.domain.stages.InterviewKind" in enums
    offenders = [
        f"{path.relative_to(PACKAGE)} {where}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for where in retyped_enums(path.read_text(encoding="utf-8"), enums)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "source",
    [
        'KINDS = ("phone", "video", "technical", "onsite", "panel", "final", "other")',
        'def f():\n    return ["other", "final", "panel", "onsite", "technical", "video", "phone"]',
    ],
)
def test_the_check_finds_a_copy_in_any_order(source: str) -> None:
    assert retyped_enums(source, domain_enums()) == [
        f"line {source.count(chr(10)) + 1}: postinterview_tui.domain.stages.InterviewKind"
    ]


def test_the_cli_offers_every_kind_and_every_stage() -> None:
    from postinterview_tui.cli.runtime import KIND_CHOICES, STAGE_HELP

    assert tuple(kind.value for kind in InterviewKind) == KIND_CHOICES
    assert all(stage.value in STAGE_HELP for stage in Stage)
