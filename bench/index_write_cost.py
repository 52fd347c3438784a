"""What keeping the query index current adds to ingest, side by side in one run.

    .venv/bin/python -m bench.index_write_cost [--articles 200] [--batch 50] [--rounds 2]

The same synthetic extractions (bench.corpus gold, so no spaCy: the cost measured is the
write path's alone) are ingested batch by batch into a fresh on-disk store, once with no index
and once with a built index attached (kg.index.open_index), which then hears of every write
and re-reads the written graphs at the end of each batch. Rounds alternate the two, so noise
hits both alike. Prints seconds per run and the added milliseconds per article.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import make_article
from kg.index import open_index
from kg.ingest import ingest_articles
from kg.models import Extraction
from kg.store import EmbeddedStore


def ingest_seconds(extractions: list[Extraction], *, batch: int, with_index: bool) -> float:
    by_id = {e.article.id: e for e in extractions}
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
        if with_index:
            index = open_index(store, background=False)
            assert index is not None and index.build()
        started = time.perf_counter()
        for start in range(0, len(extractions), batch):
            chunk = extractions[start:start + batch]
            ingest_articles(store, [e.article for e in chunk],
                            extract=lambda articles: (by_id[a.id] for a in articles))
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    extractions = [make_article(i)[1] for i in range(args.articles)]
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.rounds):
        for with_index in (False, True):
            times[with_index].append(ingest_seconds(extractions, batch=args.batch,
                                                    with_index=with_index))
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    print(f"no index:   {without:.2f} s per {args.articles} articles ({times[False]})")
    print(f"with index: {with_:.2f} s ({times[True]})")
    print(f"added: {(with_ - without) / args.articles * 1000:.1f} ms per article, "
          f"{(with_ / without - 1) * 100:+.0f} % of the write path")


if __name__ == "__main__":
    main()
