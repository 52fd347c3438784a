"""How well consolidation clusters reports and names, on the synthetic corpus with gold.

    .venv/bin/python -m bench.consolidation --articles 1000 10000
    .venv/bin/python -m bench.consolidation --ingest 100 --rounds 3   # ingest cost, A/B

The gold extraction of each article (bench.corpus) goes through kg.rdf into a real on-disk
store (bench.dataset's path: the graphs `kg ingest` would write, without spaCy), so the
scores measure clustering alone, not extraction errors. Then `kg.consolidate.rebuild` runs,
and its clusters are scored against the corpus's gold clusters ("clusters" in gold.jsonl):

- events: every report event; gold cluster = its story, or itself if no story;
- entities: every entity in an event; gold cluster = the unknown company it names, or itself.

Pairwise precision/recall (pairs of items put together) and B-cubed (per item, averaged).
It also times the rebuild and one incremental refresh (the last 1% of articles added), and
checks that the refresh equals a rebuild.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Mapping
from pathlib import Path

from bench.corpus import iter_corpus_with_clusters
from bench.dataset import iter_nquads
from kg.consolidate import consolidated_events, rebuild, refresh
from kg.consolidate.read import canonical_entities
from kg.namespaces import ARTICLE, ID
from kg.rdf import article_graph_iri
from kg.store import EmbeddedStore


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
             ) -> tuple[float, float]:
    """Precision and recall of the pairs of items each clustering puts together."""
    def pairs(counts: Counter[Hashable]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((predicted[item], gold[item]) for item in gold))
    found, wanted = pairs(Counter(predicted[i] for i in gold)), pairs(Counter(gold.values()))
    return (both / found if found else 1.0), (both / wanted if wanted else 1.0)


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
           ) -> tuple[float, float]:
    """B-cubed precision and recall (Bagga & Baldwin 1998), averaged over items."""
    cells = Counter((predicted[item], gold[item]) for item in gold)
    by_predicted = Counter(predicted[item] for item in gold)
    by_gold = Counter(gold.values())
    precision = sum(cells[(predicted[i], gold[i])] / by_predicted[predicted[i]] for i in gold)
    recall = sum(cells[(predicted[i], gold[i])] / by_gold[gold[i]] for i in gold)
    return precision / len(gold), recall / len(gold)


def gold_clusters(size: int, seed: int) -> tuple[dict[str, str], dict[str, str]]:
    """(report event IRI -> gold event cluster, entity IRI -> gold entity cluster)."""
    events: dict[str, str] = {}
    entities: dict[str, str] = {}
    for article, extraction, clusters in iter_corpus_with_clusters(size, seed=seed):
        for index, (event, story) in enumerate(zip(extraction.events, clusters.events,
                                                   strict=True)):
            node = str(ARTICLE[f"{article.hash}/event/{index}"])
            events[node] = story or node
            for key in (*event.participants, event.actor, event.target, event.proposed):
                if key:
                    entities[str(ID[key])] = clusters.entities.get(key, key)
    return events, entities


def measure(size: int, *, seed: int = 0, workers: int = 2) -> dict[str, object]:
    events_gold, entities_gold = gold_clusters(size, seed)
    held_back = max(1, size // 100)
    with tempfile.TemporaryDirectory() as tmp:
        data, late = Path(tmp) / "data.nq", Path(tmp) / "late.nq"
        late_graphs = {f"<{article_graph_iri(article)}>" for article, _, _ in
                       iter_corpus_with_clusters(held_back, seed=seed, start=size - held_back)}
        with data.open("w", encoding="utf-8") as early_out, \
                late.open("w", encoding="utf-8") as late_out:
            for text in iter_nquads(size, seed=seed, workers=workers):
                for line in text.splitlines(keepends=True):
                    is_late = line.rsplit(" ", 2)[-2] in late_graphs
                    (late_out if is_late else early_out).write(line)
        with EmbeddedStore(Path(tmp) / "store") as store:
            store.bulk_load(data)
            started = time.perf_counter()
            built = rebuild(store)
            rebuild_seconds = time.perf_counter() - started
            store.bulk_load(late)
            started = time.perf_counter()
            refreshed = refresh(store, written=[g.strip("<>") for g in late_graphs])
            refresh_seconds = time.perf_counter() - started
            incremental = consolidated_events(store)
            predicted_events = {report: event.node for event in incremental
                                for report in event.reports}
            canonical = canonical_entities(store)
            rebuild(store)
            equal = consolidated_events(store) == incremental
    predicted_entities = {iri: canonical.get(iri, iri) for iri in entities_gold}
    missing = set(events_gold) - set(predicted_events)
    predicted_events.update({node: node for node in missing})
    stories = Counter(events_gold.values())
    return {
        "articles": size, "reports": len(events_gold), "unconsolidated": len(missing),
        "gold events": len(stories), "consolidated events": len(set(predicted_events.values())),
        "events pairwise": pairwise(predicted_events, events_gold),
        "events b-cubed": bcubed(predicted_events, events_gold),
        "entities": len(entities_gold),
        "entities pairwise": pairwise(predicted_entities, entities_gold),
        "entities b-cubed": bcubed(predicted_entities, entities_gold),
        "rebuild seconds": rebuild_seconds, "rebuild reports": built.reports,
        "refresh seconds": refresh_seconds, "refresh reports": refreshed.reports,
        "late articles": held_back, "refresh equals rebuild": equal,
    }


def ingest_overhead(size: int, rounds: int, *, seed: int = 0) -> str:
    """Full ingest (spaCy extraction included) of `size` synthetic articles into a fresh store,
    with and without consolidation, alternating within each round; best of `rounds`."""
    from kg.extract import extract_articles
    from kg.ingest import ingest_articles
    from kg.nlp import load_pipeline

    articles = [article for article, _, _ in iter_corpus_with_clusters(size, seed=seed)]
    load_pipeline()
    list(extract_articles(articles[:2]))  # warm up
    best = {False: float("inf"), True: float("inf")}
    for _ in range(rounds):
        for consolidate in (False, True):
            with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "s") as store:
                started = time.perf_counter()
                ingest_articles(store, articles, consolidate=consolidate)
                best[consolidate] = min(best[consolidate], time.perf_counter() - started)
    return (f"ingest {size} articles, best of {rounds}: without consolidation "
            f"{best[False]:.2f}s, with {best[True]:.2f}s "
            f"({(best[True] / best[False] - 1) * 100:+.1f}%)")


def report(result: dict[str, object]) -> str:
    lines = []
    for name, value in result.items():
        if isinstance(value, tuple):
            lines.append(f"  {name:<24} precision {value[0]:.4f}  recall {value[1]:.4f}")
        elif isinstance(value, float):
            lines.append(f"  {name:<24} {value:.2f}")
        else:
            lines.append(f"  {name:<24} {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ingest", type=int, metavar="N",
                        help="also time a full ingest of N articles with and without it")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.ingest:
        print(ingest_overhead(args.ingest, args.rounds, seed=args.seed), flush=True)
        return 0
    for size in args.articles:
        print(f"{size} articles (seed {args.seed}):")
        print(report(measure(size, seed=args.seed)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
