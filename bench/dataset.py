"""N-Quads of N synthetic articles exactly as `kg ingest` would store them (query benchmarks).

The gold extraction of each synthetic article (bench.corpus) goes through kg.rdf, the same
mapping ingest uses, so the data has the real shape without running spaCy over 100k articles.
Files are cached by (seed, size) and built by a process pool, in order, streaming.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bench.corpus import make_article
from kg.gazetteer import load_gazetteer
from kg.rdf import article_graph_iri, extraction_to_graph
from kg.store import EmbeddedStore, ExportFormat

CACHE_DIR = Path(tempfile.gettempdir()) / "aikg-bench"
INGESTED_AT = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)  # fixed, so files are reproducible
_CHUNK = 500


def article_nquads(index: int, seed: int = 0) -> str:
    """One article's named graph as N-Quads lines."""
    _, gold = make_article(index, seed=seed)
    graph_iri = article_graph_iri(gold.article)
    text = extraction_to_graph(gold, ingested_at=INGESTED_AT,
                               known_entities=_gazetteer_ids()).serialize(format="nt")
    suffix = f" <{graph_iri}> .\n"
    return "".join(line[:-2] + suffix for line in text.splitlines() if line.endswith(" ."))


@functools.cache
def _gazetteer_ids() -> frozenset[str]:
    """What ingest leaves out of article graphs: entities the entities graph describes."""
    return frozenset(entry.id for entry in load_gazetteer().entries)


def _chunk(bounds: tuple[int, int, int]) -> str:
    start, stop, seed = bounds
    return "".join(article_nquads(i, seed) for i in range(start, stop))


def iter_nquads(size: int, *, seed: int = 0, workers: int = 2) -> Iterator[str]:
    chunks = [(start, min(start + _CHUNK, size), seed) for start in range(0, size, _CHUNK)]
    if workers <= 1:
        yield from map(_chunk, chunks)
        return
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(_chunk, chunks)


def synthetic_nquads(size: int, *, seed: int = 0, cache: Path = CACHE_DIR) -> Path:
    """The cached N-Quads file of `size` articles (built on first use)."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"synthetic-v2-{seed}-{size}.nq"  # v2: no gazetteer descriptions per article
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            for text in iter_nquads(size, seed=seed):
                out.write(text)
        partial.rename(path)
    return path


def reference_nquads(cache: Path = CACHE_DIR) -> Path:
    """The ontology and gazetteer graphs, as every store holds them."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / "reference.nq"
    with EmbeddedStore(None) as store, path.open("wb") as out:
        store.export(out, ExportFormat.nquads)
    return path
