"""Articles -> extraction -> RDF -> store, one article graph at a time.

Each article is written in its own transaction: a crash or a bad article never leaves half
an article behind, and the good articles of a batch land even when others are refused.
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext

from rdflib import URIRef

from kg.consolidate import RefreshSummary, refresh
from kg.consolidate.reports import ARTICLE_GRAPH_PREFIX
from kg.errors import InputError, StoreError
from kg.models import Article, Extraction
from kg.namespaces import ENTITIES_GRAPH
from kg.rdf import article_graph_iri, entity_key_of, extraction_to_ntriples
from kg.store import Store

#: Imported by the worker processes' fork server: loads and warms the pipeline once.
PRELOAD_MODULE = "kg.extract.preload"


@dataclass
class IngestSummary:
    """What one ingest run did; `errors` name every article that was refused."""

    articles: int = 0
    triples: int = 0
    entities: set[str] = field(default_factory=set)
    facts: int = 0
    events: int = 0
    seconds: float = 0.0
    errors: list[InputError] = field(default_factory=list)
    #: What the consolidation refresh after the writes did (None when it did not run).
    consolidation: RefreshSummary | None = None

    def line(self) -> str:
        refused = f"; {len(self.errors)} refused" if self.errors else ""
        return (f"ingested {self.articles} article(s): {self.triples} triples, "
                f"{len(self.entities)} entities, {self.facts} facts, {self.events} events "
                f"in {self.seconds:.1f}s{refused}")


@dataclass(frozen=True)
class MappedArticle:
    """One article's extraction and its graph as N-Triples lines: all the writer needs.

    `error` says why the article cannot be mapped (an IRI it brings is invalid); its
    `lines` are then empty.
    """

    extraction: Extraction
    lines: list[str]
    error: str | None = None


def map_extraction(extraction: Extraction, *, known_entities: frozenset[str]) -> MappedArticle:
    """The article graph of an extraction, or the reason it has none."""
    try:
        lines = extraction_to_ntriples(extraction, known_entities=known_entities)
    except ValueError as error:  # e.g. the article's url is not a valid IRI
        return MappedArticle(extraction, [], f"cannot map to RDF: {error}")
    return MappedArticle(extraction, lines)


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    extract: Callable[[Iterable[Article]], Iterable[Extraction]] | None = None,
    workers: int = 1,
    on_article: Callable[[Extraction], None] | None = None,
    consolidate: bool = True,
) -> IngestSummary:
    """Extract and store every article; an article already stored under its id is replaced.

    With `workers` > 1, extraction and RDF mapping run in that many processes (see
    `map_in_processes`) and this process only writes; `extract` replaces the extractor (a
    fixed pipeline, a Dask cluster) and then the mapping runs here. Once the articles are
    written, the consolidated events they touch are recomputed (kg.consolidate.refresh),
    unless `consolidate` is False (then `kg.consolidate.refresh(store)` catches up later).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if extract is not None and workers != 1:
        raise ValueError("give either an extract function or workers, not both")
    started = time.perf_counter()
    summary = IngestSummary()
    existing = {info.id: info.graph for info in store.articles()}
    written: set[str] = set()
    dropped: set[str] = set()
    known = known_entity_ids(store)
    mapped: Iterable[MappedArticle]
    if workers > 1:
        mapped = map_in_processes(articles, workers=workers, known_entities=known)
    else:
        if extract is None:
            from kg.extract import extract_articles

            extract = extract_articles
        mapped = (map_extraction(e, known_entities=known) for e in extract(articles))
    for item in mapped:
        extraction = item.extraction
        article = extraction.article
        if item.error is not None:
            summary.errors.append(InputError(f"{article.source or article.id}: {item.error}"))
            continue
        old = [existing[article.id]] if article.id in existing else []
        try:
            store.put_graph(article_graph_iri(article), item.lines, replaces=old)
        except StoreError as error:  # this article is refused; the batch goes on
            summary.errors.append(InputError(f"{article.source or article.id}: {error}"))
            continue
        existing[article.id] = str(article_graph_iri(article))
        written.add(existing[article.id])
        dropped.update(g for g in old if g != existing[article.id])
        summary.articles += 1
        summary.triples += len(item.lines)
        summary.entities.update(entity.id for entity in extraction.entities)
        summary.facts += len(extraction.facts)
        summary.events += len(extraction.events)
        if on_article is not None:
            on_article(extraction)
    if consolidate and (written or dropped):
        summary.consolidation = refresh(store, written=written, dropped=dropped - written)
    store.flush()
    _sync_index(store)
    summary.seconds = time.perf_counter() - started
    return summary


