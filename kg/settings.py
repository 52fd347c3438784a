"""Where things live, and the one reader of AIKG_* environment variables (library, CLI, API).

`env_text` and `env_number` are shared with api.settings, so a bad value gives the same
one-line error from `kg ingest` and from `kg serve` (`AIKG_MAX_BYTES='x' is not a int`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TypeVar

from kg.errors import InputError

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
#: A bearer token sent with every request to a remote store (a `kg serve`'s AIKG_UPDATE_TOKEN,
#: a server behind an authenticating proxy); a user and password go in the URL instead.
STORE_TOKEN_ENV = "AIKG_STORE_TOKEN"
#: The query index's SQLite file (kg.index); "off" for none. Unset: beside an on-disk store
#: (`<store>.index.sqlite`), in memory for ':memory:', none for a remote store.
INDEX_ENV = "AIKG_INDEX"
#: Larger articles are refused rather than risk a runaway parse (override: AIKG_MAX_BYTES).
MAX_ARTICLE_BYTES_ENV = "AIKG_MAX_BYTES"
DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024
PREFIX = "AIKG_"
_N = TypeVar("_N", int, float)
#: An http(s) URL's scheme and authority (`user:password@host:port`), case as given.
_WEB_URL = re.compile(r"(?i)(https?)://([^/?#]*)")
#: Settings fields shown as "***" by repr (secrets), and the URLs shown without a password.
SECRET_FIELDS = frozenset({"store_token", "update_token"})
URL_FIELDS = frozenset({"store", "store_query_url", "store_update_url", "store_graph_store_url"})


def is_web_url(location: str) -> bool:
    """Whether a store location is an http(s) URL (a remote store), the scheme in any case."""
    return _WEB_URL.match(location) is not None


def redact_url(url: str) -> str:
    """`url` with the user information of its authority shown as `***@` (for messages and
    reprs: a password never appears); anything else unchanged."""
    match = _WEB_URL.match(url)
    if match is None or "@" not in match[2]:
        return url
    return f"{match[1]}://***@{match[2].rpartition('@')[2]}{url[match.end():]}"


def settings_repr(settings: object) -> str:
    """A dataclass's repr with secrets as '***' and URLs without their user information."""
    shown = []
    for field in fields(settings):  # type: ignore[arg-type]
        value = getattr(settings, field.name)
        if field.name in SECRET_FIELDS and value is not None:
            value = "***"
        elif field.name in URL_FIELDS and isinstance(value, str):
            value = redact_url(value)
        shown.append(f"{field.name}={value!r}")
    return f"{type(settings).__name__}({', '.join(shown)})"


def _web_scheme_lowered(location: str | None) -> str | None:
    """`HTTP://host` as `http://host`, so that every check of the scheme sees a remote store
    (not a directory named `HTTP:`, whose path, password included, messages would show)."""
    match = _WEB_URL.match(location or "")
    if match is None or location is None:
        return location
    return match[1].lower() + location[len(match[1]):]


def env_text(environ: Mapping[str, str], name: str) -> str | None:
    """The stripped value of AIKG_<name> (`name` with or without the prefix); None if unset
    or blank."""
    value = environ.get(name if name.startswith(PREFIX) else PREFIX + name)
    return value.strip() if value and value.strip() else None


def env_number(environ: Mapping[str, str], kind: type[_N], name: str, default: _N) -> _N:
    """AIKG_<name> as a positive int or float; `default` when unset or blank.

    Raises:
        InputError: naming the variable, when the value is not a number of that kind or not
            positive.
    """
    raw = env_text(environ, name)
    if raw is None:
        return default
    variable = name if name.startswith(PREFIX) else PREFIX + name
    try:
        value = kind(raw)
    except ValueError:
        raise InputError(f"{variable}={raw!r} is not a {kind.__name__}") from None
    if value <= 0:
        raise InputError(f"{variable}={raw!r} must be positive")
    return value


@dataclass(frozen=True)
class Settings:
    """Library settings; `from_env()` is the only reader of os.environ."""

    store: str = DEFAULT_STORE
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
    store_query_url: str | None = None
    store_update_url: str | None = None
    store_graph_store_url: str | None = None
    store_token: str | None = None
    index: str | None = None

    def __repr__(self) -> str:  # no token, no password
        return settings_repr(self)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, store: str | None = None
                 ) -> Settings:
        """The settings from `environ` (os.environ by default); `store` overrides AIKG_STORE.

        Raises:
            InputError: AIKG_MAX_BYTES is not a positive integer.
        """
        env = os.environ if environ is None else environ
        return cls(
            store=_web_scheme_lowered(store or env_text(env, STORE_ENV)) or DEFAULT_STORE,
            max_article_bytes=env_number(env, int, MAX_ARTICLE_BYTES_ENV,
                                         DEFAULT_MAX_ARTICLE_BYTES),
            store_query_url=_web_scheme_lowered(env_text(env, STORE_QUERY_ENV)),
            store_update_url=_web_scheme_lowered(env_text(env, STORE_UPDATE_ENV)),
            store_graph_store_url=_web_scheme_lowered(env_text(env, STORE_GRAPH_STORE_ENV)),
            store_token=env_text(env, STORE_TOKEN_ENV),
            index=env_text(env, INDEX_ENV),
        )
