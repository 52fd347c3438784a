"""The knowledge graph as entity-to-entity edges, for neighbourhoods and shortest connections.

An edge is a fact (subject -> object) or an event between two of its agents (participants
pairwise, actor -> target, actor -> proposed), and keeps the sentence it came from.
Edges are fetched from the store a frontier at a time; networkx is imported where used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.models import EVENT_TYPES, PREDICATES
from kg.namespaces import AIKG
from kg.queries import (
    EVIDENCE_PATTERN,
    EVIDENCE_VARS,
    ROLES,
    EvidenceRow,
    entity_id_iri,
    evidence_of,
    iri_values,
    select,
)
from kg.store import EmbeddedStore

if TYPE_CHECKING:
    import networkx as nx

RELATIONS: tuple[str, ...] = PREDICATES + EVENT_TYPES
MAX_PATH_HOPS = 6


@dataclass(frozen=True)
class Edge:
    """A fact or an event linking two entities; `directed` is False for co-participants."""

    source: str
    target: str
    relation: str
    kind: str  # "fact" or "event"
    statement: str
    directed: bool
    confidence: float
    evidence: EvidenceRow


@dataclass
class Neighborhood:
    """Entities around a centre, each with its distance in hops, and the edges between them."""

    center: str
    depth: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


def edges_touching(
    store: EmbeddedStore, nodes: Iterable[str], *, relations: Sequence[str] = ()
) -> list[Edge]:
    """Every edge with at least one end among `nodes` (entity IRIs)."""
    nodes = sorted(set(nodes))
    for relation in relations:
        if relation not in RELATIONS:
            raise InputError(f"unknown relation {relation!r}; "
                             f"expected one of {', '.join(RELATIONS)}")
    predicates = [r for r in relations if r in PREDICATES] if relations else list(PREDICATES)
    event_types = [r for r in relations if r in EVENT_TYPES] if relations else list(EVENT_TYPES)
    if not nodes:
        return []
    edges = _fact_edges(store, nodes, predicates) if predicates else []
    if event_types:
        edges += _event_edges(store, nodes, event_types)
    return edges


def _fact_edges(store: EmbeddedStore, nodes: list[str], predicates: list[str]) -> list[Edge]:
    rows = select(store, f"""SELECT DISTINCT ?node ?s ?p ?o {EVIDENCE_VARS} WHERE {{
        {iri_values("n", nodes)}
        {{ ?node rdf:subject ?n }} UNION {{ ?node rdf:object ?n }}
        ?node a aikg:FactStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        {iri_values("p", (AIKG[p] for p in predicates))}
        {EVIDENCE_PATTERN} }}""")
    return [
        Edge(source=row["s"] or "", target=row["o"] or "",
             relation=(row["p"] or "").rsplit("#", 1)[-1], kind="fact", statement=row["node"] or "",
             directed=True, confidence=float(row["confidence"] or 0), evidence=evidence_of(row))
        for row in rows
    ]


def _event_edges(store: EmbeddedStore, nodes: list[str], event_types: list[str]) -> list[Edge]:
    roles = iri_values("rn", (AIKG[r] for r in ROLES))
    rows = select(store, f"""SELECT DISTINCT ?node ?type ?role ?agent {EVIDENCE_VARS} WHERE {{
        {iri_values("n", nodes)} ?node ?rn ?n . {roles}
        ?node a ?type . {iri_values("type", (AIKG[t] for t in event_types))}
        ?node ?role ?agent . {iri_values("role", (AIKG[r] for r in ROLES))}
        {EVIDENCE_PATTERN} }}""")
    by_event: dict[str, dict[str, set[str]]] = {}
    first_row = {}
    for row in rows:
        node = row["node"] or ""
        role = (row["role"] or "").rsplit("#", 1)[-1]
        by_event.setdefault(node, {}).setdefault(role, set()).add(row["agent"] or "")
        first_row.setdefault(node, row)
    wanted = set(nodes)
    edges = []
    for node, roles_of in by_event.items():
        row = first_row[node]
        pairs = [(a, b, False) for a, b in combinations(sorted(roles_of.get("participant", ())), 2)]
        pairs += [(actor, other, True) for actor in roles_of.get("actor", ())
                  for other in roles_of.get("target", set()) | roles_of.get("proposed", set())]
        edges += [
            Edge(source=a, target=b, relation=(row["type"] or "").rsplit("#", 1)[-1], kind="event",
                 statement=node, directed=directed, confidence=float(row["confidence"] or 0),
                 evidence=evidence_of(row))
            for a, b, directed in pairs if a in wanted or b in wanted
        ]
    return edges


def neighbors(
    store: EmbeddedStore, entity_id: str, *, depth: int = 1, relations: Sequence[str] = ()
) -> Neighborhood:
    """The entities within `depth` hops of an entity, and the edges that reach them."""
    if depth not in (1, 2):
        raise InputError(f"depth must be 1 or 2, not {depth!r}")
    center = entity_id_iri(entity_id)
    hood = Neighborhood(center=center, depth={center: 0})
    frontier, seen_edges = {center}, set()
    for hop in range(1, depth + 1):
        next_frontier: set[str] = set()
        for edge in edges_touching(store, frontier, relations=relations):
            key = (edge.statement, edge.source, edge.target)
            if key in seen_edges:
                continue
            seen_edges.add(key)
            hood.edges.append(edge)
            for end in (edge.source, edge.target):
                if end not in hood.depth:
                    hood.depth[end] = hop
                    next_frontier.add(end)
        frontier = next_frontier
    return hood


def shortest_connection(
    store: EmbeddedStore, source_id: str, target_id: str, *, max_hops: int = MAX_PATH_HOPS,
) -> list[Edge] | None:
    """The edges of a shortest chain from one entity to another, or None within `max_hops`.

    Searches from both ends a frontier at a time, so only the neighbourhoods needed are read.
    """
    import networkx as nx

    source, target = entity_id_iri(source_id), entity_id_iri(target_id)
    if source == target:
        return []
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from((source, target))
    seen = {source: {source}, target: {target}}
    frontiers = {source: {source}, target: {target}}
    for _ in range(max_hops):
        side = min(frontiers, key=lambda end: len(frontiers[end]))
        if not frontiers[side]:
            return None
        new: set[str] = set()
        for edge in edges_touching(store, frontiers[side]):
            _add_edge(graph, edge)
            new.update(n for n in (edge.source, edge.target) if n not in seen[side])
        seen[side] |= new
        frontiers[side] = new
        if seen[source] & seen[target]:
            path = nx.shortest_path(graph, source, target)
            return [_best_edge(graph, u, v) for u, v in pairwise(path)]
    return None


def _add_edge(graph: nx.Graph, edge: Edge) -> None:
    if graph.has_edge(edge.source, edge.target):
        graph[edge.source][edge.target]["edges"].append(edge)
    else:
        graph.add_edge(edge.source, edge.target, edges=[edge])


def _best_edge(graph: nx.Graph, u: str, v: str) -> Edge:
    return max(graph[u][v]["edges"], key=lambda edge: (edge.confidence, edge.statement))
