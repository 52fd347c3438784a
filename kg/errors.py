"""The project's exceptions: one tree, so callers can catch KGError at the edges.

KGError
├── InputError          an article or argument we cannot use (empty, binary, bad UTF-8, bad JSONL)
├── StoreError          the store cannot be opened or written
│   ├── StoreLockedError    another process holds the on-disk store
│   └── IndexFileError      the query index file cannot be opened or written
├── QueryError          a SPARQL query or update that does not parse or run
└── ValidationError     the store does not conform to the SHACL shapes
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(KGError, ValueError):
    """Input that cannot become an article; the message names the file and the reason."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process has the embedded store open."""


class IndexFileError(StoreError):
    """The query index's SQLite file (kg.index) cannot be opened or written."""


class QueryError(KGError, ValueError):
    """A SPARQL query or update was rejected by the engine."""


class ValidationError(KGError):
    """The graph violates the SHACL shapes."""
