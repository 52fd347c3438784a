"""The RDF store: one named graph per article, embedded Oxigraph or a remote SPARQL server.

`open_store(settings)` is the one place a backend is chosen: a directory or ':memory:' gives
the embedded Oxigraph store (kg.store.embedded), an http(s) URL a SPARQL 1.1 server
(kg.store.remote). Both implement `Store` (kg.store.common), the one contract callers
annotate with, and give the same write guarantees.
"""

from __future__ import annotations

import os

from rdflib import URIRef

from kg.settings import Settings
from kg.store.common import ArticleInfo, ExportFormat, NativeResult, QueryIndex, Store
from kg.store.embedded import EmbeddedStore
from kg.store.remote import Endpoints, RemoteStore

__all__ = [
    "ArticleInfo",
    "EmbeddedStore",
    "Endpoints",
    "ExportFormat",
    "NativeResult",
    "QueryIndex",
    "RemoteStore",
    "Store",
    "URIRef",
    "open_store",
]


def open_store(settings: Settings | None = None) -> Store:
    """The store named by settings.store: a directory path, ':memory:', or an http(s) URL.

    Raises:
        StoreError: the directory cannot be opened, or the server does not answer as a
            union-default-graph SPARQL server.
        StoreLockedError: another process holds the on-disk store.
    """
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

