"""Knowledge graph of US-China relations on AI: the public Python API.

    >>> import kg
    >>> with kg.open_store() as store:                      # doctest: +SKIP
    ...     kg.ingest_articles(store, kg.read_paths([Path("seeds")]))
    ...     kg.meetings(store, topic="AI")                   # each article's report
    ...     kg.consolidated_events(store, kg.EventFilter(types=("Meeting",), topic="AI"))

Heavy parts (spaCy) load only when first used. The whole error tree (kg.errors) is exported,
so callers catch `kg.KGError` or one of its subclasses; tests/kg/test_public_api.py pins it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Article": "kg.models",
    "EmbeddedStore": "kg.store",
    "Entity": "kg.models",
    "Event": "kg.models",
    "EventFilter": "kg.rows",
    "Evidence": "kg.models",
    "ExportFormat": "kg.store",
    "Extraction": "kg.models",
    "Fact": "kg.models",
    "IndexFileError": "kg.errors",
    "InputError": "kg.errors",
    "KGError": "kg.errors",
    "QueryError": "kg.errors",
    "RemoteStore": "kg.store",
    "Settings": "kg.settings",
    "Store": "kg.store",
    "StoreError": "kg.errors",
    "StoreLockedError": "kg.errors",
    "ValidationError": "kg.errors",
    "consolidated_events": "kg.queries",
    "events": "kg.queries",
    "extract_article": "kg.extract",
    "extract_articles": "kg.extract",
    "extraction_to_graph": "kg.rdf",
    "facts": "kg.queries",
    "ingest_articles": "kg.ingest",
    "meetings": "kg.queries",
    "open_index": "kg.index",
    "open_store": "kg.store",
    "read_path": "kg.read",
    "read_paths": "kg.read",
    "search_entities": "kg.queries",
    "timeline": "kg.queries",
    "validate_store": "kg.validate",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
