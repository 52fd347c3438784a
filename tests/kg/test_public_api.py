"""The public surface: every name `kg` exports resolves, and the whole error tree is exported.

`kg` imports lazily (spaCy is heavy), so a typo in its export table would only show on first
use; httpx pins its surface the same way (tests/test_exported_members.py).
"""

from __future__ import annotations

import inspect

import kg
import kg.errors
import kg.queries


def test_every_exported_name_resolves() -> None:
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name
    assert kg.__all__ == sorted(kg.__all__)


def test_the_whole_error_tree_is_exported() -> None:
    tree = {name for name, value in vars(kg.errors).items()
            if inspect.isclass(value) and issubclass(value, kg.errors.KGError)}
    assert tree == {"KGError", "InputError", "StoreError", "StoreLockedError", "IndexFileError",
                    "QueryError", "ValidationError"}
    assert tree <= set(kg.__all__)
    assert all(getattr(kg, name) is getattr(kg.errors, name) for name in tree)


def test_the_store_contract_is_exported_with_both_backends() -> None:
    assert issubclass(kg.EmbeddedStore, kg.Store) and issubclass(kg.RemoteStore, kg.Store)


def test_names_callers_import_from_kg_queries_still_resolve() -> None:
    """kg.queries is the facade; the rows and SPARQL helpers it re-exports keep old imports
    (`from kg.queries import EventFilter, select, sparql_iri, QUERY_PREFIXES`) working."""
    for name in kg.queries.__all__:
        assert getattr(kg.queries, name) is not None, name
    for name in ("EventFilter", "EntityRow", "FactRow", "EventRow", "MeetingRow", "select",
                 "sparql_iri", "sparql_literal", "QUERY_PREFIXES", "meetings", "events",
                 "facts", "timeline", "mentioned_entity_counts", "gazetteer_entity_counts",
                 "article_extraction", "entity_key_of"):
        assert name in kg.queries.__all__, name
