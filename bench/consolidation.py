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
It also times the rebuild, one incremental refresh of the last 1% of articles but one, then
one of the very last article alone (the per-article cost of keeping up), and the time a
whole read of the entity names takes (what each refresh paid before
kg.consolidate.namecache); then checks that the refreshed clusters equal a rebuild's
(`--no-check` skips that second rebuild at large sizes).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from collections import Counter
from collections.abc import Hashable, Mapping
from pathlib import Path

from rdflib import URIRef

from bench.corpus import iter_corpus_with_clusters
from bench.dataset import iter_nquads
from kg.consolidate import consolidated_events, rebuild, refresh
from kg.consolidate.entities import resolve_entities
from kg.consolidate.read import canonical_entities
from kg.consolidate.reports import read_entity_names
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


def measure(size: int, *, seed: int = 0, workers: int = 2, check: bool = True,
            profile: bool = False) -> dict[str, object]:
    events_gold, entities_gold = gold_clusters(size, seed)
    held_back = max(2, size // 100)
    with tempfile.TemporaryDirectory() as tmp:
        data, late, last = (Path(tmp) / name for name in ("data.nq", "late.nq", "last.nq"))
        late_graphs = [f"<{article_graph_iri(article)}>" for article, _, _ in
                       iter_corpus_with_clusters(held_back, seed=seed, start=size - held_back)]
        last_graph = late_graphs.pop()
        with data.open("w", encoding="utf-8") as early_out, \
                late.open("w", encoding="utf-8") as late_out, \
                last.open("w", encoding="utf-8") as last_out:
            outs = {graph: late_out for graph in late_graphs} | {last_graph: last_out}
            for text in iter_nquads(size, seed=seed, workers=workers):
                for line in text.splitlines(keepends=True):
                    outs.get(line.rsplit(" ", 2)[-2], early_out).write(line)
        with EmbeddedStore(Path(tmp) / "store") as store:
            store.bulk_load(data)
            started = time.perf_counter()
            built = rebuild(store)
            rebuild_seconds = time.perf_counter() - started
            put_articles(store, late)
            started = time.perf_counter()
            refreshed = refresh(store, written=[g.strip("<>") for g in late_graphs])
            refresh_seconds = time.perf_counter() - started
            put_articles(store, last)
            profiler = cProfile.Profile() if profile else None
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            one = refresh(store, written=[last_graph.strip("<>")])
            one_seconds = time.perf_counter() - started
            if profiler is not None:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(
                    r"kg/consolidate", 25)
            started = time.perf_counter()
            resolve_entities(read_entity_names(store))
            names_seconds = time.perf_counter() - started
            incremental = consolidated_events(store)
            predicted_events = {report: event.node for event in incremental
                                for report in event.reports}
            canonical = canonical_entities(store)
            equal: object = "not checked"
            if check:
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
        "late articles": held_back - 1,
        "refresh 1 article seconds": one_seconds, "refresh 1 article reports": one.reports,
        "entity names read whole": names_seconds, "refresh equals rebuild": equal,
    }


def put_articles(store: EmbeddedStore, quads: Path) -> None:
    """Write each article graph of an N-Quads file with put_graph, as kg.ingest does (the
    store's change log then names them, as after an ingest; a bulk load names nothing)."""
    graphs: dict[str, list[str]] = {}
    with quads.open(encoding="utf-8") as lines:
        for line in lines:
            triple, graph, _ = line.rsplit(" ", 2)
            graphs.setdefault(graph.strip("<>"), []).append(triple + " .")
    for graph, triples in graphs.items():
        store.put_graph(URIRef(graph), triples)


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
            lines.append(f"  {name:<26} precision {value[0]:.4f}  recall {value[1]:.4f}")
        elif isinstance(value, float):
            lines.append(f"  {name:<26} {value:.3f}")
        else:
            lines.append(f"  {name:<26} {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ingest", type=int, metavar="N",
                        help="also time a full ingest of N articles with and without it")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true",
                        help="print where the one-article refresh spends its time")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the second rebuild that checks refresh == rebuild")
    args = parser.parse_args(argv)
    if args.ingest:
        print(ingest_overhead(args.ingest, args.rounds, seed=args.seed), flush=True)
        return 0
    for size in args.articles:
        print(f"{size} articles (seed {args.seed}):")
        print(report(measure(size, seed=args.seed, check=not args.no_check,
                                    profile=args.profile)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
