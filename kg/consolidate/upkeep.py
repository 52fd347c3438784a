"""Keeping the derived graphs in step with the article graphs: full rebuild and refresh.

`refresh(store, written=..., dropped=...)` recomputes only the consolidated events that the
written or dropped article graphs touch: the clusters derived from those articles, those
naming an entity whose resolution changed, and, transitively, every stored cluster sharing a
blocking key with a report in play (so the reclustered set is closed and equals what a full
rebuild would give). `refresh(store)` with no graphs diffs the derived graphs against the
store first (reports not yet consolidated, members whose article is gone), which is how a
fresh process catches up. `rebuild(store)` recomputes everything.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef

from kg.consolidate.entities import Resolution, resolve_entities
from kg.consolidate.events import ResolvedReport, cluster_reports, resolve_report
from kg.consolidate.graph import (
    ENTITY_MERGES_GRAPH,
    cluster_lines,
    event_graph,
    resolution_lines,
)
from kg.consolidate.policies import (
    all_policies,
    policies_in,
    refresh_policies,
    stored_policy_graphs,
)
from kg.consolidate.reports import (
    ARTICLE_GRAPH_PREFIX,
    EVENT_CLASSES,
    article_of_graph,
    chunks,
    read_entity_names,
    read_reports,
    select,
)
from kg.consolidate.state import (
    cluster_members,
    clusters_of_articles,
    clusters_of_entities,
    clusters_with_keys,
    consolidated_graphs,
    stored_resolution,
)
from kg.namespaces import ARTICLE, ID
from kg.store import Store

POLICY_PREFIX = str(ID["policy/"])
#: Graphs dropped per SPARQL Update in a full rebuild.
REBUILD_BATCH = 500


@dataclass
class RefreshSummary:
    """What a refresh or rebuild did: reports reclustered, events written and removed."""

    reports: int = 0
    written: int = 0
    removed: int = 0
    merges_changed: bool = False
    policies_split: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (f"consolidated {self.reports} report(s): {self.written} event(s) written, "
                f"{self.removed} removed in {self.seconds:.2f}s")


def graph_of_report(node: str) -> str:
    """The article graph a report node was minted in (ARTICLE[f"{hash}/event/{i}"])."""
    digest = node[len(str(ARTICLE)):].split("/", 1)[0]
    return ARTICLE_GRAPH_PREFIX + digest


def refresh(store: Store, *, written: Iterable[str] | None = None,
            dropped: Iterable[str] = ()) -> RefreshSummary:
    """Bring the derived graphs up to date after article graphs were written or dropped.

    Args:
        written: article graph IRIs written (added or replaced); None (with no `dropped`)
            diffs the derived graphs against the store instead. A store never consolidated
            before is rebuilt whole.
        dropped: article graph IRIs removed (deleted, or replaced under a new IRI).
    Raises:
        kg.errors.StoreError: a derived graph could not be written; the article graphs are
            untouched, and the next refresh repairs the derived ones.
    """
    started = time.perf_counter()
    if not _consolidated_yet(store):
        # A store that was never consolidated (older, or filled with consolidate=False):
        # the written graphs' reports may share events with any older report.
        return rebuild(store)
    if written is None and not dropped:
        written, dropped = _diff(store)
    written, dropped = set(written or ()), set(dropped)
    summary = RefreshSummary()
    resolution, touched = _update_resolution(store, summary)
    reports = {r.node: r for r in read_reports(store, graphs=written)} if written else {}
    seen = clusters_of_articles(store, map(article_of_graph, written | dropped))
    if touched:
        seen |= clusters_of_entities(store, touched)
    resolved: dict[str, ResolvedReport] = {}
    stored: dict[str, set[str]] = {}  # stored cluster -> its members, as the store says
    dirty = set(reports) | (clusters_of_entities(store, touched) if touched else set())
    frontier, keys_done = set(seen), set[str]()
    while True:
        found = cluster_members(store, frontier)
        stored.update(found)
        wanted = {m for nodes in found.values() for m in nodes} - reports.keys()
        if wanted:
            reports.update((r.node, r) for r in read_reports(store, nodes=wanted))
        for node, report in reports.items():
            if node not in resolved:
                resolved[node] = resolve_report(report, resolution.resolve)
        keys = {key for item in resolved.values() for key in item.keys} - keys_done
        keys_done |= keys
        frontier = clusters_with_keys(store, keys) - seen if keys else set()
        if not frontier:
            break
        seen |= frontier
    policies = policies_in(store, written | dropped)
    if touched:
        policies |= {iri for iri in touched if iri.startswith(POLICY_PREFIX)}
    summary.policies_split = refresh_policies(store, policies, resolution.resolve)
    clusters = cluster_reports(resolved.values())
    fresh = {cluster.node for cluster in clusters}
    for stale in sorted(seen - fresh):
        store.delete_graph(URIRef(event_graph(stale)))
        summary.removed += 1
    for cluster in clusters:
        members = {member.report.node for member in cluster.members}
        # Pulled in only through a shared key and unchanged: its graph is already right.
        if stored.get(cluster.node) == members and cluster.node not in dirty \
                and not members & dirty:
            continue
        store.put_graph(URIRef(event_graph(cluster.node)), cluster_lines(cluster))
        summary.written += 1
    summary.reports = len(resolved)
    summary.seconds = time.perf_counter() - started
    return summary


def rebuild(store: Store) -> RefreshSummary:
    """Recompute every consolidated event and entity merge from the article graphs.

    Raises:
        kg.errors.QueryError: the store refused an update.
    """
    started = time.perf_counter()
    summary = RefreshSummary(merges_changed=True)
    resolution = resolve_entities(read_entity_names(store))
    old = sorted(consolidated_graphs(store))
    for batch in chunks(old, REBUILD_BATCH):
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{graph}>" for graph in batch))
    _write_resolution(store, resolution)
    clusters = cluster_reports(resolve_report(report, resolution.resolve)
                               for report in read_reports(store))
    # Oxigraph's bulk loader: ~10x faster than INSERT DATA, not atomic (a rebuild can rerun).
    quads = io.BytesIO()
    for cluster in clusters:
        suffix = f" <{event_graph(cluster.node)}> .\n"
        quads.write("".join(line[:-2] + suffix for line in cluster_lines(cluster)).encode())
    quads.seek(0)
    if clusters:
        store.bulk_load(quads)
    for graph in stored_policy_graphs(store):
        store.delete_graph(URIRef(graph))
    summary.policies_split = refresh_policies(store, all_policies(store), resolution.resolve)
    store.flush()
    summary.reports = sum(len(c.members) for c in clusters)
    summary.written, summary.removed = len(clusters), len(old)
    summary.seconds = time.perf_counter() - started
    return summary


def _update_resolution(store: Store, summary: RefreshSummary) -> tuple[Resolution, set[str]]:
    """The current resolution, written if it changed, and the entities whose canonical
    entity changed (with their old and new canonical ones)."""
    resolution = resolve_entities(read_entity_names(store))
    old = stored_resolution(store)
    changed = {iri for iri in old.keys() | resolution.canonical.keys()
               if old.get(iri, iri) != resolution.resolve(iri)}
    if changed or not _merges_match(store, resolution):
        _write_resolution(store, resolution)
        summary.merges_changed = True
    touched = changed | {old[iri] for iri in changed if iri in old} \
        | {resolution.resolve(iri) for iri in changed}
    return resolution, touched


def _merges_match(store: Store, resolution: Resolution) -> bool:
    rows = select(store, f"""SELECT (COUNT(*) AS ?n) WHERE {{
        GRAPH <{ENTITY_MERGES_GRAPH}> {{ ?s ?p ?o }} }}""")
    return int(next(iter(rows))[0] or 0) == len(resolution_lines(resolution))


def _write_resolution(store: Store, resolution: Resolution) -> None:
    lines = resolution_lines(resolution)
    if lines:
        store.put_graph(URIRef(ENTITY_MERGES_GRAPH), lines)
    else:
        store.delete_graph(URIRef(ENTITY_MERGES_GRAPH))


def _consolidated_yet(store: Store) -> bool:
    return any(True for _ in select(store, """SELECT ?c WHERE { GRAPH ?g {
        ?c a aikg:ConsolidatedEvent } } LIMIT 1""")) or bool(stored_resolution(store))


def _diff(store: Store) -> tuple[set[str], set[str]]:
    """(article graphs with reports not consolidated, article graphs of members now gone)."""
    members = {m for nodes in cluster_members(store).values() for m in nodes}
    present = _report_graphs(store)
    written = {present[node] for node in present.keys() - members}
    return written, {graph_of_report(node) for node in members - present.keys()}


def _report_graphs(store: Store) -> dict[str, str]:
    """Every report node in the store -> its article graph."""
    return {node: graph for graph, node in select(store, f"""SELECT DISTINCT ?g ?e WHERE {{
        GRAPH ?g {{ ?e a ?t VALUES ?t {{ {EVENT_CLASSES} }} }} }}""")
        if graph.startswith(ARTICLE_GRAPH_PREFIX)}
