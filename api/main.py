"""The FastAPI application: `create_app(settings)` opens the store once for the app's lifetime."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.cache import ResponseCache
from api.errors import ERROR_RESPONSES, install_error_handlers
from api.limits import BodySizeLimit
from api.protocol import HttpConformance
from api.routes import (
    articles,
    docs,
    entities,
    events,
    explorer,
    facts,
    graph_store,
    graphs,
    health,
    sparql,
    topics,
)
from api.settings import ApiSettings, get_settings
from kg.index import open_index
from kg.models import Article, Extraction
from kg.store import open_store

Extractor = Callable[[Iterable[Article]], Iterable[Extraction]]

DESCRIPTION = """\
A knowledge graph of US–China relations on AI, extracted from news articles.

Every fact and event carries its evidence: the sentence it came from and its article.
The SPARQL 1.1 endpoint is at `/sparql` (read-only; updates at `/sparql/update` need the
bearer token).
"""


def create_app(settings: ApiSettings | None = None, *, extract: Extractor | None = None
               ) -> FastAPI:
    """The app; `extract` replaces kg.extract.extract_articles for POST /articles (tests)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.kg_settings())
        try:  # a built index opens at once; otherwise it builds while SPARQL answers
            open_index(store, settings.index)
        except BaseException:
            store.close()
            raise
        pool = ThreadPoolExecutor(settings.query_workers, thread_name_prefix="aikg-sparql")
        app.state.store, app.state.query_pool = store, pool
        try:
            yield
        finally:
            # Queued queries are dropped; running ones are waited for (each stops at its
            # deadline once it writes, or when its first result is computed: pyoxigraph
            # cannot cancel before). A worker still holding the Oxigraph store would keep
            # the directory locked after close, and the next start in this process fails.
            pool.shutdown(wait=True, cancel_futures=True)
            if store.index is not None:
                store.index.close()
            store.close()

    # /docs is served from vendored assets (api/routes/docs.py): FastAPI's loads from a CDN.
    app = FastAPI(title="aikg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  responses=ERROR_RESPONSES, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.extract = extract
    app.state.write_lock = threading.Lock()
    # Innermost: cached answers still pass through CORS and the body limit.
    app.add_middleware(ResponseCache)
    # Added before CORS so that it runs inside it: a 413 still carries the CORS headers.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    # HEAD, URL length and URL encoding: inside CORS too, so its problems carry the headers.
    app.add_middleware(HttpConformance)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
            allow_headers=["Accept", "Authorization", "Content-Type"])
    install_error_handlers(app)
    for module in (health, sparql, graph_store, graphs, entities, events, facts, topics,
                   articles, explorer, docs):
        app.include_router(module.router)
    return app
