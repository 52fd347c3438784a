"""The RDF store: one named graph per article, embedded Oxigraph or a remote SPARQL server.

`open_store(settings)` is the one place a backend is chosen: a directory or ':memory:' gives
the embedded Oxigraph store (kg.store.embedded), an http(s) URL a SPARQL 1.1 server
(kg.store.remote). Both implement `Store` (kg.store.common), the one contract callers
annotate with, and give the same write guarantees.
"""

from __future__ import annotations

import os

from rdflib import URIRef

from kg.errors import StoreError
from kg.settings import Settings, is_web_url
from kg.store.common import ArticleInfo, ExportFormat, NativeResult, QueryIndex, Store
from kg.store.embedded import EmbeddedStore
from kg.store.remote import Credentials, Endpoints, RemoteStore, split_credentials

__all__ = [
    "ArticleInfo",
    "Credentials",
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
    if is_web_url(location):
        return _remote_store(settings)
    if location == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(os.path.expanduser(location))


def _remote_store(settings: Settings) -> RemoteStore:
    """The remote store of `settings`, its credentials taken out of the URLs (kg.store.remote).

    Raises:
        StoreError: the URLs carry different users, or a user and AIKG_STORE_TOKEN are both
            given (which one to send would be a guess).
    """
    named = (settings.store, settings.store_query_url, settings.store_update_url,
             settings.store_graph_store_url)
    split = [split_credentials(url) if url else (None, Credentials()) for url in named]
    given = {credentials for _, credentials in split if credentials != Credentials()}
    if settings.store_token is not None:
        if given:
            raise StoreError("give the remote store either a user and password in its URL or "
                             "a bearer token in AIKG_STORE_TOKEN, not both")
        given = {Credentials(token=settings.store_token)}
    if len(given) > 1:
        raise StoreError("the store URLs name different users; give one user and password")
    base, query, update, store = (url for url, _ in split)
    assert base is not None  # settings.store is the http(s) URL
    endpoints = Endpoints.from_base(base, query=query, update=update, store=store)
    return RemoteStore(endpoints, credentials=next(iter(given), None))
