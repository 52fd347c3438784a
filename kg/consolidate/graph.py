"""Consolidated events and entity merges as RDF: the derived graphs and their IRIs.

One named graph per consolidated event (GRAPH["consolidated/event/<digest>"], holding the
node BASE + "consolidated/event/<digest>"), so a cluster is replaced or removed in one
transaction with Store.put_graph / delete_graph, and the store's change log names exactly
the clusters that changed (an attached index refreshes only those). The entity merges are
one graph, GRAPH["consolidated/entities"], rewritten when the resolution changes. The shape
is documented in docs/consolidation.md.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg.consolidate.entities import Merge, Resolution
from kg.consolidate.events import EVENT_BASE, Cluster
from kg.namespaces import AIKG, BASE, GRAPH
from kg.rdf import date_literal

EVENT_GRAPH_BASE = str(GRAPH["consolidated/event/"])
ENTITY_MERGES_GRAPH = str(GRAPH["consolidated/entities"])
MERGE_BASE = BASE + "consolidated/merge/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")


def _aikg(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(AIKG[name]))


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(_XSD + datatype))


def event_graph(node: str) -> str:
    """The named graph of a consolidated event node."""
    return EVENT_GRAPH_BASE + node[len(EVENT_BASE):]


def event_node_of_graph(graph: str) -> str:
    return EVENT_BASE + graph[len(EVENT_GRAPH_BASE):]


def cluster_lines(cluster: Cluster) -> list[str]:
    """The N-Triples of one consolidated event (see docs/consolidation.md for the shape)."""
    return [f"{ox.Triple(*triple)} ." for triple in dict.fromkeys(_cluster_triples(cluster))]


def _cluster_triples(cluster: Cluster) -> Iterator[tuple[ox.NamedNode, ox.NamedNode,
                                                         ox.NamedNode | ox.Literal]]:
    node = ox.NamedNode(cluster.node)
    reports = [member.report for member in cluster.members]
    yield node, _RDF_TYPE, _aikg("ConsolidatedEvent")
    yield node, _aikg("eventClass"), _aikg(cluster.type)
    for member in cluster.members:
        yield node, _aikg("consolidates"), ox.NamedNode(member.report.node)
        for role, iri in sorted(member.roles):
            yield node, _aikg(role), ox.NamedNode(iri)
    for key in sorted(cluster.keys):
        yield node, _aikg("blockKey"), ox.Literal(key)
    for topic in sorted({t for report in reports for t in report.topics}):
        yield node, _aikg("topic"), ox.NamedNode(topic)
    for date in sorted({report.date for report in reports if report.date}):
        literal = date_literal(date)
        if literal is not None:
            yield node, _aikg("date"), literal
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        if report.location:
            spellings[" ".join(report.location.casefold().split())][report.location] += 1
    # one value per place, in its most reported spelling ("Woodside" over "woodside")
    places = [min(found, key=lambda s, found=found: (-found[s], s))  # type: ignore[misc]
              for found in spellings.values()]
    for place in sorted(places):
        yield node, _aikg("location"), ox.Literal(place)
    articles = sorted({report.article for report in reports if report.article})
    for article in articles:
        yield node, _DERIVED_FROM, ox.NamedNode(article)
    yield node, _aikg("reportCount"), _typed(str(len(reports)), "integer")
    yield node, _aikg("sourceCount"), _typed(str(len(articles)), "integer")
    published = sorted(report.published for report in reports if report.published)
    if published:
        yield node, _aikg("firstReported"), _typed(published[0].isoformat(), "date")
        yield node, _aikg("lastReported"), _typed(published[-1].isoformat(), "date")


def merge_node(merge: Merge) -> str:
    return MERGE_BASE + hashlib.sha256(
        f"{merge.entity} {merge.matched}".encode()).hexdigest()[:24]


def resolution_lines(resolution: Resolution) -> list[str]:
    """The entity merges graph: `e aikg:sameEntityAs canonical` for every merged entity, and
    one aikg:EntityMerge node per union with its rule and score."""
    triples: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = []
    for entity, canonical in sorted(resolution.canonical.items()):
        triples.append((ox.NamedNode(entity), _aikg("sameEntityAs"), ox.NamedNode(canonical)))
    for merge in resolution.merges:
        node = ox.NamedNode(merge_node(merge))
        triples += [
            (node, _RDF_TYPE, _aikg("EntityMerge")),
            (node, _aikg("mergedEntity"), ox.NamedNode(merge.entity)),
            (node, _aikg("mergedWith"), ox.NamedNode(merge.matched)),
            (node, _aikg("mergeRule"), ox.Literal(merge.rule)),
            (node, _aikg("mergeScore"), _typed(format(merge.score, ".1f"), "decimal")),
        ]
    return [f"{ox.Triple(*triple)} ." for triple in triples]
