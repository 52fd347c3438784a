"""API fixtures: an app over an in-memory store seeded with hand-made extractions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_samples import make_settings, seed_store, store_of
from fastapi.testclient import TestClient

from api.main import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """A read-only client shared by a module: do not write through it."""
    with TestClient(create_app(make_settings())) as test_client:
        seed_store(store_of(test_client))
        yield test_client


@pytest.fixture
def fresh_client() -> Iterator[TestClient]:
    """A client of its own, for tests that write."""
    with TestClient(create_app(make_settings())) as test_client:
        seed_store(store_of(test_client))
        yield test_client
