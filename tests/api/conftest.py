"""API fixtures: an app over a store seeded with hand-made extractions, on every backend.

`backend` is "embedded" (in-memory Oxigraph in the process) or "remote" (an `oxigraph serve`
process per app). A module about one backend only overrides `backend` and says why.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_samples import BACKENDS, Backend, client_on
from fastapi.testclient import TestClient


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    backend: Backend = request.param
    return backend


@pytest.fixture(scope="module")
def client(backend: Backend) -> Iterator[TestClient]:
    """A read-only client shared by a module: do not write through it."""
    with client_on(backend) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(backend: Backend) -> Iterator[TestClient]:
    """A client over a store of its own, for tests that write."""
    with client_on(backend) as test_client:
        yield test_client
