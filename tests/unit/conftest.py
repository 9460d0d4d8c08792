"""Shared set-up for the domain unit tests.

The project is not installed into the venv, so make the repository root importable when no
other conftest or ``pythonpath`` setting has done it already.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

if importlib.util.find_spec("postinterview_tui") is None:  # pragma: no cover - environment
    sys.path.insert(0, str(ROOT))
