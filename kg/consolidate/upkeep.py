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

import datetime as dt
import io
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef

from kg.consolidate.entities import Resolution
from kg.consolidate.events import (
    Cluster,
    ResolvedReport,
    bucket_key,
    cluster_reports,
    resolve_report,
)
from kg.consolidate.graph import (
    ENTITY_MERGES_GRAPH,
    cluster_lines,
    event_graph,
    resolution_lines,
)
from kg.consolidate.namecache import current_resolution, settle
from kg.consolidate.policies import (
    all_policies,
    policies_in,
    refresh_policies,
    stored_policy_graphs,
)
from kg.consolidate.reports import (
    ARTICLE_GRAPH_PREFIX,
    EVENT_CLASSES,
    Report,
    article_of_graph,
    chunks,
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
    fresh_reports = read_reports(store, graphs=written) if written else []
    dirty_clusters = clusters_of_entities(store, touched) if touched else set()
    hit = clusters_of_articles(store, map(article_of_graph, written | dropped)) | dirty_clusters
    region = _Region(store, resolution.resolve)
    region.add_clusters(hit)
    region.add_reports(fresh_reports)
    dirty = {report.node for report in fresh_reports}
    dirty |= {node for cluster in dirty_clusters for node in region.stored.get(cluster, ())}
    clusters, settled = region.recluster(set(region.resolved))
    policies = policies_in(store, written | dropped)
    if touched:
        policies |= {iri for iri in touched if iri.startswith(POLICY_PREFIX)}
    summary.policies_split = refresh_policies(store, policies, resolution.resolve)
    fresh = {cluster.node for cluster in clusters}
    for stale in sorted(region.seen - fresh):
        store.delete_graph(URIRef(event_graph(stale)))
        summary.removed += 1
    for cluster in clusters:
        members = {member.report.node for member in cluster.members}
        if cluster.node in settled or (region.stored.get(cluster.node) == members
                                       and cluster.node not in dirty_clusters
                                       and not members & dirty):
            continue
        store.put_graph(URIRef(event_graph(cluster.node)), cluster_lines(cluster))
        summary.written += 1
    settle(store)  # our own writes were derived graphs only: no entity name changed
    summary.reports = len(region.resolved)
    summary.seconds = time.perf_counter() - started
    return summary


class _Region:
    """The stored reports and clusters a refresh reads, and the reclustering of a time range.

    Clustering is sequential in (day, IRI) order, so a change at bucket b cannot alter what
    came before b: the stored clusters' members before the range are pinned (seeds), and the
    range [lo, hi] is reclustered with every stored cluster sharing a blocking group with a
    report in it (closed to a fixed point: a three-way meeting links groups). The range ends
    where the new assignment of buckets hi-1 and hi equals the stored one: a cluster spans at
    most two buckets, so what comes after hi meets exactly the clusters it met before and is
    unchanged. The cost thus follows how far a change propagates in time, not the corpus.
    """

    def __init__(self, store: Store, resolve: Callable[[str], str]) -> None:
        self.store, self.resolve = store, resolve
        self.resolved: dict[str, ResolvedReport] = {}
        self.stored: dict[str, set[str]] = {}  # stored cluster -> its members, as stored
        self.owner: dict[str, str] = {}  # report -> its stored cluster
        self.seen: set[str] = set()  # stored clusters read
        self.groups: set[str] = set()
        self.asked: set[str] = set()  # bucketed keys already looked up

    def add_reports(self, reports: Iterable[Report]) -> None:
        for report in reports:
            if report.node not in self.resolved:
                item = resolve_report(report, self.resolve)
                self.resolved[report.node] = item
                self.groups |= item.groups

    def add_clusters(self, clusters: set[str]) -> None:
        clusters = clusters - self.seen
        if not clusters:
            return
        self.seen |= clusters
        found = cluster_members(self.store, clusters)
        self.stored.update(found)
        for cluster, members in found.items():
            self.owner.update((member, cluster) for member in members)
        wanted = {m for members in found.values() for m in members} - self.resolved.keys()
        if wanted:
            self.add_reports(read_reports(self.store, nodes=wanted))

    def close(self, lo: int, hi: int) -> None:
        """Read every stored cluster with a group of the region in buckets lo-1..hi."""
        while True:
            keys = {bucket_key(group, bucket) for group in self.groups
                    for bucket in range(lo - 1, hi + 1)} - self.asked
            if not keys:
                return
            self.asked |= keys
            self.add_clusters(clusters_with_keys(self.store, keys))

    def recluster(self, changed: set[str]) -> tuple[list[Cluster], set[str]]:
        """(the clusters of the range, the nodes of those left as stored past its end)."""
        finite = [self.resolved[n].bucket for n in changed if self._finite(self.resolved[n])]
        if not finite:  # only reports that can join nothing (no date, no publication date)
            return cluster_reports(self.resolved[n] for n in changed), set()
        # One bucket before (a deleted member may precede what is left of its cluster) and
        # two after (so buckets hi-1 and hi hold no changed report).
        lo, hi = min(finite) - 1, max(finite) + 2
        while True:
            self.close(lo, hi)
            seeds: dict[str, list[ResolvedReport]] = defaultdict(list)
            reports = []
            for node, item in self.resolved.items():
                if not self._finite(item):
                    if node in changed:
                        reports.append(item)
                elif item.bucket < lo and node in self.owner:
                    seeds[self.owner[node]].append(item)
                elif lo <= item.bucket <= hi:
                    reports.append(item)
            clusters = cluster_reports(reports, seeds.values())
            settled = self._settled(clusters, hi)
            if settled is not None:
                return clusters, settled
            hi += 1

    def _settled(self, clusters: list[Cluster], hi: int) -> set[str] | None:
        """The clusters reaching bucket hi, if buckets hi-1 and hi came out as stored."""
        gone = {cluster for cluster, members in self.stored.items()
                if not members <= self.resolved.keys()}
        reaching: set[str] = set()
        for cluster in clusters:
            for member in cluster.members:
                if member.bucket < hi - 1 or not self._finite(member):
                    continue
                if self.owner.get(member.report.node) != cluster.node or cluster.node in gone:
                    return None
                if member.bucket == hi:
                    reaching.add(cluster.node)
        return reaching

    @staticmethod
    def _finite(item: ResolvedReport) -> bool:
        return item.order[0] != dt.date.max


def rebuild(store: Store) -> RefreshSummary:
    """Recompute every consolidated event and entity merge from the article graphs.

    Raises:
        kg.errors.QueryError: the store refused an update.
    """
    started = time.perf_counter()
    summary = RefreshSummary(merges_changed=True)
    resolution = current_resolution(store)
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
    settle(store)
    summary.reports = sum(len(c.members) for c in clusters)
    summary.written, summary.removed = len(clusters), len(old)
    summary.seconds = time.perf_counter() - started
    return summary


def _update_resolution(store: Store, summary: RefreshSummary) -> tuple[Resolution, set[str]]:
    """The current resolution, written if it changed, and the entities whose canonical
    entity changed (with their old and new canonical ones)."""
    resolution = current_resolution(store)
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
