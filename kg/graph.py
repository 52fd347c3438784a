"""The knowledge graph as entity-to-entity edges: neighbourhoods, paths, networkx projections.

An edge is a fact (subject -> object) or an event between two of its agents (participants
pairwise, actor -> target, actor -> proposed), and keeps the sentence it came from.
Neighbourhoods read the store a frontier at a time; the projections (co-meeting, alliances,
policies, roles) load whole networkx graphs for analytics and for Gephi; networkx is imported
where used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING, BinaryIO

from kg.errors import InputError
from kg.queries import (
    all_edges,
    best_edge_keys,
    edges_by_key,
    entities_by_iri,
    neighbourhood,
    reached,
)
from kg.rdf import entity_key_of
from kg.rows import Edge, Neighborhood, entity_id_iri
from kg.store import Store

if TYPE_CHECKING:
    import networkx as nx

MAX_PATH_HOPS = 6


def neighbors(
    store: Store, entity_id: str, *, depth: int = 1, relations: Sequence[str] = (),
    limit: int | None = None, offset: int = 0,
) -> Neighborhood:
    """The entities within `depth` hops of an entity, and the edges that reach them.

    Every entity is in `depth` (hop by hop, each hop's in IRI order); `edges` is the page
    [offset, offset + limit) of the `edges_total` edges (all of them when `limit` is None),
    hop by hop, facts before events, by statement (kg.sparql.neighbourhood), and only the
    page is read whole: a hub's thousands of edges are counted, not read.

    Raises:
        InputError: depth other than 1 or 2, a negative limit or offset, a malformed id or an
            unknown relation.
    """
    if depth not in (1, 2):
        raise InputError(f"depth must be 1 or 2, not {depth!r}")
    if (limit is not None and limit < 0) or offset < 0:
        raise InputError(f"limit and offset must not be negative, not {limit!r}, {offset!r}")
    center = entity_id_iri(entity_id)
    hops, total, page = neighbourhood(store, center, depth=depth, relations=relations,
                                      limit=limit, offset=offset)
    return Neighborhood(center=center, depth=hops, edges=edges_by_key(store, page),
                        edges_total=total)


def shortest_connection(
    store: Store, source_id: str, target_id: str, *, max_hops: int = MAX_PATH_HOPS,
) -> list[Edge] | None:
    """The edges of a shortest chain from one entity to another, or None within `max_hops`.

    A breadth-first search from both ends, a whole frontier at a time (the smaller one), over
    the entities each step reaches (kg.queries.reached); only the chain's edges are read. Of
    the shortest chains it is the one through the least meeting entity (IRI order), each
    entity reached from the least one before it, and between two entities the edge
    kg.queries.best_edge_keys picks: the same chain whichever answerer reads the store.
    """
    source, target = entity_id_iri(source_id), entity_id_iri(target_id)
    if source == target:
        return []
    ends = (source, target)
    # For each end: entity -> (hops from that end, the entity it was reached from).
    found: dict[str, dict[str, tuple[int, str | None]]] = {end: {end: (0, None)} for end in ends}
    frontiers = {end: [end] for end in ends}
    for _ in range(max_hops):
        side = min(ends, key=lambda end: len(frontiers[end]))
        if not frontiers[side]:
            return None
        hops = found[side][frontiers[side][0]][0] + 1
        new = {far: near for far, near in reached(store, frontiers[side]).items()
               if far not in found[side]}
        found[side].update((far, (hops, near)) for far, near in new.items())
        frontiers[side] = sorted(new)
        meeting = found[source].keys() & found[target].keys()
        if meeting:
            middle = min(meeting, key=lambda node: (
                found[source][node][0] + found[target][node][0], node))
            chain = _chain(found[source], middle)[::-1] + _chain(found[target], middle)[1:]
            return edges_by_key(store, best_edge_keys(store, list(pairwise(chain))))
    return None


def _chain(found: dict[str, tuple[int, str | None]], node: str) -> list[str]:
    """`node`, the entity it was reached from, and so on back to the search's end."""
    chain = [node]
    while (before := found[chain[-1]][1]) is not None:
        chain.append(before)
    return chain


# -- networkx projections ------------------------------------------------------------------
#
# Nodes are entity ids ("company/baidu") with `type`, `label` and `iri`; edges keep their
# relation, kind, date, confidence and the evidence sentence with its article.

class GraphFormat(StrEnum):
    """File formats of `write_graph`; the value is the CLI name."""

    graphml = "graphml"  # Gephi, Cytoscape desktop, yEd
    gexf = "gexf"  # Gephi
    json = "json"  # networkx node-link JSON (d3, Cytoscape.js after a small mapping)


def entity_graph(store: Store) -> nx.MultiDiGraph:
    """Every fact and event as an edge between entities, one edge per statement.

    Fact edges point subject -> object; event edges actor -> target/proposed, and co-participants
    of a meeting or cooperation are joined by one edge (directed=False) per pair.
    """
    import networkx as nx

    graph: nx.MultiDiGraph = nx.MultiDiGraph(name="entities")
    edges = all_edges(store)
    _add_entities(store, graph, (end for edge in edges for end in (edge.source, edge.target)))
    for edge in edges:
        graph.add_edge(_key(edge.source), _key(edge.target), key=edge.statement,
                       **_edge_attributes(edge), evidence_count=1)
    return graph


def co_meeting_graph(store: Store) -> nx.Graph:
    """Agents who met: one edge per pair, `weight` = meetings together, with their topics."""
    import networkx as nx

    graph: nx.Graph = nx.Graph(name="co-meeting")
    edges = [e for e in all_edges(store) if e.relation == "Meeting"]
    _add_entities(store, graph, (end for edge in edges for end in (edge.source, edge.target)))
    for edge in edges:
        u, v = _key(edge.source), _key(edge.target)
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, weight=0, topics=[], meetings=[], dates=[], evidence=[],
                           articles=[])
        data = graph[u][v]
        if edge.statement in data["meetings"]:
            continue
        data["weight"] += 1
        data["evidence_count"] = data["weight"]
        data["meetings"].append(edge.statement)
        data["topics"] = sorted(set(data["topics"]) | set(edge.topics))
        data["evidence"].append(edge.evidence.sentence)
        data["articles"].append(edge.evidence.article_title or edge.evidence.article)
        if edge.date:
            data["dates"].append(edge.date)
    return graph


