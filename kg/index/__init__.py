"""An in-memory index that answers the domain questions in milliseconds at any store size.

The REST routes ask the same few questions over and over (who met whom about a topic, an
entity's neighbourhood, counts, paths); SPARQL over the union of every article graph answers
them in time that grows with the store. The index keeps what they need in memory (IRIs,
dates, roles, the evidence sentences), so an answer is a set intersection and a short walk
of a sorted list: milliseconds at 10k articles, without touching the store.

It is exact because it follows the store's change log (kg.store.common): before answering, a
write of article graphs is applied by re-reading just those graphs (milliseconds), while any
other write (a SPARQL Update, a bulk load, new reference graphs) rebuilds it in a background
thread. Until it is current, `answer` returns None and kg.queries asks kg.sparql, so a caller
never sees the difference, only the speed. It is attached only to stores whose writes all go
through this process (an embedded store): a remote server can be written by others.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from kg.index.parts import read_parts
from kg.index.tables import Tables
from kg.store import Store

__all__ = ["GraphIndex", "Tables"]

log = logging.getLogger(__name__)
T = TypeVar("T")


class GraphIndex:
    """The index of one store; `start()` builds it, `answer(question)` uses it when current."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._tables: Tables | None = None
        self._generation = -1
        self._builder: threading.Thread | None = None
        self._closed = False
        #: Seconds the last full build took (None before the first one ends).
        self.build_seconds: float | None = None

    @property
    def state(self) -> str:
        """'ready' when built (it may still have writes to apply), else 'building'."""
        return "ready" if self._tables is not None else "building"

    def start(self) -> GraphIndex:
        """Build in the background; answers come from SPARQL until the build ends."""
        if self._builder is None or not self._builder.is_alive():
            self._builder = threading.Thread(target=self._build, name="aikg-index", daemon=True)
            self._builder.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a running build ends; whether the index is ready."""
        builder = self._builder
        if builder is not None:
            builder.join(timeout)
        return self._tables is not None

    def close(self) -> None:
        """Stop a running build (it checks between queries) and forget the tables."""
        self._closed = True
        builder = self._builder
        if builder is not None and builder is not threading.current_thread():
            builder.join()
        with self._lock:
            self._tables = None

    def answer(self, question: Callable[[Tables], T]) -> T | None:
        """`question(tables)` on current tables, or None if they are not."""
        with self._lock:
            tables = self._current()
            return None if tables is None else question(tables)

    # -- keeping current ------------------------------------------------------------------

    def _build(self) -> None:
        started, generation = time.perf_counter(), self.store.generation
        try:
            parts = read_parts(self.store.query_native, None, cancelled=lambda: self._closed)
            tables = Tables()
            tables.replace(parts)
        except Exception:  # a background thread has nobody to raise to: log, stay on SPARQL
            if not self._closed:
                log.exception("building the query index failed; answering with SPARQL")
            return
        with self._lock:
            if not self._closed:
                self._tables, self._generation = tables, generation
                self.build_seconds = time.perf_counter() - started
                log.info("query index built in %.1f s (%d graphs)", self.build_seconds,
                         len(tables.parts))

    def _current(self) -> Tables | None:
        """The tables brought up to the store's generation, or None while rebuilding."""
        if self._tables is None or self._closed:
            return None
        target = self.store.generation
        if target == self._generation:
            return self._tables
        changed = self.store.changed_graphs(self._generation)
        if changed is None:  # not a graph-by-graph write: start over, in the background
            self._tables = None
            self.start()
            return None
        self._tables.replace(read_parts(self.store.query_native, changed))
        self._generation = target
        return self._tables
