"""Where things live: the one place that reads the environment for the library and CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILES = ("aikg.ttl", "shapes.ttl", "topics.ttl")
ENTITIES_FILE = ONTOLOGY_DIR / "entities.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SEEDS_DIR = PROJECT_ROOT / "seeds"

STORE_ENV = "AIKG_STORE"
DEFAULT_STORE = "./data/store"
#: Endpoints of a remote store whose layout is not Oxigraph server's (/query, /update, /store),
#: e.g. Fuseki's http://host:3030/ds/query, /ds/update, /ds/data.
STORE_QUERY_ENV = "AIKG_STORE_QUERY"
STORE_UPDATE_ENV = "AIKG_STORE_UPDATE"
STORE_GRAPH_STORE_ENV = "AIKG_STORE_GSP"
#: Larger articles are refused rather than risk a runaway parse (override: AIKG_MAX_BYTES).
MAX_ARTICLE_BYTES_ENV = "AIKG_MAX_BYTES"
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Library settings; `from_env()` is the only reader of os.environ."""

    store: str = DEFAULT_STORE
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    store_query_url: str | None = None
    store_update_url: str | None = None
    store_graph_store_url: str | None = None

    @classmethod
    def from_env(cls, *, store: str | None = None) -> Settings:
        max_bytes = os.environ.get(MAX_ARTICLE_BYTES_ENV)
        return cls(
            store=store or os.environ.get(STORE_ENV) or DEFAULT_STORE,
            max_article_bytes=int(max_bytes) if max_bytes else DEFAULT_MAX_ARTICLE_BYTES,
            store_query_url=os.environ.get(STORE_QUERY_ENV) or None,
            store_update_url=os.environ.get(STORE_UPDATE_ENV) or None,
            store_graph_store_url=os.environ.get(STORE_GRAPH_STORE_ENV) or None,
        )