def alliance_graph(store: Store) -> nx.Graph:
    """Bipartite: organizations (bipartite=0) and alliances (bipartite=1).

    An edge says the organization was a member (`member`) and whether it withdrew (`withdrew`,
    with `withdrawn_on` when dated), with the evidence of each.
    """
    import networkx as nx

    graph: nx.Graph = nx.Graph(name="alliance-membership")
    edges = all_edges(store, relations=["memberOf", "withdrewFrom"])
    _add_entities(store, graph, (edge.source for edge in edges))
    _add_entities(store, graph, (edge.target for edge in edges))
    for edge in edges:
        graph.nodes[_key(edge.source)]["bipartite"] = 0
        graph.nodes[_key(edge.target)]["bipartite"] = 1
    for edge in edges:
        u, v = _key(edge.source), _key(edge.target)
        if not graph.has_edge(u, v):
            graph.add_edge(u, v, member=False, withdrew=False, withdrawn_on=None, evidence=[])
        data = graph[u][v]
        if edge.relation == "memberOf":
            data["member"] = True
        else:
            data["member"] = data["withdrew"] = True
            data["withdrawn_on"] = edge.date or data["withdrawn_on"]
        data["evidence"].append(f"{edge.relation}: {edge.evidence.sentence}")
    return graph


