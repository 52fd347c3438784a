"""Articles -> extraction -> RDF -> store, one article graph at a time.

Each article is written in its own transaction: a crash or a bad article never leaves half
an article behind, and the good articles of a batch land even when others are refused.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.models import Article, Extraction
from kg.rdf import article_graph_iri, extraction_to_graph
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
    for extraction in extract(articles):
        graph = extraction_to_graph(extraction)
        article = extraction.article
        old = [existing[article.id]] if article.id in existing else []
        store.put_graph(article_graph_iri(article), graph, replaces=old)
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
