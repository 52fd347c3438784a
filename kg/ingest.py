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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from kg.errors import InputError, StoreError
from kg.models import Article, Extraction
from kg.namespaces import ENTITIES_GRAPH
from kg.rdf import article_graph_iri, entity_key_of, extraction_to_graph
from kg.store import EmbeddedStore


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

    def line(self) -> str:
        refused = f"; {len(self.errors)} refused" if self.errors else ""
        return (f"ingested {self.articles} article(s): {self.triples} triples, "
                f"{len(self.entities)} entities, {self.facts} facts, {self.events} events "
                f"in {self.seconds:.1f}s{refused}")


def ingest_articles(
    store: EmbeddedStore,
    articles: Iterable[Article],
    *,
    extract: Callable[[Iterable[Article]], Iterable[Extraction]] | None = None,
    on_article: Callable[[Extraction], None] | None = None,
) -> IngestSummary:
    """Extract and store every article; an article already stored under its id is replaced."""
    if extract is None:
        from kg.extract import extract_articles

        extract = extract_articles
    started = time.perf_counter()
    summary = IngestSummary()
    existing = {info.id: info.graph for info in store.articles()}
    known = known_entity_ids(store)
    for extraction in extract(articles):
        graph = extraction_to_graph(extraction, known_entities=known)
        article = extraction.article
        old = [existing[article.id]] if article.id in existing else []
        try:
            store.put_graph(article_graph_iri(article), graph, replaces=old)
        except StoreError as error:  # this article is refused; the batch goes on
            summary.errors.append(InputError(f"{article.source or article.id}: {error}"))
            continue
        existing[article.id] = str(article_graph_iri(article))
        summary.articles += 1
        summary.triples += len(graph)
        summary.entities.update(entity.id for entity in extraction.entities)
        summary.facts += len(extraction.facts)
        summary.events += len(extraction.events)
        if on_article is not None:
            on_article(extraction)
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def known_entity_ids(store: EmbeddedStore) -> frozenset[str]:
    """Entity keys the store's entities graph (the gazetteer) already describes."""
    rows = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?type }} }}")
    return frozenset(key for row in rows if (key := entity_key_of(str(row[0]))))  # type: ignore[index]


def extract_in_processes(articles: Iterable[Article], *, workers: int,
                         chunk_size: int = 8) -> Iterator[Extraction]:
    """Extractions in input order, computed by `workers` processes with a pipeline each.

    Only extraction runs in the workers; the caller stays the single writer of the store,
    so the graph is the same as a serial ingest's.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        from kg.extract import extract_articles

        yield from extract_articles(articles)
        return
    context = multiprocessing.get_context("spawn")  # no inherited store handles or threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_load_worker_pipeline) as pool:
        yield from pool.map(_extract_one, articles, chunksize=chunk_size)


def _load_worker_pipeline() -> None:
    from kg.nlp import load_pipeline

    load_pipeline()


def _extract_one(article: Article) -> Extraction:
    from kg.extract import extract_article

    return extract_article(article)


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
