"""Fixtures for the storage tests: an open repository on a fresh file in a temp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pendulum import Timezone

from postinterview_tui.storage.repository import Repository


@pytest.fixture
def repo(db_path: Path, zone: Timezone) -> Iterator[Repository]:
    """A repository on a new file (created by this open), closed after the test."""
    repository = Repository.open(db_path, zone=zone, create=True)
    assert repository is not None
    yield repository
    repository.close()


@pytest.fixture
def statements(repo: Repository) -> Iterator[list[str]]:
    """Every SQL statement the repository's connection runs from now on."""
    seen: list[str] = []
    repo.db.set_trace_callback(seen.append)
    yield seen
    repo.db.set_trace_callback(None)
