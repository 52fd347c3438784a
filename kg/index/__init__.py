"""A persisted query index that answers the domain questions in milliseconds at any store size.

The REST routes ask the same few questions over and over (who met whom about a topic, an
entity's neighbourhood, counts, paths); SPARQL over the union of every article graph answers
them in time that grows with the store. The index keeps what they need (IRIs, dates, roles,
the evidence sentences) in an SQLite file beside the store (kg.index.database; the questions
over it in kg.index.tables), so an answer is an indexed look-up, memory is a bounded page
cache, and a restart opens the file instead of re-reading the store.

It stays exact by hearing of every write made through `kg` (kg.store.Store.writing):
- before a write, the graphs it will change are added to a durable pending list;
- before the next answer (or `sync()`), those graphs are re-read from the store and replaced
  in one SQLite transaction that also clears them from the list;
- a write of anything (a SPARQL Update, a bulk load) marks the index for a rebuild, which runs
  in a background thread while answers come from SPARQL.
A crash anywhere leaves the list naming every graph that may differ, so opening the index
replays them (milliseconds each); an index file of another schema, one whose build did not
finish, or one that names other graphs than the store, is repaired or rebuilt. Until the index
is current, `answer` returns None and kg.queries asks kg.sparql: a caller sees the same rows,
only the speed differs. Writes that bypass `kg` (another client of a remote SPARQL server) are
not seen: `kg index rebuild` brings the index back (README, "Query index").
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from queue import Empty, Full, Queue
from typing import TypeVar

from kg.errors import IndexFileError
from kg.index.database import json_list
from kg.index.parts import DEFAULT_GRAPH, Part, read_parts, scan_parts
from kg.index.tables import Tables
from kg.namespaces import ENTITIES_GRAPH, ONTOLOGY_GRAPH
from kg.store import Store

__all__ = ["OFF", "GraphIndex", "Tables", "index_path", "open_index"]

log = logging.getLogger(__name__)
T = TypeVar("T")
#: Graphs read (and written to the index) per transaction in a rebuild or a replay: the
#: memory of a rebuild is that of this many graphs' parts, whatever the store's size.
BATCH_GRAPHS = 1000
#: Batches a rebuild reads ahead of its writing (read_ahead): memory of 1 + this many.
READ_AHEAD = 1
#: AIKG_INDEX's value that turns the index off (every answer from SPARQL).
OFF = "off"
#: Where the index of an on-disk store lives: beside its directory, with this suffix.
INDEX_SUFFIX = ".index.sqlite"
#: Graphs re-read at every start: the store rewrites them itself when the ontology or the
#: gazetteer changes (Store.ensure_reference_graphs), before any index is attached.
REFERENCE_GRAPHS = (str(ONTOLOGY_GRAPH), str(ENTITIES_GRAPH))


def index_path(store: Store, setting: str | None = None) -> Path | None:
    """The index file of `store`: `setting` (AIKG_INDEX) when given, else beside an on-disk
    embedded store (`<store dir>.index.sqlite`), else None (in memory, or no index)."""
    if setting:
        return Path(setting).expanduser()
    location = getattr(store, "path", None)
    if not isinstance(location, Path):
        return None
    return location.with_name(location.name + INDEX_SUFFIX)


def open_index(store: Store, setting: str | None = None, *, background: bool = True
               ) -> GraphIndex | None:
    """Attach and start the index of `store` (kg.queries then answers from it).

    The file is `index_path(store, setting)`; an in-memory store gets an in-memory index; a
    remote store gets one only when AIKG_INDEX names its file, since other clients of the
    server may write behind it (README, "Query index"). `setting` "off" attaches none.
    `background`: see GraphIndex.start.

    Raises:
        IndexFileError: the file cannot be opened as an index (not SQLite, no permission).
    """
    if setting == OFF:
        return None
    path = index_path(store, setting)
    if path is None and not store.sole_writer:
        return None
    try:
        index = GraphIndex(store, path)
    except sqlite3.DatabaseError as error:
        if path is None or not path.exists() or "not a database" not in str(error):
            raise IndexFileError(f"cannot open the query index at {path}: {error}") from None
        # Derived data only: keep the damaged file for a look, and build a new one.
        aside = path.with_name(path.name + ".damaged")
        log.warning("the query index at %s is not an SQLite database (%s): moved to %s, "
                    "rebuilding it from the store", path, error, aside)
        path.replace(aside)
        index = GraphIndex(store, path)
    except sqlite3.Error as error:
        raise IndexFileError(f"cannot open the query index at {path}: {error}") from None
    store.index = index
    return index.start(background=background)


def read_ahead(batches: Iterator[T], stopped: Callable[[], bool]) -> Iterator[T]:
    """`batches`, read by a thread at most READ_AHEAD batches ahead of the caller.

    A rebuild reads the store (Oxigraph decoding terms, Python assembling parts) and writes
    SQLite (C, which lets go of the GIL while it steps): with the two on two threads, each
    runs while the other waits. Memory stays bounded by the queue. The thread ends when
    `batches` does, when the caller stops taking (closing this generator) or `stopped()`;
    an exception in it is raised here.
    """
    queue: Queue[tuple[bool, object]] = Queue(maxsize=READ_AHEAD)
    done = threading.Event()

    def hand(more: bool, item: object) -> bool:
        """Put one item, waiting for room while the caller still takes; False: it stopped."""
        while not (done.is_set() or stopped()):
            try:
                queue.put((more, item), timeout=0.5)
                return True
            except Full:
                continue
        return False

    def read() -> None:
        try:
            for batch in batches:
                if not hand(True, batch):
                    return
            hand(False, None)
        except BaseException as error:  # handed to the caller, raised there
            hand(False, error)
        finally:
            # The store's iterator must end on the thread that made it (pyoxigraph's QuadIter
            # is unsendable): close the generator here, not at garbage collection elsewhere.
            close = getattr(batches, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=read, name="aikg-index-read", daemon=True)
    thread.start()
    try:
        while True:
            try:
                more, item = queue.get(timeout=0.5)
            except Empty:
                if thread.is_alive():
                    continue
                return  # the reader saw `stopped()` and ended without a last item
            if not more:
                if isinstance(item, BaseException):
                    raise item
                return
            yield item  # type: ignore[misc]
    finally:
        done.set()
        thread.join()


class GraphIndex:
    """The index of one store, in the SQLite file `path` (None: in memory).

    `start()` opens it (replaying what a crash left pending, or rebuilding in the background),
    `answer(question)` uses it when current.

    Raises:
        sqlite3.Error: the file cannot be opened (not an SQLite database, no permission).
    """

    def __init__(self, store: Store, path: Path | None = None) -> None:
        self.store, self.path = store, path
        self._lock = threading.RLock()
        self._tables = Tables(path)
        self._ready = False
        self._generation = -1
        self._in_flight: Counter[str | None] = Counter()
        self._builder: threading.Thread | None = None
        self._checker: threading.Thread | None = None
        self._closed = False
        #: Seconds the last full build took (None before the first one ends).
        self.build_seconds: float | None = None
        #: Seconds `start()` took to make a built index answer: the replay of its pending
        #: list, and without `background` the comparison of its graphs with the store's.
        self.open_seconds: float | None = None
        self._progress: tuple[int, int] | None = None

    @property
    def state(self) -> str:
        """'ready' when current or catching up from the pending list, else 'building'."""
        return "ready" if self._ready else "building"

    @property
    def progress(self) -> tuple[int, int] | None:
        """(graphs indexed, graphs to index) while a full build runs, else None: a build
        of a million articles takes hours (BENCHMARKS.md), so /health and `kg index
        rebuild` say how far it is."""
        return self._progress

    @property
    def tables(self) -> Tables:
        return self._tables

    def start(self, *, background: bool = True) -> GraphIndex:
        """Make the index current: replay the pending list if it was built before, else
        rebuild in the background (answers come from SPARQL until it ends). Without
        `background`, an index that needs a rebuild stays off (a short command-line run
        answers with SPARQL rather than start a build it would abandon).

        A built index answers as soon as its pending list is replayed: that list holds every
        write made through kg, crashes included. The comparison of its graphs with the
        store's, for writes made around kg, lists every graph (11.5 s of a 47.6 s restart at
        1M articles, BENCHMARKS.md), so with `background` it runs on a thread while the index
        answers; without, before `start` returns."""
        started = time.perf_counter()
        with self._lock:
            if not (self._built() and self._replay_known()):
                return self.rebuild() if background else self
            self._ready, self._generation = True, self.store.generation
            self.open_seconds = time.perf_counter() - started
            if background:
                checker = threading.Thread(target=self._check_graphs,
                                           name="aikg-index-check", daemon=True)
                checker.start()  # started before it is shared: close() may join it at once
                self._checker = checker
                return self
        self._check_graphs(background=False)
        self.open_seconds = time.perf_counter() - started
        return self

    def build(self, on_progress: Callable[[int, int], object] | None = None) -> bool:
        """Rebuild now, in the calling thread (`kg index rebuild`); whether it ended ready.
        `on_progress(graphs indexed, graphs to index)` is called after each batch."""
        with self._lock:
            self._ready = False
            builder = self._builder
        if builder is not None and builder.is_alive():
            builder.join()
        self._build(on_progress)
        return self._ready

    def rebuild(self) -> GraphIndex:
        """Re-read the whole store in the background; SPARQL answers meanwhile."""
        with self._lock:
            self._ready = False
            if not self._closed and (self._builder is None or not self._builder.is_alive()):
                builder = threading.Thread(target=self._build, name="aikg-index", daemon=True)
                builder.start()  # started before it is shared: close() may join it at once
                self._builder = builder
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a running build ends; whether the index is ready."""
        for thread in (self._checker, self._builder):  # a check may start a build
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout)
        builder = self._builder
        if builder is not None:
            builder.join(timeout)
        return self._ready

    def close(self) -> None:
        """Stop a running build (it checks between batches) and close the file."""
        self._closed = True
        for thread in (self._checker, self._builder):  # neither may outlive the store
            if thread is not None and thread is not threading.current_thread():
                thread.join()
        with self._lock:
            self._ready = False
            self._tables.close()

    def answer(self, question: Callable[[Tables], T]) -> T | None:
        """`question(tables)` on current tables, or None if they are not."""
        with self._lock:
            return question(self._tables) if self._current() else None

    def sync(self) -> bool:
        """Apply what is pending now (the end of an ingest batch); whether it is current."""
        with self._lock:
            return self._current()

    def status_line(self) -> str:
        """One line: state, graphs, pending writes, size on disk (`kg index status`)."""
        with self._lock:
            graphs, triples = self._tables.graph_totals()
            _, pending = self._pending()
        size = ""
        if self.path is not None and self.path.exists():
            size = f", {self.path.stat().st_size / 2**20:.1f} MiB on disk"
        built = "built" if self._built() else "not built (`kg index rebuild`)"
        return (f"{self.state}, {built}: {graphs} named graphs, {triples} triples, "
                f"{len(pending)} graphs pending{size}")

    # -- hearing of writes (kg.store.Store.writing) ----------------------------------------

    def before_write(self, graphs: frozenset[str] | None) -> None:
        with self._lock:
            if self._closed:
                return
            for graph in graphs if graphs is not None else (None,):
                self._in_flight[graph] += 1
            with self._tables.transaction():
                self._tables.db.executemany("INSERT INTO pending (graph) VALUES (?)",
                                            [(g,) for g in graphs or (None,)])

    def after_write(self, graphs: frozenset[str] | None) -> None:
        with self._lock:
            self._generation = -1  # an answer during the write skipped these graphs
            for graph in graphs if graphs is not None else (None,):
                self._in_flight[graph] -= 1
                if self._in_flight[graph] <= 0:
                    del self._in_flight[graph]
        if graphs is None and not self._closed:
            self.rebuild()

    # -- keeping current ------------------------------------------------------------------

    def _built(self) -> bool:
        return self._tables.compatible and self._tables.meta("built") == "1"

    def _read(self, graphs: list[str]) -> dict[str, Part]:
        """The parts of these graphs (an empty part for a graph that is gone)."""
        parts = {graph: Part(graph) for graph in graphs}
        if not self.store.scans:  # a remote server: SPARQL
            parts.update(read_parts(self.store.query_native, graphs))
            return parts
        for graph in graphs:
            quads = self.store.scan_quads(graph)
            assert quads is not None
            for part in scan_parts(quads):
                parts[part.graph] = part
        return parts

    def _read_everything(self, graphs: list[str]) -> Iterator[dict[str, Part]]:
        """Every graph's part, BATCH_GRAPHS at a time, in graph IRI order: a scan of each
        graph's quads where the engine allows it, else SPARQL over batches of graph names.

        IRI order, not the engine's (Oxigraph orders graphs by a hash of their name), because
        an article's statement IRIs carry its graph's hash: rows then arrive in key order and
        SQLite appends to its B-trees instead of rewriting pages all over a file that has
        outgrown its cache (the cost that grows with the store)."""
        if not self.store.scans:
            for start in range(0, len(graphs), BATCH_GRAPHS):
                yield self._read(graphs[start:start + BATCH_GRAPHS])
            return
        quads = (quad for graph in graphs for quad in self.store.scan_quads(graph) or ())
        batch: dict[str, Part] = {}
        for part in scan_parts(quads):
            if part.graph in batch:  # not grouped after all: never merge, apply what we have
                yield batch
                batch = {}
            batch[part.graph] = part
            if len(batch) >= BATCH_GRAPHS:
                yield batch
                batch = {}
        if batch:
            yield batch

    def _default_graph(self) -> list[str]:
        """[DEFAULT_GRAPH] where the store keeps a default graph apart from the named ones
        (embedded Oxigraph); a remote server's default graph is their union."""
        return [DEFAULT_GRAPH] if self.store.separate_default_graph else []

    def _pending(self) -> tuple[int, set[str | None]]:
        """(last sequence number, graphs) of the pending list."""
        rows = self._tables.db.execute("SELECT seq, graph FROM pending").fetchall()
        return max((seq for seq, _ in rows), default=0), {graph for _, graph in rows}

    def _current(self) -> bool:
        """Bring the tables up to the store (replaying pending graphs); False while a
        rebuild is due or running."""
        if not self._ready or self._closed:
            return False
        if self.store.generation == self._generation:
            return True
        generation = self.store.generation
        if not self._replay():
            self.rebuild()
            return False
        self._generation = generation
        return True

    def _replay(self, extra: Iterable[str] = ()) -> bool:
        """Re-read the pending graphs no write is still changing (and `extra`); False when
        the list asks for a rebuild."""
        last, graphs = self._pending()
        if None in graphs:
            return False
        done = {g for g in graphs if g is not None and g not in self._in_flight}
        wanted = sorted(done | set(extra))
        for start in range(0, len(wanted), BATCH_GRAPHS):
            batch = wanted[start:start + BATCH_GRAPHS]
            parts = self._read(batch)
            with self._tables.transaction():
                self._tables.replace(parts)
                self._tables.db.execute(
                    "DELETE FROM pending WHERE seq <= ? AND graph IN "
                    "(SELECT value FROM json_each(?))", (last, json_list(batch)))
        return True

    def _replay_known(self) -> bool:
        """On opening a built index: replay the pending list, the reference graphs and the
        default graph. False: rebuild."""
        try:
            return self._replay(extra=set(REFERENCE_GRAPHS) | set(self._default_graph()))
        except (sqlite3.Error, OSError) as error:
            log.warning("the query index at %s cannot be repaired (%s): rebuilding it",
                        self.path, error)
            return False

    def _check_graphs(self, *, background: bool = True) -> None:
        """Re-read every graph the store and the index disagree on having (a write made
        around kg: another tool on the directory, a restored backup, another client of a
        remote server); when they disagree on more than a tenth, rebuild instead (without
        `background`: leave the index off, as `start` does)."""
        try:
            if self._compare_graphs():
                return
        except (sqlite3.Error, OSError) as error:
            log.warning("the query index at %s cannot be compared with the store (%s): "
                        "rebuilding it", self.path, error)
        except Exception:
            if not background:
                raise
            if not self._closed:  # on a thread, nobody to raise to: stays as replayed
                log.exception("comparing the query index with the store failed")
            return
        with self._lock:
            self._ready = False
            if background:
                self.rebuild()

    def _compare_graphs(self) -> bool:
        """The work of `_check_graphs`; False: a rebuild is due."""
        store_graphs = set(self.store.named_graphs())  # the slow part: no lock held
        with self._lock:
            if self._closed:
                return True
            # A write through kg since the listing may differ from it: its pending entry
            # brings it, and re-reading a graph under way could take its old state.
            differing = (store_graphs ^ set(self._tables.graph_counts())) - set(self._in_flight)
            if len(differing) > max(BATCH_GRAPHS, len(store_graphs) // 10):
                log.warning("the query index at %s names %d graphs the store does not hold "
                            "or the other way round: rebuilding it", self.path, len(differing))
                return False
            if differing:
                log.warning("the query index at %s was behind the store by %d graphs: "
                            "re-reading them", self.path, len(differing))
            return self._replay(extra=differing)

    def _report(self, done: int, total: int,
                on_progress: Callable[[int, int], object] | None) -> None:
        self._progress = (done, total)
        if on_progress is not None:
            on_progress(done, total)

    def _build(self, on_progress: Callable[[int, int], object] | None = None) -> None:
        started = time.perf_counter()
        tables = self._tables
        try:
            with self._lock:
                tables.clear()  # also marks the file unbuilt: a crash from here rebuilds
                tables.set_meta("built", "0")
            graphs = 0
            with self._lock:
                tables.drop_answer_indexes()
                # Announced up to `last`, a write has either ended before the listing below
                # (its graph is listed) or is in `busy` (it may not be, so it stays pending).
                last, _ = self._pending()
                busy = [g for g in self._in_flight if g is not None]
            everything = [*self.store.named_graphs(), *self._default_graph()]  # IRI order
            self._progress = (0, len(everything))
            for parts in read_ahead(self._read_everything(everything), lambda: self._closed):
                if self._closed:
                    return  # the file stays unbuilt; the next start rebuilds (and indexes)
                with self._lock:
                    tables.replace(parts)
                graphs += len(parts)
                self._report(graphs, len(everything), on_progress)
            if graphs < len(everything):  # empty graphs (the default one) give no part
                self._report(len(everything), len(everything), on_progress)
            with self._lock:
                tables.create_indexes()
            with self._lock:
                if self._closed:
                    return
                with tables.transaction():
                    # What was announced before the listing is in the build, unless its
                    # write was under way then; later writes stay pending and are replayed
                    # now. (The writes under way *now* would not do: one that ended during
                    # the listing may have ended after its graph was passed over.)
                    tables.db.execute(
                        "DELETE FROM pending WHERE seq <= ? AND (graph IS NULL OR graph NOT IN "
                        "(SELECT value FROM json_each(?)))", (last, json_list(busy)))
                    tables.set_meta("built", "1")
                if not self._replay():
                    self._builder = None
                    self.rebuild()
                    return
                self._ready, self._generation = True, self.store.generation
                self.build_seconds = time.perf_counter() - started
                log.info("query index built in %.1f s (%d graphs)", self.build_seconds,
                         graphs)
        except Exception:  # a background thread has nobody to raise to: log, stay on SPARQL
            if not self._closed:
                log.exception("building the query index failed; answering with SPARQL")
        finally:
            self._progress = None

