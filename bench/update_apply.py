"""What a SPARQL Update of one article costs the query index: applied graph by graph when its
text names the graph (kg.store.update_graphs), rebuilt when it may write anything.

    .venv/bin/python -m bench.update_apply [--articles 2000] [--rounds 3]

A store of synthetic articles (bench.corpus gold, no spaCy) gets a built index. Each round
replaces one article's graph twice with the same triples, alternating: once as another `kg`
writing through a `kg serve` sends it (DROP SILENT GRAPH + INSERT DATA into GRAPH <g>), once
with the graph named by a variable, which the index cannot read and so rebuilds. The time is
from the update's start to the index answering again (the update itself included). A rebuild
grows with the store, the graph-by-graph apply with the article: the ratio says which.
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
from kg.rdf import article_graph_iri, extraction_to_ntriples
from kg.store import EmbeddedStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    extractions = [make_article(i)[1] for i in range(args.articles)]
    by_id = {e.article.id: e for e in extractions}
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "store") as store:
        ingest_articles(store, [e.article for e in extractions],
                        extract=lambda articles: (by_id[a.id] for a in articles))
        index = open_index(store, background=False)
        assert index is not None
        started = time.perf_counter()
        assert index.build()
        print(f"{args.articles} articles, {len(store)} quads; first build "
              f"{time.perf_counter() - started:.2f} s")
        times: dict[str, list[float]] = {"named": [], "variable": []}
        for round_ in range(args.rounds):
            extraction = extractions[round_ * 7 % len(extractions)]
            graph = article_graph_iri(extraction.article)
            body = "\n".join(extraction_to_ntriples(extraction, known_entities=frozenset()))
            updates = {
                "named": f"DROP SILENT GRAPH <{graph}> ;\n"
                         f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}",
                "variable": f"DROP SILENT GRAPH <{graph}> ;\nINSERT {{ GRAPH ?g {{\n{body}\n}} }}"
                            f" WHERE {{ BIND(<{graph}> AS ?g) }}",
            }
            for kind, update in updates.items():
                started = time.perf_counter()
                store.update(update)
                index.wait()
                assert index.sync(), "the index answers again"
                times[kind].append(time.perf_counter() - started)
        named, variable = (statistics.median(times[k]) for k in ("named", "variable"))
        print(f"graph named by the update: {named * 1000:.1f} ms median "
              f"({', '.join(f'{t * 1000:.1f}' for t in times['named'])})")
        print(f"graph named by a variable (rebuild): {variable * 1000:.1f} ms median "
              f"({', '.join(f'{t * 1000:.1f}' for t in times['variable'])})")
        print(f"rebuild / graph by graph: {variable / named:.0f}x")


if __name__ == "__main__":
    main()
