"""Fixtures for the kg package: real on-disk stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import EmbeddedStore


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(store_path) as opened:
        yield opened