def delete_articles(store: Store, graphs: Iterable[str]) -> RefreshSummary:
    """Delete article graphs and recompute the consolidated events they fed.

    Deleting the only report of an event removes the consolidated event; deleting one of
    five leaves four.

    Raises:
        InputError: an IRI is not an article graph (nothing is deleted then).
        StoreError: the store refused a write.
    """
    wanted = list(dict.fromkeys(str(graph) for graph in graphs))
    bad = [graph for graph in wanted if not graph.startswith(ARTICLE_GRAPH_PREFIX)]
    if bad:
        raise InputError(f"not an article graph: {bad[0]!r} (expected {ARTICLE_GRAPH_PREFIX}...)")
    for graph in wanted:
        store.delete_graph(URIRef(graph))
    summary = refresh(store, dropped=wanted) if wanted else RefreshSummary()
    store.flush()
    _sync_index(store)
    return summary


def _sync_index(store: Store) -> None:
    """Bring the store's query index (kg.index) up to the writes of this batch now, so the
    batch ends with the index as current as the store (a crash later replays nothing)."""
    if store.index is not None:
        store.index.sync()


def known_entity_ids(store: Store) -> frozenset[str]:
    """Entity keys the store's entities graph (the gazetteer) already describes."""
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type }} }}")
    return frozenset(key for row in rows if (key := entity_key_of(str(row[0]))))  # type: ignore[index]


def map_in_processes(articles: Iterable[Article], *, workers: int,
                     known_entities: frozenset[str] = frozenset(), batch_size: int = 4,
                     pending_per_worker: int = 2) -> Iterator[MappedArticle]:
    """Articles extracted and mapped to N-Triples by `workers` processes, in input order.

    The caller stays the single writer of the store, so the graph is the same as a serial
    ingest's. Workers are forked from a fork server that has loaded and warmed the pipeline
    once (kg.extract.preload): none loads its own, and none inherits this process's threads
    or open store. Articles go out in small batches with a bounded number in flight, so a
    large corpus streams and both workers stay busy until the end.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context(),
                               initializer=_start_worker, initargs=(known_entities,))
    try:
        pending: deque[Future[list[MappedArticle]]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append(pool.submit(_map_batch, batch))
            if len(pending) >= workers * pending_per_worker:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_worker_server() -> None:
    """Start the workers' fork server now (where there is one), so that it loads the pipeline
    while this process still reads its input and opens the store."""
    context = _worker_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _worker_context() -> BaseContext:
    """A fork server preloading the pipeline where there is one (Linux, macOS), else spawn.

    The server is started once per process, by the first pool: later pools fork from it at
    once. (If something else started this process's fork server first, the workers load the
    pipeline themselves: slower, same result.)
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD_MODULE])
    return context


_KNOWN_ENTITIES: frozenset[str] = frozenset()


def _start_worker(known_entities: frozenset[str]) -> None:
    global _KNOWN_ENTITIES
    _KNOWN_ENTITIES = known_entities
    from kg.nlp import load_pipeline

    load_pipeline()  # already loaded when forked from the preloaded server


def _map_batch(batch: list[Article]) -> list[MappedArticle]:
    from kg.extract import extract_articles

    return [map_extraction(e, known_entities=_KNOWN_ENTITIES) for e in extract_articles(batch)]


def extract_on_dask(articles: Iterable[Article], *, scheduler: str, batch_size: int = 8,
                    pending_per_worker: int = 4, connect_timeout: float = 30.0
                    ) -> Iterator[Extraction]:
    """Extractions in input order, computed on an existing Dask distributed cluster.

    Articles go out in batches with a bounded number in flight, so a large corpus streams;
    each worker process loads the pipeline once. As with processes, the caller stays the
    single writer of the store, so the graph is the same as a serial ingest's.
    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask needs Dask distributed: pip install 'dask[distributed]'"
                         ) from None
    try:
        client = Client(scheduler, timeout=f"{connect_timeout}s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler!r}: {error}") from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = workers * pending_per_worker
        batches = _batches(articles, batch_size)
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(_extract_batch, batch, pure=False))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _extract_batch(batch: list[Article]) -> list[Extraction]:
    from kg.extract import extract_articles

    return list(extract_articles(batch))