def policy_graph(store: Store) -> nx.DiGraph:
    """Issuer -> policy (`issuedBy`, reversed to read as who issued what) and policy -> target."""
    return _fact_projection(store, "policy-targets", {"issuedBy": True, "targets": False})


def role_graph(store: Store) -> nx.DiGraph:
    """Person -> organization (`roleIn`, with `title`) and government -> parent (`partOf`)."""
    return _fact_projection(store, "person-organization", {"roleIn": False, "partOf": False})


def _fact_projection(store: Store, name: str, predicates: dict[str, bool]) -> nx.DiGraph:
    """A DiGraph of the given fact predicates; `True` means draw the edge object -> subject."""
    import networkx as nx

    graph: nx.DiGraph = nx.DiGraph(name=name)
    edges = all_edges(store, relations=list(predicates))
    _add_entities(store, graph, (end for edge in edges for end in (edge.source, edge.target)))
    for edge in edges:
        u, v = _key(edge.source), _key(edge.target)
        if predicates[edge.relation]:
            u, v = v, u
        if graph.has_edge(u, v):  # the same fact stated by another article: count it
            graph[u][v]["evidence_count"] += 1
            continue
        graph.add_edge(u, v, **_edge_attributes(edge), evidence_count=1)
    return graph


PROJECTIONS: dict[str, Callable[[Store], nx.Graph]] = {
    "entities": entity_graph,
    "co-meeting": co_meeting_graph,
    "alliance-membership": alliance_graph,
    "policy-targets": policy_graph,
    "person-organization": role_graph,
}


def project(store: Store, name: str) -> nx.Graph:
    """The projection called `name` (a key of PROJECTIONS)."""
    if name not in PROJECTIONS:
        raise InputError(f"unknown projection {name!r}; expected one of {', '.join(PROJECTIONS)}")
    return PROJECTIONS[name](store)


def _add_entities(store: Store, graph: nx.Graph, iris: Iterable[str]) -> None:
    wanted = sorted(set(iris))
    known = {row.iri: row for row in entities_by_iri(store, wanted)}
    for iri in wanted:
        row = known.get(iri)
        key = _key(iri)
        if key not in graph:
            graph.add_node(key, iri=iri, label=row.label if row else key.rsplit("/", 1)[-1],
                           type=row.type if row else key.split("/", 1)[0].capitalize())


def _edge_attributes(edge: Edge) -> dict[str, object]:
    attributes: dict[str, object] = {
        "relation": edge.relation, "kind": edge.kind, "statement": edge.statement,
        "directed": edge.directed, "confidence": edge.confidence,
        "evidence": edge.evidence.sentence, "article": edge.evidence.article,
        "article_title": edge.evidence.article_title, "date": edge.date, "title": edge.title,
        "topics": list(edge.topics)}
    return attributes


def _key(iri: str) -> str:
    return entity_key_of(iri) or iri


# -- analytics -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Centrality:
    node: str
    label: str
    degree: int
    degree_centrality: float
    betweenness: float


def centrality(graph: nx.Graph) -> list[Centrality]:
    """Degree and betweenness of every node (on the undirected simple graph), most central first."""
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    degree = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    betweenness = nx.betweenness_centrality(simple)
    rows = [Centrality(node=n, label=str(graph.nodes[n].get("label", n)), degree=simple.degree(n),
                       degree_centrality=degree[n], betweenness=betweenness[n]) for n in simple]
    return sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.node))


def communities(graph: nx.Graph, *, weight: str | None = "weight") -> list[list[str]]:
    """Groups of densely linked nodes (greedy modularity), largest first; deterministic."""
    import networkx as nx

    simple = nx.Graph(graph.to_undirected(as_view=True))
    if simple.number_of_edges() == 0:
        return [[n] for n in sorted(simple)]
    found = nx.community.greedy_modularity_communities(
        simple, weight=weight if weight and _has_edge_attribute(simple, weight) else None)
    return sorted((sorted(group) for group in found), key=lambda g: (-len(g), g))


