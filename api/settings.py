"""Settings of the HTTP layer, read from AIKG_* environment variables in one place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from kg.settings import (
    DEFAULT_MAX_ARTICLE_BYTES,
    DEFAULT_STORE,
    INDEX_ENV,
    MAX_ARTICLE_BYTES_ENV,
    PREFIX,
    STORE_ENV,
    STORE_GRAPH_STORE_ENV,
    STORE_QUERY_ENV,
    STORE_TOKEN_ENV,
    STORE_UPDATE_ENV,
    Settings,
    env_number,
    env_text,
    is_web_url,
    settings_repr,
)


@dataclass(frozen=True)
class ApiSettings:
    """What `kg serve` and the tests configure; every field has an AIKG_<NAME> variable."""

    store: str = DEFAULT_STORE
    #: Bearer token for SPARQL Update and POST /articles; None refuses every write.
    update_token: str | None = None
    #: Seconds a SPARQL query may run before the client gets a 503.
    query_timeout: float = 30.0
    #: Largest serialized SPARQL result, in bytes.
    max_result_bytes: int = 50 * 1024 * 1024
    #: Threads that evaluate SPARQL queries (a timed-out query finishes in its thread).
    query_workers: int = 4
    #: Origins allowed by CORS ("*" for any); empty means no CORS headers.
    cors_origins: tuple[str, ...] = ()
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    #: Largest request body (an article's JSON, a query, an update), in bytes; 413 past it.
    max_body_bytes: int = 16 * 1024 * 1024
    #: Endpoints of a remote store not laid out like Oxigraph server's (AIKG_STORE_QUERY,
    #: AIKG_STORE_UPDATE, AIKG_STORE_GSP); None means `store` + /query, /update, /store.
    store_query_url: str | None = None
    store_update_url: str | None = None
    store_graph_store_url: str | None = None
    #: The remote store's bearer token (AIKG_STORE_TOKEN; kg.store.remote.Credentials).
    store_token: str | None = None
    #: The query index's file (AIKG_INDEX; kg.index.open_index).
    index: str | None = None

    def __repr__(self) -> str:  # no token, no password (kg.settings.settings_repr)
        return settings_repr(self)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, store: str | None = None
                 ) -> ApiSettings:
        env = os.environ if environ is None else environ
        # The store's own settings are read by kg.settings; the HTTP ones here, by the same
        # readers (kg.settings.env_text / env_number), so errors name the variable alike.
        kg = Settings.from_env(env, store=store)
        return cls(
            store=kg.store,
            update_token=env_text(env, "UPDATE_TOKEN"),
            query_timeout=env_number(env, float, "QUERY_TIMEOUT", cls.query_timeout),
            max_result_bytes=env_number(env, int, "MAX_RESULT_BYTES", cls.max_result_bytes),
            query_workers=env_number(env, int, "QUERY_WORKERS", cls.query_workers),
            cors_origins=tuple(o.strip() for o in (env_text(env, "CORS_ORIGINS") or "").split(",")
                               if o.strip()),
            max_article_bytes=kg.max_article_bytes,
            max_body_bytes=env_number(env, int, "MAX_BODY_BYTES", cls.max_body_bytes),
            store_query_url=kg.store_query_url,
            store_update_url=kg.store_update_url,
            store_graph_store_url=kg.store_graph_store_url,
            store_token=kg.store_token,
            index=kg.index,
        )

    def to_env(self) -> dict[str, str]:
        """The AIKG_* variables from which `from_env` gives these settings back."""
        optional = {"UPDATE_TOKEN": self.update_token, STORE_QUERY_ENV: self.store_query_url,
                    STORE_UPDATE_ENV: self.store_update_url,
                    STORE_GRAPH_STORE_ENV: self.store_graph_store_url,
                    STORE_TOKEN_ENV: self.store_token, INDEX_ENV: self.index}
        env = {
            STORE_ENV: self.store, "QUERY_TIMEOUT": repr(self.query_timeout),
            "MAX_RESULT_BYTES": str(self.max_result_bytes),
            "QUERY_WORKERS": str(self.query_workers), "CORS_ORIGINS": ",".join(self.cors_origins),
            MAX_ARTICLE_BYTES_ENV: str(self.max_article_bytes),
            "MAX_BODY_BYTES": str(self.max_body_bytes),
        } | {name: value or "" for name, value in optional.items()}
        return {name if name.startswith(PREFIX) else PREFIX + name: value
                for name, value in env.items()}

    @property
    def is_remote(self) -> bool:
        """Whether the store is a SPARQL server (which any number of processes may share)."""
        return is_web_url(self.store)

    def kg_settings(self) -> Settings:
        return Settings(store=self.store, max_article_bytes=self.max_article_bytes,
                        store_query_url=self.store_query_url,
                        store_update_url=self.store_update_url,
                        store_graph_store_url=self.store_graph_store_url,
                        store_token=self.store_token, index=self.index)


@lru_cache(maxsize=1)
def get_settings() -> ApiSettings:
    """The process-wide settings from the environment, read once."""
    return ApiSettings.from_env()


def share_with_workers(settings: ApiSettings) -> None:
    """Put `settings` in this process's environment, where the worker processes that uvicorn
    starts read them back through get_settings()."""
    os.environ.update(settings.to_env())
    get_settings.cache_clear()
