"""Distributed extraction (`kg ingest --dask`) on a local Dask cluster of 2 worker processes,
and extraction + RDF mapping in worker processes (`--workers`), build the same article graphs
as a serial ingest; scheduler errors are one clear line."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extract import extract_articles
from kg.ingest import _batches, extract_on_dask, ingest_articles, map_extraction, map_in_processes
from kg.read import read_paths
from kg.settings import SEEDS_DIR
from kg.store import EmbeddedStore, ExportFormat

ROOT = Path(__file__).resolve().parents[2]


def article_quads(store_path: Path) -> list[str]:
    """The article graphs' quads, without the ingest timestamps (which always differ)."""
    out = io.BytesIO()
    with EmbeddedStore(store_path) as store:
        store.export(out, ExportFormat.nquads)
    lines = out.getvalue().decode("utf-8").splitlines()
    return sorted(q for q in lines if "/graph/article/" in q and "ingestedAt" not in q)


def test_batches_keep_order_and_size() -> None:
    assert [len(b) for b in _batches(iter(range(19)), 8)] == [8, 8, 3]
    assert [x for b in _batches(iter(range(19)), 8) for x in b] == list(range(19))


def test_unreachable_scheduler_is_an_input_error() -> None:
    pytest.importorskip("distributed")
    from bench.oxigraph_server import free_port

    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        list(extract_on_dask([], scheduler=f"tcp://127.0.0.1:{free_port()}", connect_timeout=2))


def test_dask_and_workers_together_are_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "--store", str(tmp_path / "s"), "ingest",
         "--no-progress", "--workers", "2", "--dask", "tcp://127.0.0.1:1", str(SEEDS_DIR)],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert "either --workers or --dask" in result.stderr


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A LocalCluster of 2 worker processes (one thread each), as a remote cluster is used."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_ingest_builds_the_same_graph_as_serial(dask_scheduler: str,
                                                     tmp_path: Path) -> None:
    serial, distributed = tmp_path / "serial", tmp_path / "dask"
    with EmbeddedStore(serial) as store:
        summary = ingest_articles(store, read_paths([SEEDS_DIR]))
    assert summary.articles == 4
    result = subprocess.run(
        [sys.executable, "-m", "kg.cli", "--store", str(distributed), "ingest", "--no-progress",
         "--dask", dask_scheduler, str(SEEDS_DIR)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
        env={**os.environ, "AIKG_STORE": str(distributed)})
    assert result.returncode == 0, result.stderr
    assert "ingested 4 article(s)" in result.stdout
    quads = article_quads(distributed)
    assert len(quads) > 500
    assert quads == article_quads(serial)


@pytest.mark.slow
def test_worker_processes_map_like_serial_in_input_order() -> None:
    seeds = list(read_paths([SEEDS_DIR]))
    bad = replace(seeds[1], id="bad-url", url="https://example.org/a b")  # no valid IRI
    articles = [seeds[0], bad, *seeds[2:], seeds[0]]
    known = frozenset({"country/china"})

    def content(lines: list[str]) -> list[str]:
        return [line for line in lines if "ingestedAt" not in line]

    serial = [map_extraction(e, known_entities=known) for e in extract_articles(articles)]
    parallel = list(map_in_processes(articles, workers=2, known_entities=known, batch_size=1))
    assert [m.extraction.article.id for m in parallel] == [a.id for a in articles]
    assert [m.extraction for m in parallel] == [m.extraction for m in serial]
    assert [content(m.lines) for m in parallel] == [content(m.lines) for m in serial]
    assert [m.error is not None for m in parallel] == [False, True, False, False, False]
