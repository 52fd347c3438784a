"""Schemathesis against the app's own OpenAPI schema, in-process: no 5xx, no schema violation.

The app runs over an on-disk store seeded once (schemathesis ends the app's lifespan after each
operation's test, so the store is reopened as it was left), writes carry the token and go
through a stand-in extractor, and each operation gets a bounded number of examples.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hardening_support import (
    assert_conforms,
    auth,
    fake_extract,
    make_settings,
    seed,
)
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from api.main import create_app
from kg.store import EmbeddedStore

# Built at import: schemathesis reads the schema (and starts the app) when it collects tests.
STORE_DIR = Path(tempfile.mkdtemp(prefix="aikg-fuzz-")) / "store"
with EmbeddedStore(STORE_DIR) as _store:
    seed(_store)
APP = create_app(make_settings(store=str(STORE_DIR), query_timeout=5.0), extract=fake_extract)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schemathesis.serializer("application/sparql-query", "application/sparql-update",
                         "application/n-triples", "application/turtle", "application/x-turtle")
def sparql_text(ctx: Any, value: object) -> bytes:
    """SPARQL and Graph Store request bodies are text; the generated value is sent as is."""
    return (value if isinstance(value, str) else str(value)).encode("utf-8")


@pytest.fixture(scope="module", autouse=True)
def _remove_the_store() -> Iterator[None]:
    yield
    shutil.rmtree(STORE_DIR.parent, ignore_errors=True)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_own_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=auth(), checks=[
        not_a_server_error, response_schema_conformance, content_type_conformance])



@pytest.mark.slow
def test_the_store_still_conforms_after_the_run() -> None:
    with EmbeddedStore(STORE_DIR) as store:  # the app's lifespan has ended: the lock is free
        assert store.graph_counts()
        assert_conforms(store)
