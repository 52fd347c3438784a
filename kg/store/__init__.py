"""The RDF store: one named graph per article, embedded Oxigraph or a remote SPARQL server.

`open_store(settings)` is the one place a backend is chosen: a directory or ':memory:' gives
the embedded Oxigraph store (kg.store.embedded), an http(s) URL a SPARQL 1.1 server
(kg.store.remote). Both have the same methods and the same write guarantees.
"""

from __future__ import annotations

import os

from rdflib import URIRef

from kg.settings import Settings
from kg.store.common import ArticleInfo, ExportFormat, NativeResult, StoreBase
from kg.store.embedded import EmbeddedStore
from kg.store.remote import Endpoints, RemoteStore

#: Either backend; annotate with this where both are accepted.
Store = EmbeddedStore | RemoteStore

__all__ = [
    "ArticleInfo",
    "EmbeddedStore",
    "Endpoints",
    "ExportFormat",
    "NativeResult",
    "RemoteStore",
    "Store",
    "StoreBase",
    "URIRef",
    "open_store",
]


def open_store(settings: Settings | None = None) -> EmbeddedStore | RemoteStore:
    """The store named by settings.store: a directory path, ':memory:', or an http(s) URL."""
    settings = settings or Settings.from_env()
    location = settings.store
    if location.startswith(("http://", "https://")):
        endpoints = Endpoints.from_base(
            location, query=settings.store_query_url, update=settings.store_update_url,
            store=settings.store_graph_store_url)
        return RemoteStore(endpoints)
    if location == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(os.path.expanduser(location))