@dataclass(frozen=True)
class Hop:
    """One step of a path: the edge between two entities and the sentence that states it."""

    source: str
    target: str
    relation: str
    evidence: str
    article_title: str | None
    date: str | None


def evidence_path(graph: nx.Graph, source: str, target: str) -> list[Hop]:
    """A shortest chain of edges between two nodes (any direction), each hop with its evidence.

    Raises InputError for an unknown node; returns [] when source == target and raises
    InputError when no chain exists.
    """
    import networkx as nx

    for node in (source, target):
        if node not in graph:
            raise InputError(f"no node {node!r} in the {graph.name or 'graph'} graph")
    undirected = graph.to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(undirected, source, target)
    except nx.NetworkXNoPath:
        raise InputError(f"no path between {source!r} and {target!r}") from None
    return [_hop(graph, u, v) for u, v in pairwise(nodes)]


def _hop(graph: nx.Graph, u: str, v: str) -> Hop:
    candidates = []
    for a, b in ((u, v), (v, u)):
        if graph.has_edge(a, b):
            data = graph.get_edge_data(a, b)
            candidates += list(data.values()) if graph.is_multigraph() else [data]
    best = max(candidates, key=lambda d: (float(d.get("confidence") or 0), str(d.get("statement"))))
    evidence = best.get("evidence")
    if isinstance(evidence, list):
        evidence = evidence[0] if evidence else ""
    return Hop(source=u, target=v, relation=str(best.get("relation", graph.name or "")),
               evidence=str(evidence or ""), article_title=best.get("article_title"),
               date=best.get("date"))


def ego_network(graph: nx.Graph, center: str, *, radius: int = 1) -> nx.Graph:
    """The nodes within `radius` hops of `center` (edges in either direction) and their edges."""
    import networkx as nx

    if center not in graph:
        raise InputError(f"no node {center!r} in the {graph.name or 'graph'} graph")
    return nx.ego_graph(graph, center, radius=radius, undirected=True)


def _has_edge_attribute(graph: nx.Graph, name: str) -> bool:
    return any(name in data for _, _, data in graph.edges(data=True))


# -- files for Gephi and other tools -------------------------------------------------------

def write_graph(graph: nx.Graph, output: BinaryIO, fmt: GraphFormat | str) -> None:
    """Serialize a projection; lists become '; '-joined strings in GraphML and GEXF."""
    import networkx as nx

    try:
        fmt = GraphFormat(fmt)
    except ValueError:
        raise InputError(f"unsupported format {fmt!r}; "
                         f"expected one of {', '.join(GraphFormat)}") from None
    if fmt is GraphFormat.json:
        data = nx.node_link_data(graph, edges="links")
        output.write(json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
        return
    flat = _flatten(graph)
    if fmt is GraphFormat.graphml:
        nx.write_graphml(flat, output, named_key_ids=True)
    else:
        nx.write_gexf(flat, output)


def _flatten(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all str/int/float/bool (what GraphML and GEXF can hold), and
    whose strings hold only characters XML 1.0 can carry (an article may hold U+000B)."""
    flat = graph.__class__()
    flat.graph.update({"name": xml_safe(str(graph.name))})

    def simple(data: dict[str, object]) -> dict[str, object]:
        out = {}
        for name, value in data.items():
            if value is None:
                continue
            if isinstance(value, list | tuple | set):
                value = "; ".join(str(v) for v in value)
            out[name] = xml_safe(value) if isinstance(value, str) else value
        return out

    flat.add_nodes_from((n, simple(d)) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():
        flat.add_edges_from((u, v, k, simple(d))
                            for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        flat.add_edges_from((u, v, simple(d)) for u, v, d in graph.edges(data=True))
    return flat


# Characters XML 1.0 cannot carry, even as character references: C0 controls other than tab,
# LF and CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with each character XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
